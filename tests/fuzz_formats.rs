//! The format fuzzer: a small valid file of each format, mutated (bytes flipped, cut short,
//! random bytes inserted, spans duplicated), read through the path `newsdex index` takes
//! for one file: format by name, open and parse, then extraction of every article. Every
//! mutated file is read, or skipped with a one-line reason: never a panic or an abort.

use newsdex::extract::{Pending, finish_article};
use newsdex::formats::{self, Format, Limits, Record};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::Path;

/// Cases per format: enough to reach the parsers' error paths, few enough that the whole
/// file runs in seconds in a debug build.
const CASES: u32 = 64;

/// One change to a file's bytes; positions are taken modulo the length at that point.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, mask: u8 },
    Truncate { at: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Duplicate { from: usize, len: usize, to: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1..256usize, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let n = bytes.len();
        match m {
            Mutation::Flip { at, mask } if n > 0 => bytes[at % n] ^= mask,
            Mutation::Flip { .. } => {}
            Mutation::Truncate { at } => bytes.truncate(at % (n + 1)),
            Mutation::Insert { at, bytes: new } => {
                let at = at % (n + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Duplicate { from, len, to } if n > 0 => {
                let from = from % n;
                let span = bytes[from..(from + len).min(n)].to_vec();
                let to = to % (n + 1);
                bytes.splice(to..to, span);
            }
            Mutation::Duplicate { .. } => {}
        }
    }
    bytes
}

/// Read `bytes` as the file `name` the way indexing does: every outcome is articles or a
/// skip reason of one line.
fn read(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the mutated file");
    let format = Format::for_path(&path).expect("a format newsdex reads");
    let records = match formats::open_file(&path, format, Limits::new(1 << 20)) {
        Ok(records) => records,
        Err(e) => return one_line(&e.to_string()),
    };
    for record in records {
        match record {
            Record::Article(raw) => {
                finish_article(&path, Pending::Raw(raw));
            }
            Record::Extracted(article) => {
                finish_article(&path, Pending::Extracted(article));
            }
            Record::Problem(problem) => {
                prop_assert!(!problem.locator.to_string().is_empty(), "{problem:?}");
                one_line(&problem.reason)?;
            }
        }
    }
    Ok(())
}

fn one_line(reason: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !reason.trim().is_empty() && !reason.contains('\n'),
        "skip reason {reason:?}"
    );
    Ok(())
}

/// Fuzz the file `name` starting from `fixture`, which must read as at least one article.
fn fuzz(name: &str, fixture: &[u8]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, fixture).expect("write the fixture");
    let format = Format::for_path(&path).expect("a format newsdex reads");
    let records = formats::open_file(&path, format, Limits::new(1 << 20))
        .unwrap_or_else(|e| panic!("{name}: the unmutated fixture is skipped: {e}"));
    let articles = records
        .filter(|r| matches!(r, Record::Article(_) | Record::Extracted(_)))
        .count();
    assert!(articles > 0, "{name}: the unmutated fixture has no article");

    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = prop::collection::vec(mutation(), 1..6);
    runner
        .run(&strategy, |mutations| {
            read(dir.path(), name, &mutate(fixture.to_vec(), &mutations))
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

#[test]
fn mutated_text() {
    fuzz(
        "a.txt",
        include_bytes!("../sample-corpus/2014/01/south-sudan-truce-signed.txt"),
    );
}

#[test]
fn mutated_json() {
    fuzz(
        "a.json",
        include_bytes!("../sample-corpus/api/iran/vienna-nuclear-deal.json"),
    );
}

#[test]
fn mutated_json_lines() {
    fuzz(
        "a.jsonl",
        include_bytes!("../sample-corpus/feeds/world-2021-2023.jsonl"),
    );
}

#[test]
fn mutated_html() {
    fuzz(
        "a.html",
        include_bytes!("../sample-corpus/web/africa/kenya-drought-livestock.html"),
    );
}

#[test]
fn mutated_markdown() {
    fuzz(
        "a.md",
        include_bytes!("../sample-corpus/blog/2016/05/syria-truce-analysis.md"),
    );
}

#[test]
fn mutated_rss() {
    fuzz(
        "a.rss",
        include_bytes!("fixtures/formats/archive/feeds/lakeside.rss"),
    );
}

#[test]
fn mutated_atom() {
    fuzz(
        "a.atom",
        include_bytes!("fixtures/formats/archive/feeds/valley.atom"),
    );
}

#[test]
fn mutated_nitf() {
    fuzz(
        "a.nitf",
        include_bytes!("fixtures/formats/archive/wire/harbour-talks.nitf"),
    );
}

#[test]
fn mutated_warc() {
    fuzz(
        "a.warc",
        include_bytes!("fixtures/formats/archive/crawl/coast.warc"),
    );
}

#[test]
fn mutated_gzip() {
    // The compressed bytes mutated: gzip headers, deflate blocks and the trailer.
    fuzz(
        "a.txt.gz",
        include_bytes!("../sample-corpus/2022/11/02/pretoria-ethiopia-tigray-truce.txt.gz"),
    );
    fuzz(
        "a.warc.gz",
        include_bytes!("fixtures/formats/archive/crawl/coast-copy.warc.gz"),
    );
}

#[test]
fn mutated_text_inside_gzip() {
    // A gzip that decompresses cleanly to mutated text: the parser behind the decoder.
    let jsonl = include_bytes!("../sample-corpus/feeds/world-2021-2023.jsonl");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop::collection::vec(mutation(), 1..6), |mutations| {
            let inner = mutate(jsonl.to_vec(), &mutations);
            read(dir.path(), "a.jsonl.gz", &gzip(&inner))
        })
        .unwrap_or_else(|e| panic!("a.jsonl.gz: {e}"));
}

#[test]
fn mutated_zip() {
    fuzz(
        "a.zip",
        include_bytes!("fixtures/formats/archive/bundle/articles.zip"),
    );
}
