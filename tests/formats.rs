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
        (
            "quilllegacyone",
            &["zurich-tram-1252.html 2013-10-14 byline"],
        ),
        ("quillutf16one", &["glacier-utf16.txt 2012-08-02 lead"]),
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
        // Nothing in the page or its URI: the capture date, weak evidence.
        (
            "quillwarcthree",
            &[
                "coast-copy.warc.gz#record 7 2020-01-10 crawl",
                "coast.warc#record 7 2020-01-10 crawl",
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
            &["articles.zip#notes/readme.txt 2011-09-09 lead"],
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
            "drawing.xml: XML document <svg> is not RSS, Atom, NITF or NewsML-G2",
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

/// Three Reuters-21578 stories as the collection writes them (a DOCTYPE, no root element,
/// control characters as references), the third empty.
const REUTERS_SGM: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">
<REUTERS TOPICS=\"YES\" NEWID=\"1\">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>QUILLSGMONE COCOA &lt;P> REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued in the
cocoa zone this week, said &lt;Harbour Trading Co>.
    Arrivals rose to 1,200 bags.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS=\"NO\" NEWID=\"2\">
<DATE>  3-MAR-1987  09:15:05.40</DATE>
<TOPICS></TOPICS><PLACES></PLACES>
<TEXT TYPE=\"BRIEF\">&#2;
******<TITLE>QUILLSGMTWO PORT AUTHORITY SETS NEW FEES
</TITLE>
&#3;
</TEXT>
</REUTERS>
<REUTERS TOPICS=\"NO\" NEWID=\"3\">
<DATE> 3-APR-1987 07:09:06.48</DATE>
<TEXT TYPE=\"UNPROC\">&#2;
&#3;
</TEXT>
</REUTERS>
";

/// A NewsML-G2 text item, written for this test after the IPTC specification.
const NEWSML_ITEM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:2017:quill"
    version="1" standard="NewsML-G2" standardversion="2.29" conformance="power">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="Island Wire"/>
    <firstCreated>2017-03-12T10:15:00+01:00</firstCreated></itemMeta>
  <contentMeta>
    <located><name>Valletta</name><broader><name>Malta</name></broader></located>
    <headline>QUILLNEWSMLONE harbour talks</headline>
    <dateline>VALLETTA, March 12</dateline>
  </contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><body>
      <p>Negotiators met on Sunday to discuss fishing rights.</p>
    </body></html>
  </inlineXML></contentSet>
</newsItem>"#;

#[test]
fn reuters_sgml_and_newsml_g2_are_indexed_story_by_story() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus");
    std::fs::write(corpus.join("reut2-test.sgm"), REUTERS_SGM).expect("sgm");
    std::fs::write(corpus.join("harbour.xml"), NEWSML_ITEM).expect("newsml");
    let idx = dir.path().join("idx");
    let summary = index(&idx, &[&corpus]);
    assert_eq!(summary["files_seen"], 2);
    assert_eq!(summary["articles_indexed"], 3);
    assert_eq!(summary["skipped"][0]["record"], "item 3");
    assert_eq!(summary["skipped"][0]["reason"], "no article text");

    assert_eq!(
        hits(&idx, "quillsgmone"),
        ["reut2-test.sgm#item 1 1987-02-26 metadata"]
    );
    assert_eq!(
        hits(&idx, "quillsgmtwo"),
        ["reut2-test.sgm#item 2 1987-03-03 metadata"]
    );
    assert_eq!(
        hits(&idx, "quillnewsmlone"),
        ["harbour.xml 2017-03-12 metadata"]
    );

    let sgm = &search(&idx, "quillsgmone", &[])["hits"][0];
    assert_eq!(sgm["title"], "QUILLSGMONE COCOA <P> REVIEW");
    assert_eq!(sgm["source"], "Reuters");
    assert_eq!(sgm["dateline"], "/Brazil/Bahia/Salvador");
    let locations = sgm["locations"].as_array().expect("locations");
    assert!(locations.contains(&Value::from("/El Salvador")), "{sgm}");
    let newsml = &search(&idx, "quillnewsmlone", &[])["hits"][0];
    assert_eq!(newsml["source"], "Island Wire");
    assert_eq!(newsml["dateline"], "/Malta/Valletta/Valletta");
}

#[test]
fn ignored_files_are_named_in_the_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus");
    for name in ["a.pdf", "b.pdf", "c.PDF", "d.pdf", "README"] {
        std::fs::write(corpus.join(name), "not read").expect("ignored file");
    }
    std::fs::write(
        corpus.join("story.txt"),
        "Ferries sail again after the strike.",
    )
    .expect("story");
    let output = common::newsdex()
        .arg("index")
        .arg(&corpus)
        .arg("--index")
        .arg(dir.path().join("idx"))
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    let c = corpus.display();
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("ignored"))
        .collect();
    assert_eq!(
        lines,
        // In walk order: `README` sorts before `a.pdf`.
        [
            format!("ignored 1 file (no extension; not a format newsdex reads): {c}/README"),
            format!(
                "ignored 4 files (.pdf; not a format newsdex reads): {c}/a.pdf, {c}/b.pdf, {c}/c.PDF and 1 more"
            ),
        ],
        "{stderr}"
    );
    let summary = index(&dir.path().join("idx2"), &[&corpus]);
    assert_eq!(summary["files_ignored"], 5);
    assert_eq!(summary["ignored"][0]["kind"], "no extension");
    assert_eq!(summary["ignored"][1]["kind"], ".pdf");
    assert_eq!(summary["ignored"][1]["count"], 4);
}

#[test]
fn a_named_file_that_cannot_be_read_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, "%PDF-1.4").expect("pdf");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{bad").expect("bad json");
    let idx = dir.path().join("idx");
    for strict in [false, true] {
        let output = common::newsdex()
            .arg("index")
            .arg(&pdf)
            .arg("--index")
            .arg(&idx)
            .args(if strict { &["--strict"][..] } else { &[][..] })
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).expect("utf-8");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!(
                "error: cannot index {}: newsdex does not read .pdf files (it reads .txt",
                pdf.display()
            )),
            "{stderr}"
        );
        assert!(!idx.exists(), "nothing is indexed");
    }
    let output = common::newsdex()
        .arg("index")
        .arg(&bad)
        .arg("--index")
        .arg(&idx)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(
        stderr.contains(&format!(
            "error: {} could not be read: invalid JSON",
            bad.display()
        )),
        "{stderr}"
    );
}
