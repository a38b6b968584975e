//! Phrases, proximity and their highlights across punctuation, through the real binary
//! (issue 13 items 1, 2 and 5): quotation marks and brackets are transparent in a phrase,
//! every other mark between two words keeps them from being a phrase, punctuation typed in
//! a phrase must be in the text, and `NEAR/n` / `~n` count words only.

mod common;
use common::{hit_files, index, search};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One story per file: (file name, body). Each file's first line is its headline.
const STORIES: &[(&str, &str)] = &[
    (
        "uaw.txt",
        "Both sides said the \"cessation of hostilities\" agreement was holding. The United \
         Auto Workers (UAW) vowed to fight.",
    ),
    (
        "curly.txt",
        "Rebels welcomed the “cessation of hostilities” deal.",
    ),
    (
        "guillemets.txt",
        "Rebels welcomed the «cessation of hostilities» deal.",
    ),
    (
        "single.txt",
        "Rebels welcomed the ‘cessation of hostilities’ deal.",
    ),
    (
        "brackets.txt",
        "Rebels welcomed the [cessation of hostilities] deal.",
    ),
    ("plain.txt", "Oil prices rose on Monday."),
    ("quoted.txt", "The \"oil\" prices rose."),
    ("comma.txt", "They sold gas, oil, prices of coal fell."),
    ("stop.txt", "They sold oil. Prices fell."),
    ("colon.txt", "Exports of oil: prices fell."),
    ("semicolon.txt", "Exports of oil; prices fell."),
    ("dash.txt", "They sold oil — prices fell, oil - prices too."),
    ("us-russian.txt", "The U.S.-Russian talks resumed."),
    // After a comma the phrase starts at the other parity of breaks.
    (
        "us-russian-later.txt",
        "Earlier, U.S.-Russian talks failed.",
    ),
    ("us-plain.txt", "The US Russian talks resumed."),
    ("kerry.txt", "Kerry’s top priority is peace."),
    ("brown.txt", "Brown's Britain, Mr Blair said, is fairer."),
    ("email.txt", "Send e-mails to the desk."),
    ("e-mail-spaced.txt", "Send e mails to the desk."),
];

struct Indexed {
    _dir: tempfile::TempDir,
    index: PathBuf,
}

fn corpus() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        for (name, body) in STORIES {
            std::fs::write(docs.join(name), format!("Story\n\n{body}\n")).unwrap();
        }
        let idx = dir.path().join("idx");
        index(&idx, &[&docs]);
        Indexed {
            _dir: dir,
            index: idx,
        }
    })
}

fn hits(query: &str) -> Vec<String> {
    hit_files(&search(&corpus().index, query, &["--all-copies"]))
}

fn names(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn quotation_marks_and_brackets_do_not_break_a_phrase() {
    assert_eq!(
        hits("\"the cessation of hostilities\""),
        names(&[
            "brackets.txt",
            "curly.txt",
            "guillemets.txt",
            "single.txt",
            "uaw.txt"
        ])
    );
    for query in [
        "\"cessation of hostilities agreement\"",
        "\"UAW vowed\"",
        "\"workers uaw vowed\"",
    ] {
        assert_eq!(hits(query), names(&["uaw.txt"]), "{query}");
    }
    assert_eq!(
        hits("\"welcomed the cessation of hostilities deal\""),
        names(&["brackets.txt", "curly.txt", "guillemets.txt", "single.txt"])
    );
}

#[test]
fn commas_colons_dashes_and_sentence_ends_still_break_a_phrase() {
    assert_eq!(hits("\"oil prices\""), names(&["plain.txt", "quoted.txt"]));
    // They are found when the phrase has punctuation there too (any mark: the index
    // keeps that there is one, not which).
    let broken = names(&[
        "colon.txt",
        "comma.txt",
        "dash.txt",
        "semicolon.txt",
        "stop.txt",
    ]);
    for query in [
        "\"oil, prices\"",
        "\"oil. prices\"",
        "\"oil: prices\"",
        "\"oil; prices\"",
        "\"oil — prices\"",
    ] {
        assert_eq!(hits(query), broken, "{query}");
    }
}

#[test]
fn punctuation_typed_in_a_phrase_must_be_in_the_text() {
    assert_eq!(
        hits("\"U.S.-Russian talks\""),
        names(&["us-russian-later.txt", "us-russian.txt"])
    );
    assert_eq!(hits("\"US Russian talks\""), names(&["us-plain.txt"]));
    assert_eq!(hits("\"kerry's top\""), names(&["kerry.txt"]));
    assert!(hits("\"kerry s top\"").is_empty());
}

#[test]
fn near_counts_words_not_punctuation_and_a_possessive_is_part_of_its_word() {
    let cases: &[(&str, &[&str])] = &[
        ("kerry NEAR/2 priority", &["kerry.txt"]),
        ("kerry NEAR/1 priority", &["kerry.txt"]),
        ("kerry NEAR/0 priority", &[]),
        ("britain NEAR/1 blair", &["brown.txt"]),
        ("britain NEAR/0 blair", &[]),
        ("brown PRE/3 blair", &["brown.txt"]),
        ("brown PRE/2 blair", &["brown.txt"]),
        ("brown PRE/1 blair", &[]),
        ("blair PRE/3 brown", &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(hits(query), names(expected), "{query}");
    }
}

#[test]
fn slop_and_prefixes_in_a_phrase_follow_the_same_rule() {
    // `~n` counts the words between, not the quotation marks or brackets.
    assert_eq!(hits("\"said cessation\"~1"), names(&["uaw.txt"]));
    assert!(hits("\"said cessation\"~0").is_empty());
    assert_eq!(hits("\"workers vowed\"~1"), names(&["uaw.txt"]));
    // A prefix in a phrase, across a bracket.
    assert_eq!(hits("\"auto work* uaw\""), names(&["uaw.txt"]));
    assert_eq!(
        hits("\"the cessation of hostil*\""),
        names(&[
            "brackets.txt",
            "curly.txt",
            "guillemets.txt",
            "single.txt",
            "uaw.txt"
        ])
    );
    // A prefix written with a hyphen keeps it: `e-mail*` is not `e mail*`.
    assert_eq!(hits("e-mail*"), names(&["email.txt"]));
    assert_eq!(hits("\"e mail*\""), names(&["e-mail-spaced.txt"]));
}

/// The highlighted parts of the only hit's snippet.
fn highlighted(query: &str) -> Vec<String> {
    let result = search(&corpus().index, query, &[]);
    let hits = result["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{query}: {result}");
    let snippet = hits[0]["snippet"].as_str().unwrap();
    hits[0]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r: &Value| {
            let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            snippet[a as usize..b as usize].to_string()
        })
        .collect()
}

#[test]
fn highlights_cover_a_phrase_across_quotation_marks_and_brackets() {
    assert_eq!(
        highlighted("\"the cessation of hostilities agreement\""),
        ["the \"cessation of hostilities\" agreement"]
    );
    assert_eq!(
        highlighted("\"workers uaw vowed\""),
        ["Workers (UAW) vowed"]
    );
    assert_eq!(highlighted("\"workers vowed\"~1"), ["Workers", "vowed"]);
    assert_eq!(
        highlighted("kerry NEAR/1 priority"),
        ["Kerry’s", "priority"]
    );
}
