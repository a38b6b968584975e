//! Compiling a query: the parsed query tree becomes a tantivy query (bare words through
//! their stem, quoted phrases exactly, proximity and prefixes through the positional
//! matcher), the filters become typed clauses, and the positive words become the needles the
//! highlighter marks.

use super::exclude::Excluded;
use super::highlight::Needles;
use super::proximity::{Pattern, PositionalQuery, Step, WordMatch};
use super::query::{Expr, QueryError, Scope, parse_query};
use super::run::{PlaceFacet, SearchRequest};
use super::stem_query::StemQuery;
use crate::index::Language;
use crate::index::schema::exact_analyzer;
use crate::index::tokenizer::Offset;
use crate::index::{Fields, NewsIndex};
use chrono::{DateTime, Utc};
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

/// How much more a match in the title counts than one in the body.
const TITLE_BOOST: f32 = 2.0;

/// The tantivy query for a request (text query and filters) and the words to highlight,
/// bare words stemmed and expanded in the index's language.
pub fn prepare(
    index: &NewsIndex,
    request: &SearchRequest,
) -> Result<(Box<dyn Query>, Needles), QueryError> {
    let expr = parse_query(&request.query)?;
    let fields = index.schema.fields;
    let needles = needles_of(&expr, index.language);
    let text_query = build_query(&expr, &fields);
    Ok((with_filters(text_query, request, &fields), needles))
}

/// The words of `query` to highlight in a text of an index in `language` (for `show
/// --query`).
pub fn needles_for(query: &str, language: Language) -> Result<Needles, QueryError> {
    Ok(needles_of(&parse_query(query)?, language))
}

fn needles_of(expr: &Expr, language: Language) -> Needles {
    let mut needles = Needles {
        language: Some(language),
        ..Needles::default()
    };
    collect_needles(expr, &mut needles);
    needles
}

/// The words of `text` as the index holds them (lower-cased, accents folded, unstemmed).
fn exact_words(text: &str) -> Vec<String> {
    analyze(&mut exact_analyzer(), text)
}

/// The words of `text` as the exact analyzer indexes them, each with its offset from the
/// first (see [`Offset`]): a phrase matches only words separated the same way, punctuation
/// against punctuation, whitespace (or quotation marks) against whitespace.
fn exact_phrase(text: &str) -> Vec<(Offset, String)> {
    let tokens = exact_tokens(text);
    let Some(&(_, _, first, _)) = tokens.first() else {
        return Vec::new();
    };
    tokens
        .into_iter()
        .map(|(_, _, position, word)| (Offset::between(first, position), word))
        .collect()
}

/// The words of `text` with their byte range and position, as the exact analyzer gives them.
fn exact_tokens(text: &str) -> Vec<(usize, usize, u32, String)> {
    let mut analyzer = exact_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((
            token.offset_from,
            token.offset_to,
            token.position as u32,
            token.text.clone(),
        ));
    }
    out
}

/// The words `analyzer` makes of `text`.
pub(crate) fn analyze(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The words and phrases to highlight: every positive (not negated) part of the query.
fn collect_needles(expr: &Expr, needles: &mut Needles) {
    match expr {
        Expr::Word { text, .. } => {
            let words = exact_words(text);
            if let [word] = words.as_slice() {
                needles
                    .stems
                    .push(super::highlight::stem_of(needles.language, word));
                needles.words.extend(words);
            } else if !words.is_empty() {
                needles.phrases.push(exact_phrase(text));
            }
        }
        Expr::Phrase { .. } | Expr::Prefix { .. } | Expr::Near { .. } => {
            match simple_phrase(expr) {
                Some(words) if !words.is_empty() => needles.phrases.push(words),
                Some(_) => {}
                None => needles.patterns.extend(pattern_of(expr)),
            }
        }
        Expr::And(parts) | Expr::Or(parts) => {
            parts.iter().for_each(|p| collect_needles(p, needles))
        }
        Expr::Not(_) | Expr::All => {}
    }
}

/// The (title, body) field pair for a scope and an analysis.
fn scoped(scope: Scope, title: Field, body: Field) -> Vec<(Field, f32)> {
    match scope {
        Scope::Any => vec![(title, TITLE_BOOST), (body, 1.0)],
        Scope::Title => vec![(title, 1.0)],
        Scope::Body => vec![(body, 1.0)],
    }
}

/// `words` (with their offsets from the first) as a term (one word) or an exact phrase, in
/// each of `fields`. A phrase with punctuation in it (`"U.S. officials"`) has two shapes
/// in positions, one for each parity of its first word, so it is the phrase query of either.
fn words_query(words: &[(Offset, String)], fields: Vec<(Field, f32)>) -> Box<dyn Query> {
    in_fields(fields, |field| {
        if words.len() == 1 {
            return Box::new(TermQuery::new(
                Term::from_field_text(field, &words[0].1),
                IndexRecordOption::WithFreqs,
            ));
        }
        let shape = |parity: u32| -> Box<dyn Query> {
            let terms = words
                .iter()
                .map(|(offset, w)| {
                    (
                        offset.delta(parity) as usize,
                        Term::from_field_text(field, w),
                    )
                })
                .collect();
            Box::new(PhraseQuery::new_with_offset(terms))
        };
        if words.iter().any(|(offset, _)| offset.flipped) {
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, shape(0)),
                (Occur::Should, shape(1)),
            ]))
        } else {
            shape(0)
        }
    })
}

/// A bare word (the word as the index holds words) in each of `fields`, matching its
/// inflections in each article's language.
fn stem_query(word: &str, fields: Vec<(Field, f32)>) -> Box<dyn Query> {
    in_fields(fields, |field| {
        Box::new(StemQuery::new(field, word.to_string()))
    })
}

/// The query `make` gives for each field, boosted, any of them matching.
fn in_fields(fields: Vec<(Field, f32)>, make: impl Fn(Field) -> Box<dyn Query>) -> Box<dyn Query> {
    let per_field: Vec<(Occur, Box<dyn Query>)> = fields
        .into_iter()
        .map(|(field, boost)| {
            let q = make(field);
            let q: Box<dyn Query> = if boost == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, boost))
            };
            (Occur::Should, q)
        })
        .collect();
    combine(per_field)
}

/// Translate the query tree. `None` means the part has no searchable words (e.g. "—")
/// and is left out.
fn build(expr: &Expr, f: &Fields) -> Option<Box<dyn Query>> {
    match expr {
        Expr::Word { scope, text } => {
            let words = exact_words(text);
            match words.len() {
                0 => None,
                1 => Some(stem_query(&words[0], scoped(*scope, f.title, f.body))),
                // "U.S.", "e-mail", "covid-19": several words written as one; match them
                // as the exact phrase they are.
                _ => Some(words_query(
                    &exact_phrase(text),
                    scoped(*scope, f.title, f.body),
                )),
            }
        }
        Expr::Phrase { scope, .. } | Expr::Prefix { scope, .. } | Expr::Near { scope, .. } => {
            match simple_phrase(expr) {
                Some(words) => (!words.is_empty())
                    .then(|| words_query(&words, scoped(*scope, f.title, f.body))),
                None => {
                    let pattern = pattern_of(expr)?;
                    Some(positional_query(&pattern, scoped(*scope, f.title, f.body)))
                }
            }
        }
        Expr::And(parts) => {
            let mut clauses = Vec::new();
            for part in parts {
                match part {
                    Expr::Not(inner) => {
                        if let Some(q) = build(inner, f) {
                            let q: Box<dyn Query> = Box::new(Excluded(q));
                            clauses.push((Occur::MustNot, q));
                        }
                    }
                    _ => {
                        if let Some(q) = build(part, f) {
                            clauses.push((Occur::Must, q));
                        }
                    }
                }
            }
            boolean(clauses)
        }
        Expr::Or(parts) => {
            let clauses: Vec<_> = parts
                .iter()
                .filter_map(|p| build(p, f))
                .map(|q| (Occur::Should, q))
                .collect();
            boolean(clauses)
        }
        Expr::Not(inner) => {
            let q: Box<dyn Query> = Box::new(Excluded(build(inner, f)?));
            boolean(vec![(Occur::MustNot, q)])
        }
        Expr::All => Some(Box::new(AllQuery)),
    }
}

/// The exact words of a plain quoted phrase (no `~n`, no `*`), which tantivy's own
/// phrase query answers; `None` for anything that needs the positional matcher.
fn simple_phrase(expr: &Expr) -> Option<Vec<(Offset, String)>> {
    match expr {
        Expr::Phrase { text, slop: 0, .. } if !text.contains('*') => Some(exact_phrase(text)),
        _ => None,
    }
}

/// The positional pattern of a phrase, prefix, word or NEAR expression; `None` when it has
/// no searchable words. A bare word stays bare: it is stemmed in each article's language
/// when matched (see [`WordMatch::in_language`]).
fn pattern_of(expr: &Expr) -> Option<Pattern> {
    match expr {
        Expr::Word { text, .. } => {
            let mut words = exact_words(text);
            match words.len() {
                0 => None,
                1 => words.pop().map(|w| Pattern::word(WordMatch::Bare(w))),
                _ => seq_pattern(text, 0),
            }
        }
        Expr::Prefix { text, .. } => seq_pattern(&format!("{text}*"), 0),
        Expr::Phrase { text, slop, .. } => seq_pattern(text, *slop),
        Expr::Near {
            left,
            right,
            distance,
            ordered,
            ..
        } => Some(Pattern::Near {
            left: Box::new(pattern_of(left)?),
            right: Box::new(pattern_of(right)?),
            distance: *distance,
            ordered: *ordered,
        }),
        Expr::And(_) | Expr::Or(_) | Expr::Not(_) | Expr::All => None,
    }
}

/// The words of a phrase as a [`Pattern::Seq`]: a word that ends a chunk written with a
/// trailing `*` is a prefix; words of one chunk (`U.S.`, `e-mail*`) follow each other as
/// written, and so do all words when `slop` is 0; with a slop, other words may come between
/// two chunks, whatever punctuation lies between.
fn seq_pattern(text: &str, slop: u32) -> Option<Pattern> {
    // The chunks without their `*`, one space apart: (byte range, written as a prefix).
    let mut clean = String::new();
    let mut chunks = Vec::new();
    for raw in text.split_whitespace() {
        if !clean.is_empty() {
            clean.push(' ');
        }
        let start = clean.len();
        clean.push_str(raw.strip_suffix('*').unwrap_or(raw));
        chunks.push((start..clean.len(), raw.ends_with('*')));
    }
    let tokens = exact_tokens(&clean);
    let chunk_of = |at: usize| chunks.iter().position(|(range, _)| range.contains(&at));
    let mut words = Vec::new();
    let mut steps = Vec::new();
    for (i, (from, to, position, word)) in tokens.iter().enumerate() {
        let chunk = chunk_of(*from);
        if i > 0 {
            let (previous_from, _, previous_position, _) = &tokens[i - 1];
            steps.push(if slop > 0 && chunk_of(*previous_from) != chunk {
                Step::Later
            } else {
                Step::Next(Offset::between(*previous_position, *position))
            });
        }
        let ends_prefix = chunk.is_some_and(|c| chunks[c].1 && chunks[c].0.end == *to);
        words.push(if ends_prefix {
            WordMatch::Prefix(word.clone())
        } else {
            WordMatch::Exact(word.clone())
        });
    }
    (!words.is_empty()).then_some(Pattern::Seq { words, steps, slop })
}

/// A positional pattern in each of `fields`.
fn positional_query(pattern: &Pattern, fields: Vec<(Field, f32)>) -> Box<dyn Query> {
    in_fields(fields, |field| {
        Box::new(PositionalQuery::new(field, pattern.clone()))
    })
}

/// A boolean query; one made only of exclusions matches everything except them.
fn boolean(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    if clauses.is_empty() {
        return None;
    }
    if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
        return clauses.pop().map(|(_, q)| q);
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

fn build_query(expr: &Expr, f: &Fields) -> Box<dyn Query> {
    build(expr, f).unwrap_or_else(|| Box::new(EmptyQuery))
}

fn with_filters(text_query: Box<dyn Query>, request: &SearchRequest, f: &Fields) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query)];
    if !request.dates.is_open() {
        let bound = |d: Option<DateTime<Utc>>, inclusive: bool| match d {
            None => Bound::Unbounded,
            Some(d) => {
                let term = Term::from_field_date(
                    f.date,
                    tantivy::DateTime::from_timestamp_secs(d.timestamp()),
                );
                if inclusive {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
        };
        let range = RangeQuery::new(
            bound(request.dates.start, true),
            bound(request.dates.end_exclusive, false),
        );
        clauses.push((Occur::Must, Box::new(range)));
    }
    // With `--location-basis`, the places asked for must be on one of those bases.
    let places = match request.place_facet {
        _ if !request.location_bases.is_empty() => super::filter::based_place_filter(
            f.location_basis,
            &request.places,
            &request.location_bases,
        ),
        PlaceFacet::About => super::filter::place_filter(f.location, &request.places),
        PlaceFacet::Mentioned => super::filter::place_filter(f.mentions, &request.places),
    };
    if let Some(filter) = places {
        clauses.push((Occur::Must, filter));
    }
    if let Some(filter) = super::filter::source_filter(f.source, &request.sources) {
        clauses.push((Occur::Must, filter));
    }
    if let Some(filter) = super::filter::date_source_filter(f.date_source, &request.date_sources) {
        clauses.push((Occur::Must, filter));
    }
    if let Some(filter) = super::filter::lang_filter(f.lang, &request.langs) {
        clauses.push((Occur::Must, filter));
    }
    combine(clauses)
}

/// Clauses that all require (or all may match) as one query: a lone clause is its own.
fn combine(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    if clauses.len() == 1 {
        clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(EmptyQuery))
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEXT: Step = Step::Next(Offset {
        words: 1,
        flipped: false,
    });
    const ACROSS: Step = Step::Next(Offset {
        words: 1,
        flipped: true,
    });

    fn steps(text: &str, slop: u32) -> (Vec<String>, Vec<Step>) {
        match seq_pattern(text, slop) {
            Some(Pattern::Seq { words, steps, .. }) => {
                (words.iter().map(ToString::to_string).collect(), steps)
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn a_phrase_pattern_keeps_the_punctuation_typed_in_it() {
        let cases: &[(&str, u32, &[&str], &[Step])] = &[
            ("e-mail*", 0, &["e", "mail*"], &[ACROSS]),
            (
                "cessation of hostil*",
                0,
                &["cessation", "of", "hostil*"],
                &[NEXT, NEXT],
            ),
            ("oil, pric*", 0, &["oil", "pric*"], &[ACROSS]),
            (
                "the (\"uaw\") vow*",
                0,
                &["the", "uaw", "vow*"],
                &[NEXT, NEXT],
            ),
            // With a slop the chunks may have words and any punctuation between them; the
            // words of one chunk may not.
            (
                "U.S. officials, talk*",
                2,
                &["u", "s", "officials", "talk*"],
                &[ACROSS, Step::Later, Step::Later],
            ),
            (
                "kerry's prior*",
                1,
                &["kerry", "s", "prior*"],
                &[
                    Step::Next(Offset {
                        words: 0,
                        flipped: false,
                    }),
                    Step::Later,
                ],
            ),
            ("oil — pric*", 1, &["oil", "pric*"], &[Step::Later]),
        ];
        for (text, slop, words, expected) in cases {
            assert_eq!(
                steps(text, *slop),
                (
                    words.iter().map(|w| w.to_string()).collect(),
                    expected.to_vec()
                ),
                "{text}"
            );
        }
        assert!(seq_pattern("— *", 0).is_none());
    }

    #[test]
    fn an_exact_phrase_has_the_offsets_of_its_words() {
        let offset = |words, flipped| Offset { words, flipped };
        assert_eq!(
            exact_phrase("“cessation of hostilities” agreement"),
            [
                (offset(0, false), "cessation".to_string()),
                (offset(1, false), "of".to_string()),
                (offset(2, false), "hostilities".to_string()),
                (offset(3, false), "agreement".to_string()),
            ]
        );
        assert_eq!(
            exact_phrase("U.S.-Russian talks"),
            [
                (offset(0, false), "u".to_string()),
                (offset(1, true), "s".to_string()),
                (offset(2, false), "russian".to_string()),
                (offset(3, false), "talks".to_string()),
            ]
        );
    }
}
