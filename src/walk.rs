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
    /// Device and inode: one file reached by two paths (a symbolic link, a root given twice)
    /// is read once. `None` where the platform has no such identity.
    pub file_id: Option<(u64, u64)>,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum Entry {
    File(Candidate),
    /// A file of a kind newsdex does not read (images, PDFs, …): counted, not reported.
    Ignored(PathBuf),
    /// A path that could not be walked (unreadable folder, symlink loop, vanished file), or
    /// that is not a regular file (a named pipe, a device): never opened.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

/// The text that names `path` in the index (its key, shown to users as is): the path's own
/// text where it is UTF-8, with a backslash doubled and any byte that is not UTF-8 written
/// `\xHH`. Two paths never share a key, which a lossy conversion could not promise: folders
/// whose names differ only in invalid bytes would replace each other's articles.
#[cfg(unix)]
pub fn path_key(path: &Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let mut key = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                key.push('\\');
            }
            key.push(c);
        }
        for b in chunk.invalid() {
            let _ = write!(key, "\\x{b:02x}");
        }
    }
    key
}

/// The text that names `path` in the index. Elsewhere paths are Unicode (or nearly: Windows
/// allows unpaired surrogates, which are written lossily) and their backslashes separate
/// folders, so the path's text is its key.
#[cfg(not(unix))]
pub fn path_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Whether the file or folder keyed `key` is `folder_key` or lies under it.
pub fn key_is_under(key: &str, folder_key: &str) -> bool {
    key.strip_prefix(folder_key).is_some_and(|rest| {
        rest.is_empty()
            || folder_key.ends_with(std::path::MAIN_SEPARATOR)
            || rest.starts_with(std::path::MAIN_SEPARATOR)
    })
}

/// Walk every root once: a root given twice, or inside another root, is walked only as part
/// of the outer one. `roots` are canonical (see [`walk`]).
pub fn walk_roots<'a>(
    roots: &'a [PathBuf],
    exclude: Option<&'a Path>,
) -> impl Iterator<Item = Entry> + 'a {
    outermost(roots)
        .into_iter()
        .flat_map(move |root| walk(root, exclude))
}

/// The roots not inside (or equal to) an earlier or outer root, in the order given.
fn outermost(roots: &[PathBuf]) -> Vec<&Path> {
    let mut kept: Vec<&Path> = Vec::new();
    for root in roots {
        if kept.iter().any(|k| root.starts_with(k)) {
            continue;
        }
        kept.retain(|k| !k.starts_with(root));
        kept.push(root);
    }
    kept
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
    // A named pipe blocks its reader forever and a device never ends: only regular files
    // are opened, whatever their name says.
    if !meta.is_file() {
        return Entry::Unreadable {
            path: path.to_path_buf(),
            reason: format!("not a regular file ({}); not read", kind_of(&meta)),
        };
    }
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
        file_id: file_id(&meta),
    })
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// What a path that is not a regular file is, for the skip reason.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
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

    fn unreadable(root: &Path) -> Vec<(String, String)> {
        walk(root, None)
            .filter_map(|e| match e {
                Entry::Unreadable { path, reason } => Some((
                    path.file_name().unwrap().to_string_lossy().into_owned(),
                    reason,
                )),
                Entry::File(c) => {
                    assert_eq!(c.path.file_name().unwrap(), "a.txt");
                    None
                }
                Entry::Ignored(_) => None,
            })
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn named_pipes_and_devices_are_skipped_not_opened() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.txt"), "x").unwrap();
        let fifo = std::ffi::CString::new(
            tmp.path()
                .join("pipe.txt")
                .into_os_string()
                .into_encoded_bytes(),
        )
        .unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        std::os::unix::fs::symlink("/dev/zero", tmp.path().join("zero.txt")).unwrap();
        assert_eq!(
            unreadable(tmp.path()),
            [
                (
                    "pipe.txt".to_string(),
                    "not a regular file (a named pipe); not read".to_string()
                ),
                (
                    "zero.txt".to_string(),
                    "not a regular file (a device); not read".to_string()
                ),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn path_keys_keep_every_byte_apart() {
        use std::os::unix::ffi::OsStrExt;
        let key = |b: &[u8]| path_key(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(key(b"/news/2016/a.txt"), "/news/2016/a.txt");
        assert_eq!(key("/news/caf\u{e9}".as_bytes()), "/news/caf\u{e9}");
        assert_eq!(key(b"/news/dir\xfe/a.txt"), r"/news/dir\xfe/a.txt");
        assert_eq!(key(b"/news/dir\xff/a.txt"), r"/news/dir\xff/a.txt");
        // A name that spells an escape is not the byte it spells.
        assert_eq!(key(br"/news/dir\xfe/a.txt"), r"/news/dir\\xfe/a.txt");
    }

    #[test]
    fn a_key_is_under_its_folders_only() {
        assert!(key_is_under("/a/b/c.txt", "/a/b"));
        assert!(key_is_under("/a/b", "/a/b"));
        assert!(key_is_under("/a/b/c.txt", "/"));
        assert!(!key_is_under("/a/bc/d.txt", "/a/b"));
    }

    #[test]
    fn nested_and_repeated_roots_are_walked_once() {
        let roots = [
            PathBuf::from("/a/b"),
            PathBuf::from("/a"),
            PathBuf::from("/a"),
            PathBuf::from("/c/x.txt"),
            PathBuf::from("/ab"),
            PathBuf::from("/c"),
        ];
        assert_eq!(
            outermost(&roots),
            [Path::new("/a"), Path::new("/ab"), Path::new("/c")]
        );
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
