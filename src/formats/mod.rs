//! Input formats: each module turns decoded text into zero or more [`RawArticle`]s.
//! Parsers know nothing of tantivy or of metadata extraction.

pub mod archive;
pub mod feed;
pub mod html;
pub mod ignored;
pub mod interchange;
pub mod json;
pub mod jsonl;
mod lines;
pub mod markdown;
pub mod markup;
mod member;
pub mod newsml;
pub mod nitf;
pub mod sgml;
pub mod text;
pub mod warc;
mod xml;

pub use member::Member;

use crate::article::{Article, RawArticle};
use crate::decode;
use std::path::Path;

/// Largest member of an archive, record of a WARC file or line of a JSON Lines file that is
/// read; a larger one is reported and skipped. Whole files are limited by `--max-file-mb`.
pub const MAX_RECORD_BYTES: u64 = 128 << 20;

/// How much of a file is read, in bytes after decompression, counted while reading: neither
/// a file's reported size nor gzip can take a read past these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A file read whole (text, JSON, HTML, Markdown, XML); a larger one is skipped.
    pub file_bytes: u64,
    /// A record of a streamed file (JSON Lines line, WARC record, zip member, and a gzip
    /// body inside one); a larger one is skipped, the file's other records are read.
    pub record_bytes: u64,
}

impl Limits {
    /// The limits for `--max-file-mb`: a record is no larger than a file may be, and never
    /// over [`MAX_RECORD_BYTES`].
    pub fn new(max_file_bytes: u64) -> Limits {
        Limits {
            file_bytes: max_file_bytes,
            record_bytes: max_file_bytes.min(MAX_RECORD_BYTES),
        }
    }
}

/// The formats newsdex reads, chosen by file extension (after removing `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    Markdown,
    Html,
    /// RSS, Atom, NITF or NewsML-G2, told apart by the root element (`.xml`, `.rss`,
    /// `.atom`, `.nitf`).
    Xml,
    /// A zip archive whose members are read by their own extensions.
    Zip,
    /// A WARC web archive (`.warc`, `.warc.gz`): every HTML response is an article.
    Warc,
    /// Reuters-21578 SGML (`.sgm`, `.sgml`): many `<REUTERS>` stories a file.
    Sgml,
}

impl Format {
    /// Read record by record (JSONL line, WARC record, zip member), never whole: the
    /// per-file size limit does not apply, each record has its own.
    pub fn is_streamed(self) -> bool {
        matches!(self, Format::JsonLines | Format::Zip | Format::Warc)
    }

    /// The format for a file name, or `None` when newsdex does not read it.
    pub fn for_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, gzipped) = match name.strip_suffix(".gz") {
            Some(inner) => (inner, true),
            None => (name.as_str(), false),
        };
        let ext = name.rsplit_once('.')?.1;
        // A zip needs random access, which a gzip stream does not give.
        if ext == "zip" && gzipped {
            return None;
        }
        EXTENSIONS
            .iter()
            .find(|(known, _)| *known == ext)
            .map(|(_, format)| *format)
    }
}

/// The extensions newsdex reads and the format of each; any of them may also be gzipped
/// (`.jsonl.gz`), except `.zip`.
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Text),
    ("text", Format::Text),
    ("json", Format::Json),
    ("jsonl", Format::JsonLines),
    ("ndjson", Format::JsonLines),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("xml", Format::Xml),
    ("rss", Format::Xml),
    ("atom", Format::Xml),
    ("nitf", Format::Xml),
    ("sgm", Format::Sgml),
    ("sgml", Format::Sgml),
    ("zip", Format::Zip),
    ("warc", Format::Warc),
];

/// A problem with one record of a multi-article file; the other records are still read.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordProblem {
    /// Where in the file: `line 7`, `item 3`, a zip member.
    pub locator: Member,
    pub reason: String,
}

/// What parsing one file yields.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<RawArticle>,
    pub problems: Vec<RecordProblem>,
}

impl Parsed {
    /// Add what one record of a multi-article file gave: its article, placed at `member`,
    /// or the reason there is none.
    pub(crate) fn push(&mut self, member: Member, record: Result<RawArticle, String>) {
        match record {
            Ok(mut article) => {
                article.member = Some(member);
                self.articles.push(article);
            }
            Err(reason) => self.problems.push(RecordProblem {
                locator: member,
                reason,
            }),
        }
    }
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
    /// Markup nested deeper than the parser follows (see [`markup::MAX_HTML_DEPTH`]).
    #[error("HTML elements nested more than {0} deep")]
    TooDeep(usize),
    /// The file holds no article text.
    #[error("no article text found")]
    Empty,
    /// Not well-formed XML; the message says where.
    #[error("invalid XML: {0}")]
    Xml(String),
    /// Well-formed, but a kind of file newsdex does not read as articles.
    #[error("{0}")]
    Unsupported(String),
}

/// Parse decoded `text` of a file in `format`. Archives are not text: see [`open_file`].
pub fn parse(format: Format, text: &str) -> Result<Parsed, FormatError> {
    match format {
        Format::Text => text::parse(text),
        Format::Json => json::parse(text),
        Format::JsonLines => jsonl::parse_lines(text),
        Format::Markdown => markdown::parse(text),
        Format::Html => html::parse(text),
        Format::Xml => xml_document(text),
        Format::Sgml => sgml::parse(text),
        Format::Zip | Format::Warc => Err(FormatError::Unsupported(
            "an archive inside an archive is not read".into(),
        )),
    }
}

/// Decode the (decompressed) bytes of a whole file, honouring the charset an HTML page or
/// XML document declares, and parse them.
pub fn parse_bytes(format: Format, bytes: &[u8]) -> Result<Parsed, FileError> {
    let declared = match format {
        Format::Html => decode::html_charset(bytes),
        Format::Xml => decode::xml_charset(bytes),
        _ => None,
    };
    let text = decode::decode_declared(bytes, declared)?;
    Ok(parse(format, &text)?)
}

/// An XML file: RSS, Atom, NITF or NewsML-G2 by its root element.
fn xml_document(text: &str) -> Result<Parsed, FormatError> {
    let root = xml::parse_tree(text)?;
    match root.local() {
        "rss" | "RDF" | "feed" => feed::parse_root(&root),
        "nitf" => nitf::parse_root(&root),
        "newsItem" | "newsMessage" => newsml::parse_root(&root),
        other => Err(FormatError::Unsupported(format!(
            "XML document <{other}> is not RSS, Atom, NITF or NewsML-G2"
        ))),
    }
}

/// What reading one file yields, one record at a time.
#[derive(Debug)]
pub enum Record {
    Article(RawArticle),
    /// A bad record; the file's other records are still read.
    Problem(RecordProblem),
    /// An article extracted already: newsdex's own export read back
    /// ([`interchange`]), taken as it is.
    Extracted(Box<Article>),
}

/// Why a whole file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    Decode(#[from] crate::decode::DecodeError),
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A zip or WARC archive whose structure cannot be read at all.
    #[error("{0}")]
    Archive(String),
}

/// The records of one file, streamed.
pub type Records = Box<dyn Iterator<Item = Record> + Send>;

/// Open the file at `path` as `format` and return its records as a stream.
///
/// A problem that spoils the whole file (unreadable, not text, invalid JSON) is an error; a
/// problem with one record of a multi-article file is a [`Record::Problem`] in the stream.
///
/// JSON Lines and WARC files are read as streams, one record at a time, so their size does
/// not bound memory; zip archives are read one member at a time; other files are read whole.
/// `limits` bound what one read holds.
pub fn open_file(path: &Path, format: Format, limits: Limits) -> Result<Records, FileError> {
    match format {
        Format::JsonLines if interchange::is_export(path) => {
            interchange::open(path, limits.record_bytes)
        }
        Format::JsonLines => jsonl::open_lines(path, limits.record_bytes),
        Format::Warc => warc::open(path, limits.record_bytes),
        Format::Zip => archive::open_zip(path, limits.record_bytes),
        _ => {
            let bytes = decode::read_bytes(path, limits.file_bytes)?;
            Ok(records_of(parse_bytes(format, &bytes)?))
        }
    }
}

/// The records of a file parsed whole: its problems, then its articles.
pub(crate) fn records_of(parsed: Parsed) -> Records {
    let problems = parsed.problems.into_iter().map(Record::Problem);
    let articles = parsed.articles.into_iter().map(Record::Article);
    Box::new(problems.chain(articles))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |name: &str| Format::for_path(Path::new(name));
        assert_eq!(f("a.xml"), Some(Format::Xml));
        assert_eq!(f("a.RSS"), Some(Format::Xml));
        assert_eq!(f("a.atom.gz"), Some(Format::Xml));
        assert_eq!(f("a.nitf"), Some(Format::Xml));
        assert_eq!(f("a.zip"), Some(Format::Zip));
        assert_eq!(f("a.zip.gz"), None);
        assert_eq!(f("a.warc"), Some(Format::Warc));
        assert_eq!(f("a.warc.gz"), Some(Format::Warc));
        assert_eq!(f("a.jsonl.gz"), Some(Format::JsonLines));
        assert_eq!(f("reut2-000.sgm"), Some(Format::Sgml));
        assert_eq!(f("a.SGML.gz"), Some(Format::Sgml));
        assert_eq!(f("a.pdf"), None);
    }

    #[test]
    fn deep_html_in_every_format_is_refused_not_a_crash() {
        // Issue 11 item 5: deep markup in a JSON body, an RSS description or a Markdown
        // HTML block overflowed the stack.
        let deep = format!("{}x{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let reason = FormatError::TooDeep(markup::MAX_HTML_DEPTH).to_string();
        let json = serde_json::json!({"title": "T", "body": deep}).to_string();
        assert_eq!(parse(Format::Json, &json).unwrap_err(), FormatError::Empty);
        let lines = format!("{json}\n{{\"body\": \"fine\"}}\n");
        let parsed = parse(Format::JsonLines, &lines).unwrap();
        assert_eq!(parsed.problems[0].locator, Member::Line(1));
        assert_eq!(parsed.problems[0].reason, reason);
        assert_eq!(parsed.articles.len(), 1);
        let escaped = deep.replace('<', "&lt;").replace('>', "&gt;");
        let rss = format!(
            "<rss><channel><item><description>{escaped}</description></item>\
             <item><description>fine</description></item></channel></rss>"
        );
        let parsed = parse(Format::Xml, &rss).unwrap();
        assert_eq!(parsed.problems[0].locator, Member::Item(1));
        assert_eq!(parsed.problems[0].reason, reason);
        assert_eq!(parsed.articles.len(), 1);
        let markdown = format!("# Title\n\n{deep}\n");
        assert_eq!(
            parse(Format::Markdown, &markdown).unwrap_err(),
            FormatError::TooDeep(markup::MAX_HTML_DEPTH)
        );
    }

    #[test]
    fn unknown_xml_is_unsupported() {
        let err = parse(Format::Xml, "<?xml version=\"1.0\"?><svg><g/></svg>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "XML document <svg> is not RSS, Atom, NITF or NewsML-G2"
        );
    }
}
