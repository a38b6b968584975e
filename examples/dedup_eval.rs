//! How well do fingerprints group copies of the same story, and only them?
//!
//! Reads the BBC news corpus (`../shared/corpora/bbc`, or the folder given as the first
//! argument) and Reuters-21578 (`reut2-*.sgm` in `../shared/corpora/reuters21578`, or the
//! second argument); nothing is copied into the repository.
//!
//! 1. Labelled BBC pairs, for each distance threshold (bits of the 128-bit fingerprint):
//!    - **same story**: an article and a perturbed copy of it — words edited (replaced,
//!      dropped, inserted), the end cut off, a different headline with a byline and a wire
//!      footer added, or several of these at once, as outlets do when they republish;
//!    - **different stories**: an article and another article, half of them from the same
//!      section (two sport stories, two business stories: the hard case).
//! 2. Each grouping rule (threshold, fingerprint length, date window): its recall on those
//!    perturbed copies, and over every pair of real stories it groups in BBC and Reuters,
//!    how many are not text copies (the smaller text shares under half of its three-word
//!    shingles with the other: stories of one template, or unrelated) and how many are dated
//!    more than 30 days apart. `SHOW_PAIRS=1` prints the openings of the pairs the rule in
//!    use groups that are not text copies, to read them.
//!
//! ```sh
//! cargo run --release --example dedup_eval [BBC_FOLDER [REUTERS_FOLDER]]
//! ```

use newsdex::extract::fingerprint::{COPY_WINDOW_SECS, Fingerprint, NEAR_DUPLICATE_BITS, distance};
use std::path::{Path, PathBuf};

/// A small deterministic PRNG (xorshift64*), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}

struct Story {
    section: String,
    body: String,
}

fn load(dir: &Path) -> Vec<Story> {
    let mut out = Vec::new();
    let mut sections: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    sections.sort();
    for section in sections.into_iter().filter(|p| p.is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&section)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for file in files {
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            // First line is the headline; the body follows.
            let body = text.split_once('\n').map_or("", |(_, b)| b).trim();
            if body.split_whitespace().count() >= 50 {
                out.push(Story {
                    section: section
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    body: body.to_string(),
                });
            }
        }
    }
    out
}

const FILLER: &[&str] = &[
    "the",
    "said",
    "also",
    "new",
    "on",
    "officials",
    "reported",
    "today",
    "however",
    "which",
];

/// Replace, drop or insert about `rate` of the words.
fn edit_words(body: &str, rate: f64, rng: &mut Rng) -> String {
    let mut out = Vec::new();
    for w in body.split_whitespace() {
        if rng.chance(rate) {
            match rng.below(3) {
                0 => out.push(FILLER[rng.below(FILLER.len())].to_string()),
                1 => {}
                _ => {
                    out.push(w.to_string());
                    out.push(FILLER[rng.below(FILLER.len())].to_string());
                }
            }
        } else {
            out.push(w.to_string());
        }
    }
    out.join(" ")
}

/// Keep the first `keep` share of the paragraphs' words.
fn truncate(body: &str, keep: f64) -> String {
    let words: Vec<&str> = body.split_whitespace().collect();
    let n = ((words.len() as f64) * keep).ceil() as usize;
    words[..n.min(words.len())].join(" ")
}

fn rewrap(body: &str, rng: &mut Rng) -> String {
    let bylines = [
        "By a staff reporter",
        "LONDON (Wire) -",
        "From our correspondent",
    ];
    let footers = [
        "Reporting by staff; editing by the news desk.",
        "Additional reporting by agencies. Copyright 2005.",
        "This story has been corrected to fix a typo.",
    ];
    format!(
        "{}\n\n{}\n\n{}",
        bylines[rng.below(bylines.len())],
        body,
        footers[rng.below(footers.len())]
    )
}

#[derive(Clone, Copy)]
enum Kind {
    Edit5,
    Edit10,
    Edit20,
    Truncate70,
    Truncate50,
    Rewrap,
    Combined,
}

const KINDS: &[(Kind, &str)] = &[
    (Kind::Edit5, "5% words edited"),
    (Kind::Edit10, "10% words edited"),
    (Kind::Edit20, "20% words edited"),
    (Kind::Truncate70, "cut to 70%"),
    (Kind::Truncate50, "cut to 50%"),
    (Kind::Rewrap, "new headline, byline, footer"),
    (Kind::Combined, "byline + 5% edits + cut to 80%"),
];

fn perturb(body: &str, kind: Kind, rng: &mut Rng) -> String {
    match kind {
        Kind::Edit5 => edit_words(body, 0.05, rng),
        Kind::Edit10 => edit_words(body, 0.10, rng),
        Kind::Edit20 => edit_words(body, 0.20, rng),
        Kind::Truncate70 => truncate(body, 0.7),
        Kind::Truncate50 => truncate(body, 0.5),
        Kind::Rewrap => rewrap(body, rng),
        Kind::Combined => rewrap(&truncate(&edit_words(body, 0.05, rng), 0.8), rng),
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/bbc"));
    let stories = load(&dir);
    if stories.len() < 10 {
        eprintln!(
            "error: found {} articles under {}; give the BBC corpus folder as the first argument",
            stories.len(),
            dir.display()
        );
        std::process::exit(2);
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let prints: Vec<Fingerprint> = stories.iter().map(|s| Fingerprint::of(&s.body)).collect();

    // (distance, same story, kind index or usize::MAX for negatives)
    let mut pairs: Vec<(u32, bool, usize)> = Vec::new();
    for (i, story) in stories.iter().enumerate() {
        for (k, (kind, _)) in KINDS.iter().enumerate() {
            let copy = perturb(&story.body, *kind, &mut rng);
            pairs.push((prints[i].distance(Fingerprint::of(&copy)), true, k));
        }
        // Unrelated pairs: three from the same section, three from anywhere.
        for n in 0..6 {
            let j = loop {
                let j = rng.below(stories.len());
                if j != i && (n >= 3 || stories[j].section == story.section) {
                    break j;
                }
            };
            pairs.push((prints[i].distance(prints[j]), false, usize::MAX));
        }
    }
    let positives = pairs.iter().filter(|p| p.1).count();
    let negatives = pairs.len() - positives;
    println!(
        "{} BBC articles; {} same-story pairs ({} kinds of perturbation), {} different-story pairs\n",
        stories.len(),
        positives,
        KINDS.len(),
        negatives
    );
    println!("bits  precision  recall   F1     false+  false-");
    for k in (24..=44u32).step_by(2) {
        let tp = pairs.iter().filter(|p| p.1 && p.0 <= k).count();
        let fp = pairs.iter().filter(|p| !p.1 && p.0 <= k).count();
        let fn_ = positives - tp;
        let precision = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let recall = tp as f64 / positives as f64;
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
        println!("{k:>4}  {precision:>9.4}  {recall:>6.4}  {f1:.4}  {fp:>6}  {fn_:>6}");
    }
    let k = NEAR_DUPLICATE_BITS;
    println!("\nrecall per perturbation at the threshold in use ({k} bits):");
    for (idx, (_, name)) in KINDS.iter().enumerate() {
        let of_kind: Vec<_> = pairs.iter().filter(|p| p.2 == idx).collect();
        let hit = of_kind.iter().filter(|p| p.0 <= k).count();
        println!(
            "  {name:<32} {:.4}",
            hit as f64 / of_kind.len().max(1) as f64
        );
    }
    let mut neg: Vec<u32> = pairs.iter().filter(|p| !p.1).map(|p| p.0).collect();
    neg.sort_unstable();
    println!(
        "\nclosest different-story pair: {} bits; median {} bits",
        neg.first().copied().unwrap_or(0),
        neg.get(neg.len() / 2).copied().unwrap_or(0)
    );

    let bodies: Vec<&str> = stories.iter().map(|s| s.body.as_str()).collect();
    rule_recall(&bodies);
    let bbc: Vec<Item> = bodies.iter().map(|b| item(b, None)).collect();
    corpus_pairs("BBC", &bbc);
    let reuters_dir = std::env::args()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.join("../reuters21578"));
    let reuters = load_reuters(&reuters_dir);
    if reuters.is_empty() {
        eprintln!(
            "no Reuters-21578 .sgm files under {}",
            reuters_dir.display()
        );
    } else {
        corpus_pairs("Reuters-21578", &reuters);
    }
}

/// A story of a collection with what grouping may use: its fingerprints and its day.
struct Item {
    title: String,
    prints: (u64, u64),
    day: Option<i64>,
    words: std::collections::HashSet<u64>,
}

/// Word three-shingles of `body` (lower-cased alphanumeric words), hashed.
fn shingles(body: &str) -> std::collections::HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(3)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// Share of the smaller text's shingles the other holds: a copy, cut or not, is mostly
/// contained in its original; two stories of one template share their fixed phrases only.
fn containment(a: &std::collections::HashSet<u64>, b: &std::collections::HashSet<u64>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    small.iter().filter(|h| large.contains(h)).count() as f64 / small.len() as f64
}

fn item(body: &str, day: Option<i64>) -> Item {
    Item {
        title: body.chars().take(60).collect::<String>().replace('\n', " "),
        prints: (Fingerprint::of(body).pairs, Fingerprint::of(body).triples),
        day,
        words: shingles(body),
    }
}

/// The Reuters-21578 stories of `dir` (`reut2-*.sgm`) with their day numbers.
fn load_reuters(dir: &Path) -> Vec<Item> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|f| f.extension().is_some_and(|e| e == "sgm"));
    files.sort();
    let between = |text: &str, open: &str, close: &str| -> Option<String> {
        let start = text.find(open)? + open.len();
        let end = start + text[start..].find(close)?;
        Some(text[start..end].to_string())
    };
    let mut out = Vec::new();
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for story in text.split("<REUTERS").skip(1) {
            let Some(body) = between(story, "<BODY>", "</BODY>") else {
                continue;
            };
            let body = body
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            if body.split_whitespace().count() < 50 {
                continue;
            }
            // `26-FEB-1987 15:01:01.79`: a day number good for differences within a year.
            let day = between(story, "<DATE>", "</DATE>").and_then(|d| {
                let mut parts = d.trim().split(['-', ' ']);
                let dd: i64 = parts.next()?.parse().ok()?;
                let month = parts.next()?;
                let mm = MONTHS.iter().position(|m| *m == month)? as i64;
                Some(mm * 31 + dd)
            });
            out.push(item(&body, day));
        }
    }
    out
}

/// A grouping rule: how far two fingerprints may be, and how far apart their days.
#[derive(Clone, Copy)]
struct Rule {
    name: &'static str,
    /// Bits of the first fingerprint, or of both together when `both`.
    bits: u32,
    both: bool,
    window_days: Option<i64>,
}

impl Rule {
    fn groups(&self, a: &Item, b: &Item) -> bool {
        let (a1, a2) = a.prints;
        let (b1, b2) = b.prints;
        if a1 == 0 || b1 == 0 {
            return false;
        }
        let d = distance(a1, b1) + if self.both { distance(a2, b2) } else { 0 };
        let near_in_time = match (self.window_days, a.day, b.day) {
            (Some(w), Some(x), Some(y)) => (x - y).abs() <= w,
            _ => true,
        };
        d <= self.bits && near_in_time
    }
}

const RULES: &[Rule] = &[
    Rule {
        name: "64 bits (pairs), 16",
        bits: 16,
        both: false,
        window_days: None,
    },
    Rule {
        name: "128 bits, 32",
        bits: 32,
        both: true,
        window_days: None,
    },
    Rule {
        name: "128 bits, 34",
        bits: 34,
        both: true,
        window_days: None,
    },
    Rule {
        name: "128 bits, 32, 7 days",
        bits: 32,
        both: true,
        window_days: Some(7),
    },
    Rule {
        name: "128 bits, 34, 7 days (used)",
        bits: 34,
        both: true,
        window_days: Some(7),
    },
    Rule {
        name: "128 bits, 36, 7 days",
        bits: 36,
        both: true,
        window_days: Some(7),
    },
    Rule {
        name: "128 bits, 34, 3 days",
        bits: 34,
        both: true,
        window_days: Some(3),
    },
];

/// Every pair of `items` some rule groups, judged by text containment (a copy holds at
/// least half of the other's three-word shingles) and, when dated, by its days' distance.
fn corpus_pairs(label: &str, items: &[Item]) {
    let used = RULES[4];
    assert_eq!(
        (used.bits, used.window_days.map(|d| d * 86_400)),
        (NEAR_DUPLICATE_BITS, Some(COPY_WINDOW_SECS))
    );
    let show_pairs = std::env::var_os("SHOW_PAIRS").is_some();
    let mut rows = vec![(0usize, 0usize, 0usize); RULES.len()];
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let grouped: Vec<bool> = RULES
                .iter()
                .map(|r| r.groups(&items[i], &items[j]))
                .collect();
            if !grouped.iter().any(|g| *g) {
                continue;
            }
            let copy = containment(&items[i].words, &items[j].words) >= 0.5;
            if !copy && used.groups(&items[i], &items[j]) && show_pairs {
                println!(
                    "  not a copy, {:?} vs {:?} days, {:.2}: {} | {}",
                    items[i].day,
                    items[j].day,
                    containment(&items[i].words, &items[j].words),
                    items[i].title,
                    items[j].title
                );
            }
            let far =
                matches!((items[i].day, items[j].day), (Some(x), Some(y)) if (x - y).abs() > 30);
            for (row, g) in rows.iter_mut().zip(grouped) {
                if g {
                    row.0 += 1;
                    row.1 += usize::from(!copy);
                    row.2 += usize::from(far);
                }
            }
        }
    }
    println!(
        "\n{label}: {} stories, every pair a rule groups",
        items.len()
    );
    println!("rule                          grouped  not a text copy  > 30 days apart");
    for (rule, (grouped, not_copy, far)) in RULES.iter().zip(rows) {
        println!("{:<28} {grouped:>8}  {not_copy:>15}  {far:>15}", rule.name);
    }
}

/// Recall of each rule on perturbed copies of `bodies` (both fingerprints).
fn rule_recall(bodies: &[&str]) {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut hit = vec![0usize; RULES.len()];
    let mut total = 0;
    for body in bodies {
        let original = item(body, Some(0));
        for (kind, _) in KINDS {
            let copy = item(&perturb(body, *kind, &mut rng), Some(0));
            total += 1;
            for (h, rule) in hit.iter_mut().zip(RULES) {
                *h += usize::from(rule.groups(&original, &copy));
            }
        }
    }
    println!("\nrecall on perturbed copies ({total} pairs):");
    for (rule, h) in RULES.iter().zip(hit) {
        println!("  {:<28} {:.4}", rule.name, h as f64 / total as f64);
    }
}
