//! Input formats: each module turns decoded text into zero or more [`RawArticle`]s.
//! Parsers know nothing of tantivy or of metadata extraction.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use crate::article::RawArticle;
use std::path::Path;

/// The formats newsdex reads, chosen by file extension (after removing `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    Markdown,
    Html,
}

impl Format {
    /// The format for a file name, or `None` when newsdex does not read it.
    pub fn for_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A problem with one record of a multi-article file; the other records are still read.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordProblem {
    /// Where in the file, e.g. `line 7`.
    pub locator: String,
    pub reason: String,
}

/// What parsing one file yields.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<RawArticle>,
    pub problems: Vec<RecordProblem>,
}

/// Why a whole file could not be read as its format.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FormatError {
    /// The file is not valid JSON; the message includes line and column.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// Valid JSON, but not an article object or a list of them.
    #[error("not an article: {0}")]
    Shape(String),
    /// Markdown front matter that does not parse as YAML or TOML, or is not a mapping.
    #[error("invalid front matter: {0}")]
    FrontMatter(String),
    /// The file holds no article text.
    #[error("no article text found")]
    Empty,
}

/// Parse decoded `text` of a file in `format`.
pub fn parse(format: Format, text: &str) -> Result<Parsed, FormatError> {
    match format {
        Format::Text => text::parse(text),
        Format::Json => json::parse(text),
        Format::JsonLines => json::parse_lines(text),
        Format::Markdown => markdown::parse(text),
        Format::Html => html::parse(text),
    }
}

/// What reading one file yields, one record at a time.
#[derive(Debug)]
pub enum Record {
    Article(RawArticle),
    /// A bad record; the file's other records are still read.
    Problem(RecordProblem),
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Decode(#[from] crate::decode::DecodeError),
    #[error(transparent)]
    Format(#[from] FormatError),
}

/// The records of one file, streamed.
pub type Records = Box<dyn Iterator<Item = Record> + Send>;

/// Open the file at `path` as `format` and return its records as a stream.
///
/// A problem that spoils the whole file (unreadable, not text, invalid JSON) is an error; a
/// problem with one record of a multi-article file is a [`Record::Problem`] in the stream.
pub fn open_file(path: &Path, format: Format) -> Result<Records, FileError> {
    let text = crate::decode::read_text(path)?;
    let parsed = parse(format, &text)?;
    let problems = parsed.problems.into_iter().map(Record::Problem);
    let articles = parsed.articles.into_iter().map(Record::Article);
    Ok(Box::new(problems.chain(articles)))
}
