//! `--languages DIR`: the multilingual evaluation set of `eval/languages` (issue 16).
//!
//! Each story file is read as the indexer reads a `.txt` file — the plain-text parser, then
//! `extract::build_article` — under its own path, which holds no date. Its labels come from
//! `DIR/labels.tsv` (see `eval/languages/README.md`). Per language, and over all stories:
//!
//! - *language*: the article's language (from detection: these files carry no metadata) is the
//!   labelled one;
//! - *date*: the extracted day equals the labelled one (no date counts as wrong);
//! - *dateline*: over the stories labelled with a dateline, the extracted dateline place is in
//!   the labelled country (and, for *city*, has the labelled facet name); *spurious* counts the
//!   stories without a dateline that were given one;
//! - *about* compares the countries of the `location` facet with `about`, *mentioned* those
//!   of the `mentions` facet with `mentioned`; precision and recall are micro-averaged over
//!   (story, country) pairs.

use super::{Counts, path_country as country};
use newsdex::article::Article;
use newsdex::extract::build_article;
use newsdex::formats::text;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// One row of `labels.tsv`.
pub struct Label {
    pub file: String,
    pub lang: String,
    pub date: chrono::NaiveDate,
    pub dateline: String,
    pub dateline_city: String,
    pub about: Vec<String>,
    pub mentioned: Vec<String>,
}

/// The rows of a `labels.tsv` text: `#` comments, a header, then one story a line.
pub fn parse_labels(tsv: &str) -> Result<Vec<Label>, String> {
    let mut labels = Vec::new();
    let mut header_seen = false;
    for (number, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            header_seen = true;
            if !line.starts_with("file\tlang\tdate\t") {
                return Err(format!("line {}: expected the header row", number + 1));
            }
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < 7 {
            return Err(format!(
                "line {}: {} columns, expected 8",
                number + 1,
                cells.len()
            ));
        }
        let date = chrono::NaiveDate::parse_from_str(cells[2], "%Y-%m-%d")
            .map_err(|e| format!("line {}: date {:?}: {e}", number + 1, cells[2]))?;
        let list = |cell: &str| -> Vec<String> {
            cell.split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        };
        labels.push(Label {
            file: cells[0].to_string(),
            lang: cells[1].to_string(),
            date,
            dateline: cells[3].to_string(),
            dateline_city: cells[4].to_string(),
            about: list(cells[5]),
            mentioned: list(cells[6]),
        });
    }
    Ok(labels)
}

/// Precision as the table prints it.
fn precision(c: &Counts) -> String {
    fraction(c.tp, c.tp + c.fp)
}

/// Recall as the table prints it.
fn recall(c: &Counts) -> String {
    fraction(c.tp, c.tp + c.fn_)
}

/// `0.875`, or `–` when nothing was counted.
fn fraction(a: usize, b: usize) -> String {
    if b == 0 {
        "–".to_string()
    } else {
        format!("{:.3}", a as f64 / b as f64)
    }
}

#[derive(Default)]
struct Score {
    stories: usize,
    langs: usize,
    dates: usize,
    datelines: usize,
    dateline_countries: usize,
    dateline_cities: usize,
    spurious_datelines: usize,
    about: Counts,
    mentioned: Counts,
}

impl Score {
    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.stories,
            fraction(self.langs, self.stories),
            fraction(self.dates, self.stories),
            fraction(self.dateline_countries, self.datelines),
            fraction(self.dateline_cities, self.datelines),
            self.spurious_datelines,
            precision(&self.about),
            recall(&self.about),
            precision(&self.mentioned),
            recall(&self.mentioned),
        )
    }
}

/// The place a facet path ends in: `/Syria/Aleppo/Aleppo` → `Aleppo`.
fn place(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

/// What newsdex makes of a story file: the text parser, then `build_article`.
fn extract(path: &Path, text_of_file: &str) -> Option<Article> {
    let raw = text::parse(text_of_file)
        .ok()?
        .articles
        .into_iter()
        .next()?;
    Some(build_article(path, raw))
}

/// Score every labelled story; `errors` prints each story that differs from its labels.
pub fn run(dir: &Path, errors: bool) -> Result<(), String> {
    let labels_path = dir.join("labels.tsv");
    let tsv = std::fs::read_to_string(&labels_path)
        .map_err(|e| format!("cannot read {}: {e}", labels_path.display()))?;
    let labels = parse_labels(&tsv).map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let mut by_lang: BTreeMap<&str, Score> = BTreeMap::new();
    let mut all = Score::default();
    let mut problems = Vec::new();
    for label in &labels {
        let path = dir.join(&label.file);
        let text_of_file = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let article = extract(&path, &text_of_file);
        let score = by_lang.entry(&label.lang).or_default();
        let mut differences = Vec::new();
        for s in [&mut *score, &mut all] {
            s.stories += 1;
        }
        let Some(article) = article else {
            problems.push(format!("{}: the text parser read no article", label.file));
            continue;
        };
        if article.lang == label.lang {
            for s in [&mut *score, &mut all] {
                s.langs += 1;
            }
        } else {
            differences.push(format!(
                "language {}, labelled {}",
                article.lang, label.lang
            ));
        }
        let date = article.date.map(|d| d.date_naive());
        if date == Some(label.date) {
            for s in [&mut *score, &mut all] {
                s.dates += 1;
            }
        } else {
            differences.push(format!("date {date:?}, labelled {}", label.date));
        }
        let dateline = article.dateline.as_deref();
        if label.dateline.is_empty() {
            if let Some(found) = dateline {
                differences.push(format!("dateline {found}, labelled none"));
                for s in [&mut *score, &mut all] {
                    s.spurious_datelines += 1;
                }
            }
        } else {
            let country_ok = dateline.is_some_and(|d| country(d) == label.dateline);
            let city_ok = country_ok && dateline.is_some_and(|d| place(d) == label.dateline_city);
            for s in [&mut *score, &mut all] {
                s.datelines += 1;
                s.dateline_countries += usize::from(country_ok);
                s.dateline_cities += usize::from(city_ok);
            }
            if !city_ok {
                differences.push(format!(
                    "dateline {dateline:?}, labelled {}/{}",
                    label.dateline, label.dateline_city
                ));
            }
        }
        for (facet, paths, gold) in [
            ("about", &article.locations, &label.about),
            ("mentioned", &article.mentions, &label.mentioned),
        ] {
            let predicted: HashSet<&str> = paths.iter().map(|p| country(p)).collect();
            let gold: HashSet<&str> = gold.iter().map(String::as_str).collect();
            for s in [&mut *score, &mut all] {
                let pairs = if facet == "about" {
                    &mut s.about
                } else {
                    &mut s.mentioned
                };
                pairs.add(&predicted, &gold);
            }
            let mut missing: Vec<&&str> = gold.difference(&predicted).collect();
            let mut extra: Vec<&&str> = predicted.difference(&gold).collect();
            missing.sort();
            extra.sort();
            if !missing.is_empty() || !extra.is_empty() {
                differences.push(format!("{facet} missing {missing:?} extra {extra:?}"));
            }
        }
        if !differences.is_empty() {
            problems.push(format!("{}: {}", label.file, differences.join("; ")));
        }
    }
    println!("## Languages: eval/languages\n");
    println!(
        "{} original stories; language, date and places as `build_article` reads each file (no path hint).\n",
        all.stories
    );
    println!(
        "| language | stories | language ID | date | dateline country | dateline city | spurious datelines | about P | about R | mentioned P | mentioned R |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (lang, score) in &by_lang {
        println!("{}", score.row(lang));
    }
    println!("{}", all.row("**all**"));
    println!();
    if errors {
        for line in &problems {
            eprintln!("{line}");
        }
    }
    Ok(())
}
