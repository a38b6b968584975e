//! Research tools on `sample-corpus/` through the real binary: proximity and prefix queries,
//! timeline, facets, show, stats, export and near-duplicate grouping.
//!
//! Every expected count here was checked independently of newsdex, by scanning the corpus
//! files (Python over the raw text; see tests/sample-corpus.md for what each file holds).

mod common;
use common::{hit_files, index, newsdex, repo_path, search};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

struct Indexed {
    _dir: tempfile::TempDir,
    index: PathBuf,
}

/// The sample corpus, indexed once for all tests of this file.
fn corpus() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let idx = dir.path().join("idx");
        index(&idx, &[&repo_path("sample-corpus")]);
        Indexed {
            _dir: dir,
            index: idx,
        }
    })
}

fn hits(query: &str) -> Vec<String> {
    let result = search(&corpus().index, query, &[]);
    let files = hit_files(&result);
    assert_eq!(
        result["total"].as_u64().unwrap() as usize,
        files.len(),
        "total vs hits for {query}"
    );
    files
}

fn names(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// The nine articles with the exact phrase "cessation of hostilities".
const PHRASE_NINE: &[&str] = &[
    "aleppo-hospital-shelling.txt",
    "beirut-aleppo-airstrikes.json",
    "geneva-talks.txt",
    "pretoria-ethiopia-tigray-truce.txt.gz",
    "south-sudan-truce-signed.html",
    "south-sudan-truce-signed.txt",
    "syria-truce-analysis.md",
    "wire-2022.jsonl#line 1",
    "2016-05-09-aleppo-truce-extended.txt",
];

fn with(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<&str> = PHRASE_NINE.to_vec();
    v.extend_from_slice(extra);
    names(&v)
}

#[test]
fn phrase_slop_allows_words_between_in_order() {
    // "cessation of hostilities" has one word between; "cessation of the/all hostilities"
    // two; Libya's "Hostilities … cessation" is reversed and far apart.
    assert_eq!(hits("\"cessation hostilities\"~1"), with(&[]));
    assert_eq!(
        hits("\"cessation hostilities\"~2"),
        with(&["nagorno-karabakh-deal.json", "world-2021-2023.jsonl#line 4"])
    );
    assert_eq!(
        hits("\"cessation hostilities\"~3"),
        hits("\"cessation hostilities\"~2")
    );
    assert!(hits("\"cessation hostilities\"~0").is_empty());
    assert!(hits("\"hostilities cessation\"~5").is_empty());
}

#[test]
fn near_is_in_either_order_and_matches_inflections() {
    // Bare words match inflections: Havana's "cessation of hostility" counts.
    let near3 = with(&[
        "nagorno-karabakh-deal.json",
        "world-2021-2023.jsonl#line 4",
        "havana-farc-talks.txt",
    ]);
    assert_eq!(hits("cessation NEAR/3 hostilities"), near3);
    assert_eq!(hits("hostilities w/3 cessation"), near3);
    assert_eq!(hits("hostilities PRE/3 cessation"), Vec::<String>::new());
    // Quoted words are exact: "hostilities" leaves Havana out.
    assert_eq!(
        hits("cessation NEAR/3 \"hostilities\""),
        with(&["nagorno-karabakh-deal.json", "world-2021-2023.jsonl#line 4"])
    );
}

#[test]
fn near_joins_a_phrase_and_a_word() {
    // OPEC within 5 words of oil: the Vienna and Saudi headlines and the April 2020 wire.
    let opec = names(&[
        "vienna-output-deal.json",
        "energy-2020.ndjson#line 3",
        "saudi-oil-cut.md",
    ]);
    assert_eq!(hits("oil w/5 opec"), opec);
    assert_eq!(
        hits("opec PRE/3 oil"),
        names(&["vienna-output-deal.json", "energy-2020.ndjson#line 3"])
    );
}

#[test]
fn prefix_matches_every_word_that_starts_with_it() {
    let hostil = with(&[
        "nagorno-karabakh-deal.json",
        "world-2021-2023.jsonl#line 4",
        "havana-farc-talks.txt",
        "libya-berlin-conference.md",
    ]);
    assert_eq!(hits("hostil*"), hostil);
    assert_eq!(hits("HOSTIL*"), hostil);
    assert_eq!(
        hits("\"cessation of hostil*\""),
        with(&["havana-farc-talks.txt"])
    );
    assert_eq!(
        hits("title:hostil*"),
        hits("title:\"cessation of hostilities\"")
    );
}

#[test]
fn proximity_highlights_mark_the_matched_words() {
    let result = search(&corpus().index, "\"cessation hostilities\"~2", &[]);
    for hit in result["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        let words: Vec<String> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                snippet[a as usize..b as usize].to_lowercase()
            })
            .collect();
        assert!(!words.is_empty(), "{}", hit["path"]);
        for w in &words {
            assert!(w == "cessation" || w == "hostilities", "{w}");
        }
    }
}

#[test]
fn bad_proximity_syntax_exits_2_with_advice() {
    for (query, advice) in [
        ("\"cessation hostilities\"~", "\"cessation hostilities\"~3"),
        ("oil NEAR opec", "NEAR/5"),
        ("(oil OR gas) NEAR/3 opec", "not (groups)"),
        ("h*", "at least 2 letters"),
        ("ho*st", "only allowed at the end"),
    ] {
        let out = newsdex()
            .args(["search", query, "--index"])
            .arg(&corpus().index)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{query}");
        assert!(out.stdout.is_empty(), "{query}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(advice), "{query}: {err}");
    }
}

#[allow(dead_code)]
fn json(args: &[&str]) -> Value {
    let out = newsdex()
        .args(args)
        .arg("--index")
        .arg(&corpus().index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
