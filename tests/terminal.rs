//! Article text is untrusted: escape sequences in a story's title, body, source, URL or
//! file name reach a terminal as visible escapes, never as instructions (issue 13 item 6);
//! JSON keeps them exact.

mod common;

use common::newsdex;
use std::path::Path;

/// Retitles the window, writes the clipboard, clears the screen, plants a link, rings.
const TITLE: &str = "Harbour \u{1b}]0;pwned\u{7} talks";
const BODY: &str = "Negotiators met on Sunday \u{1b}]52;c;ZXZpbA==\u{7} to discuss \
                    fishing \u{1b}[2J rights around the harbour of Valletta.";
const SOURCE: &str = "Island \u{1b}]8;;http://evil.example/\u{1b}\\Wire\u{1b}]8;;\u{1b}\\";
const FILE: &str = "talks-\u{1b}[31m.json";

fn archive() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    let story = serde_json::json!({
        "title": TITLE,
        "body": BODY,
        "source": SOURCE,
        "url": "http://example.com/\u{1b}[2J",
        "date": "2017-03-12",
    });
    std::fs::write(corpus.join(FILE), story.to_string()).expect("story");
    // An empty file is skipped, and the summary names it.
    std::fs::write(corpus.join("empty-\u{1b}]0;x\u{7}.txt"), "").expect("empty file");
    let index = dir.path().join("index");
    (dir, index)
}

fn run(index: &Path, args: &[&str]) -> (String, String) {
    let output = newsdex()
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

fn assert_no_controls(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert!(bad.is_empty(), "{what} prints {bad:?} raw:\n{text}");
}

#[test]
fn every_text_command_escapes_control_characters() {
    let (dir, index) = archive();
    let corpus = dir.path().join("corpus");
    let corpus = corpus.to_str().expect("utf-8 temp path");
    let (_, summary) = run(&index, &["index", corpus]);
    assert_no_controls("index summary", &summary);
    assert!(
        summary.contains("empty-\\x1b]0;x\\x07.txt: empty file"),
        "{summary}"
    );

    let (hits, _) = run(&index, &["search", "harbour", "--color", "always"]);
    assert_no_controls_but_colour("search", &hits);
    for shown in [
        "Harbour \\x1b]0;pwned\\x07 talks",
        "Island \\x1b]8;;http://evil.example/\\x1b\\Wire",
        "talks-\\x1b[31m.json",
        "fishing \\x1b[2J rights",
    ] {
        assert!(hits.contains(shown), "search lacks {shown:?}:\n{hits}");
    }

    let path = format!("{corpus}/{FILE}");
    let (article, _) = run(&index, &["show", &path, "--query", "fishing"]);
    assert_no_controls("show", &article);
    for shown in [
        "Harbour \\x1b]0;pwned\\x07 talks",
        "\\x1b]52;c;ZXZpbA==\\x07",
        "url:      http://example.com/\\x1b[2J",
        "talks-\\x1b[31m.json",
    ] {
        assert!(article.contains(shown), "show lacks {shown:?}:\n{article}");
    }

    let (stats, _) = run(&index, &["stats"]);
    assert_no_controls("stats", &stats);
    assert!(stats.contains("Island \\x1b]8;;"), "{stats}");

    let (facets, _) = run(&index, &["facets", "*", "--field", "source"]);
    assert_no_controls("facets", &facets);
    assert!(facets.contains("Island \\x1b]8;;"), "{facets}");

    let (chart, _) = run(&index, &["timeline", "harbour\u{1b}[2J", "--by", "year"]);
    assert_no_controls("timeline", &chart);
}

/// `--color always` adds SGR styles (`ESC [ … m`) of its own: take those out, then look.
fn assert_no_controls_but_colour(what: &str, text: &str) {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        assert_eq!(
            after[end..].chars().next(),
            Some('m'),
            "{what}: a raw escape that is not a colour:\n{text}"
        );
        rest = &after[end + 1..];
    }
    plain.push_str(rest);
    assert_no_controls(what, &plain);
}

#[test]
fn json_keeps_the_text_exact() {
    let (dir, index) = archive();
    run(
        &index,
        &["index", dir.path().join("corpus").to_str().expect("utf-8")],
    );
    let (json, _) = run(&index, &["search", "harbour", "--format", "json"]);
    let result: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let hit = &result["hits"][0];
    assert_eq!(hit["title"], TITLE);
    assert_eq!(hit["source"], SOURCE);
    assert!(hit["path"].as_str().expect("path").ends_with(FILE), "{hit}");
}
