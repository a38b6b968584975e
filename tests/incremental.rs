//! Re-indexing reads only what changed, replaces changed files, removes deleted ones,
//! and never double-counts.

mod common;
use common::{index, search};
use std::time::{Duration, SystemTime};

fn touch_later(path: &std::path::Path) {
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(later)
        .unwrap();
}

#[test]
fn rerun_is_incremental_and_totals_never_double() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let idx = tmp.path().join("idx");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Dockers strike in Antwerp\n\nThe port of Antwerp stood still as dockers walked out.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("feed.jsonl"),
        concat!(
            "{\"title\": \"Grain prices climb\", \"body\": \"Wheat futures rose sharply.\", \"date\": \"2020-01-02\"}\n",
            "{\"title\": \"Grain prices ease\", \"body\": \"Wheat futures fell back.\", \"date\": \"2020-01-03\"}\n"
        ),
    )
    .unwrap();

    let first = index(&idx, &[&docs]);
    assert_eq!(first["files_seen"], 2);
    assert_eq!(first["articles_indexed"], 3);
    assert_eq!(first["articles_total"], 3);

    let second = index(&idx, &[&docs]);
    assert_eq!(second["files_unchanged"], 2);
    assert_eq!(second["articles_indexed"], 0);
    assert_eq!(second["articles_total"], 3);

    // Change one file: its articles are replaced, not added.
    std::fs::write(
        docs.join("feed.jsonl"),
        "{\"title\": \"Grain prices climb again\", \"body\": \"Wheat futures rose for a third day.\", \"date\": \"2020-01-04\"}\n",
    )
    .unwrap();
    touch_later(&docs.join("feed.jsonl"));
    let third = index(&idx, &[&docs]);
    assert_eq!(third["files_unchanged"], 1);
    assert_eq!(third["articles_indexed"], 1);
    assert_eq!(third["articles_total"], 2);
    assert_eq!(search(&idx, "wheat", &[])["total"], 1);

    // Delete a file: its article goes.
    std::fs::remove_file(docs.join("a.txt")).unwrap();
    let fourth = index(&idx, &[&docs]);
    assert_eq!(fourth["files_removed"], 1);
    assert_eq!(fourth["articles_total"], 1);
    assert_eq!(search(&idx, "antwerp", &[])["total"], 0);
}

#[test]
fn bad_jsonl_line_is_reported_with_line_and_others_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("feed.jsonl"),
        concat!(
            "{\"headline\": \"One\", \"text\": \"First story about tariffs.\"}\n",
            "{\"headline\": \"Two\", \"text\": \"broken\n",
            "{\"headline\": \"Three\", \"text\": \"Third story about tariffs.\"}\n"
        ),
    )
    .unwrap();
    std::fs::write(docs.join("bad.json"), "{ not json").unwrap();
    let summary = index(&tmp.path().join("idx"), &[&docs]);
    assert_eq!(summary["articles_indexed"], 2);
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    let line_skip = skipped
        .iter()
        .find(|s| s["path"].as_str().unwrap().ends_with("feed.jsonl"))
        .unwrap();
    assert_eq!(line_skip["line"], 2);
    assert!(
        skipped
            .iter()
            .any(|s| s["path"].as_str().unwrap().ends_with("bad.json"))
    );
    assert_eq!(search(&tmp.path().join("idx"), "tariffs", &[])["total"], 2);
}

#[test]
fn rebuild_starts_from_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let idx = tmp.path().join("idx");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Floods in Dhaka\n\nHeavy rain flooded Dhaka on Monday.\n",
    )
    .unwrap();
    index(&idx, &[&docs]);
    let output = common::newsdex()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .args(["--rebuild", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["articles_indexed"], 1);
    assert_eq!(summary["articles_total"], 1);
}

#[test]
fn size_limit_skips_whole_files_but_not_streamed_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let filler = "Shipping volumes rose again at the harbour this week. ".repeat(10);
    let mut lines = String::new();
    for i in 0..3000 {
        lines.push_str(&format!(
            "{{\"title\": \"Report {i}\", \"body\": \"{filler} marker{i}\"}}\n"
        ));
    }
    assert!(lines.len() > 1 << 20);
    std::fs::write(docs.join("big.jsonl"), &lines).unwrap();
    std::fs::write(
        docs.join("big.txt"),
        format!("Big\n\n{}", filler.repeat(3000)),
    )
    .unwrap();
    let output = common::newsdex()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(tmp.path().join("idx"))
        .args(["--format", "json", "--max-file-mb", "1"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["articles_indexed"], 3000);
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0]["path"].as_str().unwrap().ends_with("big.txt"));
    assert!(
        skipped[0]["reason"]
            .as_str()
            .unwrap()
            .contains("--max-file-mb")
    );
}

#[test]
fn any_memory_budget_the_flag_accepts_indexes() {
    // The budget is split over one indexing thread per core and kept within what tantivy
    // accepts per thread, at both ends of the flag's range.
    for mb in ["16", "8192"] {
        let tmp = tempfile::tempdir().unwrap();
        let output = common::newsdex()
            .arg("index")
            .arg(common::repo_path("sample-corpus"))
            .arg("--index")
            .arg(tmp.path().join("idx"))
            .args(["--memory-mb", mb, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "--memory-mb {mb}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(summary["articles_total"], 60, "--memory-mb {mb}");
    }
}

/// Two stories in `docs/` (one in `docs/business/`) and the index folder beside it.
fn two_story_archive() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(docs.join("business")).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Ferry strike ends\n\nThe ferry crews went back to work.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("business/b.txt"),
        "Ferry operator profits\n\nThe ferry operator reported higher profits.\n",
    )
    .unwrap();
    let idx = tmp.path().join("idx");
    (tmp, docs, idx)
}

#[test]
fn overlapping_roots_index_each_file_once() {
    let (_tmp, docs, idx) = two_story_archive();
    let business = docs.join("business");
    for roots in [
        vec![&docs, &docs],
        vec![&docs, &business],
        vec![&business, &docs],
    ] {
        let roots: Vec<&std::path::Path> = roots.iter().map(|p| p.as_path()).collect();
        let summary = index(&idx, &roots);
        assert_eq!(summary["files_seen"], 2, "{roots:?}");
        assert_eq!(summary["articles_total"], 2, "{roots:?}");
    }
    assert_eq!(search(&idx, "ferry", &[])["total"], 2);
}

#[cfg(unix)]
#[test]
fn a_file_reached_through_a_symbolic_link_is_indexed_once() {
    let (_tmp, docs, idx) = two_story_archive();
    std::os::unix::fs::symlink(docs.join("business"), docs.join("latest")).unwrap();
    let first = index(&idx, &[&docs]);
    assert_eq!(first["files_seen"], 2);
    assert_eq!(first["articles_total"], 2);
    let second = index(&idx, &[&docs]);
    assert_eq!(second["files_unchanged"], 2);
    assert_eq!(second["files_removed"], 0);
    assert_eq!(second["articles_total"], 2);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_skipped_with_a_reason_and_the_run_finishes() {
    let (_tmp, docs, idx) = two_story_archive();
    let fifo = std::ffi::CString::new(docs.join("pipe.txt").into_os_string().into_encoded_bytes())
        .unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let output = common::newsdex()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .args(["--format", "json"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["articles_total"], 2);
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0]["path"].as_str().unwrap().ends_with("pipe.txt"));
    assert_eq!(
        skipped[0]["reason"],
        "not a regular file (a named pipe); not read"
    );
}

#[cfg(unix)]
#[test]
fn folders_differing_only_in_invalid_utf8_bytes_keep_their_own_articles() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let idx = tmp.path().join("idx");
    for byte in [0xfe, 0xff] {
        let dir = docs.join(std::ffi::OsStr::from_bytes(&[b'd', b'i', b'r', byte]));
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..3 {
            std::fs::write(
                dir.join(format!("{i}.txt")),
                format!("Harbour report {byte} {i}\n\nThe harbour was busy.\n"),
            )
            .unwrap();
        }
    }
    let first = index(&idx, &[&docs]);
    assert_eq!(first["articles_total"], 6);
    for _ in 0..2 {
        let again = index(&idx, &[&docs]);
        assert_eq!(again["files_unchanged"], 6);
        assert_eq!(again["articles_total"], 6);
    }
    let hits = search(&idx, "harbour", &[]);
    let mut folders: Vec<String> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            path[..path.rfind('/').unwrap()]
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    folders.sort();
    folders.dedup();
    assert_eq!(folders, [r"dir\xfe", r"dir\xff"]);
}
