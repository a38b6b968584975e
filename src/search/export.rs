//! Export: every article matching a search, streamed segment by segment without scores or
//! a result list, so memory stays constant however many articles match.

use super::highlight::{SNIPPET_BYTES, make_snippet};
use super::request::RequestError;
use super::run::{Hit, SearchError, SearchRequest, prepare};
use super::stored_facets;
use crate::index::NewsIndex;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::io;
use tantivy::query::EnableScoring;
use tantivy::schema::{Field, Value as _};
use tantivy::{DocId, TantivyDocument};

/// Columns `--fields` may name; `rank` and `score` only exist for ranked hits (not `--all`).
pub const FIELDS: &[&str] = &[
    "rank",
    "score",
    "id",
    "path",
    "member",
    "title",
    "date",
    "date_source",
    "url",
    "source",
    "format",
    "dateline",
    "locations",
    "mentions",
    "snippet",
    "body",
];

/// Columns of a ranked `--format csv` without `--fields`.
pub fn ranked_csv_fields() -> Vec<String> {
    [
        "rank",
        "score",
        "id",
        "date",
        "title",
        "locations",
        "source",
        "url",
        "path",
        "snippet",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Columns of `--all` without `--fields`.
pub fn default_fields() -> Vec<String> {
    [
        "id",
        "date",
        "title",
        "source",
        "url",
        "locations",
        "path",
        "member",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Check a `--fields` list (names trimmed, any case, repeats dropped); the error for an
/// unknown name lists the names that exist.
pub fn parse_fields(names: &[String], all: bool) -> Result<Vec<String>, RequestError> {
    let mut out = Vec::new();
    for name in names {
        let name = name.trim().to_lowercase();
        if name.is_empty() {
            continue;
        }
        if !FIELDS.contains(&name.as_str()) {
            return Err(RequestError::UnknownField {
                name,
                valid: FIELDS.join(","),
            });
        }
        if all && (name == "rank" || name == "score") {
            return Err(RequestError::RankedFieldWithAll(name));
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    if out.is_empty() {
        return Err(RequestError::NoFields);
    }
    Ok(out)
}

/// One exported row: the chosen fields in order.
pub type Record = Vec<(String, Value)>;

/// The chosen fields of a ranked hit (`body` is the snippet's source, so it is not in a
/// hit; use `--all` for whole bodies).
pub fn hit_record(hit: &Hit, fields: &[String]) -> Record {
    let value = serde_json::to_value(hit).unwrap_or(Value::Null);
    fields
        .iter()
        .map(|f| {
            let v = match f.as_str() {
                "mentions" | "format" | "body" => Value::Null,
                // As `--format json` writes it (an f32's shortest form), not widened to f64
                // digits.
                "score" => hit
                    .score
                    .and_then(|s| s.to_string().parse::<f64>().ok())
                    .map(Value::from)
                    .unwrap_or(Value::Null),
                other => value.get(other).cloned().unwrap_or(Value::Null),
            };
            (f.clone(), v)
        })
        .collect()
}

/// Call `sink` with a record for every article matching `request`, in index order.
/// Stops at the first error `sink` returns (a closed pipe, say) and returns it.
pub fn stream_matches(
    index: &NewsIndex,
    request: &SearchRequest,
    fields: &[String],
    sink: &mut dyn FnMut(Record) -> io::Result<()>,
) -> Result<io::Result<()>, SearchError> {
    let (query, needles) = prepare(index, request)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let weight = query
        .weight(EnableScoring::disabled_from_searcher(&searcher))
        .map_err(|e| index.error(e))?;
    let f = index.schema.fields;
    let failed: RefCell<Option<io::Error>> = RefCell::new(None);
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(1)
            .map_err(|e| index.error(e.into()))?;
        let alive = segment.alive_bitset();
        let mut store_error = None;
        weight
            .for_each_no_score(segment, &mut |docs: &[DocId]| {
                for &doc in docs {
                    if failed.borrow().is_some() || store_error.is_some() {
                        return;
                    }
                    if alive.is_some_and(|a| !a.is_alive(doc)) {
                        continue;
                    }
                    let stored: TantivyDocument = match store.get(doc) {
                        Ok(d) => d,
                        Err(e) => {
                            store_error = Some(e);
                            return;
                        }
                    };
                    let text = |field: Field| {
                        stored
                            .get_first(field)
                            .and_then(|v| v.as_str())
                            .map(|s| Value::String(s.to_string()))
                            .unwrap_or(Value::Null)
                    };
                    let facets = |field: Field| stored_facets(&stored, field);
                    let record = fields
                        .iter()
                        .map(|name| {
                            let v = match name.as_str() {
                                "id" => Value::String(super::stored_id(&stored, &f)),
                                "path" => text(f.path),
                                "member" => text(f.member),
                                "title" => text(f.title),
                                "url" => text(f.url),
                                "source" => text(f.source),
                                "format" => text(f.format),
                                "date_source" => text(f.date_source),
                                "body" => text(f.body),
                                "date" => stored
                                    .get_first(f.date)
                                    .and_then(|v| v.as_datetime())
                                    .and_then(|d| {
                                        chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0)
                                    })
                                    .map(|d| json!(d))
                                    .unwrap_or(Value::Null),
                                "dateline" => facets(f.dateline)
                                    .into_iter()
                                    .next()
                                    .map(Value::String)
                                    .unwrap_or(Value::Null),
                                "locations" => json!(facets(f.location)),
                                "mentions" => json!(facets(f.mentions)),
                                "snippet" => {
                                    let body = stored
                                        .get_first(f.body)
                                        .and_then(|v| v.as_str())
                                        .unwrap_or_default();
                                    json!(make_snippet(body, &needles, SNIPPET_BYTES).text)
                                }
                                _ => Value::Null,
                            };
                            (name.clone(), v)
                        })
                        .collect();
                    if let Err(e) = sink(record) {
                        *failed.borrow_mut() = Some(e);
                        return;
                    }
                }
            })
            .map_err(|e| index.error(e))?;
        if let Some(e) = store_error {
            return Err(index.error(e).into());
        }
        if let Some(e) = failed.borrow_mut().take() {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}
