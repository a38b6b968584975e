//! The labels of `eval/languages` (the development set) and `eval/languages-holdout` (the
//! held-out set) stay consistent with their stories and with the gazetteer, so that
//! `eval --languages` measures the extractors, not a slip in the labels.

mod common;
use common::repo_path;
use std::collections::{BTreeMap, HashSet};

const LANGUAGES: &[&str] = &["en", "fr", "es", "de", "it", "pt", "ru", "ar", "tr", "nl"];

/// Each set, with the fewest stories it holds per language.
const SETS: &[(&str, usize)] = &[("eval/languages", 8), ("eval/languages-holdout", 5)];

/// The rows of a set's labels.tsv after its comments and header, split into cells.
fn rows(set: &str) -> Vec<Vec<String>> {
    let tsv = std::fs::read_to_string(repo_path(set).join("labels.tsv")).unwrap();
    let mut lines = tsv.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(
        lines.next(),
        Some("file\tlang\tdate\tdateline\tdateline_city\tabout\tmentioned\tnotes")
    );
    lines
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

/// Country names as the gazetteer's `C` records give them.
fn countries() -> HashSet<String> {
    let gazetteer = std::fs::read_to_string(repo_path("data/gazetteer.tsv")).unwrap();
    gazetteer
        .lines()
        .filter_map(|l| l.strip_prefix("C\t"))
        .filter_map(|l| l.split('\t').nth(1))
        .map(String::from)
        .collect()
}

fn list(cell: &str) -> Vec<&str> {
    cell.split(';').filter(|c| !c.is_empty()).collect()
}

#[test]
fn every_story_is_labelled_once_and_every_label_names_a_story() {
    for (set, _) in SETS {
        every_story_of_a_set_is_labelled_once(set);
    }
}

fn every_story_of_a_set_is_labelled_once(set: &str) {
    let labelled: Vec<String> = rows(set).iter().map(|r| r[0].clone()).collect();
    let unique: HashSet<&String> = labelled.iter().collect();
    assert_eq!(unique.len(), labelled.len(), "a story labelled twice");
    let mut on_disk = Vec::new();
    for lang in LANGUAGES {
        for entry in std::fs::read_dir(repo_path(set).join(lang)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            on_disk.push(format!("{lang}/{name}"));
        }
    }
    on_disk.sort();
    let mut labelled = labelled;
    labelled.sort();
    assert_eq!(labelled, on_disk);
}

#[test]
fn each_language_has_enough_stories_of_over_a_hundred_words() {
    for (set, fewest) in SETS {
        stories_per_language(set, *fewest);
    }
}

fn stories_per_language(set: &str, fewest: usize) {
    let mut per_language: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows(set) {
        assert_eq!(row.len(), 8, "{row:?}");
        assert!(row[0].starts_with(&format!("{}/", row[1])), "{row:?}");
        *per_language.entry(row[1].clone()).or_default() += 1;
        let text = std::fs::read_to_string(repo_path(set).join(&row[0])).unwrap();
        let (headline, rest) = text.split_once('\n').unwrap();
        assert!(!headline.trim().is_empty(), "{}: headline", row[0]);
        let words = rest.split_whitespace().count();
        assert!(words >= 110, "{}: {words} words", row[0]);
        assert!(words <= 320, "{}: {words} words", row[0]);
    }
    for lang in LANGUAGES {
        let stories = per_language.get(*lang).copied().unwrap_or(0);
        assert!(stories >= fewest, "{set}: {lang} has {stories} stories");
    }
}

#[test]
fn labels_name_gazetteer_countries_and_real_dates() {
    let countries = countries();
    for row in SETS.iter().flat_map(|(set, _)| rows(set)) {
        let file = &row[0];
        assert!(
            chrono::NaiveDate::parse_from_str(&row[2], "%Y-%m-%d").is_ok(),
            "{file}: date {:?}",
            row[2]
        );
        let about = list(&row[5]);
        let mentioned = list(&row[6]);
        assert!(!about.is_empty(), "{file}: about nothing");
        for country in about.iter().chain(&mentioned) {
            assert!(countries.contains(*country), "{file}: {country:?}");
        }
        for country in &about {
            assert!(
                mentioned.contains(country),
                "{file}: {country} about, not mentioned"
            );
        }
        // A dateline has its country and city, or neither.
        assert_eq!(row[3].is_empty(), row[4].is_empty(), "{file}");
        if !row[3].is_empty() {
            assert!(countries.contains(&row[3]), "{file}: {:?}", row[3]);
            assert!(mentioned.contains(&row[3].as_str()), "{file}: dateline");
        }
    }
}
