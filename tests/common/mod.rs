//! Helpers shared by the integration tests: run the real binary and read its JSON.
#![allow(dead_code)]

pub mod server;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn newsdex() -> Command {
    let mut cmd = cargo_bin_cmd!("newsdex");
    cmd.env_remove("NEWSDEX_INDEX").env("NO_COLOR", "1");
    cmd
}

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// An index built in a temporary folder of its own (which a test may write other files
/// into), kept for the whole test binary.
pub struct Indexed {
    pub dir: tempfile::TempDir,
    pub index: PathBuf,
    /// `newsdex index`'s JSON summary.
    pub summary: Value,
}

impl Indexed {
    /// Index `paths` into `idx` of a new temporary folder.
    pub fn new(paths: &[&Path]) -> Indexed {
        let dir = tempfile::tempdir().unwrap();
        let idx = dir.path().join("idx");
        let summary = index(&idx, paths);
        Indexed {
            dir,
            index: idx,
            summary,
        }
    }
}

impl Indexed {
    /// Index a folder holding `files` (name, text), written for the purpose; the index keeps
    /// the text, so the folder goes once it is indexed.
    pub fn of_files(files: &[(&str, &str)]) -> Indexed {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive");
        std::fs::create_dir(&archive).unwrap();
        for (name, text) in files {
            std::fs::write(archive.join(name), text).unwrap();
        }
        Indexed::new(&[&archive])
    }
}

/// The sample corpus, indexed once for all tests of a test binary.
pub fn sample_corpus() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| Indexed::new(&[&repo_path("sample-corpus")]))
}

/// stdout of `newsdex ARGS --index INDEX`, a run that must succeed.
pub fn run_ok(args: &[&str], index: &Path) -> Vec<u8> {
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
    output.stdout
}

/// Index `paths` into `index` and return the JSON summary.
pub fn index(index: &Path, paths: &[&Path]) -> Value {
    let output = newsdex()
        .arg("index")
        .args(paths)
        .arg("--index")
        .arg(index)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "index failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("summary is JSON")
}

/// Run a JSON search with extra flags and return the result object.
pub fn search(index: &Path, query: &str, flags: &[&str]) -> Value {
    let output = newsdex()
        .args(["search", query, "--format", "json", "--index"])
        .arg(index)
        .args(flags)
        .args(if flags.contains(&"--limit") {
            &[][..]
        } else {
            &["--limit", "1000"][..]
        })
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "search {query:?} {flags:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("result is JSON")
}

/// One line per hit, `describe(file name, hit)`, sorted: a test's view of the hits.
pub fn hit_lines(result: &Value, describe: impl Fn(&str, &Value) -> String) -> Vec<String> {
    let mut lines: Vec<String> = result["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap_or_default();
            let name = Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            describe(&name, h)
        })
        .collect();
    lines.sort();
    lines
}

/// File names (last path component, with `#member` when set) of the hits, sorted.
pub fn hit_files(result: &Value) -> Vec<String> {
    hit_lines(result, |name, h| match h["member"].as_str() {
        Some(m) => format!("{name}#{m}"),
        None => name.to_string(),
    })
}
