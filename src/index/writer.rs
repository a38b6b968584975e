//! An indexing run: walk the roots, read what changed, replace it in the index, drop what
//! was deleted, and commit at file boundaries so an interrupted run leaves a consistent index.

use super::store::{IndexError, NewsIndex};
use crate::article::Article;
use crate::extract::build_article;
use crate::formats::{self, Record};
use crate::walk::{Candidate, Entry, walk};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tantivy::schema::Facet;
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

/// Settings of an indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Drop everything in the index first.
    pub rebuild: bool,
    /// Memory the tantivy writer may use before it flushes a segment, in bytes.
    pub memory_budget: usize,
    /// Commit after at least this many new articles (at the next file boundary).
    pub commit_every: usize,
    /// Files larger than this many bytes are reported and skipped, never cut.
    pub max_file_bytes: u64,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            rebuild: false,
            memory_budget: 256 << 20,
            commit_every: 20_000,
            max_file_bytes: 512 << 20,
        }
    }
}

/// A file, or a record in one, that was not indexed, and why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skip {
    pub path: String,
    /// Line number of a bad JSONL record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The record inside the file (`line 7`, `item 3`) when only that record was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    pub reason: String,
}

/// What an indexing run did. `--format json` prints this object.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Files of a supported format found under the paths.
    pub files_seen: u64,
    /// Files read this run (new or changed).
    pub files_indexed: u64,
    /// Files skipped because they had not changed since the last run.
    pub files_unchanged: u64,
    /// Files gone from disk whose articles were removed.
    pub files_removed: u64,
    /// Files of kinds newsdex does not read.
    pub files_ignored: u64,
    /// Articles added or replaced this run.
    pub articles_indexed: u64,
    /// Of those, articles for which no date was found.
    pub articles_undated: u64,
    /// Articles in the index after the run.
    pub articles_total: u64,
    pub skipped: Vec<Skip>,
}

/// Progress events, for a progress bar.
pub trait Progress {
    fn file_done(&self, path: &Path, summary: &Summary);
}

/// No progress reporting.
pub struct Quiet;

impl Progress for Quiet {
    fn file_done(&self, _: &Path, _: &Summary) {}
}

/// Index everything under `roots` into `index`, incrementally.
pub fn index_paths(
    index: &NewsIndex,
    roots: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<Summary, IndexError> {
    let mut writer: IndexWriter =
        index
            .index
            .writer(options.memory_budget)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => IndexError::Locked {
                    path: index.dir.clone(),
                },
                e => index.error(e),
            })?;
    let fields = index.schema.fields;
    let mut known = if options.rebuild {
        writer.delete_all_documents().map_err(|e| index.error(e))?;
        HashMap::new()
    } else {
        indexed_files(index)?
    };

    let index_dir = std::fs::canonicalize(&index.dir).ok();
    let mut summary = Summary::default();
    let mut since_commit = 0usize;
    for root in roots {
        for entry in walk(root, index_dir.as_deref()) {
            let candidate = match entry {
                Entry::File(c) => c,
                Entry::Ignored(_) => {
                    summary.files_ignored += 1;
                    continue;
                }
                Entry::Unreadable { path, reason } => {
                    summary.skipped.push(Skip {
                        path: path.display().to_string(),
                        line: None,
                        record: None,
                        reason,
                    });
                    continue;
                }
            };
            summary.files_seen += 1;
            let key = candidate.path.to_string_lossy().into_owned();
            if let Some(state) = known.get_mut(&key) {
                state.seen = true;
                if state.size == candidate.size && state.mtime == candidate.mtime {
                    summary.files_unchanged += 1;
                    progress.file_done(&candidate.path, &summary);
                    continue;
                }
            }
            if candidate.size > options.max_file_bytes {
                summary.skipped.push(Skip {
                    path: key,
                    line: None,
                    record: None,
                    reason: format!(
                        "file is {} MB, over the size limit of {} MB (raise it with --max-file-mb)",
                        candidate.size.div_ceil(1 << 20),
                        options.max_file_bytes >> 20
                    ),
                });
                progress.file_done(&candidate.path, &summary);
                continue;
            }
            let added = index_file(&writer, index, &candidate, &mut summary);
            since_commit += added;
            progress.file_done(&candidate.path, &summary);
            if since_commit >= options.commit_every {
                writer.commit().map_err(|e| index.error(e))?;
                since_commit = 0;
            }
        }
    }

    // Files that were indexed under these roots but are no longer on disk.
    for (path, state) in &known {
        let under_a_root = roots.iter().any(|r| Path::new(path).starts_with(r));
        if !state.seen && under_a_root {
            writer.delete_term(Term::from_field_text(fields.path, path));
            summary.files_removed += 1;
        }
    }
    writer.commit().map_err(|e| index.error(e))?;
    writer.wait_merging_threads().map_err(|e| index.error(e))?;
    let reader = index.index.reader().map_err(|e| index.error(e))?;
    summary.articles_total = reader.searcher().num_docs();
    known.clear();
    Ok(summary)
}

/// Read one new or changed file and replace its articles. Returns how many were added.
fn index_file(
    writer: &IndexWriter,
    index: &NewsIndex,
    file: &Candidate,
    summary: &mut Summary,
) -> usize {
    let path_str = file.path.to_string_lossy().into_owned();
    let skip = |reason: String| Skip {
        path: path_str.clone(),
        line: None,
        record: None,
        reason,
    };
    let records = match formats::open_file(&file.path, file.format) {
        Ok(records) => records,
        Err(e) => {
            summary.skipped.push(skip(e.to_string()));
            return 0;
        }
    };
    let mut articles = Vec::new();
    let mut problems = 0;
    for record in records {
        match record {
            Record::Article(raw) => articles.push(raw),
            Record::Problem(problem) => {
                problems += 1;
                let line = problem
                    .locator
                    .strip_prefix("line ")
                    .and_then(|n| n.parse().ok());
                summary.skipped.push(Skip {
                    path: path_str.clone(),
                    line,
                    record: Some(problem.locator),
                    reason: problem.reason,
                });
            }
        }
    }
    if articles.is_empty() {
        if problems == 0 {
            summary.skipped.push(skip("no articles found".to_string()));
        }
        return 0;
    }
    let fields = index.schema.fields;
    writer.delete_term(Term::from_field_text(fields.path, &path_str));
    summary.files_indexed += 1;
    let mut added = 0;
    for raw in articles {
        let article = build_article(&file.path, raw);
        if article.date.is_none() {
            summary.articles_undated += 1;
        }
        let doc = to_document(index, &article, file);
        // add_document only fails when the writer's worker threads have died, which
        // the final commit reports; counting stays honest by counting successes.
        if writer.add_document(doc).is_ok() {
            added += 1;
        }
    }
    summary.articles_indexed += added as u64;
    added
}

/// The tantivy document for an article of `file`.
pub fn to_document(index: &NewsIndex, article: &Article, file: &Candidate) -> TantivyDocument {
    let f = index.schema.fields;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &article.id);
    doc.add_text(f.path, &article.path);
    if let Some(member) = &article.member {
        doc.add_text(f.member, member);
    }
    if let Some(url) = &article.url {
        doc.add_text(f.url, url);
    }
    if let Some(title) = &article.title {
        doc.add_text(f.title, title);
        doc.add_text(f.title_exact, title);
    }
    doc.add_text(f.body, &article.body);
    doc.add_text(f.body_exact, &article.body);
    if let Some(source) = &article.source {
        doc.add_text(f.source, source);
    }
    doc.add_text(f.format, &article.format);
    if let (Some(date), Some(source)) = (article.date, article.date_source) {
        doc.add_date(f.date, DateTime::from_timestamp_secs(date.timestamp()));
        doc.add_text(f.date_source, source.as_str());
    }
    if let Some(place) = &article.dateline {
        doc.add_facet(
            f.dateline,
            Facet::from_text(place).unwrap_or_else(|_| Facet::root()),
        );
    }
    for place in &article.locations {
        if let Ok(facet) = Facet::from_text(place) {
            doc.add_facet(f.location, facet);
        }
    }
    for place in &article.mentions {
        if let Ok(facet) = Facet::from_text(place) {
            doc.add_facet(f.mentions, facet);
        }
    }
    doc.add_u64(f.file_size, file.size);
    doc.add_u64(f.file_mtime, file.mtime);
    doc
}

struct FileState {
    size: u64,
    mtime: u64,
    seen: bool,
}

/// Size and mtime of every file the index holds articles from, read from fast fields.
fn indexed_files(index: &NewsIndex) -> Result<HashMap<String, FileState>, IndexError> {
    let reader = index.index.reader().map_err(|e| index.error(e))?;
    let searcher = reader.searcher();
    let mut files = HashMap::new();
    let mut path = String::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str("path").map_err(|e| index.error(e))? else {
            continue;
        };
        let sizes = fast.u64("file_size").map_err(|e| index.error(e))?;
        let mtimes = fast.u64("file_mtime").map_err(|e| index.error(e))?;
        for doc in segment.doc_ids_alive() {
            let Some(ord) = paths.term_ords(doc).next() else {
                continue;
            };
            path.clear();
            if !paths.ord_to_str(ord, &mut path).unwrap_or(false) {
                continue;
            }
            if files.contains_key(path.as_str()) {
                continue;
            }
            files.insert(
                path.clone(),
                FileState {
                    size: sizes.first(doc).unwrap_or(0),
                    mtime: mtimes.first(doc).unwrap_or(0),
                    seen: false,
                },
            );
        }
    }
    Ok(files)
}
