//! newsdex's queries in the engines' own terms, for an archive exported to them: the
//! query tree and filters of a [`SearchRequest`] become a Quickwit query string and an
//! OpenSearch query (DSL), and facet counts and timelines become aggregations.
//!
//! Field names are those of the export (`config`): bare words search the stemmed
//! `title`/`body`, quoted phrases, prefixes and proximity the unstemmed copies
//! (`title_exact`/`body_exact` in Quickwit, the `.exact` sub-fields in OpenSearch), places
//! the ancestor lists (`location_tree`, `mention_tree`).

use super::Target;
use crate::index::schema::exact_analyzer;
use crate::search::query::{Expr, QueryError, Scope, parse_query};
use crate::search::{PlaceFacet, SearchRequest};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

/// Why a query has no translation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TranslateError {
    #[error("invalid query: {0}")]
    Query(#[from] QueryError),
    /// The engine's query language cannot say this; the message says what to write instead.
    #[error("{0}")]
    Unsupported(String),
}

/// Facet values asked for per level, as `newsdex facets` shows by default.
const FACET_TOP: usize = 20;

/// The requests that answer a search, its facet counts and its timeline in `target`, as
/// one JSON object: `search` (the hits), `facets` (places by a terms aggregation) and
/// `timeline` (a date histogram). Quickwit's bodies go to `POST api/v1/<index>/search`,
/// OpenSearch's to `POST <index>/_search`.
pub fn engine_requests(request: &SearchRequest, target: Target) -> Result<Value, TranslateError> {
    let place_field = place_tree_field(request.place_facet);
    match target {
        Target::Quickwit => {
            let query = quickwit_query(request)?;
            Ok(json!({
                "search": {"query": query, "max_hits": 10},
                "facets": {
                    "query": query,
                    "max_hits": 0,
                    // Every level of the place tree is a term: keep the keys with one `/`
                    // for countries, two for regions (newsdex's --depth).
                    "aggs": {"places": {"terms": {"field": place_field, "size": 1000}}}
                },
                "timeline": {
                    "query": query,
                    "max_hits": 0,
                    // Quickwit's date histogram takes fixed intervals only: per day, to be
                    // summed into months or years.
                    "aggs": {"timeline": {"date_histogram": {"field": "published", "fixed_interval": "1d"}}}
                }
            }))
        }
        Target::OpenSearch => {
            let query = opensearch_query(request)?;
            Ok(json!({
                "search": {"query": query, "size": 10},
                "facets": {
                    "query": query,
                    "size": 0,
                    "aggs": {"places": {"terms": {"field": place_field, "size": FACET_TOP, "include": "/[^/]+"}}}
                },
                "timeline": {
                    "query": query,
                    "size": 0,
                    "aggs": {"timeline": {"date_histogram": {"field": "published", "calendar_interval": "month"}}}
                }
            }))
        }
    }
}

fn place_tree_field(facet: PlaceFacet) -> &'static str {
    match facet {
        PlaceFacet::About => "location_tree",
        PlaceFacet::Mentioned => "mention_tree",
    }
}

/// The Quickwit query string for `request`: its query, then its filters, ANDed.
pub fn quickwit_query(request: &SearchRequest) -> Result<String, TranslateError> {
    let expr = parse_query(&request.query)?;
    check_fields(request)?;
    let mut clauses = vec![qw_expr(&expr)?];
    if !request.dates.is_open() {
        let bound = |d: Option<DateTime<Utc>>| d.map(rfc3339).unwrap_or_else(|| "*".into());
        clauses.push(format!(
            "published:[{} TO {}}}",
            bound(request.dates.start),
            bound(request.dates.end_exclusive)
        ));
    }
    let field = place_tree_field(request.place_facet);
    if !request.places.is_empty() {
        clauses.push(any_of(
            request
                .places
                .iter()
                .map(|p| format!("{field}:{}", qw_quote(p)))
                .collect(),
        ));
    }
    for (field, values) in keyword_filters(request) {
        if !values.is_empty() {
            clauses.push(any_of(
                values
                    .iter()
                    .map(|v| format!("{field}:{}", qw_quote(v)))
                    .collect(),
            ));
        }
    }
    if clauses.len() > 1 && clauses[0] == "*" {
        clauses.remove(0);
    }
    Ok(clauses.join(" AND "))
}

/// The filters on one keyword field of the export: sources, languages, date sources.
fn keyword_filters(request: &SearchRequest) -> [(&'static str, Vec<&str>); 3] {
    [
        ("source", request.sources.iter().map(|s| s.trim()).collect()),
        ("lang", request.langs.iter().map(String::as_str).collect()),
        (
            "date_source",
            request.date_sources.iter().map(|d| d.as_str()).collect(),
        ),
    ]
}

/// A filter the export's fields cannot express: each place's basis is stored beside it,
/// not joined to it, so "this place, on this basis" has no engine query.
fn check_fields(request: &SearchRequest) -> Result<(), TranslateError> {
    if request.location_bases.is_empty() {
        return Ok(());
    }
    Err(TranslateError::Unsupported(
        "--location-basis (an export keeps each place's basis beside it, not joined to it): export with --location-basis to keep only those articles".into(),
    ))
}

fn rfc3339(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `a OR b` in parentheses, or `a` alone.
fn any_of(mut parts: Vec<String>) -> String {
    if parts.len() == 1 {
        return parts.remove(0);
    }
    format!("({})", parts.join(" OR "))
}

/// A quoted Quickwit value (a phrase, or one raw term with `/` or spaces in it).
fn qw_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A bare Quickwit term, its reserved characters escaped.
fn qw_term(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "+^`:{}\"[]()~!\\* <>=".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The Quickwit fields a scope searches: stemmed (bare words) or exact.
fn qw_fields(scope: Scope, exact: bool) -> &'static [&'static str] {
    match (scope, exact) {
        (Scope::Any, false) => &["title", "body"],
        (Scope::Any, true) => &["title_exact", "body_exact"],
        (Scope::Title, false) => &["title"],
        (Scope::Title, true) => &["title_exact"],
        (Scope::Body, false) => &["body"],
        (Scope::Body, true) => &["body_exact"],
    }
}

fn in_fields(scope: Scope, exact: bool, clause: impl Fn(&str) -> String) -> String {
    any_of(qw_fields(scope, exact).iter().map(|f| clause(f)).collect())
}

/// A word with punctuation inside (`U.S.`, `cease-fire`) is the phrase of its parts.
fn is_compound(word: &str) -> bool {
    word.chars().any(|c| !c.is_alphanumeric())
}

fn qw_expr(expr: &Expr) -> Result<String, TranslateError> {
    Ok(match expr {
        Expr::All => "*".to_string(),
        Expr::Word { scope, text } if is_compound(text) => {
            in_fields(*scope, true, |f| format!("{f}:{}", qw_quote(text)))
        }
        Expr::Word { scope, text } => {
            in_fields(*scope, false, |f| format!("{f}:{}", qw_term(text)))
        }
        Expr::Prefix { scope, text } => in_fields(*scope, true, |f| {
            format!("{f}:{}*", qw_term(&text.to_lowercase()))
        }),
        Expr::Phrase { scope, text, slop } => {
            let words: Vec<&str> = text.split_whitespace().collect();
            let prefixes = words.iter().filter(|w| w.ends_with('*')).count();
            let last_is_prefix = words.last().is_some_and(|w| w.ends_with('*'));
            if prefixes > 1 || (prefixes == 1 && (!last_is_prefix || *slop > 0)) {
                return Err(TranslateError::Unsupported(format!(
                    "\"{text}\"{}: Quickwit matches a prefix only on the last word of a phrase without ~n",
                    if *slop > 0 {
                        format!("~{slop}")
                    } else {
                        String::new()
                    }
                )));
            }
            if last_is_prefix {
                let stem = text.trim_end().trim_end_matches('*');
                in_fields(*scope, true, |f| format!("{f}:{}*", qw_quote(stem)))
            } else if *slop > 0 {
                in_fields(*scope, true, |f| format!("{f}:{}~{slop}", qw_quote(text)))
            } else {
                in_fields(*scope, true, |f| format!("{f}:{}", qw_quote(text)))
            }
        }
        Expr::Near {
            scope,
            left,
            right,
            distance,
            ordered,
        } => {
            let (Some(a), Some(b)) = (near_word(left), near_word(right)) else {
                return Err(TranslateError::Unsupported(
                    "NEAR/n, w/n and PRE/n between phrases, prefixes or other NEAR pairs have no Quickwit form: write \"a b\"~n with single words, or use OpenSearch (span_near)".into(),
                ));
            };
            let forward = format!("{a} {b}");
            let backward = format!("{b} {a}");
            // The stemmed fields, as newsdex matches a NEAR side's inflections too.
            in_fields(*scope, false, |f| {
                if *ordered {
                    format!("{f}:{}~{distance}", qw_quote(&forward))
                } else {
                    format!(
                        "({f}:{}~{distance} OR {f}:{}~{distance})",
                        qw_quote(&forward),
                        qw_quote(&backward)
                    )
                }
            })
        }
        Expr::And(items) => format!(
            "({})",
            items
                .iter()
                .map(qw_expr)
                .collect::<Result<Vec<_>, _>>()?
                .join(" AND ")
        ),
        Expr::Or(items) => format!(
            "({})",
            items
                .iter()
                .map(qw_expr)
                .collect::<Result<Vec<_>, _>>()?
                .join(" OR ")
        ),
        // `-x` beside the other clauses excludes x from their matches; `AND NOT x` would
        // nest a clause of exclusions alone, which Quickwit reads as "all but x" but
        // tantivy's own query parser as nothing.
        Expr::Not(inner) => format!("-{}", qw_expr(inner)?),
    })
}

/// A side of `NEAR/n` that is one plain word.
fn near_word(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Word { text, .. } if !is_compound(text) => Some(text),
        _ => None,
    }
}

/// The OpenSearch query for `request`: a `bool` whose `must` is the query and whose
/// `filter`s are the date range, places and sources (filters do not change the ranking,
/// as in newsdex).
pub fn opensearch_query(request: &SearchRequest) -> Result<Value, TranslateError> {
    let expr = parse_query(&request.query)?;
    check_fields(request)?;
    let mut filters = Vec::new();
    if !request.dates.is_open() {
        let mut range = serde_json::Map::new();
        if let Some(start) = request.dates.start {
            range.insert("gte".into(), json!(rfc3339(start)));
        }
        if let Some(end) = request.dates.end_exclusive {
            range.insert("lt".into(), json!(rfc3339(end)));
        }
        filters.push(json!({"range": {"published": range}}));
    }
    if !request.places.is_empty() {
        filters.push(json!({"terms": {place_tree_field(request.place_facet): request.places}}));
    }
    for (field, values) in keyword_filters(request) {
        if !values.is_empty() {
            filters.push(json!({"terms": {field: values}}));
        }
    }
    let query = os_expr(&expr)?;
    if filters.is_empty() {
        return Ok(query);
    }
    Ok(json!({"bool": {"must": [query], "filter": filters}}))
}

/// The OpenSearch fields a scope searches, with the title counting twice as in newsdex.
fn os_fields(scope: Scope, exact: bool) -> Vec<String> {
    let suffix = if exact { ".exact" } else { "" };
    match scope {
        Scope::Any => vec![format!("title{suffix}^2"), format!("body{suffix}")],
        Scope::Title => vec![format!("title{suffix}")],
        Scope::Body => vec![format!("body{suffix}")],
    }
}

/// The exact (unboosted) fields a span query runs on, one per field.
fn os_span_fields(scope: Scope) -> &'static [&'static str] {
    match scope {
        Scope::Any => &["title.exact", "body.exact"],
        Scope::Title => &["title.exact"],
        Scope::Body => &["body.exact"],
    }
}

/// One query per field, or any of them.
fn os_any(mut queries: Vec<Value>) -> Value {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    json!({"bool": {"should": queries, "minimum_should_match": 1}})
}

/// A phrase's words as the exact field indexes them (lower-cased, accents folded), with a
/// trailing `*` kept as a prefix marker.
fn exact_words(text: &str) -> Vec<(String, bool)> {
    let mut analyzer = exact_analyzer();
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let prefix = word.ends_with('*');
        let mut stream = analyzer.token_stream(word.trim_end_matches('*'));
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().text.clone());
        }
        let n = tokens.len();
        for (i, token) in tokens.into_iter().enumerate() {
            out.push((token, prefix && i + 1 == n));
        }
    }
    out
}

/// A span query for one word of `field` (a prefix through `span_multi`).
fn span_word(field: &str, word: &str, prefix: bool) -> Value {
    if prefix {
        json!({"span_multi": {"match": {"prefix": {field: {"value": word}}}}})
    } else {
        json!({"span_term": {field: word}})
    }
}

/// `expr` as a span query on `field`, for the sides of NEAR and for phrases with prefixes.
fn span(expr: &Expr, field: &str) -> Result<Value, TranslateError> {
    Ok(match expr {
        Expr::Word { text, .. } | Expr::Phrase { text, .. } => {
            let slop = match expr {
                Expr::Phrase { slop, .. } => *slop,
                _ => 0,
            };
            let words = exact_words(text);
            if words.len() == 1 {
                span_word(field, &words[0].0, words[0].1)
            } else {
                json!({"span_near": {
                    "clauses": words.iter().map(|(w, p)| span_word(field, w, *p)).collect::<Vec<_>>(),
                    "slop": slop,
                    "in_order": true
                }})
            }
        }
        Expr::Prefix { text, .. } => span_word(field, &text.to_lowercase(), true),
        Expr::Near {
            left,
            right,
            distance,
            ordered,
            ..
        } => json!({"span_near": {
            "clauses": [span(left, field)?, span(right, field)?],
            "slop": distance,
            "in_order": ordered
        }}),
        _ => {
            return Err(TranslateError::Unsupported(
                "only words, prefixes, phrases and NEAR pairs can be sides of NEAR".into(),
            ));
        }
    })
}

fn os_expr(expr: &Expr) -> Result<Value, TranslateError> {
    Ok(match expr {
        Expr::All => json!({"match_all": {}}),
        Expr::Word { scope, text } if is_compound(text) => json!({"multi_match": {
            "query": text, "type": "phrase", "fields": os_fields(*scope, true)
        }}),
        Expr::Word { scope, text } => json!({"multi_match": {
            "query": text, "fields": os_fields(*scope, false)
        }}),
        Expr::Prefix { scope, text } => os_any(
            os_span_fields(*scope)
                .iter()
                .map(|f| json!({"prefix": {*f: {"value": text.to_lowercase()}}}))
                .collect(),
        ),
        Expr::Phrase { scope, text, slop } if text.contains('*') => os_any(
            os_span_fields(*scope)
                .iter()
                .map(|f| {
                    span(
                        &Expr::Phrase {
                            scope: *scope,
                            text: text.clone(),
                            slop: *slop,
                        },
                        f,
                    )
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Expr::Phrase { scope, text, slop } => {
            let mut m = json!({"query": text, "type": "phrase", "fields": os_fields(*scope, true)});
            if *slop > 0 {
                m["slop"] = json!(slop);
            }
            json!({"multi_match": m})
        }
        Expr::Near { scope, .. } => os_any(
            os_span_fields(*scope)
                .iter()
                .map(|f| span(expr, f))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Expr::And(items) => {
            let (not, must): (Vec<&Expr>, Vec<&Expr>) =
                items.iter().partition(|e| matches!(e, Expr::Not(_)));
            let mut b = serde_json::Map::new();
            b.insert(
                "must".into(),
                json!(
                    must.into_iter()
                        .map(os_expr)
                        .collect::<Result<Vec<_>, _>>()?
                ),
            );
            if !not.is_empty() {
                let excluded = not
                    .into_iter()
                    .map(|e| match e {
                        Expr::Not(inner) => os_expr(inner),
                        other => os_expr(other),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                b.insert("must_not".into(), json!(excluded));
            }
            json!({"bool": b})
        }
        Expr::Or(items) => json!({"bool": {
            "should": items.iter().map(os_expr).collect::<Result<Vec<_>, _>>()?,
            "minimum_should_match": 1
        }}),
        Expr::Not(inner) => json!({"bool": {
            "must": [{"match_all": {}}],
            "must_not": [os_expr(inner)?]
        }}),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::DateSource;
    use crate::search::DateRange;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }

    #[test]
    fn quickwit_forms_of_each_construct() {
        let cases = [
            ("hostilities", "(title:hostilities OR body:hostilities)"),
            (
                "\"cessation of hostilities\"",
                "(title_exact:\"cessation of hostilities\" OR body_exact:\"cessation of hostilities\")",
            ),
            (
                "\"cessation hostilities\"~2",
                "(title_exact:\"cessation hostilities\"~2 OR body_exact:\"cessation hostilities\"~2)",
            ),
            ("hostil*", "(title_exact:hostil* OR body_exact:hostil*)"),
            (
                "\"cessation of hostil*\"",
                "(title_exact:\"cessation of hostil\"* OR body_exact:\"cessation of hostil\"*)",
            ),
            ("title:syria", "title:syria"),
            ("U.S.", "(title_exact:\"U.S.\" OR body_exact:\"U.S.\")"),
            (
                "oil -opec",
                "((title:oil OR body:oil) AND -(title:opec OR body:opec))",
            ),
            (
                "oil OR gas",
                "((title:oil OR body:oil) OR (title:gas OR body:gas))",
            ),
            ("body:opec PRE/3 body:oil", "body:\"opec oil\"~3"),
            (
                "body:oil NEAR/5 body:opec",
                "(body:\"oil opec\"~5 OR body:\"opec oil\"~5)",
            ),
            ("*", "*"),
        ];
        for (query, expected) in cases {
            assert_eq!(
                quickwit_query(&request(query)).unwrap(),
                expected,
                "{query}"
            );
        }
    }

    #[test]
    fn quickwit_filters_are_anded_after_the_query() {
        let mut r = request("*");
        r.dates = DateRange::from_flags(Some("2016-04"), Some("2016-05")).unwrap();
        r.places = vec!["/Syria".into()];
        r.sources = vec!["Reuters".into()];
        assert_eq!(
            quickwit_query(&r).unwrap(),
            "published:[2016-04-01T00:00:00Z TO 2016-06-01T00:00:00Z} AND location_tree:\"/Syria\" AND source:\"Reuters\""
        );
    }

    #[test]
    fn languages_and_date_sources_are_keyword_filters_in_both_engines() {
        let mut r = request("oil");
        r.langs = vec!["fr".into(), "de".into()];
        r.date_sources = vec![DateSource::Metadata, DateSource::Dateline];
        assert_eq!(
            quickwit_query(&r).unwrap(),
            "(title:oil OR body:oil) AND (lang:\"fr\" OR lang:\"de\") AND (date_source:\"metadata\" OR date_source:\"dateline\")"
        );
        assert_eq!(
            opensearch_query(&r).unwrap()["bool"]["filter"],
            json!([
                {"terms": {"lang": ["fr", "de"]}},
                {"terms": {"date_source": ["metadata", "dateline"]}}
            ])
        );
    }

    #[test]
    fn a_location_basis_has_no_engine_form() {
        let mut r = request("*");
        r.places = vec!["/Iraq".into()];
        r.location_bases = vec![crate::article::Basis::Headline];
        for e in [
            quickwit_query(&r).unwrap_err(),
            opensearch_query(&r).unwrap_err(),
        ] {
            assert!(
                matches!(&e, TranslateError::Unsupported(why) if why.starts_with("--location-basis")),
                "{e}"
            );
        }
    }

    #[test]
    fn what_quickwit_cannot_say_is_refused_with_advice() {
        for query in ["\"ab* cd\"", "\"ab cd*\"~2", "\"a b\" NEAR/3 c"] {
            let e = quickwit_query(&request(query)).unwrap_err();
            assert!(matches!(e, TranslateError::Unsupported(_)), "{query}: {e}");
        }
        assert!(opensearch_query(&request("\"a b\" NEAR/3 c")).is_ok());
    }

    #[test]
    fn opensearch_near_is_a_span_query_per_exact_field() {
        let q = opensearch_query(&request("body:cessation NEAR/3 body:hostil*")).unwrap();
        assert_eq!(
            q,
            json!({"span_near": {
                "clauses": [
                    {"span_term": {"body.exact": "cessation"}},
                    {"span_multi": {"match": {"prefix": {"body.exact": {"value": "hostil"}}}}}
                ],
                "slop": 3,
                "in_order": false
            }})
        );
    }

    #[test]
    fn opensearch_phrase_uses_the_exact_sub_fields_and_filters_stay_filters() {
        let mut r = request("\"Zürich talks\"~1");
        r.places = vec!["/Switzerland".into()];
        let q = opensearch_query(&r).unwrap();
        assert_eq!(
            q,
            json!({"bool": {
                "must": [{"multi_match": {"query": "Zürich talks", "type": "phrase", "fields": ["title.exact^2", "body.exact"], "slop": 1}}],
                "filter": [{"terms": {"location_tree": ["/Switzerland"]}}]
            }})
        );
        // A prefix inside a phrase becomes spans of folded, lower-cased words.
        let q = opensearch_query(&request("body:\"Zürich tal*\"")).unwrap();
        assert_eq!(
            q["span_near"]["clauses"],
            json!([
                {"span_term": {"body.exact": "zurich"}},
                {"span_multi": {"match": {"prefix": {"body.exact": {"value": "tal"}}}}}
            ])
        );
    }
}
