//! Files a walk finds that newsdex does not read (images, PDFs, a format it does not
//! know): counted by kind with the first few named, so that a summary says what it left
//! out instead of passing over it in silence.

use serde::Serialize;
use std::path::Path;

/// Paths named for each kind; the others are only counted.
pub const NAMED_PER_KIND: usize = 3;

/// Kinds told apart; a folder of many more (log files `.1`, `.2`, …) has the rest counted
/// under [`OTHER_KINDS`], so the tally stays small whatever the folder holds.
const MAX_KINDS: usize = 24;

/// The kind that holds files past [`MAX_KINDS`].
pub const OTHER_KINDS: &str = "other kinds";

/// Files of one kind that were not read.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IgnoredKind {
    /// The extension (`.pdf`, `.zip.gz`), `no extension`, or [`OTHER_KINDS`].
    pub kind: String,
    pub count: u64,
    /// The first [`NAMED_PER_KIND`] of them, in walk order.
    pub paths: Vec<String>,
}

/// Count the file at `path` (shown as `key`) among `kinds`.
pub fn tally(kinds: &mut Vec<IgnoredKind>, path: &Path, key: &str) {
    let mut kind = kind_of(path);
    if kinds.len() >= MAX_KINDS && !kinds.iter().any(|k| k.kind == kind) {
        kind = OTHER_KINDS.to_string();
    }
    let entry = match kinds.iter().position(|k| k.kind == kind) {
        Some(at) => &mut kinds[at],
        None => {
            kinds.push(IgnoredKind {
                kind,
                count: 0,
                paths: Vec::new(),
            });
            kinds.last_mut().expect("just pushed")
        }
    };
    entry.count += 1;
    if entry.paths.len() < NAMED_PER_KIND {
        entry.paths.push(key.to_string());
    }
}

/// The kind of a file by its name: its extension lower-cased (`.PDF` is `.pdf`), with the
/// `.gz` it is wrapped in (`.zip.gz`); `no extension` for `README` or `.profile`.
pub fn kind_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (inner, gz) = match name.strip_suffix(".gz") {
        Some(inner) if !inner.is_empty() => (inner, ".gz"),
        _ => (name.as_str(), ""),
    };
    match inner.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => format!(".{ext}{gz}"),
        _ if !gz.is_empty() => ".gz".to_string(),
        _ => "no extension".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        for (name, kind) in [
            ("a.pdf", ".pdf"),
            ("Scan.PDF", ".pdf"),
            ("bundle.zip.gz", ".zip.gz"),
            ("notes.gz", ".gz"),
            ("README", "no extension"),
            (".profile", "no extension"),
            ("reut2-000.sgm", ".sgm"),
        ] {
            assert_eq!(kind_of(Path::new(name)), kind, "{name}");
        }
    }

    #[test]
    fn tally_counts_names_a_few_and_stays_small() {
        let mut kinds = Vec::new();
        for i in 0..5 {
            let name = format!("/a/{i}.pdf");
            tally(&mut kinds, Path::new(&name), &name);
        }
        tally(&mut kinds, Path::new("/a/README"), "/a/README");
        assert_eq!(
            kinds,
            vec![
                IgnoredKind {
                    kind: ".pdf".into(),
                    count: 5,
                    paths: vec!["/a/0.pdf".into(), "/a/1.pdf".into(), "/a/2.pdf".into()],
                },
                IgnoredKind {
                    kind: "no extension".into(),
                    count: 1,
                    paths: vec!["/a/README".into()],
                },
            ]
        );
        for i in 0..100 {
            let name = format!("/logs/app.log.{i}");
            tally(&mut kinds, Path::new(&name), &name);
        }
        assert_eq!(kinds.len(), MAX_KINDS + 1);
        let other = kinds.last().expect("other kinds");
        assert_eq!(other.kind, OTHER_KINDS);
        assert_eq!(other.count, 100 - (MAX_KINDS as u64 - 2));
        assert_eq!(kinds.iter().map(|k| k.count).sum::<u64>(), 106);
    }
}
