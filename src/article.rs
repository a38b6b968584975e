//! The article records that flow through the pipeline.
//!
//! A format parser turns a file into [`RawArticle`]s (what the file says, unparsed);
//! extraction turns each into an [`Article`] (normalised: date, places, id), which the
//! index stores and `--format json` prints (see `schema/article.schema.json`).

use chrono::{DateTime, Utc};
use serde::Serialize;

/// One article as a format parser found it, before any metadata extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Where the article sits inside its file when the file holds several
    /// (`line 12` of a JSONL file, `item 3` of a JSON array); `None` for one-article files.
    pub member: Option<String>,
    /// The headline, when the file has one.
    pub title: Option<String>,
    /// The article text as plain text, paragraphs separated by blank lines.
    pub body: String,
    pub url: Option<String>,
    /// Publisher or agency named by the file's metadata.
    pub source: Option<String>,
    /// What the file says about the date, each signal with where it came from; extraction
    /// weighs them (`extract::date::resolve_date`).
    pub dates: Vec<DateHint>,
    /// Place names given by the metadata (e.g. a `places` or `location` key).
    pub places: Vec<String>,
    /// Short name of the format that produced it: `txt`, `json`, `jsonl`, `md`, `html`.
    pub format: &'static str,
}

impl RawArticle {
    /// The first metadata date as written, for the parsers' tests.
    #[cfg(test)]
    pub(crate) fn written_date(&self) -> Option<&str> {
        match self.date_hint(HintSource::Metadata)? {
            HintValue::Written(s) => Some(s),
            HintValue::Instant(_) => None,
        }
    }

    /// The first date hint from `source`, if any.
    pub fn date_hint(&self, source: HintSource) -> Option<&HintValue> {
        self.dates
            .iter()
            .find(|h| h.source == source)
            .map(|h| &h.value)
    }
}

/// A date signal a parser found, not yet judged.
#[derive(Debug, Clone, PartialEq)]
pub struct DateHint {
    pub source: HintSource,
    pub value: HintValue,
}

impl DateHint {
    /// A date as the file spells it, parsed by extraction.
    pub fn written(source: HintSource, text: impl Into<String>) -> DateHint {
        DateHint {
            source,
            value: HintValue::Written(text.into()),
        }
    }

    /// A date the parser already knows as an instant (a Unix timestamp, a path's day).
    pub fn instant(source: HintSource, date: DateTime<Utc>) -> DateHint {
        DateHint {
            source,
            value: HintValue::Instant(date),
        }
    }
}

/// Where a date hint came from. Extraction ranks them: metadata, then the story's date line
/// or dateline, then the weaker URL, member path, file path and text, and a crawl date last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintSource {
    /// The file's own metadata: a JSON key, front matter, an HTML meta tag, a feed's date.
    Metadata,
    /// A date line at the top of the story (`Published: April 28, 2016`).
    DateLine,
    /// A full date in the path of the page's URL (`/2016/04/28/`).
    Url,
    /// A full date in the path of an archive member (`2016/04/28/story.html`).
    MemberPath,
    /// When a crawler captured the page (`WARC-Date`): the story is no newer, but a crawl
    /// date is not a publication date.
    Crawl,
}

/// A date hint's value.
#[derive(Debug, Clone, PartialEq)]
pub enum HintValue {
    /// As the file writes it (`Thu, 28 Apr 2016 10:00:00 GMT`), not yet parsed.
    Written(String),
    Instant(DateTime<Utc>),
}

/// Which signal gave an article its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The file's own metadata (JSON key, front matter, HTML meta tag).
    Metadata,
    /// A full date written in the article text.
    Text,
    /// The dateline (`GENEVA, April 28, 2016 -`, or `WASHINGTON, March 3 -` with the year
    /// from the path) or a date line at the top of the story (`Published: April 28, 2016`).
    Dateline,
    /// The file path (`2016/04/28/…`, `2016-04-28-slug.txt`).
    Path,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Text => "text",
            DateSource::Dateline => "dateline",
            DateSource::Path => "path",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "metadata" => Some(DateSource::Metadata),
            "text" => Some(DateSource::Text),
            "dateline" => Some(DateSource::Dateline),
            "path" => Some(DateSource::Path),
            _ => None,
        }
    }
}

/// A normalised article: what the index stores and what results print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Stable id: a hash of the source path and the member locator.
    pub id: String,
    /// Absolute path of the file the article came from.
    pub path: String,
    pub member: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub source: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub date_source: Option<DateSource>,
    /// Facet path of the dateline place, e.g. `/Switzerland/Geneva`.
    pub dateline: Option<String>,
    /// Facet paths of the places the story is about (dateline, headline, lead, repeated).
    pub locations: Vec<String>,
    /// Facet paths of every place mentioned.
    pub mentions: Vec<String>,
    pub format: String,
    /// SimHash of the body, to group near-duplicate copies of a story (0: body too short).
    pub fingerprint: u64,
}
