//! The article records that flow through the pipeline.
//!
//! A format parser turns a file into [`RawArticle`]s (what the file says, unparsed);
//! extraction turns each into an [`Article`] (normalised: date, places, id), which the
//! index stores and `--format json` prints (see `schema/article.schema.json`).

use crate::extract::fingerprint::Fingerprint;
pub use crate::extract::place::Basis;
pub use crate::formats::Member;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// One article as a format parser found it, before any metadata extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Where the article sits inside its file when the file holds several (line 12 of a
    /// JSONL file, item 3 of a JSON array); `None` for one-article files. [`Article`]'s
    /// `member` is its text (`line 12`).
    pub member: Option<Member>,
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
    /// The language the metadata names (`fr`, `fr-FR`, `French`), as written.
    pub lang: Option<String>,
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

    /// Cut the body at `max_body` bytes ([`MAX_ARTICLE_BYTES`] but in tests) and the title,
    /// URL and source at [`MAX_LINE_BYTES`], before extraction reads them; true when
    /// anything was cut.
    pub fn truncate_to_limits(&mut self, max_body: usize) -> bool {
        let mut cut = cut_text(&mut self.body, max_body);
        for line in [&mut self.title, &mut self.url, &mut self.source]
            .into_iter()
            .flatten()
        {
            cut |= cut_text(line, MAX_LINE_BYTES);
        }
        cut
    }
}

/// Cut `text` to at most `max` bytes, at the last whitespace of its final kilobyte when
/// there is one (no half word is indexed), else at a char boundary; true when it was cut.
pub fn cut_text(text: &mut String, max: usize) -> bool {
    if text.len() <= max {
        return false;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let tail_start = end.saturating_sub(1024);
    if let Some(space) = text.as_bytes()[tail_start..end]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        && tail_start + space > 0
    {
        end = tail_start + space;
    }
    text.truncate(end);
    true
}

/// A date signal a parser found, not yet judged.
#[derive(Debug, Clone, PartialEq)]
pub struct DateHint {
    pub source: HintSource,
    pub value: HintValue,
}

impl DateHint {
    /// A date as the file spells it (or the URL or path holding it), parsed by extraction.
    pub fn written(source: HintSource, text: impl Into<String>) -> DateHint {
        DateHint {
            source,
            value: HintValue::Written(text.into()),
        }
    }

    /// A date the parser already knows as an instant (a Unix timestamp).
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
    /// The page's URL, which may hold a full date in its path (`/2016/04/28/`).
    Url,
    /// An archive member's path, which may hold a full date (`2016/04/28/story.html`).
    MemberPath,
    /// When a crawler captured the page (`WARC-Date`): the story is no newer, but a crawl
    /// date is not a publication date.
    Crawl,
}

/// A date hint's value.
#[derive(Debug, Clone, PartialEq)]
pub enum HintValue {
    /// As the file writes it, not yet parsed: a date (`Thu, 28 Apr 2016 10:00:00 GMT`), or
    /// for [`HintSource::Url`] and [`HintSource::MemberPath`] the URL or path it is in.
    Written(String),
    Instant(DateTime<Utc>),
}

/// Which signal gave an article its date. The strong ones say when the story was published;
/// the weak ones ([`DateSource::is_weak`]) are a guess, which `--date-source` can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The file's own metadata (JSON key, front matter, HTML meta tag, a URL or archive
    /// member path with a full date) or a metadata sidecar given to `index --metadata`.
    Metadata,
    /// A date line or byline on top of the story (`April 28, 2016`, `Published: 28 Apr 2016`,
    /// `By Jane Smith, 3 March 2005`), or a `Published:` line anywhere in it.
    Byline,
    /// The dateline (`GENEVA, April 28, 2016 -`, or `WASHINGTON, March 3 -` with the year
    /// from the path).
    Dateline,
    /// The file path (`2016/04/28/…`, `2016-04-28-slug.txt`, or a `2016/04/` folder).
    Path,
    /// Weak: a full date in the first sentence where a lead gives the day of its news
    /// (`… said on 3 March 2005`); it may be another day the story is about.
    Lead,
    /// Weak: when a crawler captured the page (`WARC-Date`): the story is no newer, but
    /// this is not its publication date.
    Crawl,
}

impl DateSource {
    /// Every source, strongest first: the values of `date_source` and `--date-source`.
    pub const ALL: [DateSource; 6] = [
        DateSource::Metadata,
        DateSource::Byline,
        DateSource::Dateline,
        DateSource::Path,
        DateSource::Lead,
        DateSource::Crawl,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Byline => "byline",
            DateSource::Dateline => "dateline",
            DateSource::Path => "path",
            DateSource::Lead => "lead",
            DateSource::Crawl => "crawl",
        }
    }

    /// A date from evidence that may name another day than the publication.
    pub fn is_weak(self) -> bool {
        matches!(self, DateSource::Lead | DateSource::Crawl)
    }

    /// The source named `s`. `text`, which earlier versions gave a date found anywhere in
    /// the text, is read as [`DateSource::Lead`], the weak text date of this one, so their
    /// exports still load.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "text" {
            return Some(DateSource::Lead);
        }
        DateSource::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The valid names, comma-separated, for messages.
    pub fn names() -> String {
        DateSource::ALL.map(DateSource::as_str).join(", ")
    }
}

/// A normalised article: what the index stores, what `show` prints and what a search hit
/// wraps. `index::document` maps it to and from a tantivy document; [`ArticleField`] names
/// the fields that results print, in their JSON order.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable id: a hash of the source path and the member locator.
    pub id: String,
    /// Absolute path of the file the article came from.
    pub path: String,
    pub member: Option<String>,
    pub title: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub date_source: Option<DateSource>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub format: String,
    /// The article's language, an ISO 639-1 code (`en`, `fr`), or `und` when unknown (see
    /// `extract::language`).
    pub lang: String,
    /// Facet path of the dateline place, e.g. `/Switzerland/Geneva`.
    pub dateline: Option<String>,
    /// Facet paths of the places the story is about (dateline, headline, lead, repeated).
    pub locations: Vec<String>,
    /// Why each place of `locations` is one the story is about (same order and length):
    /// how sure newsdex is of it.
    pub location_basis: Vec<Basis>,
    /// Facet paths of every place mentioned.
    pub mentions: Vec<String>,
    pub body: String,
    /// The text was longer than [`MAX_ARTICLE_BYTES`] (or a title, URL or source longer than
    /// [`MAX_LINE_BYTES`]) and was cut there when indexed.
    pub truncated: bool,
    /// The body's fingerprint, to group near-copies of a story (empty: body too short).
    /// The index keeps it as fast fields only, not in the doc store, so an article read
    /// back from the index has an empty one here; results never print it.
    pub fingerprint: Fingerprint,
}

/// Most text an article's body keeps: the rest is cut when it is indexed (at a char
/// boundary) and the article marked [`Article::truncated`]. A search reads and highlights
/// every hit's stored text, so without a bound one huge article slows every search that
/// matches it; this is far beyond any news story and still holds a long report whole.
pub const MAX_ARTICLE_BYTES: usize = 8 << 20;

/// Most text a title, URL or source keeps, cut like the body beyond it.
pub const MAX_LINE_BYTES: usize = 64 << 10;

/// A field of an [`Article`] as results print it. `show` prints every one, in this order; a
/// search hit those that [`ArticleField::in_hit`] keeps; `--fields` chooses among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleField {
    Id,
    Path,
    Member,
    Title,
    Date,
    DateSource,
    Url,
    Source,
    Lang,
    Format,
    Dateline,
    Locations,
    LocationBasis,
    Mentions,
    Body,
    /// Printed (as `true`) only for an article cut at [`MAX_ARTICLE_BYTES`].
    Truncated,
}

impl ArticleField {
    /// Every field, in JSON order.
    pub const ALL: [ArticleField; 16] = [
        ArticleField::Id,
        ArticleField::Path,
        ArticleField::Member,
        ArticleField::Title,
        ArticleField::Date,
        ArticleField::DateSource,
        ArticleField::Url,
        ArticleField::Source,
        ArticleField::Lang,
        ArticleField::Format,
        ArticleField::Dateline,
        ArticleField::Locations,
        ArticleField::LocationBasis,
        ArticleField::Mentions,
        ArticleField::Body,
        ArticleField::Truncated,
    ];

    /// Its JSON key (and `--fields` name).
    pub fn name(self) -> &'static str {
        match self {
            ArticleField::Id => "id",
            ArticleField::Path => "path",
            ArticleField::Member => "member",
            ArticleField::Title => "title",
            ArticleField::Date => "date",
            ArticleField::DateSource => "date_source",
            ArticleField::Url => "url",
            ArticleField::Source => "source",
            ArticleField::Lang => "lang",
            ArticleField::Format => "format",
            ArticleField::Dateline => "dateline",
            ArticleField::Locations => "locations",
            ArticleField::LocationBasis => "location_basis",
            ArticleField::Mentions => "mentions",
            ArticleField::Body => "body",
            ArticleField::Truncated => "truncated",
        }
    }

    /// Whether a search hit prints it: a hit shows a snippet, not the body, and stays short
    /// (`--fields` exports the others).
    pub fn in_hit(self) -> bool {
        !matches!(
            self,
            ArticleField::Format | ArticleField::Mentions | ArticleField::Body
        )
    }
}

impl Article {
    /// [`RawArticle::truncate_to_limits`] for an article that comes already extracted (an
    /// interchange file read back); marks it [`Article::truncated`] when anything was cut.
    pub fn truncate_to_limits(&mut self, max_body: usize) {
        let mut cut = cut_text(&mut self.body, max_body);
        for line in [&mut self.title, &mut self.url, &mut self.source]
            .into_iter()
            .flatten()
        {
            cut |= cut_text(line, MAX_LINE_BYTES);
        }
        self.truncated |= cut;
    }

    /// One field, to serialize on its own (an export cell).
    pub fn field(&self, field: ArticleField) -> impl Serialize + '_ {
        FieldOf(self, field)
    }

    /// The fields `keep` chooses as the entries of a map, in JSON order; `member` only when
    /// the article has one, `truncated` only when it was cut.
    pub fn serialize_fields<S: Serializer>(
        &self,
        serializer: S,
        keep: impl Fn(ArticleField) -> bool,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for field in ArticleField::ALL {
            let absent = match field {
                ArticleField::Member => self.member.is_none(),
                ArticleField::Truncated => !self.truncated,
                _ => false,
            };
            if keep(field) && !absent {
                map.serialize_entry(field.name(), &FieldOf(self, field))?;
            }
        }
        map.end()
    }
}

impl Serialize for Article {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_fields(serializer, |_| true)
    }
}

/// The one place a field's value is picked from an article.
struct FieldOf<'a>(&'a Article, ArticleField);

impl Serialize for FieldOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        match self.1 {
            ArticleField::Id => a.id.serialize(s),
            ArticleField::Path => a.path.serialize(s),
            ArticleField::Member => a.member.serialize(s),
            ArticleField::Title => a.title.serialize(s),
            ArticleField::Date => a.date.serialize(s),
            ArticleField::DateSource => a.date_source.serialize(s),
            ArticleField::Url => a.url.serialize(s),
            ArticleField::Source => a.source.serialize(s),
            ArticleField::Lang => a.lang.serialize(s),
            ArticleField::Format => a.format.serialize(s),
            ArticleField::Dateline => a.dateline.serialize(s),
            ArticleField::Locations => a.locations.serialize(s),
            ArticleField::LocationBasis => a.location_basis.serialize(s),
            ArticleField::Mentions => a.mentions.serialize(s),
            ArticleField::Body => a.body.serialize(s),
            ArticleField::Truncated => a.truncated.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(member: Option<&str>) -> Article {
        Article {
            id: "3f1c00aa12345678".into(),
            path: "/news/a.jsonl".into(),
            member: member.map(str::to_string),
            title: None,
            date: DateTime::from_timestamp(1_461_801_600, 0),
            date_source: Some(DateSource::Metadata),
            url: None,
            source: Some("AP".into()),
            lang: "en".into(),
            format: "jsonl".into(),
            dateline: None,
            locations: vec!["/Syria".into()],
            location_basis: vec![Basis::Headline],
            mentions: vec![],
            body: "Text.".into(),
            truncated: false,
            fingerprint: Fingerprint {
                pairs: 7,
                triples: 9,
            },
        }
    }

    #[test]
    fn an_article_prints_its_fields_in_order_and_member_only_when_it_has_one() {
        assert_eq!(
            serde_json::to_string(&article(Some("line 2"))).unwrap(),
            r#"{"id":"3f1c00aa12345678","path":"/news/a.jsonl","member":"line 2","title":null,"date":"2016-04-28T00:00:00Z","date_source":"metadata","url":null,"source":"AP","lang":"en","format":"jsonl","dateline":null,"locations":["/Syria"],"location_basis":["headline"],"mentions":[],"body":"Text."}"#
        );
        let json = serde_json::to_string(&article(None)).unwrap();
        assert!(json.starts_with(r#"{"id":"3f1c00aa12345678","path":"/news/a.jsonl","title""#));
        let cut = Article {
            truncated: true,
            ..article(None)
        };
        let json = serde_json::to_string(&cut).unwrap();
        assert!(
            json.ends_with(r#""body":"Text.","truncated":true}"#),
            "{json}"
        );
    }

    #[test]
    fn text_is_cut_at_a_word_or_char_boundary_within_the_limit() {
        // (text, limit, kept)
        let cases: &[(&str, usize, &str)] = &[
            ("short", 10, "short"),
            ("exactly10!", 10, "exactly10!"),
            ("oil prices rose", 12, "oil prices"),
            ("Zürich", 2, "Z"),
            ("ZZZZZZZZZZZZ", 5, "ZZZZZ"),
            ("€€€", 4, "€"),
        ];
        for &(text, limit, kept) in cases {
            let mut s = text.to_string();
            assert_eq!(cut_text(&mut s, limit), kept != text, "{text:?}");
            assert_eq!(s, kept, "{text:?} at {limit}");
        }
        // Past a kilobyte without whitespace the cut is at the char boundary.
        let mut long = format!("a {}", "é".repeat(1000));
        cut_text(&mut long, 1501);
        assert_eq!(long.len(), 1500);
    }

    #[test]
    fn a_raw_article_is_cut_in_its_body_and_lines() {
        let mut raw = RawArticle {
            title: Some("t".repeat(MAX_LINE_BYTES + 10)),
            body: "word ".repeat(MAX_ARTICLE_BYTES / 5 + 10),
            ..RawArticle::default()
        };
        assert!(raw.truncate_to_limits(MAX_ARTICLE_BYTES));
        assert!(raw.body.len() <= MAX_ARTICLE_BYTES && raw.body.len() > MAX_ARTICLE_BYTES - 8);
        assert_eq!(raw.title.as_deref().map(str::len), Some(MAX_LINE_BYTES));
        assert!(!raw.truncate_to_limits(MAX_ARTICLE_BYTES));
    }
}
