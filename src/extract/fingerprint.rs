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
    // Each word is hashed once (lower-cased on the fly); a shingle's hash combines its
    // words' hashes, so no word is copied or hashed twice.
    let mut words: Vec<u64> = Vec::with_capacity(body.len() / 5);
    for word in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words.push(word_hash(word));
    }
    if words.len() < MIN_WORDS {
        return 0;
    }
    let mut votes = Votes::default();
    for shingle in words.windows(SHINGLE) {
        votes.add(shingle_hash(shingle));
    }
    // 0 means "no fingerprint"; a real all-zero hash is vanishingly rare.
    votes.majority().max(1)
}

/// Per bit, how many shingle hashes have it set. A bit of the SimHash is set when more
/// than half do (the usual +1/-1 vote). Counting is SWAR: eight 64-bit lanes of eight byte
/// counters each, so one hash costs eight shifts and adds instead of 64; the byte counters
/// are emptied into 32-bit totals before they can overflow.
struct Votes {
    /// Byte `k` of lane `j` counts bit `8k + j`.
    lanes: [u64; 8],
    pending: u32,
    totals: [u32; 64],
    hashes: u32,
}

impl Default for Votes {
    fn default() -> Self {
        Votes {
            lanes: [0; 8],
            pending: 0,
            totals: [0; 64],
            hashes: 0,
        }
    }
}

impl Votes {
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;

    fn add(&mut self, h: u64) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            *lane += (h >> j) & Self::LOW_BITS;
        }
        self.hashes += 1;
        self.pending += 1;
        if self.pending == u32::from(u8::MAX) {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            for k in 0..8 {
                self.totals[8 * k + j] += ((*lane >> (8 * k)) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    fn majority(mut self) -> u64 {
        self.flush();
        let mut out = 0u64;
        for (bit, count) in self.totals.iter().enumerate() {
            if count * 2 > self.hashes {
                out |= 1 << bit;
            }
        }
        out
    }
}

/// Number of differing bits.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Whether two fingerprints are of the same story (both must exist).
pub fn near_duplicates(a: u64, b: u64, max_bits: u32) -> bool {
    a != 0 && b != 0 && distance(a, b) <= max_bits
}

/// FNV-1a over the lower-cased word. Stable across runs and platforms: fingerprints are
/// stored in the index.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    if word.is_ascii() {
        word.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
    } else {
        word.to_lowercase().bytes().for_each(eat);
    }
    h
}

/// The hash of a shingle from its words' hashes, in order, finished with splitmix64 so
/// every output bit depends on every input bit.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h = words.iter().fold(0u64, |acc, &w| {
        acc.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ w
    });
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
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        let mut weights = [0i32; 64];
        for shingle in hashes.windows(SHINGLE) {
            let h = shingle_hash(shingle);
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
    fn swar_votes_agree_with_the_plain_vote() {
        // Long enough that the byte counters are emptied several times.
        let long = STORY.repeat(12);
        let greek = "ΟΔΥΣΣΕΥΣ ΚΑΙ ΑΘΗΝΑ σε ΤΗΝ Αθήνα ΣΉΜΕΡΑ για ΤΙΣ εκλογές ΚΑΙ τους ΨΗΦΟΦΌΡΟΥΣ";
        for text in [
            STORY,
            long.as_str(),
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
        // computed independently (a Python port of the same word FNV-1a, shingle combination and splitmix64).
        assert_eq!(
            simhash("one two three four five six seven eight"),
            0xbe8e_b353_5cf2_4815
        );
    }
}
