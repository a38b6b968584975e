//! How well do SimHash fingerprints group copies of the same story?
//!
//! Reads the BBC news corpus (`../shared/corpora/bbc`, or the folder given as the first
//! argument; nothing is copied into the repository), and builds labelled pairs:
//!
//! - **same story**: an article and a perturbed copy of it — words edited (replaced, dropped,
//!   inserted), the end cut off, a different headline with a byline and a wire footer added,
//!   or several of these at once, as outlets do when they republish a wire story;
//! - **different stories**: an article and another article, half of them from the same
//!   section (two sport stories, two business stories: the hard case).
//!
//! For each Hamming-distance threshold it prints precision and recall of "same story".
//!
//! ```sh
//! cargo run --release --example dedup_eval [BBC_FOLDER]
//! ```

use newsdex::extract::fingerprint::{distance, simhash};
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
    let prints: Vec<u64> = stories.iter().map(|s| simhash(&s.body)).collect();

    // (distance, same story, kind index or usize::MAX for negatives)
    let mut pairs: Vec<(u32, bool, usize)> = Vec::new();
    for (i, story) in stories.iter().enumerate() {
        for (k, (kind, _)) in KINDS.iter().enumerate() {
            let copy = perturb(&story.body, *kind, &mut rng);
            pairs.push((distance(prints[i], simhash(&copy)), true, k));
        }
        // Unrelated pairs: three from the same section, three from anywhere.
        for n in 0..6 {
            let j = loop {
                let j = rng.below(stories.len());
                if j != i && (n >= 3 || stories[j].section == story.section) {
                    break j;
                }
            };
            pairs.push((distance(prints[i], prints[j]), false, usize::MAX));
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
    for k in 0..=20u32 {
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
    let k = newsdex::extract::fingerprint::NEAR_DUPLICATE_BITS;
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
}
