//! Opening and creating the index folder, with its schema-version record.

use super::language::Language;
use super::schema::{NewsSchema, register_tokenizers};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, INDEX_WRITER_LOCK, Lock, META_LOCK, MmapDirectory,
    WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// File in the index folder that records which schema wrote it.
const VERSION_FILE: &str = "newsdex.json";

/// Why the index could not be opened, created or written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error(
        "no newsdex index at {path}: build one first with `newsdex index <FOLDER> --index {path}` (or set --index / NEWSDEX_INDEX)"
    )]
    Missing { path: PathBuf },
    #[error(
        "the index at {path} was written with schema version {found}, but this newsdex uses version {expected}: rebuild it with `newsdex index <FOLDER> --index {path} --rebuild`"
    )]
    Version {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error(
        "{path} exists but is not a newsdex index (no {VERSION_FILE}); choose another --index folder"
    )]
    Foreign { path: PathBuf },
    #[error(
        "the index at {path} is damaged ({reason}): rebuild it with `newsdex index <FOLDER> --index {path} --rebuild`"
    )]
    Damaged { path: PathBuf, reason: String },
    #[error(
        "the index at {path} was written for the language \"{found}\", which this newsdex does not know (it knows {known}): rebuild it with `newsdex index <FOLDER> --index {path} --rebuild`"
    )]
    Language {
        path: PathBuf,
        found: String,
        known: String,
    },
    #[error(
        "another `newsdex index` run is writing to {path} (it holds the lock file {path}/.tantivy-writer.lock); wait for it to finish and try again"
    )]
    Locked { path: PathBuf },
    #[error(
        "cannot write to the index at {path} ({source}): `newsdex index` needs write access to the folder; searching does not"
    )]
    ReadOnly {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot use the index folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("index error in {path}: {source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
}

impl IndexError {
    /// What a failure to take the writer's lock file means.
    pub(crate) fn of_writer_lock(path: &Path, error: tantivy::TantivyError) -> IndexError {
        match error {
            tantivy::TantivyError::LockFailure(LockError::IoError(e), _) => IndexError::ReadOnly {
                path: path.to_path_buf(),
                source: std::io::Error::new(e.kind(), e.to_string()),
            },
            tantivy::TantivyError::LockFailure(..) => IndexError::Locked {
                path: path.to_path_buf(),
            },
            source => IndexError::Tantivy {
                path: path.to_path_buf(),
                source,
            },
        }
    }
}

#[derive(Serialize, Deserialize)]
struct VersionRecord {
    schema_version: u32,
    written_by: String,
    /// The analyzers' language ([`Language::name`]); indexes written before it was
    /// recorded have none and are English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

/// An open newsdex index.
pub struct NewsIndex {
    pub index: Index,
    pub schema: NewsSchema,
    pub dir: PathBuf,
    /// The language of the index's words, as its metadata records it.
    pub language: Language,
    reader: OnceLock<IndexReader>,
}

/// What a folder given as `--index` holds.
#[derive(Debug, PartialEq)]
enum Contents {
    /// Nothing (or no folder yet).
    Empty,
    /// A newsdex index, complete as far as its version record and tantivy's meta.json go.
    Index,
    /// The start of an index whose creation was interrupted: its files and nothing else.
    HalfCreated,
    /// Something else, left alone.
    Foreign,
}

/// Tantivy's own bookkeeping files, written before any segment.
const BOOKKEEPING: [&str; 4] = [
    "meta.json",
    ".managed.json",
    ".tantivy-writer.lock",
    ".tantivy-meta.lock",
];

impl NewsIndex {
    /// Open an existing index for searching. Needs no write access to the folder.
    pub fn open(dir: &Path) -> Result<NewsIndex, IndexError> {
        let schema = NewsSchema::embedded();
        if !dir.join("meta.json").is_file() {
            return Err(IndexError::Missing {
                path: dir.to_path_buf(),
            });
        }
        check_version(dir, schema.version)?;
        let language = recorded_language(dir)?;
        let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Tantivy {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        let index =
            Index::open(ReadableWithoutLock(directory)).map_err(|source| damaged(dir, source))?;
        register_tokenizers(&index);
        Ok(NewsIndex {
            index,
            schema,
            dir: dir.to_path_buf(),
            language,
            reader: OnceLock::new(),
        })
    }

    /// Open the index for writing, creating it if the folder is absent or empty, or holds
    /// only the start of an index whose creation was cut short. With `rebuild`, an index of
    /// another schema version, or one too damaged to open, is created anew: only the
    /// index's own files are removed, never anything else in the folder.
    pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<NewsIndex, IndexError> {
        let schema = NewsSchema::embedded();
        let io_err = |source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        };
        if contents(dir)? == Contents::Index {
            match open_for_writing(dir, schema.version) {
                Ok(index) => return Ok(index),
                Err(
                    IndexError::Version { .. }
                    | IndexError::Language { .. }
                    | IndexError::Damaged { .. },
                ) if rebuild => {}
                Err(e) => return Err(e),
            }
        }
        std::fs::create_dir_all(dir).map_err(io_err)?;
        let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Tantivy {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        // Created under the writer's lock: of runs started together one creates, the others
        // get the lock message, and none sees another's half-made folder as foreign.
        let lock = directory
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|e| IndexError::of_writer_lock(dir, e.into()))?;
        match contents(dir)? {
            Contents::Foreign => {
                return Err(IndexError::Foreign {
                    path: dir.to_path_buf(),
                });
            }
            Contents::Index if !rebuild => {
                drop(lock);
                return open_for_writing(dir, schema.version);
            }
            Contents::Index | Contents::HalfCreated => remove_index_files(dir).map_err(io_err)?,
            Contents::Empty => {}
        }
        // The version record comes first: a folder holding it and nothing of tantivy's is
        // recognisably the start of a newsdex index.
        let record = VersionRecord {
            schema_version: schema.version,
            written_by: format!("newsdex {}", env!("CARGO_PKG_VERSION")),
            language: Some(Language::default().name().to_string()),
        };
        let json = serde_json::to_string_pretty(&record).unwrap_or_default();
        std::fs::write(dir.join(VERSION_FILE), json).map_err(io_err)?;
        let index = Index::create(directory, schema.schema.clone(), index_settings()).map_err(
            |source| IndexError::Tantivy {
                path: dir.to_path_buf(),
                source,
            },
        )?;
        drop(lock);
        register_tokenizers(&index);
        let index = NewsIndex {
            index,
            schema,
            dir: dir.to_path_buf(),
            language: Language::default(),
            reader: OnceLock::new(),
        };
        index.share_bookkeeping();
        Ok(index)
    }

    /// Give tantivy's meta.json and .managed.json the permissions of the version record.
    /// Tantivy writes them through a temporary file, which is private to its owner, and
    /// every reader needs them: another user allowed to read the folder could not search.
    pub fn share_bookkeeping(&self) {
        let Ok(meta) = std::fs::metadata(self.dir.join(VERSION_FILE)) else {
            return;
        };
        for name in ["meta.json", ".managed.json"] {
            // Best effort: a reader that cannot open them says so itself.
            let _ = std::fs::set_permissions(self.dir.join(name), meta.permissions());
        }
    }

    /// A reader of the last commit, opened once and kept. It does not follow later commits
    /// (no watcher thread): a search process sees the index as it was when it started.
    /// Its documents are read without a block cache: a page of hits seldom shares a block,
    /// and caching the ten blocks a search decompresses cost a `newsdex search` process 75
    /// page faults and 0.1 ms (of 1.7). Only a process repeating one query gains from the
    /// cache (0.07 ms a search in the bench example's warm loop). Reading runs of neighbours
    /// (`show FILE`) takes a store reader with a cache.
    pub fn reader(&self) -> Result<&IndexReader, IndexError> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader);
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(0)
            .try_into()
            .map_err(|e| self.error(e))?;
        Ok(self.reader.get_or_init(|| reader))
    }

    /// Wrap a tantivy error with this index's path.
    pub fn error(&self, source: tantivy::TantivyError) -> IndexError {
        IndexError::Tantivy {
            path: self.dir.clone(),
            source,
        }
    }
}

/// Doc-store settings, chosen by measurement on the Reuters benchmark corpora. LZ4 in 32 KB
/// blocks: a search decompresses one block per hit, and zstd's per-block context and
/// entropy tables were a tenth of a 10-hit `newsdex search` process at 19k stories (1.46 ms
/// of CPU with zstd level 1 in 16 KB blocks, 1.37 ms with this); LZ4 also compresses faster,
/// so indexing is 4% faster. The price is size: the index is 1.27x the raw text at 19k
/// stories and 1.19x at 190k (zstd: 1.10x and 1.04x), within the 1.3x the target allows.
/// LZ4 in 16 KB blocks made it 1.31x; in 64 KB blocks 1.25x, with searches 0.2 ms slower.
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Lz4,
        docstore_blocksize: 32 * 1024,
        ..tantivy::IndexSettings::default()
    }
}

fn check_version(dir: &Path, expected: u32) -> Result<(), IndexError> {
    let text = match std::fs::read_to_string(dir.join(VERSION_FILE)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(IndexError::Foreign {
                path: dir.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(IndexError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let found = serde_json::from_str::<VersionRecord>(&text)
        .map_err(|e| IndexError::Damaged {
            path: dir.to_path_buf(),
            reason: format!("{VERSION_FILE} is not a version record: {e}"),
        })?
        .schema_version;
    if found == expected {
        Ok(())
    } else {
        Err(IndexError::Version {
            path: dir.to_path_buf(),
            found,
            expected,
        })
    }
}

/// The language the metadata file records; English when it records none (an index written
/// before the language was recorded) or cannot be read (`check_version` has judged it).
fn recorded_language(dir: &Path) -> Result<Language, IndexError> {
    let recorded = std::fs::read_to_string(dir.join(VERSION_FILE))
        .ok()
        .and_then(|text| serde_json::from_str::<VersionRecord>(&text).ok())
        .and_then(|record| record.language);
    let Some(name) = recorded else {
        return Ok(Language::default());
    };
    Language::from_name(&name).ok_or_else(|| IndexError::Language {
        path: dir.to_path_buf(),
        found: name,
        known: Language::ALL.map(Language::name).join(", "),
    })
}

/// An existing index of this schema version, opened for writing.
fn open_for_writing(dir: &Path, version: u32) -> Result<NewsIndex, IndexError> {
    check_version(dir, version)?;
    let language = recorded_language(dir)?;
    let index = Index::open_in_dir(dir).map_err(|source| damaged(dir, source))?;
    register_tokenizers(&index);
    Ok(NewsIndex {
        index,
        schema: NewsSchema::embedded(),
        dir: dir.to_path_buf(),
        language,
        reader: OnceLock::new(),
    })
}

/// Tantivy's error on opening an index: its files are damaged, or it could not read them.
fn damaged(dir: &Path, source: tantivy::TantivyError) -> IndexError {
    match source {
        // Its text can quote a whole garbage file: the file names say enough.
        tantivy::TantivyError::DataCorruption(_) => IndexError::Damaged {
            path: dir.to_path_buf(),
            reason: "meta.json or .managed.json is not valid".to_string(),
        },
        tantivy::TantivyError::SchemaError(e) => IndexError::Damaged {
            path: dir.to_path_buf(),
            reason: e,
        },
        source => IndexError::Tantivy {
            path: dir.to_path_buf(),
            source,
        },
    }
}

/// What `dir` holds (see [`Contents`]).
fn contents(dir: &Path) -> Result<Contents, IndexError> {
    let io_err = |source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Contents::Empty),
        Err(e) => return Err(io_err(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        names.push(entry.map_err(io_err)?.file_name());
    }
    if names.is_empty() {
        return Ok(Contents::Empty);
    }
    let has = |name: &str| names.iter().any(|n| n == name);
    if has(VERSION_FILE) {
        return Ok(if has("meta.json") {
            Contents::Index
        } else {
            Contents::HalfCreated
        });
    }
    // No version record: the start of an index only if nothing but tantivy's bookkeeping
    // is there and its meta.json (if written yet) lists no segment.
    let only_bookkeeping = names.iter().all(|n| {
        n.to_str()
            .is_some_and(|n| BOOKKEEPING.contains(&n) || is_temporary(n))
    });
    let no_segments = !has("meta.json")
        || std::fs::read(dir.join("meta.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .is_some_and(|meta| meta["segments"].as_array().is_some_and(Vec::is_empty));
    Ok(if only_bookkeeping && no_segments {
        Contents::HalfCreated
    } else {
        Contents::Foreign
    })
}

/// A temporary file of tantivy's atomic writes (`.tmpXXXXXX`).
fn is_temporary(name: &str) -> bool {
    name.starts_with(".tmp")
}

/// A segment file: 32 hex digits (the segment id), a dot, a component name.
fn is_segment_file(name: &str) -> bool {
    name.len() > 33
        && name.as_bytes()[32] == b'.'
        && name[..32].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Remove the files of the index in `dir` (held under its writer lock), and nothing else:
/// a folder may hold the user's own files beside the index. The lock files stay, as
/// another run may be waiting on them.
fn remove_index_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours = name == "meta.json"
            || name == ".managed.json"
            || name == VERSION_FILE
            || name == super::file_table::FILE_TABLE
            || is_temporary(name)
            || is_segment_file(name);
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// The index folder as a reader sees it: tantivy takes a lock file while it loads the list
/// of segments, which a read-only folder (a read-only mount, another user's index) cannot
/// hold. There the reader goes on without it; the lock only keeps a writer's clean-up from
/// deleting a segment in the moment a reader opens it.
#[derive(Clone, Debug)]
struct ReadableWithoutLock(MmapDirectory);

impl Directory for ReadableWithoutLock {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(_)) if lock.filepath == META_LOCK.filepath => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_index_says_how_to_build_one() {
        let tmp = tempfile::tempdir().unwrap();
        let err = NewsIndex::open(&tmp.path().join("nope")).err().unwrap();
        assert!(err.to_string().contains("newsdex index <FOLDER>"));
    }

    #[test]
    fn other_schema_version_is_refused_then_rebuilt() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("idx");
        NewsIndex::open_or_create(&dir, false).unwrap();
        std::fs::write(
            dir.join(VERSION_FILE),
            r#"{"schema_version": 999, "written_by": "future"}"#,
        )
        .unwrap();
        let err = NewsIndex::open(&dir).err().unwrap();
        assert!(matches!(err, IndexError::Version { found: 999, .. }));
        assert!(err.to_string().contains("--rebuild"));
        assert!(NewsIndex::open_or_create(&dir, false).is_err());
        NewsIndex::open_or_create(&dir, true).unwrap();
        NewsIndex::open(&dir).unwrap();
    }

    #[test]
    fn non_empty_foreign_folder_is_not_touched() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let err = NewsIndex::open_or_create(tmp.path(), true).err().unwrap();
        assert!(matches!(err, IndexError::Foreign { .. }));
        assert!(tmp.path().join("notes.txt").exists());
    }

    /// An index with its one (empty) commit, as a first run leaves it.
    fn created() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("idx");
        NewsIndex::open_or_create(&dir, false).unwrap();
        (tmp, dir)
    }

    #[test]
    fn a_creation_cut_short_is_recognised_and_created_anew() {
        // Killed before the version record (as earlier versions wrote it, last) ...
        let (_tmp, dir) = created();
        std::fs::remove_file(dir.join(VERSION_FILE)).unwrap();
        NewsIndex::open_or_create(&dir, false).unwrap();
        NewsIndex::open(&dir).unwrap();
        // ... or after it, before tantivy's files.
        let (_tmp, dir) = created();
        std::fs::remove_file(dir.join("meta.json")).unwrap();
        std::fs::remove_file(dir.join(".managed.json")).unwrap();
        NewsIndex::open_or_create(&dir, false).unwrap();
        NewsIndex::open(&dir).unwrap();
        // Only a lock file.
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(".tantivy-writer.lock"), "").unwrap();
        NewsIndex::open_or_create(tmp.path(), false).unwrap();
    }

    #[test]
    fn a_tantivy_index_with_segments_but_no_version_record_is_foreign() {
        let (_tmp, dir) = created();
        std::fs::remove_file(dir.join(VERSION_FILE)).unwrap();
        std::fs::write(dir.join("0123456789abcdef0123456789abcdef.idx"), "x").unwrap();
        let err = NewsIndex::open_or_create(&dir, true).err().unwrap();
        assert!(matches!(err, IndexError::Foreign { .. }), "{err}");
    }

    #[test]
    fn rebuild_removes_only_the_index_files() {
        let (_tmp, dir) = created();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        std::fs::write(
            dir.join(VERSION_FILE),
            r#"{"schema_version": 1, "written_by": "old"}"#,
        )
        .unwrap();
        NewsIndex::open_or_create(&dir, true).unwrap();
        NewsIndex::open(&dir).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_damaged_meta_json_is_named_and_rebuild_repairs_it() {
        let (_tmp, dir) = created();
        std::fs::write(dir.join("meta.json"), "{ garbage").unwrap();
        let err = NewsIndex::open(&dir).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!(
                "the index at {0} is damaged (meta.json or .managed.json is not valid): rebuild it with `newsdex index <FOLDER> --index {0} --rebuild`",
                dir.display()
            )
        );
        assert!(NewsIndex::open_or_create(&dir, false).is_err());
        NewsIndex::open_or_create(&dir, true).unwrap();
        NewsIndex::open(&dir).unwrap();
    }

    #[test]
    fn a_garbage_version_record_is_called_that_not_version_zero() {
        let (_tmp, dir) = created();
        std::fs::write(dir.join(VERSION_FILE), "\u{1}\u{2} not json").unwrap();
        let err = NewsIndex::open(&dir).err().unwrap();
        assert!(matches!(err, IndexError::Damaged { .. }), "{err}");
        let message = err.to_string();
        assert!(
            message.contains("newsdex.json is not a version record"),
            "{message}"
        );
        assert!(!message.contains("version 0"), "{message}");
        NewsIndex::open_or_create(&dir, true).unwrap();
        NewsIndex::open(&dir).unwrap();
    }

    #[test]
    fn a_reader_needs_no_lock_file() {
        let (_tmp, dir) = created();
        // Tests run as root, who may write anywhere: a folder where the lock file would go
        // makes creating it fail as a read-only mount does.
        let _ = std::fs::remove_file(dir.join(".tantivy-meta.lock"));
        std::fs::create_dir(dir.join(".tantivy-meta.lock")).unwrap();
        let index = NewsIndex::open(&dir).unwrap();
        assert_eq!(index.reader().unwrap().searcher().num_docs(), 0);
    }

    #[test]
    fn writing_where_the_lock_cannot_be_made_says_so() {
        let (_tmp, dir) = created();
        let _ = std::fs::remove_file(dir.join(".tantivy-writer.lock"));
        std::fs::create_dir(dir.join(".tantivy-writer.lock")).unwrap();
        let index = NewsIndex::open_or_create(&dir, false).unwrap();
        let err = crate::index::writer::index_paths(
            &index,
            &[],
            &crate::index::writer::IndexOptions::default(),
            &crate::index::writer::Quiet,
        )
        .err()
        .unwrap();
        let message = err.to_string();
        assert!(matches!(err, IndexError::ReadOnly { .. }), "{message}");
        assert!(message.starts_with(&format!("cannot write to the index at {}", dir.display())));
        assert!(
            message
                .ends_with("`newsdex index` needs write access to the folder; searching does not")
        );
    }

    #[cfg(unix)]
    #[test]
    fn tantivy_files_are_as_readable_as_the_version_record() {
        use std::os::unix::fs::PermissionsExt;
        let (_tmp, dir) = created();
        let mode = |name: &str| {
            std::fs::metadata(dir.join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        std::fs::set_permissions(
            dir.join(VERSION_FILE),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        let index = NewsIndex::open_or_create(&dir, false).unwrap();
        crate::index::writer::index_paths(
            &index,
            &[],
            &crate::index::writer::IndexOptions::default(),
            &crate::index::writer::Quiet,
        )
        .unwrap();
        assert_eq!(mode("meta.json"), 0o644);
        assert_eq!(mode(".managed.json"), 0o644);
    }

    #[test]
    fn the_metadata_records_the_language_and_an_index_without_it_is_english() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("idx");
        NewsIndex::open_or_create(&dir, false).unwrap();
        let record: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(VERSION_FILE)).unwrap())
                .unwrap();
        assert_eq!(record["language"], "english");
        assert_eq!(NewsIndex::open(&dir).unwrap().language, Language::English);

        let version = NewsSchema::embedded().version;
        std::fs::write(
            dir.join(VERSION_FILE),
            format!(r#"{{"schema_version": {version}, "written_by": "newsdex 0.1.0"}}"#),
        )
        .unwrap();
        assert_eq!(NewsIndex::open(&dir).unwrap().language, Language::English);

        std::fs::write(
            dir.join(VERSION_FILE),
            format!(r#"{{"schema_version": {version}, "written_by": "x", "language": "klingon"}}"#),
        )
        .unwrap();
        let err = NewsIndex::open(&dir).err().unwrap();
        assert!(matches!(err, IndexError::Language { .. }), "{err}");
        assert_eq!(
            err.to_string(),
            format!(
                "the index at {} was written for the language \"klingon\", which this newsdex does not know (it knows english, french, spanish, german, italian, portuguese, russian, arabic, turkish, dutch): rebuild it with `newsdex index <FOLDER> --index {} --rebuild`",
                dir.display(),
                dir.display()
            )
        );
        assert!(matches!(
            NewsIndex::open_or_create(&dir, false).err(),
            Some(IndexError::Language { .. })
        ));
        let rebuilt = NewsIndex::open_or_create(&dir, true).unwrap();
        assert_eq!(rebuilt.language, Language::English);
    }
}
