//! `--limit` and `--offset` are bounded: a huge page is refused with exit 2 and one line
//! saying the bound, before any memory is set aside for it.

mod common;
use common::{index, newsdex};

fn indexed_folder() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for (name, text) in [
        (
            "a.txt",
            "Oil prices rise\n\nOil rose on Monday in London.\n",
        ),
        (
            "b.txt",
            "Oil prices fall\n\nOil fell on Tuesday in Paris.\n",
        ),
    ] {
        std::fs::write(docs.join(name), text).unwrap();
    }
    index(&tmp.path().join("idx"), &[&docs]);
    tmp
}

#[test]
fn huge_limit_or_offset_exits_2_with_the_bound() {
    let tmp = indexed_folder();
    let idx = tmp.path().join("idx");
    let cases: [(&[&str], &str); 4] = [
        (
            &["--limit", "18446744073709551615", "--all-copies"],
            "error: --limit 18446744073709551615 is too large: show at most 10000 results a page, or export every match with --all --format csv (or jsonl)\n",
        ),
        (
            &["--limit", "4294967296", "--all-copies"],
            "error: --limit 4294967296 is too large: show at most 10000 results a page, or export every match with --all --format csv (or jsonl)\n",
        ),
        (
            &["--offset", "18446744073709551615", "--all-copies"],
            "error: --offset 18446744073709551615 is too large: skip at most 10000 results, narrow the query, or export every match with --all --format csv (or jsonl)\n",
        ),
        (
            &["--offset", "4294967296"],
            "error: --offset 4294967296 is too large: skip at most 10000 results, narrow the query, or export every match with --all --format csv (or jsonl)\n",
        ),
    ];
    for (flags, expected) in cases {
        let output = newsdex()
            .args(["search", "oil", "--format", "json", "--index"])
            .arg(&idx)
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{flags:?}");
        assert!(output.stdout.is_empty(), "{flags:?} printed to stdout");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            expected,
            "{flags:?}"
        );
    }
}

#[test]
fn the_largest_page_allowed_runs() {
    let tmp = indexed_folder();
    let idx = tmp.path().join("idx");
    for copies in [&[][..], &["--all-copies"][..]] {
        let output = newsdex()
            .args(["search", "oil", "--format", "json", "--limit", "10000"])
            .args(["--offset", "10000", "--index"])
            .arg(&idx)
            .args(copies)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{copies:?}");
        let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(result["total"], 2);
        assert_eq!(result["hits"].as_array().map(Vec::len), Some(0));
    }
}
