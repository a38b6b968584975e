//! `newsdex index`: flags, progress bar and the run summary.

use super::{Failure, IndexLocation, format_flag};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use newsdex::formats::ignored::kind_of;
use newsdex::formats::{EXTENSIONS, Format};
use newsdex::index::NewsIndex;
use newsdex::index::writer::{IndexOptions, Progress, Skip, Summary, index_paths};
use newsdex::render::OutputFormat;
use newsdex::render::json::write_json;
use newsdex::render::terminal::escaped;
use newsdex::search::request::RECORD_FORMATS;
use newsdex::sidecar::Sidecar;
use newsdex::walk::path_key;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Folders or files to index (searched recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    location: IndexLocation,
    /// Start from an empty index (also replaces an index of an older schema version).
    #[arg(long)]
    rebuild: bool,
    /// Summary format: text (on stderr) or json (one object on stdout).
    #[arg(long, value_parser = format_flag(RECORD_FORMATS), default_value = "text")]
    format: OutputFormat,
    /// Memory the indexer may use before writing a segment, in MB.
    #[arg(long, default_value_t = 128, value_name = "MB", value_parser = clap::value_parser!(u64).range(16..=8192))]
    memory_mb: u64,
    /// Commit after this many new articles, so an interrupted run keeps its work.
    #[arg(long, default_value_t = 100_000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    commit_every: u64,
    /// Skip (and report) files read whole that are larger than this once decompressed, in MB
    /// (JSONL, WARC and zip are streamed: each record has this limit, at most 128 MB).
    #[arg(long, default_value_t = 32, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    max_file_mb: u64,
    /// Exit with status 1 if any file or record was skipped (the index is still committed).
    #[arg(long)]
    strict: bool,
    /// A CSV or JSONL file giving files' date, title, source, url, places or lang (columns path,
    /// date, title, source, url, places, lang; paths relative to the folder indexed): its values
    /// override the files'. A changed file is applied on the next run.
    #[arg(long, value_name = "FILE")]
    metadata: Option<PathBuf>,
}

/// How many unmatched sidecar rows are named on stderr; the rest are counted.
const UNMATCHED_NAMED: usize = 10;

struct Bar(ProgressBar);

impl Progress for Bar {
    fn file_done(&self, _path: &Path, summary: &Summary) {
        self.0.set_position(summary.files_seen);
        self.0.set_message(format!(
            "{} articles indexed, {} unchanged files, {} skipped",
            summary.articles_indexed, summary.files_unchanged, summary.skipped_total
        ));
    }
}

pub fn run(args: IndexArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let mut roots = Vec::with_capacity(args.paths.len());
    for path in &args.paths {
        let root = std::fs::canonicalize(path).map_err(|e| {
            Failure::Usage(format!(
                "cannot index {}: {e} (give an existing folder or file)",
                path.display()
            ))
        })?;
        if !root.is_dir() && Format::for_path(&root).is_none() {
            let known: Vec<String> = EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
            return Err(Failure::Usage(format!(
                "cannot index {}: newsdex does not read {} files (it reads {}, and these gzipped)",
                escaped(&path.display().to_string()),
                escaped(&kind_of(&root)),
                known.join(" ")
            )));
        }
        roots.push(root);
    }
    // Read and checked whole before the index is touched: a bad row is fixed first.
    let metadata = args
        .metadata
        .as_deref()
        .map(|file| Sidecar::read(file, &roots).map(Arc::new))
        .transpose()
        .map_err(|e| Failure::Usage(escaped(&e.to_string()).to_string()))?;
    let index = NewsIndex::open_or_create(&args.location.dir, args.rebuild)?;
    let options = IndexOptions {
        metadata: metadata.clone(),
        rebuild: args.rebuild,
        memory_budget: (args.memory_mb as usize) << 20,
        commit_every: args.commit_every as usize,
        max_file_bytes: args.max_file_mb << 20,
        ..IndexOptions::default()
    };
    let summary = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} files · {msg} · {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        let progress = Bar(bar);
        let summary = index_paths(&index, &roots, &options, &progress);
        progress.0.finish_and_clear();
        summary?
    } else {
        index_paths(&index, &roots, &options, &newsdex::index::writer::Quiet)?
    };
    if let (Some(sidecar), Some(file)) = (&metadata, &args.metadata) {
        warn_unmatched(&sidecar.unmatched(), file);
    }
    match args.format {
        OutputFormat::Text => print_summary(&summary, &args.location.dir),
        // RECORD_FORMATS: text or JSON.
        _ => write_json(out, &summary)?,
    }
    // A file named on the command line that could not be read is not a detail of a run.
    let unread: Vec<&Skip> = summary
        .skipped
        .iter()
        .filter(|skip| skip.line.is_none() && skip.record.is_none())
        .filter(|skip| {
            roots
                .iter()
                .any(|r| !r.is_dir() && path_key(r) == skip.path)
        })
        .collect();
    for skip in &unread {
        eprintln!(
            "error: {} could not be read: {}",
            escaped(&skip.path),
            escaped(&skip.reason)
        );
    }
    if !unread.is_empty() {
        return Ok(ExitCode::from(1));
    }
    if args.strict && summary.skipped_total > 0 {
        eprintln!(
            "error: {} skipped (--strict); the rest is indexed and committed",
            plural(summary.skipped_total, "file or record", "files or records")
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Name on stderr the sidecar rows that matched no file: a typo in a path is the likely
/// cause, and the run goes on without them.
fn warn_unmatched(unmatched: &[&str], file: &Path) {
    if unmatched.is_empty() {
        return;
    }
    let named: Vec<String> = unmatched
        .iter()
        .take(UNMATCHED_NAMED)
        .map(|p| escaped(p).to_string())
        .collect();
    let more = match unmatched.len().saturating_sub(UNMATCHED_NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let verb = if unmatched.len() == 1 {
        "matches"
    } else {
        "match"
    };
    eprintln!(
        "warning: {} of {} {verb} no file indexed: {}{more}",
        plural(unmatched.len() as u64, "row", "rows"),
        escaped(&file.display().to_string()),
        named.join(", "),
    );
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn print_summary(s: &Summary, dir: &Path) {
    let more: HashMap<&str, u64> = s
        .skipped_more
        .iter()
        .map(|m| (m.path.as_str(), m.more))
        .collect();
    for (i, skip) in s.skipped.iter().enumerate() {
        // Paths, member names and reasons quoting a file come from the archive.
        let (path, reason) = (escaped(&skip.path), escaped(&skip.reason));
        match skip.line {
            Some(line) => eprintln!("skipped {path}:{line}: {reason}"),
            None => match &skip.record {
                Some(record) => eprintln!("skipped {path} ({}): {reason}", escaped(record)),
                None => eprintln!("skipped {path}: {reason}"),
            },
        }
        // A file's skips are listed together: its count of unlisted ones follows the last.
        let last_of_file = s
            .skipped
            .get(i + 1)
            .is_none_or(|next| next.path != skip.path);
        if let Some(&n) = more.get(skip.path.as_str())
            && last_of_file
        {
            eprintln!(
                "… and {} of {}",
                plural(n, "more skipped record", "more skipped records"),
                escaped(&skip.path)
            );
        }
    }
    for kind in &s.ignored {
        let named: Vec<String> = kind.paths.iter().map(|p| escaped(p).to_string()).collect();
        let unnamed = kind.count - kind.paths.len() as u64;
        eprintln!(
            "ignored {} ({}; not a format newsdex reads): {}{}",
            plural(kind.count, "file", "files"),
            escaped(&kind.kind),
            named.join(", "),
            if unnamed > 0 {
                format!(" and {unnamed} more")
            } else {
                String::new()
            }
        );
    }
    // Said only when it happened: an article cut at the size limit is rare.
    let truncated = match s.articles_truncated {
        0 => String::new(),
        n => format!(
            ", {n} cut at {} MB",
            newsdex::article::MAX_ARTICLE_BYTES >> 20
        ),
    };
    eprintln!(
        "{} seen: {} read, {} unchanged, {} removed; {} indexed ({} undated{truncated}); {} skipped; {} in {}",
        plural(s.files_seen, "file", "files"),
        s.files_indexed,
        s.files_unchanged,
        s.files_removed,
        plural(s.articles_indexed, "article", "articles"),
        s.articles_undated,
        s.skipped_total,
        plural(s.articles_total, "article", "articles"),
        dir.display()
    );
}
