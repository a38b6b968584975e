//! Measure newsdex's place and date extraction on the BBC News corpus (2,225 stories of
//! 2004–05 in `business/`, `entertainment/`, `politics/`, `sport/` and `tech/`, no metadata).
//!
//! ```sh
//! cargo run --release --example eval -- ../shared/corpora/reuters21578 --bbc ../shared/corpora/bbc
//! ```
//!
//! Each file is read as the indexer reads it (decoded, parsed by the plain-text parser,
//! normalised by `extract::build_article` under its real path, so path rules apply).
//!
//! - Places are compared at country level with the hand labels of `eval/bbc/labels.tsv`:
//!   *about* is the `location` facet, *mentioned* the `mentions` facet, micro-averaged over
//!   (story, country) pairs; labelled cities count as found when a mention path ends in the
//!   city (or in what `--location` resolves the name to); a labelled false friend ("Phoenix"
//!   as a consortium) is wrongly placed when a mention path ends in that word.
//! - The labelled stories are those whose number is 4 or 19 modulo 20 (`politics/004.txt`,
//!   `politics/019.txt`, `politics/024.txt` …): they are held out. Place rules are developed on the other files
//!   (`--bbc-dev` lists what newsdex extracts from them) and never on these.
//! - `eval/bbc/dev-labels.tsv`, when present, labels development stories (none held out)
//!   the same way: they get a "dev" row beside the held-out one, and `--bbc-errors` prints
//!   the development stories that differ from their labels (never a held-out one).
//! - Dates: the share of all stories given a date, and the share given one outside 2004–05
//!   (the corpus's years: any such date is wrong).
//!
//! The texts are read from the given folder; nothing of them is copied into the repository.

use super::{Counts, path_country as country, ratio};
use chrono::Datelike;
use newsdex::article::Article;
use newsdex::extract::build_article;
use newsdex::extract::place::{Basis, extract_places};
use newsdex::formats::text;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The five topic folders of the corpus.
pub const TOPICS: &[&str] = &["business", "entertainment", "politics", "sport", "tech"];

/// Story files this large or larger are no BBC story: the corpus's files are a few KB.
pub const READ_LIMIT: u64 = 1 << 20;

/// The remainders modulo 20 of the held-out stories' numbers: two samples, labelled apart.
const HELD_OUT: [u32; 2] = [4, 19];

/// Whether a story file (`politics/024.txt`) is in the held-out, labelled samples.
pub fn is_held_out(file: &str) -> bool {
    file.rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix(".txt"))
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| HELD_OUT.contains(&(n % 20)))
}

/// The hand labels of one story (one line of `labels.tsv`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Label {
    /// Relative to the corpus folder: `politics/004.txt`.
    pub file: String,
    /// Facet country names the story is about.
    pub about: Vec<String>,
    /// Facet country names the story mentions.
    pub mentioned: Vec<String>,
    /// Cities named in the story, as written in English.
    pub cities: Vec<String>,
    /// Words of the story that look like a place and are none.
    pub false_friends: Vec<String>,
}

fn list(field: Option<&str>) -> Vec<String> {
    field
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Read `labels.tsv`: tab-separated `file about mentioned cities false_friends notes`, `#`
/// comment lines, a header line starting with `file`, lists separated by `;`.
pub fn parse_labels(text: &str) -> Result<Vec<Label>, String> {
    let mut labels = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let file = fields.next().unwrap_or("").trim();
        if file == "file" {
            continue;
        }
        if !file.ends_with(".txt") || !file.contains('/') {
            return Err(format!(
                "line {}: the first column must be a story file like politics/004.txt, not {file:?}",
                n + 1
            ));
        }
        labels.push(Label {
            file: file.to_string(),
            about: list(fields.next()),
            mentioned: list(fields.next()),
            cities: list(fields.next()),
            false_friends: list(fields.next()),
        });
    }
    Ok(labels)
}

/// Every story file of the corpus, relative to `dir`, in topic and number order.
pub fn story_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    for topic in TOPICS {
        let folder = dir.join(topic);
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            format!(
                "cannot read {}: {e} (pass the folder that holds business/ … tech/)",
                folder.display()
            )
        })?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .map(|n| format!("{topic}/{n}"))
            .collect();
        names.sort();
        files.extend(names);
    }
    Ok(files)
}

/// The article the indexer makes of one story file.
pub fn extract_file(dir: &Path, file: &str) -> Option<Article> {
    let path = dir.join(file);
    let text = newsdex::decode::read_text(&path, READ_LIMIT).ok()?;
    let raw = text::parse(&text).ok()?.articles.into_iter().next()?;
    Some(build_article(&path, raw))
}

fn last_component(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

/// The scores of one label set against what newsdex extracts.
#[derive(Default)]
pub struct Scores {
    labelled: usize,
    missing_labelled: Vec<String>,
    about: Counts,
    mentions: Counts,
    cities: usize,
    cities_found: usize,
    false_friends: usize,
    false_friends_placed: usize,
    /// About countries by the evidence that put them there: right, wrong.
    pub by_basis: BTreeMap<&'static str, (usize, usize)>,
}

/// What the BBC run measured.
#[derive(Default)]
pub struct BbcReport {
    stories: usize,
    unreadable: usize,
    /// The held-out labels (`labels.tsv`).
    held_out: Scores,
    /// The development labels (`dev-labels.tsv`), when there are any.
    dev: Option<Scores>,
    dated: usize,
    dated_outside: usize,
    outside_examples: Vec<String>,
    /// Per topic: stories, stories with an about place.
    with_about: BTreeMap<String, (usize, usize)>,
    elapsed: Duration,
    /// One line per development story that differs from its labels (for `--bbc-errors`);
    /// held-out stories are never listed, so nobody tunes on them by accident.
    pub errors: Vec<String>,
}

/// Whether the labelled city `name` is among the mention paths.
fn city_found(name: &str, mentions: &[String]) -> bool {
    let resolved = newsdex::extract::place::resolve_place(name);
    mentions.iter().any(|m| {
        m.matches('/').count() >= 2
            && (last_component(m).eq_ignore_ascii_case(name) || Some(m) == resolved.as_ref())
    })
}

impl Scores {
    /// Score one story against its label; a line saying how it differs, if it does.
    fn add(&mut self, label: &Label, article: &Article) -> Option<String> {
        self.labelled += 1;
        let about: HashSet<&str> = article.locations.iter().map(|p| country(p)).collect();
        let mentioned: HashSet<&str> = article.mentions.iter().map(|p| country(p)).collect();
        let gold_about: HashSet<&str> = label.about.iter().map(String::as_str).collect();
        // A country the story is about is mentioned in it, labelled there or not.
        let gold_mentioned: HashSet<&str> = label
            .mentioned
            .iter()
            .chain(&label.about)
            .map(String::as_str)
            .collect();
        self.about.add(&about, &gold_about);
        self.mentions.add(&mentioned, &gold_mentioned);
        let mut missed_cities = Vec::new();
        for city in &label.cities {
            self.cities += 1;
            if city_found(city, &article.mentions) {
                self.cities_found += 1;
            } else {
                missed_cities.push(city.as_str());
            }
        }
        let mut placed = Vec::new();
        for word in &label.false_friends {
            self.false_friends += 1;
            let as_city = label.cities.iter().any(|c| c.eq_ignore_ascii_case(word));
            let wrong = !as_city
                && article
                    .mentions
                    .iter()
                    .any(|m| last_component(m).eq_ignore_ascii_case(word));
            if wrong {
                self.false_friends_placed += 1;
                placed.push(word.as_str());
            }
        }
        let mut missing: Vec<&&str> = gold_about.difference(&about).collect();
        missing.sort();
        // Each about country with the evidence that put it there, counted right or wrong.
        let places = extract_places(article.title.as_deref(), &article.body, &[]);
        let mut bases: BTreeMap<&str, Basis> = BTreeMap::new();
        for (path, basis) in places.about.iter().zip(&places.basis) {
            let known = bases.entry(country(path)).or_insert(*basis);
            *known = (*known).min(*basis);
        }
        let mut extra = Vec::new();
        for (place, basis) in &bases {
            let right = gold_about.contains(place);
            let tally = self.by_basis.entry(basis.as_str()).or_default();
            if right {
                tally.0 += 1;
            } else {
                tally.1 += 1;
                extra.push(format!("{place} ({})", basis.as_str()));
            }
        }
        let mut extra_mentions: Vec<&&str> = mentioned.difference(&gold_mentioned).collect();
        extra_mentions.sort();
        let differs = !missing.is_empty()
            || !extra.is_empty()
            || !missed_cities.is_empty()
            || !placed.is_empty();
        differs.then(|| {
            format!(
                "{} about missing {missing:?} extra {extra:?}; extra mentions {extra_mentions:?}; cities missed {missed_cities:?}; false friends placed {placed:?}",
                label.file
            )
        })
    }

    /// Record the labelled files the corpus does not hold.
    fn note_missing(&mut self, labels: &[Label], seen: &HashSet<&str>) {
        self.missing_labelled = labels
            .iter()
            .filter(|l| !seen.contains(l.file.as_str()))
            .map(|l| l.file.clone())
            .collect();
    }
}

/// Extract every story of `dir` and score the labelled ones against the held-out `labels`
/// and the development `dev_labels` (`None`: no development labels yet).
pub fn evaluate(
    dir: &Path,
    labels: &[Label],
    dev_labels: Option<&[Label]>,
) -> Result<BbcReport, String> {
    if let Some(held_out) = dev_labels
        .unwrap_or_default()
        .iter()
        .find(|l| is_held_out(&l.file))
    {
        return Err(format!(
            "the development labels hold the held-out story {}: label only files whose number is not 4 or 19 modulo 20",
            held_out.file
        ));
    }
    let mut report = BbcReport {
        dev: dev_labels.map(|_| Scores::default()),
        ..BbcReport::default()
    };
    let by_file: BTreeMap<&str, &Label> = labels.iter().map(|l| (l.file.as_str(), l)).collect();
    let dev_by_file: BTreeMap<&str, &Label> = dev_labels
        .unwrap_or_default()
        .iter()
        .map(|l| (l.file.as_str(), l))
        .collect();
    let mut seen = HashSet::new();
    for file in story_files(dir)? {
        report.stories += 1;
        let started = Instant::now();
        let article = extract_file(dir, &file);
        report.elapsed += started.elapsed();
        let Some(article) = article else {
            report.unreadable += 1;
            continue;
        };
        let topic = file.split('/').next().unwrap_or("").to_string();
        let entry = report.with_about.entry(topic).or_default();
        entry.0 += 1;
        entry.1 += usize::from(!article.locations.is_empty());
        if let Some(date) = article.date {
            report.dated += 1;
            if !(2004..=2005).contains(&date.year()) {
                report.dated_outside += 1;
                report.outside_examples.push(format!(
                    "{file} {} ({})",
                    date.format("%Y-%m-%d"),
                    article.date_source.map_or("none", |s| s.as_str())
                ));
            }
        }
        if let Some(label) = by_file.get(file.as_str()) {
            seen.insert(label.file.as_str());
            report.held_out.add(label, &article);
        }
        if let (Some(label), Some(dev)) = (dev_by_file.get(file.as_str()), report.dev.as_mut()) {
            seen.insert(label.file.as_str());
            report.errors.extend(dev.add(label, &article));
        }
    }
    report.held_out.note_missing(labels, &seen);
    if let (Some(dev), Some(labels)) = (report.dev.as_mut(), dev_labels) {
        dev.note_missing(labels, &seen);
    }
    Ok(report)
}

/// Print the report as Markdown tables, like the Reuters one.
pub fn print_report(report: &BbcReport) {
    println!("## BBC News: places and dates\n");
    let held_out = &report.held_out;
    let dev = report.dev.as_ref();
    println!(
        "{} stories ({} unreadable); {} hand-labelled, held-out stories (numbers 4 and 19 modulo 20); {} development stories labelled.\n",
        report.stories,
        report.unreadable,
        held_out.labelled,
        dev.map_or(0, |d| d.labelled)
    );
    for scores in std::iter::once(held_out).chain(dev) {
        if !scores.missing_labelled.is_empty() {
            println!(
                "Labelled files not found in the corpus: {}.\n",
                scores.missing_labelled.join(", ")
            );
        }
    }
    println!("| countries | precision | recall | F1 | (story, country) pairs: tp / fp / fn |");
    println!("|---|---|---|---|---|");
    let sets = std::iter::once(("held-out", held_out)).chain(dev.map(|d| ("dev", d)));
    for (set, scores) in sets.clone() {
        for (name, c) in [
            ("about (`location`)", scores.about),
            ("mentioned (`mentions`)", scores.mentions),
        ] {
            println!("| {set}: {name} | {} |", c.cells());
        }
    }
    println!();
    for (set, scores) in sets {
        println!(
            "{set}: labelled cities found among the mentions: {} of {} ({:.3}). False friends wrongly placed: {} of {}.\n",
            scores.cities_found,
            scores.cities,
            ratio(scores.cities_found, scores.cities),
            scores.false_friends_placed,
            scores.false_friends
        );
    }
    println!("| topic | stories | with an about place |");
    println!("|---|---|---|");
    for (topic, (n, with)) in &report.with_about {
        println!("| {topic} | {n} | {:.3} |", ratio(*with, *n));
    }
    println!(
        "\nDates (all {} stories): given a date {:.3} ({}); dated outside 2004–2005 {:.3} ({}).",
        report.stories,
        ratio(report.dated, report.stories),
        report.dated,
        ratio(report.dated_outside, report.stories),
        report.dated_outside
    );
    for example in report.outside_examples.iter().take(10) {
        println!("- {example}");
    }
    println!(
        "\nReading and extraction, one thread: {:.0} stories/s.\n",
        ratio(report.stories, 1) / report.elapsed.as_secs_f64().max(1e-9)
    );
}

/// The development stories' about countries by the evidence that put them there, right
/// and wrong: `headline 40/2, lead 30/5, …`.
pub fn basis_summary(report: &BbcReport) -> String {
    let Some(dev) = &report.dev else {
        return String::new();
    };
    let parts: Vec<String> = dev
        .by_basis
        .iter()
        .map(|(basis, (right, wrong))| format!("{basis} {right}/{wrong}"))
        .collect();
    format!(
        "dev about countries by basis, right/wrong: {}",
        parts.join(", ")
    )
}

/// Development aid: what newsdex extracts from each story that is *not* held out, one line
/// a story (`file | title | about | mentions`). Held-out stories are never listed.
pub fn print_development(dir: &Path) -> Result<(), String> {
    for file in story_files(dir)?.iter().filter(|f| !is_held_out(f)) {
        let Some(article) = extract_file(dir, file) else {
            println!("{file} | unreadable");
            continue;
        };
        println!(
            "{file} | {} | about {:?} | mentions {:?}",
            article.title.as_deref().unwrap_or(""),
            article.locations,
            article.mentions
        );
    }
    Ok(())
}

/// The labels file: `eval/bbc/labels.tsv` of the repository unless given.
pub fn labels_path(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/bbc/labels.tsv"))
}

/// The development labels of `eval/bbc/dev-labels.tsv`; `None` while there is no such file.
pub fn dev_labels() -> Result<Option<Vec<Label>>, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/bbc/dev-labels.tsv");
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_labels(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_with_comments_header_and_empty_lists() {
        let text = "# hand labels\nfile\tabout\tmentioned\tcities\tfalse_friends\tnotes\n\
                    politics/004.txt\tUnited Kingdom\tUnited Kingdom;France\tLondon\t\t\n\
                    sport/024.txt\t\t\t\tPhoenix;Gilbert\tno place\n";
        let labels = parse_labels(text).expect("valid");
        assert_eq!(labels.len(), 2);
        assert_eq!(labels[0].about, ["United Kingdom"]);
        assert_eq!(labels[0].mentioned, ["United Kingdom", "France"]);
        assert_eq!(labels[0].cities, ["London"]);
        assert!(labels[1].about.is_empty());
        assert_eq!(labels[1].false_friends, ["Phoenix", "Gilbert"]);
        assert!(parse_labels("004.txt\tUnited Kingdom\n").is_err());
    }

    #[test]
    fn held_out_files_are_number_4_or_19_modulo_20() {
        assert!(is_held_out("politics/004.txt"));
        assert!(is_held_out("tech/024.txt"));
        assert!(is_held_out("sport/019.txt"));
        assert!(is_held_out("sport/499.txt"));
        assert!(!is_held_out("tech/025.txt"));
        assert!(!is_held_out("tech/014.txt"));
    }

    #[test]
    fn development_labels_may_not_hold_a_held_out_story() {
        let dev = parse_labels("politics/004.txt\tUnited Kingdom\n").expect("valid");
        let err = evaluate(Path::new("/nonexistent"), &[], Some(&dev))
            .err()
            .expect("a held-out story among the development labels is refused");
        assert!(err.contains("politics/004.txt"), "{err}");
    }

    #[test]
    fn cities_match_the_last_path_component() {
        let mentions = ["/United Kingdom/England/London".to_string()];
        assert!(city_found("London", &mentions));
        assert!(!city_found("Paris", &mentions));
        assert!(!city_found("England", &mentions[..0]));
    }
}
