//! `newsdex show` by id, by path and by `path (member)` as results print them; a file with
//! more articles than are shown says what was left out and how to see it (issue 13 item 4).

mod common;

use common::newsdex;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A JSON Lines file of 12 stories (`quillshow1` … `quillshow12`), indexed.
fn wire() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus");
    let lines: Vec<String> = (1..=12)
        .map(|n| {
            serde_json::json!({
                "title": format!("Story {n}"),
                "body": format!("quillshow{n} harbour story number {n} of the wire."),
            })
            .to_string()
        })
        .collect();
    let file = corpus.join("wire.jsonl");
    std::fs::write(&file, lines.join("\n")).expect("jsonl");
    let index = dir.path().join("idx");
    common::index(&index, &[&corpus]);
    let path = file.to_str().expect("utf-8 path").to_string();
    (dir, index, path)
}

fn show(index: &Path, args: &[&str]) -> (Vec<Value>, String) {
    let output = newsdex()
        .arg("show")
        .args(args)
        .args(["--format", "json", "--index"])
        .arg(index)
        .output()
        .expect("runs");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert!(output.status.success(), "{args:?}: {stderr}");
    let articles = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON article a line"))
        .collect();
    (articles, stderr)
}

fn members(articles: &[Value]) -> Vec<&str> {
    articles
        .iter()
        .map(|a| a["member"].as_str().unwrap_or("-"))
        .collect()
}

#[test]
fn a_big_file_is_shown_in_file_order_and_says_what_is_left_out() {
    let (_dir, index, path) = wire();
    let (all, quiet) = show(&index, &[&path]);
    assert_eq!(all.len(), 12);
    assert_eq!(
        members(&all)[8..],
        ["line 9", "line 10", "line 11", "line 12"]
    );
    assert_eq!(quiet, "");

    let (first, said) = show(&index, &[&path, "--limit", "5"]);
    assert_eq!(
        members(&first),
        ["line 1", "line 2", "line 3", "line 4", "line 5"]
    );
    assert_eq!(
        said,
        format!("showing articles 1–5 of the 12 of {path}; --offset 5 shows the next 5\n")
    );
    let (last, said) = show(&index, &[&path, "--limit", "5", "--offset", "10"]);
    assert_eq!(members(&last), ["line 11", "line 12"]);
    assert_eq!(
        said,
        format!("showing articles 11–12 of the 12 of {path}\n")
    );

    let output = newsdex()
        .args(["show", &path, "--offset", "12", "--index"])
        .arg(&index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("error: --offset 12 is past the 12 articles of {path}\n")
    );
}

#[test]
fn show_takes_the_id_and_the_member_form_that_results_print() {
    let (_dir, index, path) = wire();
    let output = newsdex()
        .args(["search", "quillshow10", "--index"])
        .arg(&index)
        .output()
        .expect("runs");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let line = text
        .lines()
        .find(|l| l.contains("wire.jsonl"))
        .expect("a path line")
        .trim();
    let (location, id) = line.split_once(" · id ").expect("the id on the path line");
    assert_eq!(location, format!("{path} (line 10)"));

    let (by_id, _) = show(&index, &[id]);
    assert_eq!(members(&by_id), ["line 10"]);
    assert_eq!(by_id[0]["title"], "Story 10");
    let (by_member, _) = show(&index, &[location]);
    assert_eq!(by_member, by_id);

    let output = newsdex()
        .args(["show", &format!("{path} (line 13)"), "--index"])
        .arg(&index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("`PATH (MEMBER)` as results print it"),
        "{output:?}"
    );
}
