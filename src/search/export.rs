//! Export: every article matching a search, streamed segment by segment without scores or
//! a result list, so memory stays constant however many articles match.

use super::compile::prepare;
use super::highlight::{SNIPPET_BYTES, make_snippet};
use super::request::RequestError;
use super::run::{Hit, SearchError, SearchRequest};
use crate::article::{Article, ArticleField};
use crate::index::NewsIndex;
use serde_json::Value;
use std::io;

/// A column of an exported row: a field of the article, or what only a search adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The hit's rank (ranked results only, not `--all`).
    Rank,
    /// The hit's score (ranked results only).
    Score,
    Article(ArticleField),
    /// The passage around the first matches, as a hit shows it.
    Snippet,
}

impl Column {
    /// Every column, in the order the error for an unknown one lists them.
    pub fn all() -> impl Iterator<Item = Column> {
        [Column::Rank, Column::Score]
            .into_iter()
            .chain(ArticleField::ALL.into_iter().map(Column::Article))
            .chain([Column::Snippet])
    }

    /// Its header and JSON key (the `--fields` name).
    pub fn name(self) -> &'static str {
        match self {
            Column::Rank => "rank",
            Column::Score => "score",
            Column::Article(field) => field.name(),
            Column::Snippet => "snippet",
        }
    }

    /// Whether only a ranked hit has it.
    fn is_ranked(self) -> bool {
        matches!(self, Column::Rank | Column::Score)
    }
}

/// Columns of a ranked `--format csv` without `--fields`.
pub const RANKED_CSV_COLUMNS: [Column; 10] = [
    Column::Rank,
    Column::Score,
    Column::Article(ArticleField::Id),
    Column::Article(ArticleField::Date),
    Column::Article(ArticleField::Title),
    Column::Article(ArticleField::Locations),
    Column::Article(ArticleField::Source),
    Column::Article(ArticleField::Url),
    Column::Article(ArticleField::Path),
    Column::Snippet,
];

/// Columns of `--all` without `--fields`.
pub const EXPORT_COLUMNS: [Column; 8] = [
    Column::Article(ArticleField::Id),
    Column::Article(ArticleField::Date),
    Column::Article(ArticleField::Title),
    Column::Article(ArticleField::Source),
    Column::Article(ArticleField::Url),
    Column::Article(ArticleField::Locations),
    Column::Article(ArticleField::Path),
    Column::Article(ArticleField::Member),
];

/// Check a `--fields` list (names trimmed, any case, repeats dropped); the error for an
/// unknown name lists the names that exist.
pub fn parse_fields(names: &[String], all: bool) -> Result<Vec<Column>, RequestError> {
    let mut out = Vec::new();
    for name in names {
        let name = name.trim().to_lowercase();
        if name.is_empty() {
            continue;
        }
        let Some(column) = Column::all().find(|c| c.name() == name) else {
            return Err(RequestError::UnknownField {
                name,
                valid: Column::all()
                    .map(Column::name)
                    .collect::<Vec<_>>()
                    .join(","),
            });
        };
        if all && column.is_ranked() {
            return Err(RequestError::RankedFieldWithAll(name));
        }
        if !out.contains(&column) {
            out.push(column);
        }
    }
    if out.is_empty() {
        return Err(RequestError::NoFields);
    }
    Ok(out)
}

/// One exported row: the chosen columns in order, with their values.
pub type Record = Vec<(&'static str, Value)>;

/// A field of `article` as JSON writes it.
fn article_value(article: &Article, field: ArticleField) -> Value {
    // Strings, dates and lists of strings always serialize.
    serde_json::to_value(article.field(field)).unwrap_or(Value::Null)
}

/// The chosen columns of a ranked hit.
pub fn hit_record(hit: &Hit, columns: &[Column]) -> Record {
    columns
        .iter()
        .map(|&c| {
            let v = match c {
                Column::Rank => Value::from(hit.rank),
                // As `--format json` writes it (an f32's shortest form), not widened to f64
                // digits.
                Column::Score => hit
                    .score
                    .and_then(|s| s.to_string().parse::<f64>().ok())
                    .map(Value::from)
                    .unwrap_or(Value::Null),
                Column::Article(field) => article_value(&hit.article, field),
                Column::Snippet => Value::String(hit.snippet.clone()),
            };
            (c.name(), v)
        })
        .collect()
}

/// Call `sink` with a record for every article matching `request`, in index order.
/// Stops at the first error `sink` returns (a closed pipe, say) and returns it.
pub fn stream_matches(
    index: &NewsIndex,
    request: &SearchRequest,
    columns: &[Column],
    sink: &mut dyn FnMut(Record) -> io::Result<()>,
) -> Result<io::Result<()>, SearchError> {
    let (query, needles) = prepare(index, request)?;
    super::articles::for_each_matching(index, query.as_ref(), &mut |article| {
        let record = columns
            .iter()
            .map(|&c| {
                let v = match c {
                    Column::Article(field) => article_value(&article, field),
                    Column::Snippet => Value::String(
                        make_snippet(
                            &article.body,
                            &needles.for_lang(&article.lang),
                            SNIPPET_BYTES,
                        )
                        .text,
                    ),
                    // Refused for `--all` by `parse_fields`.
                    Column::Rank | Column::Score => Value::Null,
                };
                (c.name(), v)
            })
            .collect();
        sink(record)
    })
}
