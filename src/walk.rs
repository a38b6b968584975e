//! Folders to candidate files: recursive walk, supported formats only, with skip reasons.

use crate::formats::Format;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;
use walkdir::WalkDir;

/// A file newsdex can read, with what change detection needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Absolute path: the canonical root joined with the names walked under it.
    pub path: PathBuf,
    pub format: Format,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime: u64,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Entry {
    File(Candidate),
    /// A file of a kind newsdex does not read (images, PDFs, …): counted, not reported.
    Ignored(PathBuf),
    /// A path that could not be walked (unreadable folder, symlink loop, vanished file).
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

/// Walk `root` (canonical: absolute, no symbolic links) recursively in a stable order, skipping hidden entries and `exclude`
/// (the index folder, when it sits inside the archive).
pub fn walk<'a>(root: &Path, exclude: Option<&'a Path>) -> impl Iterator<Item = Entry> + 'a {
    WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let excluded = exclude.is_some_and(|x| e.path() == x);
            !hidden && !excluded
        })
        .filter_map(|item| match item {
            Ok(entry) if entry.file_type().is_dir() => None,
            Ok(entry) => Some(candidate(entry.path())),
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                let reason = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    err.io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string())
                };
                Some(Entry::Unreadable { path, reason })
            }
        })
}

fn candidate(path: &Path) -> Entry {
    let Some(format) = Format::for_path(path) else {
        return Entry::Ignored(path.to_path_buf());
    };
    let unreadable = |e: std::io::Error| Entry::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    // `root` is canonical (the caller makes it so), and walkdir joins names onto it, so
    // the path is absolute and the same on every run without a realpath per file.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return unreadable(e),
    };
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    Entry::File(Candidate {
        path: path.to_path_buf(),
        format,
        size: meta.len(),
        mtime,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_finds_supported_files_and_skips_hidden() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("2016/04")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("2016/04/a.txt"), "x").unwrap();
        std::fs::write(root.join("b.jsonl"), "{}").unwrap();
        std::fs::write(root.join("photo.jpg"), "x").unwrap();
        std::fs::write(root.join(".git/c.txt"), "x").unwrap();
        let mut files = Vec::new();
        let mut ignored = 0;
        for entry in walk(root, None) {
            match entry {
                Entry::File(c) => files.push(c.path.file_name().unwrap().to_owned()),
                Entry::Ignored(_) => ignored += 1,
                Entry::Unreadable { path, reason } => panic!("{path:?}: {reason}"),
            }
        }
        assert_eq!(files, ["a.txt", "b.jsonl"]);
        assert_eq!(ignored, 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed_forever() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("d")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), tmp.path().join("d/loop")).unwrap();
        let reasons: Vec<String> = walk(tmp.path(), None)
            .filter_map(|e| match e {
                Entry::Unreadable { reason, .. } => Some(reason),
                _ => None,
            })
            .collect();
        assert_eq!(reasons, ["symbolic link loop"]);
    }
}
