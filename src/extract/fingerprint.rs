//! Near-duplicate fingerprints: a 64-bit SimHash of an article body over word pairs (two-word shingles).
//!
//! Two bodies that share most of their word pairs get fingerprints a few bits apart;
//! unrelated bodies differ in about half of the 64 bits. Search groups hits whose
//! fingerprints are within [`NEAR_DUPLICATE_BITS`] of each other (chosen by measurement:
//! `cargo run --release --example dedup_eval`, results in the README).

/// Words per shingle.
const SHINGLE: usize = 2;

/// Hamming distance at or below which two articles are the same story.
pub const NEAR_DUPLICATE_BITS: u32 = 16;

/// Bodies with fewer words than this get no fingerprint (0): too short to compare.
pub const MIN_WORDS: usize = 8;

/// The SimHash of `body`; 0 for a body too short to fingerprint.
pub fn simhash(body: &str) -> u64 {
    // Lower-cased words, end to end in one buffer, so no word is allocated on its own.
    let mut lower = String::with_capacity(body.len());
    let mut words: Vec<(usize, usize)> = Vec::new();
    for word in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let start = lower.len();
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.push_str(&word.to_lowercase());
        }
        words.push((start, lower.len()));
    }
    if words.len() < MIN_WORDS {
        return 0;
    }
    // Per bit, how many shingle hashes have it set; a bit of the SimHash is set when more
    // than half do (the usual +1/-1 vote, counted branch-free so the loop vectorises).
    let mut ones = [0u32; 64];
    let mut shingles = 0u32;
    for shingle in words.windows(SHINGLE) {
        let h = shingle_hash(shingle.iter().map(|&(a, b)| &lower[a..b]));
        for (bit, count) in ones.iter_mut().enumerate() {
            *count += (h >> bit & 1) as u32;
        }
        shingles += 1;
    }
    let mut out = 0u64;
    for (bit, count) in ones.iter().enumerate() {
        if count * 2 > shingles {
            out |= 1 << bit;
        }
    }
    // 0 means "no fingerprint"; a real all-zero hash is vanishingly rare.
    out.max(1)
}

/// Number of differing bits.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Whether two fingerprints are of the same story (both must exist).
pub fn near_duplicates(a: u64, b: u64, max_bits: u32) -> bool {
    a != 0 && b != 0 && distance(a, b) <= max_bits
}

/// FNV-1a over the words (with a separator), finished with splitmix64 so every output bit
/// depends on every input byte. Stable across runs and platforms: it is stored in the index.
fn shingle_hash<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Air strikes and rocket fire hit a field clinic and a crowded bus \
        station in the divided city of Aleppo overnight, killing at least 31 people, rescue \
        workers and a medical charity said on Tuesday, in some of the heaviest violence the \
        city has seen since the truce began in February.";

    /// The straightforward form (one String per word) the fast one must agree with.
    fn reference_simhash(body: &str) -> u64 {
        let words: Vec<String> = body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < MIN_WORDS {
            return 0;
        }
        let mut weights = [0i32; 64];
        for shingle in words.windows(SHINGLE) {
            let h = shingle_hash(shingle.iter().map(String::as_str));
            for (bit, w) in weights.iter_mut().enumerate() {
                *w += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        let bits = weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit);
        bits.max(1)
    }

    #[test]
    fn buffered_words_hash_like_separate_words() {
        let greek = "ΟΔΥΣΣΕΥΣ ΚΑΙ ΑΘΗΝΑ σε ΤΗΝ Αθήνα ΣΉΜΕΡΑ για ΤΙΣ εκλογές ΚΑΙ τους ΨΗΦΟΦΌΡΟΥΣ";
        for text in [
            STORY,
            greek,
            "Zürich ÉLECTIONS à Genève: les électeurs sont appelés aux urnes",
        ] {
            assert_eq!(simhash(text), reference_simhash(text), "{text}");
        }
    }

    #[test]
    fn small_edit_stays_close_and_other_text_is_far() {
        let edited = STORY
            .replace("at least 31", "at least 32")
            .replace("Tuesday", "Wednesday");
        assert!(distance(simhash(STORY), simhash(&edited)) <= NEAR_DUPLICATE_BITS);
        let other = "Oil prices rose for a second week on hopes that producers inside and \
            outside OPEC would agree to freeze output at January levels, traders said, \
            although stockpiles in the United States hit another record high.";
        assert!(distance(simhash(STORY), simhash(other)) > NEAR_DUPLICATE_BITS);
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        assert_eq!(
            simhash(STORY),
            simhash(&STORY.to_uppercase().replace(',', " ;"))
        );
    }

    #[test]
    fn short_body_has_no_fingerprint() {
        assert_eq!(simhash("Too short."), 0);
        assert!(!near_duplicates(0, 0, 64));
    }

    #[test]
    fn fingerprint_is_stable() {
        // Stored in indexes: a change here needs a schema version bump. The value was
        // computed independently (a Python port of the same FNV-1a + splitmix64 SimHash).
        assert_eq!(
            simhash("one two three four five six seven eight"),
            0x3629_8b24_13d4_924f
        );
    }
}
