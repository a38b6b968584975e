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
    /// A publication date as the metadata spells it, not yet parsed.
    pub date: Option<String>,
    /// A date line from the top of the text (`April 28, 2016`, `Published: …`), not yet
    /// parsed: weaker than metadata, stronger than the path.
    pub date_line: Option<String>,
    /// Place names given by the metadata (e.g. a `places` or `location` key).
    pub places: Vec<String>,
    /// Short name of the format that produced it: `txt`, `json`, `jsonl`, `md`, `html`.
    pub format: &'static str,
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
