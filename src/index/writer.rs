//! An indexing run: walk the roots, read what changed, replace it in the index, drop what
//! was deleted, and commit at file boundaries so an interrupted run leaves a consistent index.

use super::document::{FileStamp, to_document};
use super::file_table;
use super::in_flight::{InFlight, QueuedDocument, Reservation, text_bytes};
use super::merge::BoundedMerges;
use super::store::{IndexError, NewsIndex};
use crate::article::MAX_ARTICLE_BYTES;
use crate::extract::{Pending, finish_article};
use crate::formats::ignored::{IgnoredKind, tally as tally_ignored};
use crate::formats::{self, Member, Record};
use crate::sidecar::Sidecar;
use crate::walk::{Candidate, Entry, key_is_under, path_key, walk_roots};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use tantivy::indexer::{IndexWriterOptions, UserOperation};
use tantivy::{IndexWriter, Term};

/// Settings of an indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Drop everything in the index first.
    pub rebuild: bool,
    /// Memory the tantivy writer may use before it flushes a segment, in bytes.
    pub memory_budget: usize,
    /// Commit after at least this many new articles (at the next file boundary).
    pub commit_every: usize,
    /// Files read whole that are larger than this many bytes are reported and skipped, never
    /// cut. Streamed files (JSONL, WARC, zip) are not limited; their records are.
    pub max_file_bytes: u64,
    /// An article's text is cut beyond this many bytes and marked truncated:
    /// [`MAX_ARTICLE_BYTES`] (smaller only in tests).
    pub max_article_bytes: usize,
    /// A metadata sidecar (`index --metadata`) whose values override the files'.
    pub metadata: Option<Arc<Sidecar>>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            rebuild: false,
            memory_budget: 128 << 20,
            commit_every: 100_000,
            max_file_bytes: 32 << 20,
            max_article_bytes: MAX_ARTICLE_BYTES,
            metadata: None,
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
    /// Of those, articles whose text was cut at the size limit
    /// ([`crate::article::MAX_ARTICLE_BYTES`]).
    pub articles_truncated: u64,
    /// Articles in the index after the run.
    pub articles_total: u64,
    /// Files and records skipped, whether listed in `skipped` or not.
    pub skipped_total: u64,
    /// What was skipped: at most [`LISTED_SKIPS_PER_FILE`] records of each file.
    pub skipped: Vec<Skip>,
    /// Files with more skipped records than are listed, and how many.
    pub skipped_more: Vec<SkippedMore>,
    /// The files of `files_ignored` by kind, a few of each named.
    pub ignored: Vec<IgnoredKind>,
    /// Rows of the metadata sidecar that matched no file of the walk (absent without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata_unmatched: Option<u64>,
    /// Articles whose file's size and mtime were read back from the index to learn what
    /// changed: 0 when the file table beside the index described its last commit.
    #[serde(skip)]
    pub index_rows_read: u64,
}

/// Skipped records of one file that a summary lists; the others are only counted, so a
/// small file of millions of bad lines cannot make the summary (or the run's memory) grow.
pub const LISTED_SKIPS_PER_FILE: usize = 100;

/// A file with more skipped records than [`LISTED_SKIPS_PER_FILE`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkippedMore {
    pub path: String,
    /// Records of the file skipped in all.
    pub skipped: u64,
    /// Of those, the ones not listed in `skipped`.
    pub more: u64,
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

/// Articles handed from the reading thread to the extraction workers.
struct Batch {
    file: Arc<Candidate>,
    /// Each article, whether its text was cut at the size limit, and its place among the
    /// file's articles (from 0).
    articles: Vec<(Pending, bool, u64)>,
    /// The articles' text, counted in flight until tantivy has indexed each one.
    reservation: Reservation,
}

/// Articles per batch: enough to make channel traffic negligible, small enough to keep
/// every worker busy on a folder of one-article files.
const BATCH_ARTICLES: usize = 64;

/// The writer, whose documents count their text in flight until tantivy drops them.
type Writer = IndexWriter<QueuedDocument>;

/// Article text in flight between reading and tantivy, as a share of the memory budget:
/// the documents tantivy has queued but not yet indexed are outside that budget.
fn in_flight_limit(options: &IndexOptions) -> u64 {
    options.memory_budget as u64 / 4
}

/// What the workers of one commit window did.
#[derive(Default)]
struct WindowCounts {
    added: u64,
    undated: u64,
    truncated: u64,
}

/// Index everything under `roots` into `index`, incrementally.
///
/// The calling thread walks the folders, decides what changed and streams each file's
/// records; worker threads (one per core) extract dates and places and hand documents to
/// tantivy's own indexing threads. Commits happen only between files, so a run killed at
/// any moment leaves an index whose every file is either complete or absent (or its
/// previous version), and the next run picks up where it stopped.
pub fn index_paths(
    index: &NewsIndex,
    roots: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<Summary, IndexError> {
    let index_dir = std::fs::canonicalize(&index.dir).ok();
    let entries = walk_roots(roots, index_dir.as_deref());
    index_entries(index, roots, entries, options, progress)
}

/// [`index_paths`] over the entries of a walk of `roots`.
fn index_entries(
    index: &NewsIndex,
    roots: &[PathBuf],
    entries: impl Iterator<Item = Entry>,
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<Summary, IndexError> {
    let mut writer = open_writer(index, options)?;
    let known = if options.rebuild {
        Known::default()
    } else {
        known_files(index)?
    };
    let (from_table, start_key, rows_read) = (known.from_table, known.key.clone(), known.rows_read);
    let result = write_entries(
        &mut writer,
        index,
        roots,
        entries,
        options,
        progress,
        known.files,
    );
    let mut summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            discard_uncommitted(&mut writer);
            return Err(e);
        }
    };
    writer.wait_merging_threads().map_err(|e| index.error(e))?;
    index.share_bookkeeping();
    let reader = index.index.reader().map_err(|e| index.error(e))?;
    let searcher = reader.searcher();
    summary.articles_total = searcher.num_docs();
    summary.index_rows_read = rows_read;
    // The table is written from the commit itself, not from what this run believes it
    // wrote; unchanged, it is left as it is.
    let key = file_table::commit_key(&searcher);
    if !(from_table && key == start_key) {
        let (files, _) = files_in_index(index, &searcher)?;
        let stamps = files.iter().map(|(path, state)| {
            let stamp = FileStamp {
                size: state.size,
                mtime: state.mtime,
                metadata: state.metadata,
            };
            (path.as_str(), stamp)
        });
        // Best effort: without a table the next run reads the index instead.
        if file_table::save(&index.dir, &key, stamps).is_err() {
            file_table::remove(&index.dir);
        }
    }
    summary.metadata_unmatched = options
        .metadata
        .as_deref()
        .map(|s| s.unmatched().len() as u64);
    Ok(summary)
}

/// The files the index holds, and how that was learnt.
#[derive(Default)]
struct Known {
    files: HashMap<String, FileState>,
    /// The commit they describe ([`file_table::commit_key`]).
    key: String,
    /// Read from the file table rather than from the index.
    from_table: bool,
    /// Articles read from the index to learn them.
    rows_read: u64,
}

/// The files the last commit holds: from the file table beside the index when it
/// describes that commit, else read back from the index.
fn known_files(index: &NewsIndex) -> Result<Known, IndexError> {
    let reader = index.index.reader().map_err(|e| index.error(e))?;
    let searcher = reader.searcher();
    let key = file_table::commit_key(&searcher);
    if let Some(table) = file_table::load(&index.dir, &key) {
        let files = table
            .into_iter()
            .map(|(path, stamp)| {
                let state = FileState {
                    size: stamp.size,
                    mtime: stamp.mtime,
                    metadata: stamp.metadata,
                    seen: false,
                };
                (path, state)
            })
            .collect();
        return Ok(Known {
            files,
            key,
            from_table: true,
            rows_read: 0,
        });
    }
    let (files, rows_read) = files_in_index(index, &searcher)?;
    Ok(Known {
        files,
        key,
        from_table: false,
        rows_read,
    })
}

/// After a failed run (a full disk, say), remove the segment files it had begun: they are
/// no part of the index, which keeps its last commit, and left behind they keep the disk
/// full so that the next run fails too. Best effort: the run's own error is what is told.
fn discard_uncommitted(writer: &mut Writer) {
    if writer.rollback().is_ok() {
        let _ = writer.garbage_collect_files().wait();
    }
}

/// Walk, read and write everything, committing as it goes; the last commit included.
fn write_entries(
    writer: &mut Writer,
    index: &NewsIndex,
    roots: &[PathBuf],
    mut entries: impl Iterator<Item = Entry>,
    options: &IndexOptions,
    progress: &dyn Progress,
    mut known: HashMap<String, FileState>,
) -> Result<Summary, IndexError> {
    let in_flight = InFlight::new(in_flight_limit(options));
    let fields = index.schema.fields;
    if options.rebuild {
        writer.delete_all_documents().map_err(|e| index.error(e))?;
    }
    let mut read_this_run = HashSet::new();
    let mut unreadable = Vec::new();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut summary = Summary::default();
    loop {
        let (sender, receiver) = mpsc::sync_channel::<Batch>(workers * 2);
        let receiver = Mutex::new(receiver);
        let (counts, finished) = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        extract_and_add(&receiver, writer, index, options.metadata.as_deref())
                    })
                })
                .collect();
            let mut reader = WindowReader {
                writer,
                in_flight: &in_flight,
                fields: &fields,
                sender,
                summary: &mut summary,
                known: &mut known,
                read_this_run: &mut read_this_run,
                unreadable: &mut unreadable,
                options,
                progress,
                articles: 0,
            };
            let finished = reader.fill_window(&mut entries);
            drop(reader);
            let mut counts = WindowCounts::default();
            for handle in handles {
                // A worker only panics on a bug; its articles are then missing from the
                // counts and the commit below still keeps everything else.
                if let Ok(c) = handle.join() {
                    counts.added += c.added;
                    counts.undated += c.undated;
                    counts.truncated += c.truncated;
                }
            }
            (counts, finished)
        });
        summary.articles_indexed += counts.added;
        summary.articles_undated += counts.undated;
        summary.articles_truncated += counts.truncated;
        if finished {
            break;
        }
        writer.commit().map_err(|e| index.error(e))?;
        index.share_bookkeeping();
    }

    // Files that were indexed under these roots but are no longer on disk. A folder that
    // could not be listed this time may still hold its files: they keep their articles.
    let root_keys: Vec<String> = roots.iter().map(|r| path_key(r)).collect();
    for (path, state) in &known {
        let under_a_root = root_keys.iter().any(|r| key_is_under(path, r));
        let maybe_there = unreadable.iter().any(|u| key_is_under(path, u));
        if !state.seen && under_a_root && !maybe_there {
            writer.delete_term(Term::from_field_text(fields.path, path));
            summary.files_removed += 1;
        }
    }
    writer.commit().map_err(|e| index.error(e))?;
    Ok(summary)
}

/// The least and most memory tantivy accepts for one indexing thread (its
/// `MEMORY_BUDGET_NUM_BYTES_MIN` and, rounded down, `MEMORY_BUDGET_NUM_BYTES_MAX`).
const THREAD_BUDGET_MIN: usize = 15_000_000;
const THREAD_BUDGET_MAX: usize = 4_000_000_000;

/// Tantivy's writer: one indexing thread for every two cores (each with an equal share of
/// the memory budget, within tantivy's limits), and merges one at a time, each reading at
/// most half the memory budget of segments (see [`BoundedMerges`]), so merging adds a
/// bounded amount to peak memory however large the index grows.
///
/// Half the cores, because extracting an article costs about what tantivy spends indexing
/// it, and the extraction workers take one core each; and each thread writes a segment of
/// its own, whose term dictionary repeats most of the others' words: fewer threads write
/// fewer, larger segments, which is less work to write and to merge.
fn open_writer(index: &NewsIndex, options: &IndexOptions) -> Result<Writer, IndexError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = indexing_threads(cores, options.memory_budget);
    let writer_options = IndexWriterOptions::builder()
        .memory_budget_per_thread(
            (options.memory_budget / threads).clamp(THREAD_BUDGET_MIN, THREAD_BUDGET_MAX),
        )
        .num_worker_threads(threads)
        .num_merge_threads(1)
        .build();
    let writer = index
        .index
        .writer_with_options(writer_options)
        .map_err(|e| IndexError::of_writer_lock(&index.dir, e))?;
    // A run that failed or was killed may have left segment files that no commit holds: an
    // indexing thread tantivy stopped waiting for writes on after the failed run cleaned up.
    // Removed before this run writes anything, they cannot keep a full disk full. Best
    // effort: a file that cannot be removed now is retried at the next commit.
    let _ = writer.garbage_collect_files().wait();
    writer.set_merge_policy(Box::new(BoundedMerges::new(
        index.dir.clone(),
        options.memory_budget as u64 / 2,
    )));
    Ok(writer)
}

/// Tantivy's indexing threads on `cores` cores with `memory_budget` bytes in all: one for
/// every two cores, at most 8, and no more than the budget gives the least share tantivy
/// accepts.
fn indexing_threads(cores: usize, memory_budget: usize) -> usize {
    (cores / 2)
        .min(8)
        .min(memory_budget / THREAD_BUDGET_MIN)
        .max(1)
}

/// A worker: extract metadata from each batch and add the documents to the writer.
fn extract_and_add(
    receiver: &Mutex<mpsc::Receiver<Batch>>,
    writer: &Writer,
    index: &NewsIndex,
    sidecar: Option<&Sidecar>,
) -> WindowCounts {
    let mut counts = WindowCounts::default();
    loop {
        let batch = match receiver.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => break,
        };
        let Ok(mut batch) = batch else { break };
        let entry = sidecar.and_then(|s| s.get(&path_key(&batch.file.path)));
        for (mut pending, truncated, order) in batch.articles {
            let reservation = batch.reservation.split(pending_bytes(&pending));
            if let (Some((entry, _)), Pending::Raw(raw)) = (entry, &mut pending) {
                entry.apply_to_raw(raw);
            }
            let mut article = finish_article(&batch.file.path, pending);
            if let Some((entry, _)) = entry {
                entry.apply(&mut article);
            }
            article.truncated |= truncated;
            if article.date.is_none() {
                counts.undated += 1;
            }
            if article.truncated {
                counts.truncated += 1;
            }
            let stamp = FileStamp {
                size: batch.file.size,
                mtime: batch.file.mtime,
                metadata: entry.map_or(0, |(_, digest)| digest),
            };
            let doc = to_document(&index.schema.fields, &article, stamp, order);
            // add_document fails only when tantivy's indexing threads have died, which
            // the commit reports; counting successes keeps the summary honest.
            if writer
                .add_document(QueuedDocument::new(doc, reservation))
                .is_ok()
            {
                counts.added += 1;
            }
        }
    }
    counts
}

/// The reading side of one commit window.
struct WindowReader<'a> {
    writer: &'a Writer,
    in_flight: &'a Arc<InFlight>,
    fields: &'a super::Fields,
    sender: mpsc::SyncSender<Batch>,
    summary: &'a mut Summary,
    known: &'a mut HashMap<String, FileState>,
    /// Device and inode of every file met this run, so a file reached twice is read once.
    read_this_run: &'a mut HashSet<(u64, u64)>,
    /// Keys of the folders and files that could not be read this run.
    unreadable: &'a mut Vec<String>,
    options: &'a IndexOptions,
    progress: &'a dyn Progress,
    /// Articles sent in this window.
    articles: usize,
}

impl WindowReader<'_> {
    /// Read files until the window holds `commit_every` articles (at a file boundary).
    /// Returns true when the walk is exhausted.
    fn fill_window(&mut self, entries: &mut dyn Iterator<Item = Entry>) -> bool {
        for entry in entries {
            let candidate = match entry {
                Entry::File(c) => c,
                Entry::Ignored(path) => {
                    self.summary.files_ignored += 1;
                    tally_ignored(&mut self.summary.ignored, &path, &path_key(&path));
                    continue;
                }
                Entry::Unreadable { path, reason } => {
                    let key = path_key(&path);
                    self.skip(&key, reason);
                    self.unreadable.push(key);
                    continue;
                }
            };
            if let Some(id) = candidate.file_id
                && !self.read_this_run.insert(id)
            {
                continue;
            }
            let key = path_key(&candidate.path);
            if self.known.get(&key).is_some_and(|state| state.seen) {
                continue;
            }
            let sidecar = self.options.metadata.as_deref();
            if sidecar.is_some_and(|s| s.is_file(&key)) {
                // The sidecar describes the archive; it is none of its articles.
                continue;
            }
            self.summary.files_seen += 1;
            // A changed sidecar entry (or one added or removed) changes the file's articles.
            let metadata = sidecar
                .and_then(|s| s.get(&key))
                .map_or(0, |(_, digest)| digest);
            if let Some(state) = self.known.get_mut(&key) {
                state.seen = true;
                if state.size == candidate.size
                    && state.mtime == candidate.mtime
                    && state.metadata == metadata
                {
                    self.summary.files_unchanged += 1;
                    self.progress.file_done(&candidate.path, self.summary);
                    continue;
                }
            }
            if candidate.size > self.options.max_file_bytes && !candidate.format.is_streamed() {
                self.skip(
                    &key,
                    format!(
                        "file is {} MB, over the size limit of {} MB (raise it with --max-file-mb)",
                        candidate.size.div_ceil(1 << 20),
                        self.options.max_file_bytes >> 20
                    ),
                );
            } else {
                let replaces = self.known.contains_key(&key);
                if !replaces {
                    // Met again under another root, it is now known and not read twice.
                    self.known.insert(
                        key.clone(),
                        FileState {
                            size: candidate.size,
                            mtime: candidate.mtime,
                            metadata,
                            seen: true,
                        },
                    );
                }
                self.read_file(candidate.clone(), key, replaces);
            }
            self.progress.file_done(&candidate.path, self.summary);
            if self.articles >= self.options.commit_every {
                return false;
            }
        }
        true
    }

    fn skip(&mut self, path: &str, reason: String) {
        self.summary.skipped_total += 1;
        self.summary.skipped.push(Skip {
            path: path.to_string(),
            line: None,
            record: None,
            reason,
        });
    }

    /// Stream one new or changed file's records to the workers. `replaces`: the committed
    /// index holds articles of this path, to be deleted (a new file has none, and skipping
    /// its delete saves tantivy a term lookup per file at commit).
    fn read_file(&mut self, file: Candidate, key: String, replaces: bool) {
        let records = match formats::open_file(
            &file.path,
            file.format,
            formats::Limits::new(self.options.max_file_bytes),
        ) {
            Ok(records) => records,
            Err(e) => return self.skip(&key, e.to_string()),
        };
        let file = Arc::new(file);
        let mut batch = Vec::with_capacity(BATCH_ARTICLES);
        let mut batch_bytes = 0;
        let mut articles = 0usize;
        let mut problems = 0usize;
        for record in records {
            // Cut before extraction and the writer see it: a huge article costs neither
            // them nor every later search that matches it more than the limit.
            let (pending, truncated) = match record {
                Record::Article(mut raw) => {
                    let cut = raw.truncate_to_limits(self.options.max_article_bytes);
                    (Pending::Raw(raw), cut)
                }
                Record::Extracted(mut article) => {
                    article.truncate_to_limits(self.options.max_article_bytes);
                    (Pending::Extracted(article), false)
                }
                Record::Problem(problem) => {
                    problems += 1;
                    self.summary.skipped_total += 1;
                    if problems > LISTED_SKIPS_PER_FILE {
                        continue;
                    }
                    let line = match problem.locator {
                        Member::Line(n) => Some(n as u64),
                        _ => None,
                    };
                    self.summary.skipped.push(Skip {
                        path: key.clone(),
                        line,
                        record: Some(problem.locator.to_string()),
                        reason: problem.reason,
                    });
                    continue;
                }
            };
            if articles == 0 && replaces {
                // The old version's articles go only once the new one yields one,
                // so a file that has become unreadable keeps what it had.
                self.writer
                    .delete_term(Term::from_field_text(self.fields.path, &key));
            }
            batch_bytes += pending_bytes(&pending);
            batch.push((pending, truncated, articles as u64));
            articles += 1;
            // A batch of long stories is cut short so that several fit in flight.
            if batch.len() == BATCH_ARTICLES || batch_bytes >= self.in_flight.limit() / 8 {
                self.send(&file, std::mem::take(&mut batch), batch_bytes);
                batch_bytes = 0;
            }
        }
        if !batch.is_empty() {
            self.send(&file, batch, batch_bytes);
        }
        if problems > LISTED_SKIPS_PER_FILE {
            self.summary.skipped_more.push(SkippedMore {
                path: key.clone(),
                skipped: problems as u64,
                more: (problems - LISTED_SKIPS_PER_FILE) as u64,
            });
        }
        if articles > 0 {
            self.summary.files_indexed += 1;
            self.articles += articles;
        } else if problems == 0 {
            self.skip(&key, "no articles found".to_string());
        }
    }

    /// Hand `articles` (of `bytes` of text) to the workers once they fit in flight.
    fn send(&self, file: &Arc<Candidate>, articles: Vec<(Pending, bool, u64)>, bytes: u64) {
        // Whether tantivy's indexing threads still run: only `run` tells, by refusing
        // operations once they have died. A delete of the path "" removes nothing.
        let alive = || {
            let nothing = Term::from_field_text(self.fields.path, "");
            self.writer.run([UserOperation::Delete(nothing)]).is_ok()
        };
        let reservation = self.in_flight.reserve(bytes, alive);
        // Sending fails only if every worker is gone, which join reports.
        let _ = self.sender.send(Batch {
            file: Arc::clone(file),
            articles,
            reservation,
        });
    }
}

/// The text a pending article counts for while in flight (see [`text_bytes`]).
fn pending_bytes(pending: &Pending) -> u64 {
    match pending {
        Pending::Raw(raw) => text_bytes(raw),
        Pending::Extracted(a) => {
            let optional = |s: &Option<String>| s.as_ref().map_or(0, String::len);
            (a.body.len()
                + optional(&a.title)
                + optional(&a.member)
                + optional(&a.url)
                + optional(&a.source)) as u64
        }
    }
}

struct FileState {
    size: u64,
    mtime: u64,
    /// The digest of the sidecar entry its articles were indexed with (0: none).
    metadata: u64,
    seen: bool,
}

/// Size and mtime of every file `searcher`'s commit holds articles from, read from fast
/// fields, and how many articles were read for it. A file whose articles are in the index
/// twice (written by a version that read overlapping roots twice) gets an impossible size,
/// so the next run reads it again and replaces both copies.
fn files_in_index(
    index: &NewsIndex,
    searcher: &tantivy::Searcher,
) -> Result<(HashMap<String, FileState>, u64), IndexError> {
    let mut files = HashMap::new();
    let mut ids = Vec::new();
    let mut path = String::new();
    // (path's term ordinal, size, mtime) of a segment's files: the paths are then decoded in
    // one pass over the dictionary, each of its compressed blocks once (a lookup per article
    // decompressed a block per article).
    let mut rows: Vec<(u64, u64, u64, u64)> = Vec::new();
    let mut rows_read = 0;
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str("path").map_err(|e| index.error(e))? else {
            continue;
        };
        let sizes = fast.u64("file_size").map_err(|e| index.error(e))?;
        let mtimes = fast.u64("file_mtime").map_err(|e| index.error(e))?;
        let metadata = fast.u64("file_metadata").map_err(|e| index.error(e))?;
        let id_bits = fast.u64("id_bits").map_err(|e| index.error(e))?;
        rows.clear();
        for doc in segment.doc_ids_alive() {
            rows_read += 1;
            ids.extend(id_bits.first(doc));
            if let Some(ord) = paths.term_ords(doc).next() {
                let stamp = (
                    sizes.first(doc).unwrap_or(0),
                    mtimes.first(doc).unwrap_or(0),
                    metadata.first(doc).unwrap_or(0),
                );
                rows.push((ord, stamp.0, stamp.1, stamp.2));
            }
        }
        // Stable: of a path's articles the first keeps its stamp, as a lookup in doc order did.
        rows.sort_by_key(|row| row.0);
        rows.dedup_by_key(|row| row.0);
        let ords: Vec<u64> = rows.iter().map(|row| row.0).collect();
        let mut stamps = rows.iter();
        paths
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                let Some(&(_, size, mtime, metadata)) = stamps.next() else {
                    return;
                };
                if let Ok(path) = std::str::from_utf8(bytes)
                    && !files.contains_key(path)
                {
                    let seen = false;
                    let state = FileState {
                        size,
                        mtime,
                        metadata,
                        seen,
                    };
                    files.insert(path.to_string(), state);
                }
            })
            .map_err(|e| index.error(e.into()))?;
    }
    ids.sort_unstable();
    let doubled: HashSet<u64> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    drop(ids);
    if doubled.is_empty() {
        return Ok((files, rows_read));
    }
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str("path").map_err(|e| index.error(e))? else {
            continue;
        };
        let id_bits = fast.u64("id_bits").map_err(|e| index.error(e))?;
        for doc in segment.doc_ids_alive() {
            if !id_bits.first(doc).is_some_and(|id| doubled.contains(&id)) {
                continue;
            }
            let Some(ord) = paths.term_ords(doc).next() else {
                continue;
            };
            path.clear();
            if paths.ord_to_str(ord, &mut path).unwrap_or(false)
                && let Some(state) = files.get_mut(path.as_str())
            {
                state.size = u64::MAX;
            }
        }
    }
    Ok((files, rows_read))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::TantivyDocument;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::AllQuery;

    fn archive() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(
            docs.join("a.txt"),
            "Ferry strike\n\nThe crews walked out.\n",
        )
        .unwrap();
        std::fs::write(docs.join("b.txt"), "Ferry deal\n\nThe crews went back.\n").unwrap();
        let root = std::fs::canonicalize(&docs).unwrap();
        (tmp, root.clone(), root.parent().unwrap().join("idx"))
    }

    fn run(dir: &Path, root: &Path) -> Summary {
        let index = NewsIndex::open_or_create(dir, false).unwrap();
        index_paths(
            &index,
            &[root.to_path_buf()],
            &IndexOptions::default(),
            &Quiet,
        )
        .unwrap()
    }

    #[test]
    fn two_cores_index_into_one_segment() {
        let budget = IndexOptions::default().memory_budget;
        assert_eq!(indexing_threads(1, budget), 1);
        assert_eq!(indexing_threads(2, budget), 1);
        assert_eq!(indexing_threads(4, budget), 2);
        assert_eq!(indexing_threads(64, budget), 8);
        // Each thread needs tantivy's least share of the budget.
        assert_eq!(indexing_threads(8, 2 * THREAD_BUDGET_MIN), 2);
        assert_eq!(indexing_threads(8, THREAD_BUDGET_MIN / 2), 1);
    }

    #[test]
    fn a_folder_that_cannot_be_listed_keeps_its_articles() {
        let (_tmp, root, dir) = archive();
        let sub = root.join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("c.txt"), "Ferry fares\n\nFares rose.\n").unwrap();
        assert_eq!(run(&dir, &root).articles_total, 3);
        // Tests run as root, which may list any folder: the walk's error is made here, as
        // walkdir reports a folder it cannot read (its files are then not met at all).
        let entries = crate::walk::walk(&root, None)
            .filter(|e| !matches!(e, Entry::File(c) if c.path.starts_with(&sub)))
            .chain([Entry::Unreadable {
                path: sub.clone(),
                reason: "Permission denied (os error 13)".to_string(),
            }]);
        let index = NewsIndex::open_or_create(&dir, false).unwrap();
        let roots = [root.clone()];
        let summary =
            index_entries(&index, &roots, entries, &IndexOptions::default(), &Quiet).unwrap();
        assert_eq!(summary.files_removed, 0);
        assert_eq!(summary.articles_total, 3);
        assert_eq!(summary.skipped.len(), 1);
        assert_eq!(summary.skipped[0].reason, "Permission denied (os error 13)");
    }

    #[test]
    fn stories_larger_than_the_bytes_in_flight_are_all_indexed() {
        let (_tmp, root, dir) = archive();
        let story = "Tankers wait outside the strait. ".repeat(2_000);
        for i in 0..12 {
            std::fs::write(root.join(format!("long-{i}.txt")), &story).unwrap();
        }
        let index = NewsIndex::open_or_create(&dir, false).unwrap();
        // A quarter of this budget is 16 KB in flight: each 66 KB story waits for the last.
        let options = IndexOptions {
            memory_budget: 64 << 10,
            ..IndexOptions::default()
        };
        let summary = index_paths(&index, &[root], &options, &Quiet).unwrap();
        assert_eq!(summary.articles_indexed, 14);
        assert_eq!(summary.articles_total, 14);
    }

    /// Issue 11 item 20 with several indexing threads: tantivy stops waiting for the other
    /// threads once one fails, and what they write after the failed run cleaned up is left
    /// registered in `.managed.json` but in no commit. Opening the writer removes it.
    #[test]
    fn opening_the_writer_removes_segment_files_no_commit_holds() {
        let (_tmp, root, dir) = archive();
        run(&dir, &root);
        let orphans = [
            "0123456789abcdef0123456789abcdef.store",
            "0123456789abcdef0123456789abcdef.pos",
        ];
        let managed_path = dir.join(".managed.json");
        let mut managed: Vec<String> =
            serde_json::from_slice(&std::fs::read(&managed_path).unwrap()).unwrap();
        for orphan in orphans {
            std::fs::write(dir.join(orphan), vec![0u8; 4096]).unwrap();
            managed.push(orphan.to_string());
        }
        std::fs::write(&managed_path, serde_json::to_vec(&managed).unwrap()).unwrap();
        let index = NewsIndex::open_or_create(&dir, false).unwrap();
        let writer = open_writer(&index, &IndexOptions::default()).unwrap();
        for orphan in orphans {
            assert!(
                !dir.join(orphan).exists(),
                "{orphan} outlived the writer's opening"
            );
        }
        drop(writer);
        // The committed segments are untouched.
        assert_eq!(run(&dir, &root).articles_total, 2);
    }

    /// Issue 11 item 12: an article's text is cut at the size limit, marked truncated in the
    /// index and counted; what lies beyond the cut is not indexed.
    #[test]
    fn a_text_over_the_article_limit_is_cut_and_marked() {
        use crate::index::document::from_document;
        let (_tmp, root, dir) = archive();
        let long = format!(
            "Tanker report\n\n{}zanzibar",
            "Tankers wait. ".repeat(1_000)
        );
        std::fs::write(root.join("long.txt"), &long).unwrap();
        let index = NewsIndex::open_or_create(&dir, false).unwrap();
        let options = IndexOptions {
            max_article_bytes: 4096,
            ..IndexOptions::default()
        };
        let summary = index_paths(&index, &[root], &options, &Quiet).unwrap();
        assert_eq!(
            (summary.articles_indexed, summary.articles_truncated),
            (3, 1)
        );
        let searcher = index.index.reader().unwrap().searcher();
        let f = index.schema.fields;
        let mut cut = Vec::new();
        for address in searcher.search(&AllQuery, &DocSetCollector).unwrap() {
            let article = from_document(&f, &searcher.doc(address).unwrap());
            if article.truncated {
                cut.push(article.body.len());
            }
        }
        assert_eq!(cut.len(), 1);
        assert!(cut[0] <= 4096 && cut[0] > 4000, "{cut:?}");
        let beyond = tantivy::query::TermQuery::new(
            Term::from_field_text(f.body, "zanzibar"),
            tantivy::schema::IndexRecordOption::Basic,
        );
        assert_eq!(
            searcher
                .search(&beyond, &tantivy::collector::Count)
                .unwrap(),
            0
        );
    }

    /// Issue 13 item 7: re-indexing an unchanged archive reads the file table beside the
    /// index, not a row of the index.
    #[test]
    fn a_no_op_run_reads_nothing_back_from_the_index() {
        let (_tmp, root, dir) = archive();
        assert_eq!(run(&dir, &root).articles_total, 2);
        let again = run(&dir, &root);
        assert_eq!((again.files_unchanged, again.files_indexed), (2, 0));
        assert_eq!(again.index_rows_read, 0);
    }

    /// A run killed between its commit and the file table's write leaves the table of the
    /// commit before: the next run sees it describes another commit and reads the index.
    #[test]
    fn a_file_table_of_an_earlier_commit_is_not_trusted() {
        let (_tmp, root, dir) = archive();
        run(&dir, &root);
        let table = dir.join(file_table::FILE_TABLE);
        let earlier = std::fs::read(&table).unwrap();
        std::fs::write(root.join("c.txt"), "Ferry fares\n\nFares rose.\n").unwrap();
        std::fs::remove_file(root.join("a.txt")).unwrap();
        let changed = run(&dir, &root);
        assert_eq!((changed.files_indexed, changed.files_removed), (1, 1));
        std::fs::write(&table, &earlier).unwrap();
        let after_kill = run(&dir, &root);
        assert_eq!(
            (after_kill.files_unchanged, after_kill.files_indexed),
            (2, 0)
        );
        assert_eq!(after_kill.files_removed, 0);
        assert_eq!(after_kill.index_rows_read, 2);
        // That run wrote the table of its commit again.
        assert_eq!(run(&dir, &root).index_rows_read, 0);
        // A damaged table is read around the same way.
        std::fs::write(&table, b"newsdex file table 1\ngarbage").unwrap();
        let damaged = run(&dir, &root);
        assert_eq!((damaged.files_unchanged, damaged.index_rows_read), (2, 2));
    }

    #[test]
    fn an_index_holding_a_file_twice_heals_on_the_next_run() {
        let (_tmp, root, dir) = archive();
        assert_eq!(run(&dir, &root).articles_total, 2);
        // What an earlier version wrote for `index docs docs`: every article twice.
        {
            let index = NewsIndex::open(&dir).unwrap();
            let searcher = index.index.reader().unwrap().searcher();
            let mut writer: IndexWriter = index.index.writer(15_000_000).unwrap();
            let f = index.schema.fields;
            for address in searcher.search(&AllQuery, &DocSetCollector).unwrap() {
                let mut doc: TantivyDocument = searcher.doc(address).unwrap();
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                for (field, name) in [(f.file_size, "file_size"), (f.file_mtime, "file_mtime")] {
                    let value = fast.u64(name).unwrap().first(address.doc_id).unwrap();
                    doc.add_u64(field, value);
                }
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let healed = run(&dir, &root);
        assert_eq!(healed.files_indexed, 2);
        assert_eq!(healed.articles_total, 2);
        let again = run(&dir, &root);
        assert_eq!(again.files_unchanged, 2);
        assert_eq!(again.articles_total, 2);
    }
}
