//! Every input format end to end: the real binary indexes `tests/fixtures/formats/archive`
//! (feeds, NITF, zip, WARC, legacy encodings, a boilerplate-heavy page and broken files) and
//! each article must be found with its date, page furniture must not, and each bad file must
//! be listed with its reason. The fixtures are rebuilt by `make_fixtures.py` beside them.

mod common;

use common::{hit_files, index, repo_path, search};
use serde_json::Value;

fn fixture_index() -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().expect("temp dir");
    let archive = repo_path("tests/fixtures/formats/archive");
    let summary = index(&dir.path().join("idx"), &[&archive]);
    (dir, summary)
}

/// `file#member date-day date_source` of every hit for `query`.
fn hits(index: &std::path::Path, query: &str) -> Vec<String> {
    let result = search(index, query, &["--all-copies"]);
    let mut out: Vec<String> = result["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default();
            let member = h["member"]
                .as_str()
                .map(|m| format!("#{m}"))
                .unwrap_or_default();
            let day = h["date"].as_str().map_or("undated", |d| &d[..10]);
            let source = h["date_source"].as_str().unwrap_or("-");
            format!("{name}{member} {day} {source}")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_format_is_indexed_with_its_date() {
    let (dir, summary) = fixture_index();
    let idx = dir.path().join("idx");
    let expect: &[(&str, &[&str])] = &[
        ("quillfeedone", &["lakeside.rss#item 1 2016-05-03 metadata"]),
        ("quillfeedtwo", &["lakeside.rss#item 2 2016-05-13 metadata"]),
        ("quillatomone", &["valley.atom#item 1 2019-02-01 metadata"]),
        ("quillatomtwo", &["valley.atom#item 2 2019-03-11 metadata"]),
        ("quillnitfone", &["harbour-talks.nitf 2017-03-13 metadata"]),
        // JSON-LD datePublished beats the URL date and dateModified.
        ("quillpageone", &["bridge-vote.html 2015-07-02 metadata"]),
        ("quilllegacyone", &["zurich-tram-1252.html 2013-10-14 text"]),
        ("quillutf16one", &["glacier-utf16.txt 2012-08-02 text"]),
        (
            "quillwarcone",
            &[
                "coast-copy.warc.gz#record 3 2018-09-14 metadata",
                "coast.warc#record 3 2018-09-14 metadata",
                "cut-short.warc#record 3 2018-09-14 metadata",
            ],
        ),
        // No date in the page: the target URI's path dates it.
        (
            "quillwarctwo",
            &[
                "coast-copy.warc.gz#record 6 2017-12-05 metadata",
                "coast.warc#record 6 2017-12-05 metadata",
            ],
        ),
        // Nothing in the page or its URI: the capture date.
        (
            "quillwarcthree",
            &[
                "coast-copy.warc.gz#record 7 2020-01-10 metadata",
                "coast.warc#record 7 2020-01-10 metadata",
            ],
        ),
        (
            "quillzipone",
            &["articles.zip#2014/03/09/mine-rescue.html 2014-03-09 metadata"],
        ),
        (
            "quillziptwo",
            &["articles.zip#batch/wire.jsonl line 1 2021-02-03 metadata"],
        ),
        (
            "quillzipthree",
            &["articles.zip#batch/wire.jsonl line 3 2021-02-04 metadata"],
        ),
        (
            "quillzipfour",
            &["articles.zip#notes/readme.txt 2011-09-09 text"],
        ),
        ("quilltruncatedzip", &["cut-short.zip#first.txt undated -"]),
    ];
    for (word, want) in expect {
        assert_eq!(hits(&idx, word), *want, "search {word}");
    }
    // The lines of the damaged .jsonl.gz before the damage are all there.
    let line = summary["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .find_map(|s| {
            s["path"]
                .as_str()?
                .ends_with("cut-short.jsonl.gz")
                .then(|| s["line"].as_u64())?
        })
        .expect("truncated jsonl.gz reported with its line");
    let found = search(&idx, "quilltruncgz", &["--limit", "10000"]);
    assert_eq!(
        found["hits"].as_array().map(Vec::len),
        Some(line as usize - 1)
    );
}

#[test]
fn legacy_encodings_and_entities_are_decoded() {
    let (dir, _) = fixture_index();
    let idx = dir.path().join("idx");
    assert_eq!(
        hit_files(&search(&idx, "Zürich", &[])),
        ["zurich-tram-1252.html"]
    );
    assert_eq!(
        hit_files(&search(&idx, "café", &[])),
        ["harbour-talks.nitf", "lakeside.rss#item 2"]
    );
    assert_eq!(
        hit_files(&search(&idx, "Grindelwald", &[])),
        ["glacier-utf16.txt"]
    );
}

#[test]
fn page_furniture_is_not_indexed() {
    let (dir, _) = fixture_index();
    let idx = dir.path().join("idx");
    for word in [
        "boilershare",
        "boilercaption",
        "boilerscript",
        "boilerstyle",
        "boilerheader",
        "boilernav",
        "boilercookie",
        "boilerbyline",
        "boilerrelated",
        "boilercomment",
        "boilerfooter",
    ] {
        assert_eq!(
            hit_files(&search(&idx, word, &[])),
            Vec::<String>::new(),
            "{word}"
        );
    }
}

#[test]
fn every_bad_file_is_listed_with_a_reason() {
    let (_dir, summary) = fixture_index();
    let mut skipped: Vec<String> = summary["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            let name = s["path"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default();
            match s["record"].as_str() {
                Some(r) => format!("{name} [{r}]: {}", s["reason"].as_str().unwrap_or_default()),
                None => format!("{name}: {}", s["reason"].as_str().unwrap_or_default()),
            }
        })
        .collect();
    skipped.sort();
    let truncated_gz = skipped
        .iter()
        .position(|s| s.starts_with("cut-short.jsonl.gz"));
    let truncated_gz = truncated_gz
        .map(|i| skipped.remove(i))
        .expect("jsonl.gz reported");
    assert!(
        truncated_gz.ends_with("truncated gzip stream; the rest of the file was not read"),
        "{truncated_gz}"
    );
    assert_eq!(
        skipped,
        [
            "articles.zip [bad/broken.json]: invalid JSON: EOF while parsing a string at line 1 column 14",
            "articles.zip [batch/wire.jsonl line 2]: invalid JSON: expected value at column 11",
            "binary.txt: binary data, not text (contains NUL bytes)",
            "cut-short.warc [record 4]: record is cut short (truncated file); the rest of the file was not read",
            "cut-short.zip [member 3]: truncated or damaged zip archive (i/o error: failed to fill whole buffer); 2 members before the damage were read",
            "cut-short.zip [second.txt]: cannot read member: Invalid checksum",
            "drawing.xml: XML document <svg> is not RSS, Atom or NITF",
            "empty.html: empty file",
            "malformed.xml: invalid XML: ill-formed document: expected `</description>`, but `</item>` was found (line 3)",
        ]
    );
    assert_eq!(summary["files_seen"], 16);
}

#[test]
fn reindexing_unchanged_archives_keeps_the_same_articles() {
    let (dir, first) = fixture_index();
    let archive = repo_path("tests/fixtures/formats/archive");
    let second = index(&dir.path().join("idx"), &[&archive]);
    assert_eq!(second["articles_total"], first["articles_total"]);
    assert_eq!(second["articles_indexed"], 0);
}
