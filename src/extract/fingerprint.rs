//! Near-copy fingerprints: two 64-bit SimHashes of an article body, one over word pairs and
//! one over word triples, 128 bits in all.
//!
//! Two bodies that share most of their word runs get fingerprints a few bits apart;
//! unrelated bodies differ in about half of the bits. Triples tell apart two stories of one
//! template (an earnings table, a daily money-market report) whose word pairs agree but whose
//! figures differ, and 128 bits make a chance match of unrelated stories far rarer than 64.
//! Search groups matches whose fingerprints are within [`NEAR_DUPLICATE_BITS`] and whose dates
//! are within [`COPY_WINDOW_SECS`] (both chosen by measurement: `cargo run --release
//! --example dedup_eval`, results in the README).

/// Bits (of 128) at or below which two bodies are copies of one story.
pub const NEAR_DUPLICATE_BITS: u32 = 34;

/// How far apart the dates of two copies of one story may be: a template's stories recur
/// daily or weekly, while a wire story's copies run within days of each other.
pub const COPY_WINDOW_SECS: i64 = 7 * 86_400;

/// Bodies with fewer words than this get no fingerprint: too short to compare.
pub const MIN_WORDS: usize = 8;

/// The seed of the triples' shingle hashes (the pairs' is 0).
const TRIPLES_SEED: u64 = 0x5851_f42d_4c95_7f2d;

/// A body's fingerprint; all zero for a body too short to fingerprint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// SimHash over word pairs.
    pub pairs: u64,
    /// SimHash over word triples.
    pub triples: u64,
}

impl Fingerprint {
    /// The fingerprint of `body`.
    pub fn of(body: &str) -> Fingerprint {
        // Each word is hashed once (lower-cased on the fly); a shingle's hash combines its
        // words' hashes, so no word is copied or hashed twice.
        let words = word_hashes(body);
        if words.len() < MIN_WORDS {
            return Fingerprint::default();
        }
        Fingerprint {
            pairs: simhash_of(&words, 2, 0),
            triples: simhash_of(&words, 3, TRIPLES_SEED),
        }
    }

    /// Whether the body was too short to fingerprint.
    pub fn is_empty(self) -> bool {
        self.pairs == 0 || self.triples == 0
    }

    /// Number of differing bits, of 128.
    pub fn distance(self, other: Fingerprint) -> u32 {
        distance(self.pairs, other.pairs) + distance(self.triples, other.triples)
    }

    /// 32 hex digits, the pairs' then the triples'.
    pub fn to_hex(self) -> String {
        format!("{:016x}{:016x}", self.pairs, self.triples)
    }

    /// The fingerprint `to_hex` wrote.
    pub fn from_hex(hex: &str) -> Option<Fingerprint> {
        if hex.len() != 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(Fingerprint {
            pairs: u64::from_str_radix(&hex[..16], 16).ok()?,
            triples: u64::from_str_radix(&hex[16..], 16).ok()?,
        })
    }
}

/// How many bits apart two articles are if they are copies of one story: fingerprints
/// within [`NEAR_DUPLICATE_BITS`] and, when both are dated (seconds), at most
/// [`COPY_WINDOW_SECS`] apart. `None` when they are not copies.
pub fn copy_distance(
    a: Fingerprint,
    a_date: Option<i64>,
    b: Fingerprint,
    b_date: Option<i64>,
) -> Option<u32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if let (Some(x), Some(y)) = (a_date, b_date)
        && (x - y).abs() > COPY_WINDOW_SECS
    {
        return None;
    }
    let d = a.distance(b);
    (d <= NEAR_DUPLICATE_BITS).then_some(d)
}

/// The SimHash of shingles of `shingle` words hashed from `seed`; never 0 (0 is "none").
fn simhash_of(words: &[u64], shingle: usize, seed: u64) -> u64 {
    let mut votes = Votes::default();
    for run in words.windows(shingle) {
        votes.add(shingle_hash(run, seed));
    }
    // A real all-zero hash is vanishingly rare.
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

/// The [`word_hash`] of each word of `body`: each run of letters and digits (what
/// `char::is_alphanumeric` says). An ASCII word is hashed as it is scanned, a byte at a
/// time; only a word with other characters is hashed again as a whole.
fn word_hashes(body: &str) -> Vec<u64> {
    let bytes = body.as_bytes();
    let mut words = Vec::with_capacity(bytes.len() / 6);
    let mut at = 0;
    while at < bytes.len() {
        let from = at;
        let mut h = FNV_OFFSET;
        let mut ascii = true;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii_alphanumeric() {
                h = fnv_step(h, b.to_ascii_lowercase());
                at += 1;
            } else if b.is_ascii() {
                break;
            } else {
                match body[at..].chars().next() {
                    Some(c) if c.is_alphanumeric() => {
                        ascii = false;
                        at += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        if at > from {
            words.push(if ascii { h } else { word_hash(&body[from..at]) });
            continue;
        }
        // Not a letter or digit: pass it.
        at += body[at..].chars().next().map_or(1, char::len_utf8);
    }
    words
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a over the lower-cased word. Stable across runs and platforms: fingerprints are
/// stored in the index.
fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        word.bytes()
            .fold(FNV_OFFSET, |h, b| fnv_step(h, b.to_ascii_lowercase()))
    } else {
        word.to_lowercase().bytes().fold(FNV_OFFSET, fnv_step)
    }
}

/// The hash of a shingle from its words' hashes, in order, finished with splitmix64 so
/// every output bit depends on every input bit.
fn shingle_hash(words: &[u64], seed: u64) -> u64 {
    let mut h = words.iter().fold(seed, |acc, &w| {
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

    const DAY: i64 = 86_400;

    /// The straightforward form (one String per word) the fast one must agree with.
    fn reference_simhash(body: &str, shingle: usize, seed: u64) -> u64 {
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
        for run in hashes.windows(shingle) {
            let h = shingle_hash(run, seed);
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
            // Words cut by non-ASCII punctuation and joined by non-ASCII digits; a word at
            // the very end.
            "«Паша» — в Москве,٣ مارس ٢٠١٦ said:the 3rd‑quarter (net) 1,234 vs 987…end",
        ] {
            let print = Fingerprint::of(text);
            assert_eq!(print.pairs, reference_simhash(text, 2, 0), "{text}");
            assert_eq!(
                print.triples,
                reference_simhash(text, 3, TRIPLES_SEED),
                "{text}"
            );
        }
    }

    #[test]
    fn small_edit_stays_close_and_other_text_is_far() {
        let edited = STORY
            .replace("at least 31", "at least 32")
            .replace("Tuesday", "Wednesday");
        let story = Fingerprint::of(STORY);
        assert!(story.distance(Fingerprint::of(&edited)) <= NEAR_DUPLICATE_BITS);
        let other = "Oil prices rose for a second week on hopes that producers inside and \
            outside OPEC would agree to freeze output at January levels, traders said, \
            although stockpiles in the United States hit another record high.";
        assert!(story.distance(Fingerprint::of(other)) > NEAR_DUPLICATE_BITS);
    }

    #[test]
    fn a_copy_within_the_week_is_grouped_and_a_later_rerun_is_not() {
        let copy = format!("By a staff reporter. {STORY} Reporting by the news desk.");
        let (a, b) = (Fingerprint::of(STORY), Fingerprint::of(&copy));
        assert!(copy_distance(a, Some(0), b, Some(3 * DAY)).is_some());
        assert!(copy_distance(a, None, b, Some(3 * DAY)).is_some());
        assert_eq!(copy_distance(a, Some(0), b, Some(30 * DAY)), None);
    }

    #[test]
    fn two_stories_of_one_template_are_not_copies() {
        // Two earnings reports of one wire template, the same day: the same words around
        // different figures.
        let first = "Quarterly results of the Harbor Lane Shipping Company. Share profit 41 \
            cents versus 36 cents a year earlier. Net profit 5,610,000 dollars versus \
            4,020,000 dollars. Revenues 88.2 million dollars versus 79.5 million dollars. \
            Nine month share profit 1.12 dollars versus 97 cents. Nine month net profit \
            15.3 million dollars versus 13.1 million dollars.";
        let second = "Quarterly results of the Tillman Valley Foods Company. Share profit 18 \
            cents versus 22 cents a year earlier. Net profit 2,270,000 dollars versus \
            2,880,000 dollars. Revenues 61.7 million dollars versus 64.0 million dollars. \
            Nine month share profit 55 cents versus 71 cents. Nine month net profit \
            6.9 million dollars versus 8.9 million dollars.";
        let (a, b) = (Fingerprint::of(first), Fingerprint::of(second));
        assert_eq!(
            copy_distance(a, Some(0), b, Some(0)),
            None,
            "{}",
            a.distance(b)
        );
        // Word pairs alone come much closer than the two together would allow.
        assert!(distance(a.pairs, b.pairs) < a.distance(b));
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        assert_eq!(
            Fingerprint::of(STORY),
            Fingerprint::of(&STORY.to_uppercase().replace(',', " ;"))
        );
    }

    #[test]
    fn short_body_has_no_fingerprint() {
        let none = Fingerprint::of("Too short.");
        assert!(none.is_empty());
        assert_eq!(copy_distance(none, None, none, None), None);
    }

    #[test]
    fn hex_round_trips_and_refuses_other_lengths() {
        let print = Fingerprint::of(STORY);
        assert_eq!(Fingerprint::from_hex(&print.to_hex()), Some(print));
        assert_eq!(Fingerprint::from_hex("00000000000000ff"), None);
        assert_eq!(Fingerprint::from_hex(&"g".repeat(32)), None);
    }

    #[test]
    fn fingerprint_is_stable() {
        // Stored in indexes: a change here needs a schema version bump. The pairs' value was
        // computed independently (a Python port of the same word FNV-1a, shingle combination
        // and splitmix64); the triples' is this code's, pinned.
        let print = Fingerprint::of("one two three four five six seven eight");
        assert_eq!(print.pairs, 0xbe8e_b353_5cf2_4815);
        assert_eq!(print.triples, 0x3704_5347_9014_8021);
    }
}
