//! The table of indexed files (path → size, modification time and the digest of the
//! metadata sidecar entry applied to it) that tells an indexing
//! run what changed since the last, kept beside the index in [`FILE_TABLE`] so that
//! re-indexing an unchanged archive costs a walk of its folders and one read of this file.
//!
//! The index stays the truth: the table records which commit it describes (the segments
//! and their deleted-document counts, which change with every added or deleted article and
//! only then), and a table that does not describe the commit being opened — a run killed
//! between its commit and this write, a table from before a `--rebuild`, a damaged file —
//! is ignored, and the run reads the files back from the index instead (slower, never
//! wrong).

pub use super::document::FileStamp;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use tantivy::Searcher;

/// The table's file in the index folder.
pub const FILE_TABLE: &str = "newsdex-files.bin";

/// Its temporary name while written: tantivy's `.tmp` prefix, so that `--rebuild` removes a
/// leftover like tantivy's own, and the process id, so that two runs never write one file.
fn temporary_name() -> String {
    format!(".tmp-newsdex-files-{}.bin", std::process::id())
}

/// First line of the file: its format, changed when the layout below changes.
const MAGIC: &[u8] = b"newsdex file table 2\n";

/// The commit a searcher sees, as the table records it: each segment's id and deleted
/// count, sorted. Merges change it too (without changing what is indexed): the table is
/// then read back from the index once.
pub fn commit_key(searcher: &Searcher) -> String {
    let mut segments: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|s| format!("{}:{}", s.segment_id().uuid_string(), s.num_deleted_docs()))
        .collect();
    segments.sort_unstable();
    segments.join(",")
}

/// The table in `dir` if it describes the commit `key`; `None` when it is missing, damaged
/// or of another commit.
pub fn load(dir: &Path, key: &str) -> Option<HashMap<String, FileStamp>> {
    let bytes = std::fs::read(dir.join(FILE_TABLE)).ok()?;
    let rest = bytes.strip_prefix(MAGIC)?;
    let end = rest.iter().position(|&b| b == b'\n')?;
    if &rest[..end] != key.as_bytes() {
        return None;
    }
    let mut rest = &rest[end + 1..];
    let count = take_u64(&mut rest)?;
    // Each entry is at least 28 bytes: a damaged count cannot reserve more than the file.
    let mut files = HashMap::with_capacity((count as usize).min(rest.len() / 28));
    for _ in 0..count {
        let len = take_u64(&mut rest)? as usize;
        let path = std::str::from_utf8(rest.get(..len)?).ok()?.to_string();
        rest = &rest[len..];
        let size = take_u64(&mut rest)?;
        let mtime = take_u64(&mut rest)?;
        let metadata = take_u64(&mut rest)?;
        files.insert(
            path,
            FileStamp {
                size,
                mtime,
                metadata,
            },
        );
    }
    rest.is_empty().then_some(files)
}

fn take_u64(bytes: &mut &[u8]) -> Option<u64> {
    let (head, tail) = bytes.split_first_chunk::<8>()?;
    *bytes = tail;
    Some(u64::from_le_bytes(*head))
}

/// Write the table of the commit `key` into `dir`, whole or not at all: through a
/// temporary file, flushed to disk, renamed over the last.
pub fn save<'a>(
    dir: &Path,
    key: &str,
    files: impl ExactSizeIterator<Item = (&'a str, FileStamp)>,
) -> std::io::Result<()> {
    let temporary = dir.join(temporary_name());
    let file = std::fs::File::create(&temporary)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    out.write_all(MAGIC)?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\n")?;
    out.write_all(&(files.len() as u64).to_le_bytes())?;
    for (path, stamp) in files {
        out.write_all(&(path.len() as u64).to_le_bytes())?;
        out.write_all(path.as_bytes())?;
        out.write_all(&stamp.size.to_le_bytes())?;
        out.write_all(&stamp.mtime.to_le_bytes())?;
        out.write_all(&stamp.metadata.to_le_bytes())?;
    }
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    std::fs::rename(&temporary, dir.join(FILE_TABLE))
}

/// Remove the table (best effort): what it described is gone.
pub fn remove(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(FILE_TABLE));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> HashMap<String, FileStamp> {
        let mut files = HashMap::new();
        files.insert(
            "/a/one.txt".to_string(),
            FileStamp {
                size: 1,
                mtime: 2,
                metadata: 0,
            },
        );
        files.insert(
            "/a/zw\u{f6}lf.txt".to_string(),
            FileStamp {
                size: 3,
                mtime: u64::MAX,
                metadata: 7,
            },
        );
        files
    }

    fn write(dir: &Path, key: &str, files: &HashMap<String, FileStamp>) {
        save(dir, key, files.iter().map(|(p, s)| (p.as_str(), *s))).unwrap();
    }

    #[test]
    fn a_table_reads_back_only_for_its_own_commit() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "seg1:0,seg2:3", &table());
        assert_eq!(load(tmp.path(), "seg1:0,seg2:3"), Some(table()));
        assert_eq!(load(tmp.path(), "seg1:0,seg2:4"), None);
        assert!(!tmp.path().join(temporary_name()).exists());
        write(tmp.path(), "", &HashMap::new());
        assert_eq!(load(tmp.path(), ""), Some(HashMap::new()));
    }

    #[test]
    fn a_damaged_table_is_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "k", &table());
        let path = tmp.path().join(FILE_TABLE);
        let whole = std::fs::read(&path).unwrap();
        for cut in [0, 5, MAGIC.len() + 2, whole.len() - 1] {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert_eq!(load(tmp.path(), "k"), None, "cut at {cut}");
        }
        let mut longer = whole.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(load(tmp.path(), "k"), None);
        remove(tmp.path());
        assert_eq!(load(tmp.path(), "k"), None);
    }
}
