//! Every bad query or flag exits 2 with one line on stderr saying what to fix, and
//! nothing on stdout.

mod common;
use common::{index, newsdex};

fn indexed_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Truce holds in Aleppo\n\nALEPPO, Syria — The cessation of hostilities held on Sunday.\n",
    )
    .unwrap();
    index(&tmp.path().join("idx"), &[&docs]);
    tmp
}

fn assert_usage_error(args: &[&str], index: &std::path::Path, expected: &str) {
    let output = newsdex()
        .arg("search")
        .args(args)
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(expected),
        "{args:?}: stderr {stderr:?} lacks {expected:?}"
    );
    assert_one_line(&stderr);
}

/// The promise of every usage error: one line on stderr, starting lower-case.
fn assert_one_line(stderr: &str) {
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr:?}");
    assert!(stderr.ends_with('\n'), "unterminated line: {stderr:?}");
    let message = stderr.strip_prefix("error: ").unwrap_or(stderr);
    assert!(
        message.starts_with(|c: char| c.is_lowercase()),
        "not lower-case: {stderr:?}"
    );
}

#[test]
fn unbalanced_quote_exits_2() {
    let tmp = indexed_folder();
    assert_usage_error(
        &["\"cessation of"],
        &tmp.path().join("idx"),
        "unbalanced quote",
    );
}

#[test]
fn unknown_field_exits_2() {
    let tmp = indexed_folder();
    assert_usage_error(
        &["author:smith"],
        &tmp.path().join("idx"),
        "unknown field \"author\"",
    );
}

#[test]
fn bad_dates_exit_2() {
    let tmp = indexed_folder();
    let idx = tmp.path().join("idx");
    assert_usage_error(
        &["truce", "--from", "2016-13-45"],
        &idx,
        "month must be 01–12",
    );
    assert_usage_error(
        &["truce", "--to", "yesterday"],
        &idx,
        "use YYYY, YYYY-MM or YYYY-MM-DD",
    );
    assert_usage_error(
        &["truce", "--from", "2017", "--to", "2016"],
        &idx,
        "error: the dates are the wrong way round: --to 2016 ends before --from 2017 starts; swap them",
    );
    assert_usage_error(
        &["truce", "--to", "1987-03-31T12:00"],
        &idx,
        "without a time of day: write 1987-03-31",
    );
}

#[test]
fn a_lone_sign_and_an_unindexed_symbol_exit_2() {
    let tmp = indexed_folder();
    let idx = tmp.path().join("idx");
    assert_usage_error(
        &["blair -"],
        &idx,
        "a lone - at position 6 applies to nothing",
    );
    assert_usage_error(&["blair - brown"], &idx, "(-brown)");
    assert_usage_error(&["C++"], &idx, "would match every \"C\"");
}

#[test]
fn unbalanced_parenthesis_and_dangling_operator_exit_2() {
    let tmp = indexed_folder();
    let idx = tmp.path().join("idx");
    assert_usage_error(&["(truce OR ceasefire"], &idx, "unclosed parenthesis");
    assert_usage_error(&["truce AND"], &idx, "AND");
}

#[test]
fn missing_index_exits_2_and_says_how_to_build_it() {
    let tmp = tempfile::tempdir().unwrap();
    assert_usage_error(
        &["truce"],
        &tmp.path().join("nothing-here"),
        "newsdex index <FOLDER>",
    );
}

#[test]
fn unknown_place_exits_2() {
    let tmp = indexed_folder();
    assert_usage_error(
        &["truce", "--location", "Atlantisville Zzq"],
        &tmp.path().join("idx"),
        "unknown place",
    );
}

#[test]
fn index_of_missing_folder_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let output = newsdex()
        .args(["index", "/definitely/not/here", "--index"])
        .arg(tmp.path().join("idx"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/definitely/not/here"), "{stderr}");
    assert_one_line(&stderr);
}

#[test]
fn second_concurrent_writer_is_refused_with_lock_name() {
    let tmp = indexed_folder();
    let idx = tmp.path().join("idx");
    // Hold tantivy's writer lock the way a running `newsdex index` does.
    let index = tantivy::Index::open_in_dir(&idx).unwrap();
    let _writer: tantivy::IndexWriter = index.writer(16 << 20).unwrap();
    let output = newsdex()
        .arg("index")
        .arg(tmp.path().join("docs"))
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".tantivy-writer.lock"), "{stderr}");
}

#[test]
fn strict_run_exits_1_on_a_skip_but_commits_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let idx = tmp.path().join("idx");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("good.txt"),
        "Port strike ends\n\nDockers in Antwerp returned to work on Monday.\n",
    )
    .unwrap();
    std::fs::write(docs.join("bad.json"), "{ not json").unwrap();
    let output = newsdex()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .arg("--strict")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.json"), "{stderr}");
    assert!(stderr.contains("--strict"), "{stderr}");
    assert_eq!(common::search(&idx, "antwerp", &[])["total"], 1);
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::io::Read;
    // 200 articles of about 3 KB: their export is many times what a pipe buffers, so
    // newsdex is still writing when the reader goes away.
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for n in 0..200 {
        let body = format!("Harbour report number {n} from the port of Bergen. ").repeat(60);
        std::fs::write(
            docs.join(format!("{n}.txt")),
            format!("Report {n}\n\n{body}\n"),
        )
        .unwrap();
    }
    index(&tmp.path().join("idx"), &[&docs]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("newsdex"))
        .args([
            "search", "*", "--all", "--format", "jsonl", "--fields", "id,body", "--index",
        ])
        .arg(tmp.path().join("idx"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 16`
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
