//! JSON: one article per object, whatever the exporter named its keys. The field mapping
//! here also reads each line of JSON Lines (`jsonl.rs`).
//!
//! Keys are matched case-insensitively and without `_`/`-` (`published_at` = `publishedAt`);
//! for each field the first key of its list that holds a value wins. The same mapping reads
//! Markdown front matter (see [`fields_from_object`]).

use super::markup::html_to_text;
use super::{FormatError, Member, Parsed};
use crate::article::{DateHint, HintSource, HintValue, RawArticle};
use chrono::DateTime;
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::LazyLock;

const TITLE_KEYS: &[&str] = &["title", "headline", "heading", "name"];
const BODY_KEYS: &[&str] = &[
    "body",
    "text",
    "content",
    "maintext",
    "article",
    "articlebody",
    "fulltext",
    "story",
    "paragraphs",
];
/// Short summaries stand in for the body only when there is no body.
const SUMMARY_KEYS: &[&str] = &["description", "summary", "abstract"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "publishedat",
    "pubdate",
    "datepublished",
    "datepublish",
    "publishdate",
    "publisheddate",
    "publicationdate",
    "datetime",
    "createdat",
    "timestamp",
    "time",
];
const URL_KEYS: &[&str] = &["url", "link", "canonicalurl", "sourceurl", "permalink"];
const SOURCE_KEYS: &[&str] = &[
    "source",
    "publisher",
    "sourcedomain",
    "sourcename",
    "sitename",
    "outlet",
];
/// The article's language (`inlanguage` is schema.org's).
const LANG_KEYS: &[&str] = &["lang", "language", "inlanguage", "locale"];
/// Unlike the other fields, place keys are all read: `location` and `country` complement
/// each other.
const PLACE_KEYS: &[&str] = &[
    "places",
    "place",
    "location",
    "locations",
    "country",
    "countries",
    "dateline",
];
/// Keys that wrap one article object: `{"article": {...}}`.
const WRAPPER_KEYS: &[&str] = &[
    "article", "story", "data", "item", "document", "doc", "post",
];
/// Keys that wrap a list of articles: `{"status": "ok", "articles": [...]}`.
const LIST_KEYS: &[&str] = &[
    "articles",
    "items",
    "results",
    "data",
    "stories",
    "docs",
    "documents",
    "records",
    "entries",
    "posts",
    "news",
];

/// HTML tags or entities in a string value: it gets converted to text.
static HTML_MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)</?(?:p|br|div|span|a|b|i|em|strong|u|ul|ol|li|h[1-6]|blockquote|img|figure|table|tr|td|section|article)\b[^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);",
    )
    .expect("static regex")
});

/// Article fields found in a JSON object (or front matter), each as the file spells it.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Fields {
    pub title: Option<String>,
    pub body: Option<String>,
    pub date: Option<HintValue>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub places: Vec<String>,
    pub lang: Option<String>,
}

/// The date a record's metadata gives, as extraction's hint.
pub(crate) fn metadata_dates(date: Option<HintValue>) -> Vec<DateHint> {
    date.map(|value| DateHint {
        source: HintSource::Metadata,
        value,
    })
    .into_iter()
    .collect()
}

/// Parse a JSON file: one article object, an array of them, or an object wrapping an array
/// (`{"articles": [...]}`). Array items are members `item 1`, `item 2`, ….
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let value: Value = serde_json::from_str(text).map_err(|e| FormatError::Json(e.to_string()))?;
    match value {
        Value::Object(obj) => {
            if let Some(items) = list_in(&obj) {
                return parse_items(items);
            }
            let article = article_from(&obj, "json").map_err(|_| FormatError::Empty)?;
            Ok(Parsed {
                articles: vec![article],
                problems: Vec::new(),
            })
        }
        Value::Array(items) => parse_items(&items),
        other => Err(FormatError::Shape(format!(
            "expected an article object or an array of them, found {}",
            kind(&other)
        ))),
    }
}

fn parse_items(items: &[Value]) -> Result<Parsed, FormatError> {
    if items.is_empty() {
        return Err(FormatError::Empty);
    }
    let mut parsed = Parsed::default();
    for (index, item) in items.iter().enumerate() {
        let member = Member::Item(index + 1);
        let result = match item {
            Value::Object(obj) => article_from(obj, "json"),
            other => Err(format!("not a JSON object (found {})", kind(other))),
        };
        parsed.push(member, result);
    }
    Ok(parsed)
}

/// The article in `obj`, or why there is none.
pub(super) fn article_from(
    obj: &Map<String, Value>,
    format: &'static str,
) -> Result<RawArticle, String> {
    let fields = fields_from_object(obj).map_err(|e| e.to_string())?;
    let body = fields.body.ok_or_else(|| "no article text".to_owned())?;
    Ok(RawArticle {
        member: None,
        title: fields.title,
        body,
        url: fields.url,
        source: fields.source,
        dates: metadata_dates(fields.date),
        places: fields.places,
        lang: fields.lang,
        format,
    })
}

/// The article fields of a JSON object. When the object has no body of its own but wraps an
/// article object (`{"article": {...}}`), the inner object's fields come first and the outer
/// ones fill the gaps.
///
/// HTML nested too deeply in a text field is an error.
pub(crate) fn fields_from_object(obj: &Map<String, Value>) -> Result<Fields, FormatError> {
    let outer = flat_fields(obj)?;
    if outer.body.is_some() {
        return Ok(outer);
    }
    let Some(inner) = WRAPPER_KEYS
        .iter()
        .find_map(|k| lookup(obj, k).and_then(Value::as_object))
    else {
        return Ok(outer);
    };
    let inner = flat_fields(inner)?;
    let mut places = inner.places;
    for place in outer.places {
        if !places.contains(&place) {
            places.push(place);
        }
    }
    Ok(Fields {
        title: inner.title.or(outer.title),
        body: inner.body,
        date: inner.date.or(outer.date),
        url: inner.url.or(outer.url),
        source: inner.source.or(outer.source),
        places,
        lang: inner.lang.or(outer.lang),
    })
}

fn flat_fields(obj: &Map<String, Value>) -> Result<Fields, FormatError> {
    let first = |keys: &[&str], get: fn(&Value) -> Option<String>| {
        keys.iter().find_map(|k| lookup(obj, k).and_then(get))
    };
    type Text = fn(&Value) -> Result<Option<String>, FormatError>;
    let first_text = |keys: &[&str], get: Text| -> Result<Option<String>, FormatError> {
        for value in keys.iter().filter_map(|k| lookup(obj, k)) {
            if let Some(text) = get(value)? {
                return Ok(Some(text));
            }
        }
        Ok(None)
    };
    let title_text: Text = |v| single_string(v).map(|s| title_to_text(&s)).transpose();
    let body = match first_text(BODY_KEYS, body_text)? {
        Some(body) => Some(body),
        None => first_text(SUMMARY_KEYS, body_text)?,
    };
    let mut places: Vec<String> = Vec::new();
    for place in PLACE_KEYS
        .iter()
        .filter_map(|k| lookup(obj, k))
        .flat_map(strings_of)
    {
        if !places.contains(&place) {
            places.push(place);
        }
    }
    Ok(Fields {
        title: first_text(TITLE_KEYS, title_text)?,
        body,
        date: DATE_KEYS
            .iter()
            .find_map(|k| lookup(obj, k).and_then(date_value)),
        url: first(URL_KEYS, single_string),
        source: first(SOURCE_KEYS, single_string),
        places,
        lang: first(LANG_KEYS, single_string),
    }
    .non_empty())
}

impl Fields {
    fn non_empty(mut self) -> Fields {
        for field in [
            &mut self.title,
            &mut self.body,
            &mut self.url,
            &mut self.source,
            &mut self.lang,
        ] {
            if field.as_deref().is_some_and(|s| s.trim().is_empty()) {
                *field = None;
            }
        }
        self
    }
}

/// The value of `key` in `obj`, comparing keys without case, `_` or `-`; `null` is absent.
fn lookup<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.iter()
        .find(|(k, _)| {
            let mut normal = k.chars().filter(|c| !matches!(c, '_' | '-' | ' '));
            let mut wanted = key.chars();
            loop {
                match (normal.next(), wanted.next()) {
                    (None, None) => return true,
                    (Some(a), Some(b)) if a.eq_ignore_ascii_case(&b) => {}
                    _ => return false,
                }
            }
        })
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

/// A string, a number, the `name` of an object (`"source": {"name": "Reuters"}`), or the
/// first of a list of those.
fn single_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("name").and_then(single_string),
        Value::Array(items) => items.iter().find_map(single_string),
        _ => None,
    }
}

fn strings_of(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(single_string).collect(),
        other => single_string(other).into_iter().collect(),
    }
}

/// Body text: a string, or a list of paragraph strings. HTML is converted to text.
fn body_text(value: &Value) -> Result<Option<String>, FormatError> {
    let text = match value {
        Value::String(s) => markup_to_text(s)?,
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(markup_to_text)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => return Ok(None),
    };
    Ok(Some(text).filter(|t| !t.trim().is_empty()))
}

/// A headline as one line of plain text. It is read as HTML only when it really holds some
/// (see [`title_holds_html`]): a wire headline's `<P>` (`PHILLIPS <P> CITES LOWER OIL
/// PRICES`, Reuters' mark for a company) is text, not a paragraph.
fn title_to_text(s: &str) -> Result<String, FormatError> {
    let text = if title_holds_html(s) {
        html_to_text(s)?
    } else {
        s.to_owned()
    };
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether a one-line field holds HTML: an entity (`&amp;`), a line break tag, or an
/// element closed again (`<em>…</em>`). A lone opening tag is not enough.
fn title_holds_html(s: &str) -> bool {
    HTML_MARKUP.find_iter(s).any(|m| {
        let tag = m.as_str().to_ascii_lowercase();
        let Some(name) = tag.strip_prefix('<') else {
            return true; // an entity
        };
        let name: String = name
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        name == "br" || s.to_ascii_lowercase().contains(&format!("</{name}>"))
    })
}

/// Plain text of a string that may hold HTML; plain strings are only trimmed.
fn markup_to_text(s: &str) -> Result<String, FormatError> {
    if !HTML_MARKUP.is_match(s) {
        return Ok(s.trim().to_owned());
    }
    if s.contains('<') {
        return html_to_text(s);
    }
    // Entities but no tags: decode each paragraph, keeping the paragraph breaks.
    Ok(s.split("\n\n")
        .map(html_to_text)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n"))
}

/// A date value: a string as written, or a number of unix seconds (milliseconds when too
/// large for seconds) as an instant; `{"$date": …}` is unwrapped.
fn date_value(value: &Value) -> Option<HintValue> {
    match value {
        Value::String(s) => Some(s.trim())
            .filter(|s| !s.is_empty())
            .map(|s| HintValue::Written(s.to_owned())),
        Value::Number(n) => {
            let seconds = n.as_f64()?;
            let seconds = if seconds.abs() >= 1e11 {
                seconds / 1000.0
            } else {
                seconds
            };
            let whole = seconds.floor();
            let nanos = ((seconds - whole) * 1e9).round().clamp(0.0, 999_999_999.0) as u32;
            DateTime::from_timestamp(whole as i64, nanos).map(HintValue::Instant)
        }
        Value::Object(o) => o.get("$date").and_then(date_value),
        _ => None,
    }
}

pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The article list of a wrapper object such as `{"status": "ok", "articles": [...]}`.
fn list_in(obj: &Map<String, Value>) -> Option<&Vec<Value>> {
    // An object with a body of its own (or one too deeply nested to read) is an article.
    if !flat_fields(obj).is_ok_and(|f| f.body.is_none()) {
        return None;
    }
    LIST_KEYS
        .iter()
        .find_map(|k| lookup(obj, k).and_then(Value::as_array))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::RecordProblem;

    fn one(text: &str) -> RawArticle {
        let mut parsed = parse(text).expect("parses");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.articles.len(), 1);
        parsed.articles.remove(0)
    }

    #[test]
    fn the_language_key_is_read_under_any_of_its_names() {
        for (json, lang) in [
            (r#"{"body": "Texte.", "lang": "fr"}"#, Some("fr")),
            (r#"{"body": "Texte.", "Language": "fr-CA"}"#, Some("fr-CA")),
            (r#"{"body": "Texte.", "inLanguage": "de"}"#, Some("de")),
            (r#"{"body": "Texte.", "lang": " "}"#, None),
            (r#"{"body": "Texte."}"#, None),
            (
                r#"{"article": {"body": "Texte."}, "lang": "it"}"#,
                Some("it"),
            ),
        ] {
            assert_eq!(one(json).lang.as_deref(), lang, "{json}");
        }
    }

    #[test]
    fn a_title_is_one_line_and_html_only_when_it_holds_html() {
        for (title, expected) in [
            (
                "PHILLIPS <P> CITES LOWER OIL PRICES IN DECLINE",
                "PHILLIPS <P> CITES LOWER OIL PRICES IN DECLINE",
            ),
            ("Talks <em>resume</em> in Geneva", "Talks resume in Geneva"),
            ("Caf&eacute; owners &amp; staff", "Café owners & staff"),
            ("Harbour talks<br>second day", "Harbour talks second day"),
            ("  Harbour\\n talks\\t resume ", "Harbour talks resume"),
            ("A < B, says <Harbour Co>", "A < B, says <Harbour Co>"),
        ] {
            let json = format!(r#"{{"title": "{title}", "body": "Text."}}"#);
            assert_eq!(one(&json).title.as_deref(), Some(expected), "{title}");
        }
    }

    #[test]
    fn single_object_with_common_keys() {
        let a = one(
            r#"{"headline": "Talks resume", "text": "Delegates met in Geneva.",
                "publishedAt": "2016-04-28T10:00:00Z", "link": "https://e.com/a",
                "source": {"id": "x", "name": "Example Wire"}, "location": "Geneva",
                "country": ["Switzerland"]}"#,
        );
        assert_eq!(a.member, None);
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.body, "Delegates met in Geneva.");
        assert_eq!(a.written_date(), Some("2016-04-28T10:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://e.com/a"));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.places, vec!["Geneva", "Switzerland"]);
        assert_eq!(a.format, "json");
    }

    #[test]
    fn keys_match_without_case_or_underscores() {
        let a = one(r#"{"TITLE": "T", "Article_Body": "B", "published_at": "2016-04-28"}"#);
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.body, "B");
        assert_eq!(a.written_date(), Some("2016-04-28"));
    }

    #[test]
    fn first_present_key_wins_and_nulls_are_skipped() {
        let a = one(r#"{"title": null, "headline": "H", "body": "", "text": "from text"}"#);
        assert_eq!(a.title.as_deref(), Some("H"));
        assert_eq!(a.body, "from text");
    }

    #[test]
    fn description_is_body_only_as_fallback() {
        assert_eq!(one(r#"{"description": "D", "content": "C"}"#).body, "C");
        assert_eq!(one(r#"{"description": "D"}"#).body, "D");
    }

    #[test]
    fn html_body_is_stripped_to_text() {
        let a = one(r#"{"body": "<p>One &amp; two.</p><p>Three <a href='x'>four</a></p>"}"#);
        assert_eq!(a.body, "One & two.\n\nThree four");
        let b = one(r#"{"body": "AT&amp;T rose.\n\nShares fell."}"#);
        assert_eq!(b.body, "AT&T rose.\n\nShares fell.");
    }

    #[test]
    fn paragraph_list_body_is_joined() {
        assert_eq!(
            one(r#"{"paragraphs": ["One.", "Two."]}"#).body,
            "One.\n\nTwo."
        );
    }

    #[test]
    fn numeric_dates_become_instants() {
        let instant = HintValue::Instant(DateTime::from_timestamp(1461837600, 0).unwrap());
        let a = one(r#"{"body": "x", "timestamp": 1461837600}"#);
        assert_eq!(a.date_hint(HintSource::Metadata), Some(&instant));
        let b = one(r#"{"body": "x", "date": 1461837600000}"#);
        assert_eq!(b.date_hint(HintSource::Metadata), Some(&instant));
        let c = one(r#"{"body": "x", "date": {"$date": "2016-04-28"}}"#);
        assert_eq!(c.written_date(), Some("2016-04-28"));
    }

    #[test]
    fn array_items_are_members() {
        let parsed =
            parse(r#"[{"body": "a"}, {"title": "no body"}, 7, {"body": "c"}]"#).expect("parses");
        let members: Vec<_> = parsed.articles.iter().map(|a| a.member.clone()).collect();
        assert_eq!(members, vec![Some(Member::Item(1)), Some(Member::Item(4))]);
        assert_eq!(
            parsed.problems,
            vec![
                RecordProblem {
                    locator: Member::Item(2),
                    reason: "no article text".into()
                },
                RecordProblem {
                    locator: Member::Item(3),
                    reason: "not a JSON object (found a number)".into()
                },
            ]
        );
    }

    #[test]
    fn wrapped_article_list_is_read() {
        let parsed = parse(r#"{"status": "ok", "articles": [{"content": "a"}, {"content": "b"}]}"#)
            .expect("parses");
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[1].member, Some(Member::Item(2)));
    }

    #[test]
    fn nested_article_object_is_read() {
        let a = one(r#"{"url": "https://e.com/x", "article": {"title": "T", "body": "B"}}"#);
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.body, "B");
        assert_eq!(a.url.as_deref(), Some("https://e.com/x"));
    }

    #[test]
    fn single_object_without_text_is_error() {
        assert_eq!(
            parse(r#"{"title": "Only a title"}"#).map(|p| p.articles.len()),
            Err(FormatError::Empty)
        );
    }

    #[test]
    fn invalid_json_is_error() {
        let err = parse(r#"{"title": "x", "body": }"#).map(|p| p.articles.len());
        assert!(
            matches!(&err, Err(FormatError::Json(m)) if m.contains("line 1 column")),
            "{err:?}"
        );
    }

    #[test]
    fn scalar_json_is_error() {
        assert_eq!(
            parse(r#""just a string""#)
                .map(|p| p.articles.len())
                .map_err(|e| e.to_string()),
            Err(
                "not an article: expected an article object or an array of them, found a string"
                    .to_owned()
            )
        );
    }

    #[test]
    fn empty_array_is_empty_error() {
        assert_eq!(
            parse("[]").map(|p| p.articles.len()),
            Err(FormatError::Empty)
        );
    }
}
