//! Handing an archive to a distributed engine: `newsdex export --to quickwit|opensearch`.
//!
//! An export is a folder: the engine's index definition ([`config`]) and NDJSON files of
//! articles, each under a size limit so that one file is one ingest or `_bulk` request.
//! Articles are streamed from the index one at a time, never held together. The records
//! are [`ExportedArticle`]s, which `newsdex index` reads back without extracting again
//! (`formats::interchange`). [`translate`] turns newsdex queries into the engines' own.

pub mod config;
pub mod translate;

use crate::article::Article;
use crate::formats::interchange::{EXPORT_VERSION, ExportedArticle, ancestor_paths};
use crate::index::NewsIndex;
use crate::search::articles::for_each_article;
use crate::search::{SearchError, SearchRequest};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The engines newsdex exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Quickwit,
    OpenSearch,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Quickwit => "quickwit",
            Target::OpenSearch => "opensearch",
        }
    }

    /// The largest file the engine takes in one request, in bytes: Quickwit's ingest API
    /// refuses a request over 10 MB; OpenSearch's `http.max_content_length` is 100 MB by
    /// default.
    pub fn max_request_bytes(self) -> u64 {
        match self {
            Target::Quickwit => 10_000_000,
            Target::OpenSearch => 100_000_000,
        }
    }

    /// The name of the index definition file in an export. Its extension keeps
    /// `newsdex index EXPORT_DIR` from reading it as an article.
    pub fn config_file(self) -> &'static str {
        match self {
            Target::Quickwit => "quickwit-index.yaml",
            Target::OpenSearch => "opensearch-index.jsonc",
        }
    }

    fn part_prefix(self) -> &'static str {
        match self {
            Target::Quickwit => "docs",
            Target::OpenSearch => "bulk",
        }
    }
}

/// Quickwit's index config for the undated articles of an export, and the prefix of their
/// files: Quickwit refuses a document without the `timestamp_field` (`published`) of its
/// index, so they go to a second index, `<index name>-undated`, searched with the first.
pub const QUICKWIT_UNDATED_CONFIG: &str = "quickwit-index-undated.yaml";
const QUICKWIT_UNDATED_PREFIX: &str = "undated";

/// Default size limit of one NDJSON file: under Quickwit's 10 MB ingest limit, and a
/// `_bulk` request size OpenSearch handles well.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 9 << 20;

/// What to export, where.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub target: Target,
    /// A folder that does not exist yet or is empty.
    pub out_dir: PathBuf,
    /// The index name in the engine (`index_id` in Quickwit, the index in OpenSearch).
    pub index_name: String,
    /// Largest NDJSON file, in bytes.
    pub max_file_bytes: u64,
}

/// Why an export could not be made as asked.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "index name \"{0}\" is not usable by both engines: use 3 to 64 lower-case letters, digits, - or _, starting with a letter"
    )]
    IndexName(String),
    #[error(
        "--max-file-mb {mb} is over what {target} takes in one request ({limit} MB): give a smaller size"
    )]
    FileTooLarge {
        mb: f64,
        target: &'static str,
        limit: u64,
    },
    #[error("--max-file-mb must be a positive number of megabytes (for example 9 or 0.5)")]
    FileSize,
    #[error("{0} is not empty: export into a new or empty folder")]
    NotEmpty(String),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error(transparent)]
    Search(#[from] SearchError),
}

impl ExportError {
    /// A mistake in what was asked, as opposed to a failure while doing it.
    pub fn is_usage(&self) -> bool {
        match self {
            ExportError::IndexName(_)
            | ExportError::FileTooLarge { .. }
            | ExportError::FileSize
            | ExportError::NotEmpty(_) => true,
            ExportError::Search(SearchError::Query(_)) => true,
            ExportError::Write { .. } | ExportError::Search(_) => false,
        }
    }
}

impl ExportOptions {
    /// Check the options before the index is touched. `max_file_mb` is the flag's value.
    pub fn new(
        target: Target,
        out_dir: PathBuf,
        index_name: &str,
        max_file_mb: f64,
    ) -> Result<ExportOptions, ExportError> {
        let name_ok = (3..=64).contains(&index_name.len())
            && index_name.starts_with(|c: char| c.is_ascii_lowercase())
            && index_name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !name_ok {
            return Err(ExportError::IndexName(index_name.to_string()));
        }
        if !max_file_mb.is_finite() || max_file_mb <= 0.0 {
            return Err(ExportError::FileSize);
        }
        let max_file_bytes = (max_file_mb * (1 << 20) as f64) as u64;
        if max_file_bytes > target.max_request_bytes() {
            return Err(ExportError::FileTooLarge {
                mb: max_file_mb,
                target: target.name(),
                limit: target.max_request_bytes() / 1_000_000,
            });
        }
        Ok(ExportOptions {
            target,
            out_dir,
            index_name: index_name.to_string(),
            max_file_bytes: max_file_bytes.max(1),
        })
    }
}

/// One NDJSON file written.
#[derive(Debug, Clone, Serialize)]
pub struct PartFile {
    pub name: String,
    pub bytes: u64,
    pub articles: u64,
}

/// An article left out of an export because its record alone is over the file limit.
#[derive(Debug, Clone, Serialize)]
pub struct Oversized {
    pub id: String,
    pub path: String,
    pub bytes: u64,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportSummary {
    pub target: Target,
    pub out_dir: String,
    pub index_name: String,
    pub config_file: String,
    pub articles: u64,
    pub bytes: u64,
    pub files: Vec<PartFile>,
    /// Quickwit only, when some articles are undated: their index and its config file
    /// (their files are the `undated-*.ndjson` of `files`).
    pub undated: Option<UndatedIndex>,
    pub oversized: Vec<Oversized>,
}

/// The second Quickwit index of an export, for its undated articles.
#[derive(Debug, Clone, Serialize)]
pub struct UndatedIndex {
    pub index_name: String,
    pub config_file: String,
    pub articles: u64,
}

impl ExportSummary {
    /// The shell commands that load the export into the engine, one per line.
    pub fn commands(&self) -> Vec<String> {
        let dir = &self.out_dir;
        let name = &self.index_name;
        let prefix = self.target.part_prefix();
        match self.target {
            Target::Quickwit => {
                let mut indexes = vec![(name.as_str(), self.config_file.as_str(), prefix)];
                if let Some(undated) = &self.undated {
                    indexes.push((
                        &undated.index_name,
                        &undated.config_file,
                        QUICKWIT_UNDATED_PREFIX,
                    ));
                }
                let mut cli = Vec::new();
                let mut http = vec!["# or over HTTP, one request per file:".to_string()];
                for (name, config, prefix) in indexes {
                    cli.push(format!(
                        "quickwit index create --index-config {dir}/{config}"
                    ));
                    cli.push(format!(
                        "for f in {dir}/{prefix}-*.ndjson; do quickwit index ingest --index {name} --input-path \"$f\"; done"
                    ));
                    http.push(format!(
                        "curl -XPOST http://localhost:7280/api/v1/indexes -H 'Content-Type: application/yaml' --data-binary @{dir}/{config}"
                    ));
                    http.push(format!(
                        "for f in {dir}/{prefix}-*.ndjson; do curl -XPOST 'http://localhost:7280/api/v1/{name}/ingest?commit=wait_for' -H 'Content-Type: application/json' --data-binary \"@$f\"; done"
                    ));
                }
                cli.extend(http);
                cli
            }
            Target::OpenSearch => vec![
                format!(
                    "curl -XPUT http://localhost:9200/{name} -H 'Content-Type: application/json' --data-binary @{dir}/{}",
                    self.config_file
                ),
                format!(
                    "for f in {dir}/{prefix}-*.ndjson; do curl -XPOST http://localhost:9200/{name}/_bulk -H 'Content-Type: application/x-ndjson' --data-binary \"@$f\"; done"
                ),
            ],
        }
    }
}

/// The export record of an article, as `target` indexes it.
pub fn exported(a: Article, target: Target, language: &str) -> ExportedArticle {
    let quickwit = target == Target::Quickwit;
    ExportedArticle {
        newsdex_export: EXPORT_VERSION,
        title_exact: a.title.clone().filter(|_| quickwit),
        body_exact: Some(a.body.clone()).filter(|_| quickwit),
        id: a.id,
        title: a.title,
        body: a.body,
        published: a.date,
        date_source: a.date.and(a.date_source).map(|s| s.as_str().to_string()),
        dateline_tree: ancestor_paths(&a.dateline),
        location_tree: ancestor_paths(&a.locations),
        mention_tree: ancestor_paths(&a.mentions),
        dateline: a.dateline,
        location_basis: a
            .location_basis
            .iter()
            .map(|b| b.as_str().to_string())
            .collect(),
        locations: a.locations,
        mentions: a.mentions,
        source: a.source,
        lang: Some(a.lang),
        url: a.url,
        path: a.path,
        member: a.member,
        format: a.format,
        fingerprint: a.fingerprint.to_hex(),
        language: language.to_string(),
    }
}

/// Export every article of `index` matching `request` as `options` say.
pub fn export(
    index: &NewsIndex,
    request: &SearchRequest,
    options: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    // Check the query before anything is written.
    crate::search::parse_query(&request.query).map_err(SearchError::from)?;
    prepare_dir(&options.out_dir)?;
    let language = index.language.name();
    let target = options.target;
    let config_path = options.out_dir.join(target.config_file());
    let config = match target {
        Target::Quickwit => {
            config::quickwit_index_config(&options.index_name, index.language, true)
        }
        Target::OpenSearch => config::opensearch_index_body(index.language),
    };
    std::fs::write(&config_path, config).map_err(|e| write_error(&config_path, e))?;

    let mut parts = Parts::new(
        &options.out_dir,
        target.part_prefix(),
        options.max_file_bytes,
    );
    let mut undated_parts = Parts::new(
        &options.out_dir,
        QUICKWIT_UNDATED_PREFIX,
        options.max_file_bytes,
    );
    let mut oversized = Vec::new();
    let mut line = Vec::with_capacity(1 << 16);
    // Which file a failed write was for (a serialization error names the folder).
    let mut failed_in = options.out_dir.clone();
    let outcome = for_each_article(index, request, &mut |article| {
        line.clear();
        let record = exported(article, target, language);
        let parts = if target == Target::Quickwit && record.published.is_none() {
            &mut undated_parts
        } else {
            &mut parts
        };
        if target == Target::OpenSearch {
            serde_json::to_writer(&mut line, &serde_json::json!({"index": {"_id": record.id}}))?;
            line.push(b'\n');
        }
        serde_json::to_writer(&mut line, &record)?;
        line.push(b'\n');
        if line.len() as u64 > options.max_file_bytes {
            oversized.push(Oversized {
                id: record.id,
                path: record.path,
                bytes: line.len() as u64,
            });
            return Ok(());
        }
        parts
            .write(&line)
            .inspect_err(|_| failed_in = parts.current_path())
    })?;
    if let Err(e) = outcome {
        return Err(write_error(&failed_in, e));
    }
    for parts in [&mut parts, &mut undated_parts] {
        parts
            .finish()
            .map_err(|e| write_error(&parts.current_path(), e))?;
    }
    let undated = match undated_parts.articles() {
        0 => None,
        articles => {
            let index_name = format!("{}-undated", options.index_name);
            let path = options.out_dir.join(QUICKWIT_UNDATED_CONFIG);
            let config = config::quickwit_index_config(&index_name, index.language, false);
            std::fs::write(&path, config).map_err(|e| write_error(&path, e))?;
            Some(UndatedIndex {
                index_name,
                config_file: QUICKWIT_UNDATED_CONFIG.to_string(),
                articles,
            })
        }
    };
    let mut files = parts.files;
    files.extend(undated_parts.files);
    Ok(ExportSummary {
        target,
        out_dir: crate::walk::path_key(&options.out_dir),
        index_name: options.index_name.clone(),
        config_file: target.config_file().to_string(),
        articles: files.iter().map(|f| f.articles).sum(),
        bytes: files.iter().map(|f| f.bytes).sum(),
        files,
        undated,
        oversized,
    })
}

/// Make `dir` if needed; refuse one that holds anything, so no file of an older export
/// is mistaken for part of this one.
fn prepare_dir(dir: &Path) -> Result<(), ExportError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(ExportError::NotEmpty(dir.display().to_string()));
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))
        }
        Err(e) => Err(write_error(dir, e)),
    }
}

fn write_error(path: &Path, source: io::Error) -> ExportError {
    ExportError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// NDJSON files `<prefix>-00001.ndjson`, … each holding whole records and at most
/// `max_bytes` (a record is never split across two files).
struct Parts {
    dir: PathBuf,
    prefix: &'static str,
    max_bytes: u64,
    file: Option<BufWriter<File>>,
    files: Vec<PartFile>,
}

impl Parts {
    fn new(dir: &Path, prefix: &'static str, max_bytes: u64) -> Parts {
        Parts {
            dir: dir.to_path_buf(),
            prefix,
            max_bytes,
            file: None,
            files: Vec::new(),
        }
    }

    fn current_path(&self) -> PathBuf {
        match self.files.last() {
            Some(part) => self.dir.join(&part.name),
            None => self.dir.clone(),
        }
    }

    /// Append one record (its lines, each ending in a newline).
    fn write(&mut self, record: &[u8]) -> io::Result<()> {
        let len = record.len() as u64;
        let full = self
            .files
            .last()
            .is_none_or(|part| part.bytes + len > self.max_bytes);
        if self.file.is_none() || full {
            self.finish()?;
            let name = format!("{}-{:05}.ndjson", self.prefix, self.files.len() + 1);
            self.file = Some(BufWriter::with_capacity(
                1 << 16,
                File::create(self.dir.join(&name))?,
            ));
            self.files.push(PartFile {
                name,
                bytes: 0,
                articles: 0,
            });
        }
        if let (Some(file), Some(part)) = (self.file.as_mut(), self.files.last_mut()) {
            file.write_all(record)?;
            part.bytes += len;
            part.articles += 1;
        }
        Ok(())
    }

    fn articles(&self) -> u64 {
        self.files.iter().map(|f| f.articles).sum()
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(mut file) = self.file.take() {
            file.flush()?;
            file.get_ref().sync_all()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_never_pass_the_limit_nor_split_a_record() {
        let dir = tempfile::tempdir().unwrap();
        let mut parts = Parts::new(dir.path(), "docs", 10);
        for record in ["aaaa\n", "bbbb\n", "cc\n", "dddddddd\n"] {
            parts.write(record.as_bytes()).unwrap();
        }
        parts.finish().unwrap();
        let names: Vec<(String, u64, u64)> = parts
            .files
            .iter()
            .map(|p| (p.name.clone(), p.bytes, p.articles))
            .collect();
        assert_eq!(
            names,
            [
                ("docs-00001.ndjson".to_string(), 10, 2),
                ("docs-00002.ndjson".to_string(), 3, 1),
                ("docs-00003.ndjson".to_string(), 9, 1),
            ]
        );
        let second = std::fs::read_to_string(dir.path().join("docs-00002.ndjson")).unwrap();
        assert_eq!(second, "cc\n");
    }

    #[test]
    fn options_say_what_to_fix() {
        let opts = |target, name: &str, mb| {
            ExportOptions::new(target, PathBuf::from("out"), name, mb)
                .map(|o| o.max_file_bytes)
                .map_err(|e| e.to_string())
        };
        assert_eq!(opts(Target::Quickwit, "newsdex", 9.0), Ok(9 << 20));
        assert_eq!(opts(Target::OpenSearch, "news-2016", 0.5), Ok(1 << 19));
        assert_eq!(
            opts(Target::Quickwit, "newsdex", 10.0).unwrap_err(),
            "--max-file-mb 10 is over what quickwit takes in one request (10 MB): give a smaller size"
        );
        assert_eq!(opts(Target::OpenSearch, "newsdex", 50.0), Ok(50 << 20));
        assert!(
            opts(Target::Quickwit, "News", 9.0)
                .unwrap_err()
                .starts_with("index name \"News\" is not usable")
        );
        assert_eq!(
            opts(Target::Quickwit, "newsdex", 0.0).unwrap_err(),
            "--max-file-mb must be a positive number of megabytes (for example 9 or 0.5)"
        );
    }
}
