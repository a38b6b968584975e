//! Measure newsdex's date and place extraction on Reuters-21578.
//!
//! ```sh
//! cargo run --release --example eval -- ../shared/corpora/reuters21578
//! cargo run --release --example eval -- --languages eval/languages [--errors]
//! cargo run --release --example eval -- ../shared/corpora/reuters21578 --bbc ../shared/corpora/bbc
//! ```
//!
//! `--dump-about OUT REUTERS BBC LANGUAGES` writes the about-decision's training rows
//! instead: see `about.rs`.
//! `--languages DIR` reports only the multilingual evaluation set instead: see `languages.rs`.
//! `--bbc FOLDER` also reports the BBC News corpus against the hand labels of
//! `eval/bbc/labels.tsv` (or `--bbc-labels FILE`): see `bbc.rs`.
//!
//! Each story is turned into the plain text a user would have — the headline, a blank line,
//! then the dateline and body (`NEW YORK, March 30 - Fidata Corp said …`) — with no labels,
//! parsed by the plain-text format parser and normalised by `extract::build_article`, the
//! same code the indexer runs. Extracted places are compared at country level with the
//! story's `<PLACES>` (1987 slugs mapped to today's facet countries below):
//!
//! - *about* is the `location` facet (what `--location` filters on), *mentioned* the
//!   `mentions` facet; precision, recall and F1 are micro-averaged over (story, country)
//!   pairs, overall and for the 15 most frequent labelled countries of the split;
//! - stories whose `<PLACES>` is empty are unlabelled, not "about nowhere": they are left
//!   out of precision and recall (a line reports how many places they would add as false
//!   positives); stories without a `<BODY>` are skipped, as in `shared/bench/make_corpus.py`;
//! - the dateline place is correct when its country is among the story's labels (stories
//!   with a `<DATELINE>` and labels; no dateline place found counts as wrong);
//! - dates are measured in three shapes: the text with a date line under the headline
//!   (`30 March 1987`, as `make_corpus.py` writes it), the bare text filed in a
//!   `1987/03/` folder (only the dateline's `March 30` gives the day), and the bare text
//!   with no path hint (nothing gives the year: a date, if any, must come from the prose).
//!   A date is correct when its day equals the day of `<DATE>`.
//!
//! Files `reut2-000` … `reut2-010` are the development split, `reut2-011` … `reut2-021`
//! the held-out split; the two are reported apart. The corpus is for research use only:
//! it is read from the given folder and nothing of it is copied into the repository.

mod about;
mod bbc;
mod languages;

use newsdex::article::{Article, DateSource, RawArticle};
use newsdex::extract::build_article;
use newsdex::formats::text;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// 1987 Reuters place slugs whose facet country is not simply the slug in title case.
const SLUG_COUNTRIES: &[(&str, &str)] = &[
    ("usa", "United States"),
    ("uk", "United Kingdom"),
    ("ussr", "Russia"),
    ("west-germany", "Germany"),
    ("east-germany", "Germany"),
    ("uae", "United Arab Emirates"),
    ("burma", "Myanmar"),
    ("kampuchea", "Cambodia"),
    ("zaire", "Democratic Republic of the Congo"),
    ("congo", "Republic of the Congo"),
    ("czechoslovakia", "Czechia"),
    ("yugoslavia", "Serbia"),
    ("yemen-arab-republic", "Yemen"),
    ("yemen-demo-republic", "Yemen"),
    ("western-samoa", "Samoa"),
    ("swaziland", "Eswatini"),
    ("cape-verde", "Cabo Verde"),
    ("macao", "Macau"),
    ("vatican", "Vatican City"),
    ("netherlands-antilles", "Curacao"),
    ("trinidad-tobago", "Trinidad and Tobago"),
    ("antigua", "Antigua and Barbuda"),
    ("us-virgin-islands", "U.S. Virgin Islands"),
    ("guinea-bissau", "Guinea-Bissau"),
];

/// Today's facet country for a 1987 slug (`west-germany` → `Germany`).
fn slug_country(slug: &str) -> String {
    if let Some((_, name)) = SLUG_COUNTRIES.iter().find(|(s, _)| *s == slug) {
        return (*name).to_string();
    }
    slug.split('-')
        .map(|w| {
            if w == "and" {
                return w.to_string();
            }
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The country of a facet path: `/Syria/Aleppo` → `Syria`.
fn path_country(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// One labelled story.
struct Story {
    file: usize,
    id: String,
    title: String,
    dateline: String,
    body: String,
    date: chrono::NaiveDate,
    places: Vec<String>,
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn tag<'a>(record: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = record.find(&open)? + open.len();
    let end = start + record[start..].find(&close)?;
    Some(&record[start..end])
}

/// SGML text to plain text: `&lt;` etc. decoded, control entities (`&#3;`) as spaces.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest[..rest.len().min(8)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        match &rest[1..semi] {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            e if e.starts_with('#') => out.push(' '),
            _ => out.push_str(&rest[..=semi]),
        }
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out.replace('\x03', " ").trim().to_string()
}

fn read_stories(file: usize, sgml: &str) -> Vec<Story> {
    let mut stories = Vec::new();
    for record in sgml.split("<REUTERS ").skip(1) {
        let Some(body) = tag(record, "BODY") else {
            continue;
        };
        let id = record
            .split("NEWID=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("0")
            .to_string();
        let date = tag(record, "DATE")
            .and_then(|d| d.split_whitespace().next())
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%d-%b-%Y").ok());
        let Some(date) = date else { continue };
        let places = tag(record, "PLACES")
            .unwrap_or("")
            .split("<D>")
            .filter_map(|d| d.split("</D>").next())
            .filter(|d| !d.is_empty())
            .map(slug_country)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        stories.push(Story {
            file,
            id,
            title: tag(record, "TITLE").map(unescape).unwrap_or_default(),
            dateline: tag(record, "DATELINE").map(unescape).unwrap_or_default(),
            body: unescape(body),
            date,
            places,
        });
    }
    stories
}

/// The text a user would have: headline, blank line, dateline and body.
fn story_text(story: &Story, date_line: bool) -> String {
    let mut text = format!("{}\n\n", story.title);
    if date_line {
        text.push_str(&format!("{}\n\n", story.date.format("%-d %B %Y")));
    }
    if !story.dateline.is_empty() {
        text.push_str(&story.dateline);
        text.push(' ');
    }
    text.push_str(&story.body);
    text.push('\n');
    text
}

/// Run the plain-text parser and `build_article`, as the indexer does.
fn extract(path: &Path, text_of_file: &str) -> Option<Article> {
    Some(build_article(path, parse_text(text_of_file)?))
}

/// The plain-text parser's article for a file's text.
fn parse_text(text_of_file: &str) -> Option<RawArticle> {
    let parsed = text::parse(text_of_file).ok()?;
    parsed.articles.into_iter().next()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    /// Precision, recall, F1 and `tp / fp / fn`, as the cells of a report table's row.
    fn cells(&self) -> String {
        format!(
            "{:.3} | {:.3} | {:.3} | {} / {} / {}",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }

    fn add(&mut self, predicted: &HashSet<&str>, gold: &HashSet<&str>) {
        self.tp += predicted.intersection(gold).count();
        self.fp += predicted.difference(gold).count();
        self.fn_ += gold.difference(predicted).count();
    }
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Default)]
struct DateScore {
    total: usize,
    dated: usize,
    correct: usize,
    sources: BTreeMap<&'static str, usize>,
}

impl DateScore {
    fn add(&mut self, article: Option<&Article>, gold: chrono::NaiveDate) {
        self.total += 1;
        let Some(article) = article else { return };
        if let Some(date) = article.date {
            self.dated += 1;
            if date.date_naive() == gold {
                self.correct += 1;
            }
            let source = article.date_source.map_or("none", DateSource::as_str);
            *self.sources.entry(source).or_default() += 1;
        }
    }
    fn line(&self, label: &str) -> String {
        let sources: Vec<String> = self
            .sources
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        format!(
            "| {label} | {} | {:.3} | {:.3} | {:.3} | {} |",
            self.total,
            ratio(self.dated, self.total),
            ratio(self.correct, self.total),
            ratio(self.correct, self.dated),
            sources.join(", ")
        )
    }
}

#[derive(Default)]
struct Report {
    stories: usize,
    labelled: usize,
    about: Counts,
    mentions: Counts,
    per_country: HashMap<String, (Counts, Counts)>,
    unlabelled_about: usize,
    /// Labelled stories' about countries by the evidence that put them there (a country
    /// takes its surest place's): right, wrong.
    by_basis: BTreeMap<newsdex::article::Basis, (usize, usize)>,
    datelines: usize,
    dateline_correct: usize,
    dates_with_line: DateScore,
    dates_in_folder: DateScore,
    dates_bare: DateScore,
    /// Time in the plain-text parser and in `build_article` (bare texts).
    parse_elapsed: Duration,
    elapsed: Duration,
    extracted: usize,
    errors: Vec<String>,
}

fn countries(paths: &[String]) -> HashSet<&str> {
    paths.iter().map(|p| path_country(p)).collect()
}

fn evaluate(stories: &[&Story], verbose: bool) -> Report {
    let mut report = Report::default();
    for story in stories {
        report.stories += 1;
        let bare = story_text(story, false);
        let path = format!("reuters/{}.txt", story.id);
        let started = Instant::now();
        let raw = parse_text(&bare);
        report.parse_elapsed += started.elapsed();
        let started = Instant::now();
        let article = raw.map(|raw| build_article(Path::new(&path), raw));
        report.elapsed += started.elapsed();
        report.extracted += 1;
        report.dates_bare.add(article.as_ref(), story.date);
        let folder = format!("reuters/{}/{}.txt", story.date.format("%Y/%m"), story.id);
        report
            .dates_in_folder
            .add(extract(Path::new(&folder), &bare).as_ref(), story.date);
        let with_line = story_text(story, true);
        report.dates_with_line.add(
            extract(Path::new(&format!("reuters/{}.txt", story.id)), &with_line).as_ref(),
            story.date,
        );

        let Some(article) = article else { continue };
        let about = countries(&article.locations);
        let mentions = countries(&article.mentions);
        if story.places.is_empty() {
            report.unlabelled_about += about.len();
            continue;
        }
        report.labelled += 1;
        let gold: HashSet<&str> = story.places.iter().map(String::as_str).collect();
        report.about.add(&about, &gold);
        report.mentions.add(&mentions, &gold);
        let mut bases: HashMap<&str, newsdex::article::Basis> = HashMap::new();
        for (path, basis) in article.locations.iter().zip(&article.location_basis) {
            let known = bases.entry(path_country(path)).or_insert(*basis);
            *known = (*known).min(*basis);
        }
        for (country, basis) in bases {
            let tally = report.by_basis.entry(basis).or_default();
            if gold.contains(country) {
                tally.0 += 1;
            } else {
                tally.1 += 1;
            }
        }
        let all: HashSet<&str> = gold.union(&about).chain(&mentions).copied().collect();
        for country in all {
            let entry = report.per_country.entry(country.to_string()).or_default();
            for (counts, predicted) in [(&mut entry.0, &about), (&mut entry.1, &mentions)] {
                match (gold.contains(country), predicted.contains(country)) {
                    (true, true) => counts.tp += 1,
                    (false, true) => counts.fp += 1,
                    (true, false) => counts.fn_ += 1,
                    (false, false) => {}
                }
            }
        }
        if !story.dateline.is_empty() {
            report.datelines += 1;
            let ok = article
                .dateline
                .as_deref()
                .is_some_and(|d| gold.contains(path_country(d)));
            if ok {
                report.dateline_correct += 1;
            } else if verbose {
                report.errors.push(format!(
                    "{} dateline {:?} -> {:?} gold {:?}",
                    story.id, story.dateline, article.dateline, story.places
                ));
            }
        }
        if verbose {
            let mut missing: Vec<&&str> = gold.difference(&about).collect();
            let mut extra: Vec<&&str> = about.difference(&gold).collect();
            missing.sort();
            extra.sort();
            if !missing.is_empty() || !extra.is_empty() {
                report.errors.push(format!(
                    "{} about missing {missing:?} extra {extra:?} | {} | mentions {:?}",
                    story.id, story.title, article.mentions
                ));
            }
        }
    }
    report
}

fn print_report(name: &str, files: &str, report: &Report) {
    println!("### {name} ({files})\n");
    println!(
        "{} stories with a body, {} with `<PLACES>` labels; dateline accuracy over {} labelled stories with a dateline.\n",
        report.stories, report.labelled, report.datelines
    );
    println!("| facet | precision | recall | F1 | (story, country) pairs: tp / fp / fn |");
    println!("|---|---|---|---|---|");
    for (label, c) in [
        ("about (`location`)", report.about),
        ("mentioned (`mentions`)", report.mentions),
    ] {
        println!("| {label} | {} |", c.cells());
    }
    println!(
        "| dateline place correct | {:.3} | | | {} of {} |",
        ratio(report.dateline_correct, report.datelines),
        report.dateline_correct,
        report.datelines
    );
    let with_unlabelled = Counts {
        fp: report.about.fp + report.unlabelled_about,
        ..report.about
    };
    println!(
        "\nAbout-precision counting every place given to the {} unlabelled stories as wrong: {:.3}.\n",
        report.stories - report.labelled,
        with_unlabelled.precision()
    );

    let mut by_freq: Vec<(&String, &(Counts, Counts))> = report.per_country.iter().collect();
    by_freq.sort_by_key(|(name, (a, _))| (std::cmp::Reverse(a.tp + a.fn_), (*name).clone()));
    println!(
        "| country | stories | about P | about R | about F1 | mentioned P | mentioned R | mentioned F1 |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (country, (a, m)) in by_freq.iter().take(15) {
        println!(
            "| {country} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            a.tp + a.fn_,
            a.precision(),
            a.recall(),
            a.f1(),
            m.precision(),
            m.recall(),
            m.f1()
        );
    }
    println!(
        "\n| date: text shape | stories | dated | correct (of all) | correct (of dated) | date source |"
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "{}",
        report
            .dates_with_line
            .line("headline, date line `30 March 1987`, dateline, body")
    );
    println!(
        "{}",
        report
            .dates_in_folder
            .line("headline, dateline, body; filed under `1987/03/`")
    );
    println!(
        "{}",
        report
            .dates_bare
            .line("headline, dateline, body; no path hint")
    );
    let seconds = report.elapsed.as_secs_f64();
    let with_parser = seconds + report.parse_elapsed.as_secs_f64();
    println!(
        "\nExtraction, one thread: `build_article` {:.0} articles/s; with the text parser {:.0} articles/s.\n",
        ratio(report.extracted, 1) / seconds.max(1e-9),
        ratio(report.extracted, 1) / with_parser.max(1e-9)
    );
}

/// `--languages DIR [--errors]`: the multilingual set alone, which needs no research corpus.
fn run_languages(args: &[String]) -> Option<ExitCode> {
    let [flag, dir, rest @ ..] = args else {
        return None;
    };
    if flag != "--languages" {
        return None;
    }
    let errors = rest.iter().any(|a| a == "--errors");
    Some(match languages::run(Path::new(dir), errors) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    })
}

/// `--bbc DIR`, `--bbc-labels FILE` and `--bbc-dev` taken out of `args`.
struct BbcArgs {
    dir: Option<PathBuf>,
    labels: Option<PathBuf>,
    development: bool,
    /// Print each development story that differs from its labels (held-out ones never).
    errors: bool,
}

fn take_bbc_args(args: &mut Vec<String>) -> BbcArgs {
    let mut take = |flag: &str| {
        let at = args.iter().position(|a| a == flag)?;
        let value = args.get(at + 1).cloned();
        args.drain(at..(at + 2).min(args.len()));
        value.map(PathBuf::from)
    };
    let dir = take("--bbc");
    let labels = take("--bbc-labels");
    let development = args.iter().any(|a| a == "--bbc-dev");
    let errors = args.iter().any(|a| a == "--bbc-errors");
    args.retain(|a| a != "--bbc-dev" && a != "--bbc-errors");
    BbcArgs {
        dir,
        labels,
        development,
        errors,
    }
}

/// The BBC part of the run; `false` when it could not be made.
fn run_bbc(args: &BbcArgs) -> bool {
    let Some(dir) = &args.dir else { return true };
    if args.development {
        return bbc::print_development(dir)
            .map_err(|e| eprintln!("error: {e}"))
            .is_ok();
    }
    let path = bbc::labels_path(args.labels.clone());
    let labels = match std::fs::read_to_string(&path) {
        Ok(text) => match bbc::parse_labels(&text) {
            Ok(labels) => labels,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return false;
            }
        },
        Err(e) => {
            eprintln!(
                "warning: no BBC labels ({}: {e}); reporting dates only",
                path.display()
            );
            Vec::new()
        }
    };
    let dev_labels = match bbc::dev_labels() {
        Ok(labels) => labels,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    match bbc::evaluate(dir, &labels, dev_labels.as_deref()) {
        Ok(report) => {
            bbc::print_report(&report);
            for line in report.errors.iter().filter(|_| args.errors) {
                eprintln!("{line}");
            }
            if args.errors {
                eprintln!("{}", bbc::basis_summary(&report));
            }
            true
        }
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

fn main() -> ExitCode {
    if let Some(code) = run_languages(&std::env::args().skip(1).collect::<Vec<_>>()) {
        return code;
    }
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let bbc_args = take_bbc_args(&mut args);
    if bbc_args.dir.is_some() && (bbc_args.development || args.is_empty()) {
        // BBC only: no Reuters folder given, or a development listing.
        return if run_bbc(&bbc_args) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        };
    }
    let mut args = args.into_iter();
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!(
            "usage: cargo run --release --example eval -- <reuters21578 folder> [--errors dev|test | --show NEWID] [--bbc <bbc folder> [--bbc-labels FILE] [--bbc-dev | --bbc-errors]]"
        );
        return ExitCode::from(2);
    };
    let errors_for_flag = args.next();
    let errors_for = args.next();
    let mut stories = Vec::new();
    for file in 0..22 {
        let path = dir.join(format!("reut2-{file:03}.sgm"));
        match std::fs::read(&path) {
            Ok(bytes) => stories.extend(read_stories(file, &latin1(&bytes))),
            Err(e) => {
                eprintln!(
                    "error: cannot read {}: {e} (pass the folder that holds reut2-000.sgm … reut2-021.sgm)",
                    path.display()
                );
                return ExitCode::from(1);
            }
        }
    }
    if let (Some("--dump-about"), Some(out)) = (errors_for_flag.as_deref(), errors_for.as_deref()) {
        let (Some(bbc_dir), Some(languages_dir)) = (args.next(), args.next()) else {
            eprintln!("usage: eval -- REUTERS --dump-about OUT BBC LANGUAGES");
            return ExitCode::from(2);
        };
        return match about::dump(
            Path::new(out),
            &stories,
            Path::new(&bbc_dir),
            Path::new(&languages_dir),
        ) {
            Ok(n) => {
                eprintln!("{n} development stories written to {out}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    if let (Some("--show"), Some(id)) = (errors_for_flag.as_deref(), errors_for.as_deref()) {
        // Debugging aid: the text of one story and what newsdex extracts from it.
        for story in stories.iter().filter(|s| s.id == id) {
            let text = story_text(story, false);
            println!(
                "{text}\ngold: {:?}\n{:#?}",
                story.places,
                extract(Path::new("x.txt"), &text)
            );
        }
        return ExitCode::SUCCESS;
    }
    // `--location` start-up cost: the first lookups go through the precomputed table,
    // before anything has parsed the gazetteer.
    let started = Instant::now();
    let resolved = newsdex::extract::place::resolve_place("Aleppo");
    let first_lookup = started.elapsed();
    let started = Instant::now();
    for name in [
        "Syria",
        "/Syria/Aleppo",
        "Paris, Texas",
        "west-germany",
        "U.S.",
    ] {
        std::hint::black_box(newsdex::extract::place::resolve_place(name));
    }
    let next_lookups = started.elapsed() / 5;

    let (dev, test): (Vec<&Story>, Vec<&Story>) = stories.iter().partition(|s| s.file <= 10);
    let held_out = evaluate(
        &test,
        errors_for_flag.as_deref() == Some("--errors") && errors_for.as_deref() == Some("test"),
    );
    let development = evaluate(
        &dev,
        errors_for_flag.as_deref() == Some("--errors") && errors_for.as_deref() == Some("dev"),
    );
    println!("## Reuters-21578: dates and places\n");
    print_report("Held-out", "reut2-011 … reut2-021", &held_out);
    print_report("Development", "reut2-000 … reut2-010", &development);
    let by_basis: Vec<String> = development
        .by_basis
        .iter()
        .map(|(basis, (right, wrong))| {
            format!(
                "{} {right}/{wrong} ({:.3})",
                basis.as_str(),
                ratio(*right, right + wrong)
            )
        })
        .collect();
    println!(
        "Development about countries by basis, right/wrong (precision): {}.\n",
        by_basis.join(", ")
    );
    println!(
        "Place lookup for `--location` ({resolved:?}): first call {:.0} µs, then {:.1} µs a name.",
        first_lookup.as_secs_f64() * 1e6,
        next_lookups.as_secs_f64() * 1e6,
    );
    for line in held_out.errors.iter().chain(&development.errors) {
        eprintln!("{line}");
    }
    if !run_bbc(&bbc_args) {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
