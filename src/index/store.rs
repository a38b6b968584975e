//! Opening and creating the index folder, with its schema-version record.

use super::language::Language;
use super::schema::{NewsSchema, register_tokenizers};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::directory::MmapDirectory;
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
        "another `newsdex index` run is writing to {path} (it holds the lock file {path}/.tantivy-writer.lock); wait for it to finish and try again"
    )]
    Locked { path: PathBuf },
    #[error(
        "the index at {path} was written for the language \"{found}\", which this newsdex does not know (it knows {known}): rebuild it with `newsdex index <FOLDER> --index {path} --rebuild`"
    )]
    Language {
        path: PathBuf,
        found: String,
        known: String,
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

impl NewsIndex {
    /// Open an existing index for searching.
    pub fn open(dir: &Path) -> Result<NewsIndex, IndexError> {
        let schema = NewsSchema::embedded();
        if !dir.join("meta.json").is_file() {
            return Err(IndexError::Missing {
                path: dir.to_path_buf(),
            });
        }
        check_version(dir, schema.version)?;
        let language = recorded_language(dir)?;
        let index = Index::open_in_dir(dir).map_err(|source| IndexError::Tantivy {
            path: dir.to_path_buf(),
            source,
        })?;
        register_tokenizers(&index);
        Ok(NewsIndex {
            index,
            schema,
            dir: dir.to_path_buf(),
            language,
            reader: OnceLock::new(),
        })
    }

    /// Open the index for writing, creating it if the folder is absent or empty.
    /// With `rebuild`, an index of another schema version is removed and created anew.
    pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<NewsIndex, IndexError> {
        let schema = NewsSchema::embedded();
        let io_err = |source| IndexError::Io {
            path: dir.to_path_buf(),
            source,
        };
        if dir.join("meta.json").is_file() {
            match check_version(dir, schema.version).and_then(|()| recorded_language(dir)) {
                Ok(_) => return NewsIndex::open(dir),
                Err(IndexError::Version { .. } | IndexError::Language { .. }) if rebuild => {
                    // Only ever remove a folder that is known to be a newsdex index.
                    std::fs::remove_dir_all(dir).map_err(io_err)?;
                }
                Err(e) => return Err(e),
            }
        } else if dir.is_dir() && std::fs::read_dir(dir).map_err(io_err)?.next().is_some() {
            return Err(IndexError::Foreign {
                path: dir.to_path_buf(),
            });
        }
        std::fs::create_dir_all(dir).map_err(io_err)?;
        let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Tantivy {
            path: dir.to_path_buf(),
            source: e.into(),
        })?;
        let index = Index::create(directory, schema.schema.clone(), index_settings()).map_err(
            |source| IndexError::Tantivy {
                path: dir.to_path_buf(),
                source,
            },
        )?;
        let record = VersionRecord {
            schema_version: schema.version,
            written_by: format!("newsdex {}", env!("CARGO_PKG_VERSION")),
            language: Some(Language::default().name().to_string()),
        };
        let json = serde_json::to_string_pretty(&record).unwrap_or_default();
        std::fs::write(dir.join(VERSION_FILE), json).map_err(io_err)?;
        register_tokenizers(&index);
        Ok(NewsIndex {
            index,
            schema,
            dir: dir.to_path_buf(),
            language: Language::default(),
            reader: OnceLock::new(),
        })
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
        .map(|r| r.schema_version)
        .unwrap_or(0);
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
                "the index at {} was written for the language \"klingon\", which this newsdex does not know (it knows english): rebuild it with `newsdex index <FOLDER> --index {} --rebuild`",
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
