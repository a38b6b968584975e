//! Running a search: the query tree becomes a tantivy query, filters are added, hits are
//! collected with an exact total and turned into [`Hit`]s with snippets.

use super::exclude::Excluded;
use super::filter::DateRange;
use super::highlight::{Needles, SNIPPET_BYTES, make_snippet};
use super::proximity::{Pattern, PositionalQuery, WordMatch};
use super::query::{Expr, QueryError, Scope, parse_query};
use super::stem_query::StemQuery;
use crate::article::{Article, ArticleField};
use crate::extract::article_id_from_bits;
use crate::extract::fingerprint::{NEAR_DUPLICATE_BITS, distance, near_duplicates};
use crate::index::Language;
use crate::index::document::from_document;
use crate::index::schema::exact_analyzer;
use crate::index::{Fields, IndexError, NewsIndex};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Bound;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, Order, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

/// How much more a match in the title counts than one in the body.
const TITLE_BOOST: f32 = 2.0;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// Which place facet `--location` filters on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlaceFacet {
    /// Places the story is about (dateline, headline, lead, repeated mentions).
    #[default]
    About,
    /// Any place mentioned.
    Mentioned,
}

/// A search as the user asked for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub dates: DateRange,
    /// Facet paths (`/Syria`, `/Syria/Aleppo`); an article matching any of them passes.
    pub places: Vec<String>,
    pub place_facet: PlaceFacet,
    /// Sources, exactly as stored; an article from any of them passes.
    pub sources: Vec<String>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// Show near-copies of a story once, under its best-ranked copy (see [`Hit::similar`]).
    pub group_copies: bool,
}

/// A near-copy of a hit (same story, body fingerprint within the threshold).
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    /// Its article id (`newsdex show ID` prints it, with its path).
    pub id: String,
    pub date: Option<DateTime<Utc>>,
    /// Bits by which its fingerprint differs from the hit's.
    pub distance: u32,
}

/// Near-copies listed per hit; `similar_count` counts them all.
pub const SIMILAR_LISTED: usize = 20;

/// One result: the stored article with its rank, score and snippet. `--format json` prints
/// the article's fields that [`ArticleField::in_hit`] keeps, between the score and the snippet.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    /// BM25 score; null when results are sorted by date.
    pub score: Option<f32>,
    #[serde(flatten, serialize_with = "hit_fields")]
    pub article: Article,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
    /// Number of other matching articles that are near-copies of this one (grouped under it).
    #[serde(skip_serializing_if = "is_zero")]
    pub similar_count: usize,
    /// The first [`SIMILAR_LISTED`] of them, best-ranked first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub similar: Vec<Similar>,
}

fn hit_fields<S: serde::Serializer>(article: &Article, serializer: S) -> Result<S::Ok, S::Error> {
    article.serialize_fields(serializer, ArticleField::in_hit)
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    pub query: String,
    /// Exact number of matching articles.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Top places and years of all matching articles (`search --facets`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<super::tally::SearchFacets>,
}

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid query: {0}")]
    Query(#[from] QueryError),
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Parse, run and collect a search.
pub fn run_search(index: &NewsIndex, request: &SearchRequest) -> Result<SearchResult, SearchError> {
    let fields = index.schema.fields;
    let (query, needles) = prepare(index, request)?;

    let reader = index.reader()?;
    let searcher = reader.searcher();
    if request.group_copies {
        return grouped_search(index, request, &searcher, query.as_ref(), &needles);
    }
    let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
    let (total, ranked): (usize, Vec<(Option<f32>, DocAddress)>) = match request.sort {
        Sort::Relevance => {
            let (n, docs) = searcher
                .search(&query, &(Count, top.order_by_score()))
                .map_err(|e| index.error(e))?;
            (n, docs.into_iter().map(|(s, d)| (Some(s), d)).collect())
        }
        Sort::Newest | Sort::Oldest => {
            let order = if request.sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let (n, docs) = searcher
                .search(
                    &query,
                    &(
                        Count,
                        top.order_by_fast_field::<tantivy::DateTime>("date", order),
                    ),
                )
                .map_err(|e| index.error(e))?;
            (n, docs.into_iter().map(|(_, d)| (None, d)).collect())
        }
    };
    let ranked = if request.limit == 0 {
        Vec::new()
    } else {
        ranked
    };
    let mut hits = Vec::with_capacity(ranked.len());
    for (i, (score, address)) in ranked.into_iter().enumerate() {
        let doc = load(&searcher, address).map_err(|e| index.error(e))?;
        hits.push(to_hit(
            &doc,
            &fields,
            request.offset + i + 1,
            score,
            &needles,
        ));
    }
    Ok(SearchResult {
        query: request.query.clone(),
        total,
        hits,
        facets: None,
    })
}

/// Search with near-copies grouped: every match is ranked (score or date, fingerprint), then
/// walked in rank order; a match within [`NEAR_DUPLICATE_BITS`] of an earlier group leader
/// joins that group, otherwise it leads a new group. Only the leaders are hits.
fn grouped_search(
    index: &NewsIndex,
    request: &SearchRequest,
    searcher: &Searcher,
    query: &dyn Query,
    needles: &Needles,
) -> Result<SearchResult, SearchError> {
    let mut all = searcher
        .search(
            query,
            &CandidateCollector {
                scored: request.sort == Sort::Relevance,
            },
        )
        .map_err(|e| index.error(e))?;
    let total = all.len();
    let wanted = request.offset.saturating_add(request.limit);
    let newest = request.sort == Sort::Newest;
    let rank_order = |a: &Candidate, b: &Candidate| match request.sort {
        Sort::Relevance => b
            .score
            .total_cmp(&a.score)
            .then_with(|| a.address.cmp(&b.address)),
        Sort::Newest | Sort::Oldest => {
            let by_date = match (a.date, b.date) {
                (Some(x), Some(y)) if newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            by_date.then_with(|| a.address.cmp(&b.address))
        }
    };
    let groups = group_copies(&mut all, wanted, rank_order);
    let fields = index.schema.fields;
    let shown = groups.get(request.offset..).unwrap_or_default();
    let mut copies = CopyColumns::default();
    let mut hits = Vec::new();
    for (rank0, (leader, members)) in shown.iter().enumerate() {
        let c = &all[*leader];
        let doc = load(searcher, c.address).map_err(|e| index.error(e))?;
        let score = (request.sort == Sort::Relevance).then_some(c.score);
        let mut hit = to_hit(&doc, &fields, request.offset + rank0 + 1, score, needles);
        hit.similar_count = members.len();
        for (m, d) in members.iter().take(SIMILAR_LISTED) {
            let copy = &all[*m];
            // Fast fields, not the copy's stored document: listing copies must not load
            // and decompress their bodies (nor look strings up in a column dictionary).
            let (id, date) = copies
                .get(searcher, copy.address)
                .map_err(|e| index.error(e))?;
            hit.similar.push(Similar {
                id,
                date: date.and_then(|s| DateTime::from_timestamp(s, 0)),
                distance: *d,
            });
        }
        hits.push(hit);
    }
    if request.limit == 0 {
        hits.clear();
    }
    Ok(SearchResult {
        query: request.query.clone(),
        total,
        hits,
        facets: None,
    })
}

/// Group matches into near-copy groups: walking the matches in rank order, a match within
/// [`NEAR_DUPLICATE_BITS`] of an earlier group's leader joins that group, otherwise it leads
/// a new one. Only the first `wanted` groups are kept, each as (leader, members with their
/// distance), indices into `all`, members in rank order.
///
/// Only as much of `all` is put in rank order as it takes to find the `wanted` leaders
/// (chunks of growing size, each picked with a selection, then sorted); every later match
/// can only join one of those groups, which does not depend on its rank, so the rest is never
/// sorted — a full sort was most of the time of a common word's search on a large archive.
fn group_copies(
    all: &mut [Candidate],
    wanted: usize,
    rank_order: impl Fn(&Candidate, &Candidate) -> std::cmp::Ordering,
) -> Vec<(usize, Vec<(usize, u32)>)> {
    let mut groups: Vec<(usize, Vec<(usize, u32)>)> = Vec::new();
    let join = |groups: &mut Vec<(usize, Vec<(usize, u32)>)>, all: &[Candidate], i: usize| {
        let print = all[i].fingerprint;
        let leader = groups
            .iter()
            .position(|(l, _)| near_duplicates(all[*l].fingerprint, print, NEAR_DUPLICATE_BITS));
        match leader {
            Some(g) => {
                let d = distance(all[groups[g].0].fingerprint, print);
                groups[g].1.push((i, d));
                true
            }
            None => false,
        }
    };
    let mut ranked = 0;
    let mut chunk = (wanted.saturating_mul(4)).max(64);
    while ranked < all.len() && groups.len() < wanted {
        let end = ranked.saturating_add(chunk).min(all.len());
        let rest = &mut all[ranked..];
        if end - ranked < rest.len() {
            rest.select_nth_unstable_by(end - ranked - 1, &rank_order);
        }
        rest[..end - ranked].sort_unstable_by(&rank_order);
        for i in ranked..end {
            if !join(&mut groups, all, i) && groups.len() < wanted {
                groups.push((i, Vec::new()));
            }
        }
        ranked = end;
        chunk = chunk.saturating_mul(2);
    }
    // The unranked rest can only join the groups found.
    for i in ranked..all.len() {
        join(&mut groups, all, i);
    }
    for (_, members) in &mut groups {
        members.sort_unstable_by(|a, b| rank_order(&all[a.0], &all[b.0]));
    }
    groups
}

/// Article ids and dates of listed copies, from the `id_bits` and `date` fast fields, the
/// columns opened once per segment.
#[derive(Default)]
struct CopyColumns {
    columns: HashMap<SegmentOrdinal, (Column<u64>, Column<tantivy::DateTime>)>,
}

impl CopyColumns {
    /// The id and date (seconds) of the article at `address`.
    fn get(
        &mut self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> tantivy::Result<(String, Option<i64>)> {
        let (ids, dates) = match self.columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                e.insert((fast.u64("id_bits")?, fast.date("date")?))
            }
        };
        Ok((
            article_id_from_bits(ids.first(address.doc_id).unwrap_or(0)),
            dates.first(address.doc_id).map(|d| d.into_timestamp_secs()),
        ))
    }
}

/// One match with what ranking and grouping need.
struct Candidate {
    score: f32,
    /// Seconds since the epoch, read only when ranking by date (a common word's thousands of
    /// matches need not touch the date column to be ranked by score).
    date: Option<i64>,
    fingerprint: u64,
    address: DocAddress,
}

/// Collects every match with its fingerprint and, when ranking by relevance, its score,
/// otherwise its date.
struct CandidateCollector {
    scored: bool,
}

struct CandidateSegment {
    segment: SegmentOrdinal,
    dates: Option<Column<tantivy::DateTime>>,
    prints: Column<u64>,
    out: Vec<Candidate>,
}

impl Collector for CandidateCollector {
    type Fruit = Vec<Candidate>;
    type Child = CandidateSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<CandidateSegment> {
        Ok(CandidateSegment {
            segment,
            dates: if self.scored {
                None
            } else {
                Some(reader.fast_fields().date("date")?)
            },
            prints: reader.fast_fields().u64("fingerprint")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Candidate>>) -> tantivy::Result<Vec<Candidate>> {
        // Sized once: the matches of a common word fill hundreds of kilobytes, and every
        // page of a growing copy is a page fault.
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        for fruit in fruits {
            all.extend(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for CandidateSegment {
    type Fruit = Vec<Candidate>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.out.push(Candidate {
            score,
            date: self
                .dates
                .as_ref()
                .and_then(|dates| dates.first(doc))
                .map(|d| d.into_timestamp_secs()),
            fingerprint: self.prints.first(doc).unwrap_or(0),
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Candidate> {
        self.out
    }
}

/// The tantivy query for a request (text query and filters) and the words to highlight.
pub fn prepare(
    index: &NewsIndex,
    request: &SearchRequest,
) -> Result<(Box<dyn Query>, Needles), SearchError> {
    let expr = parse_query(&request.query)?;
    let fields = index.schema.fields;
    let mut needles = Needles::default();
    collect_needles(&expr, &mut needles);
    let text_query = build_query(&expr, &fields);
    Ok((with_filters(text_query, request, &fields), needles))
}

/// The words of `query` to highlight in a text (for `show --query`).
pub fn needles_for(query: &str) -> Result<Needles, QueryError> {
    let expr = parse_query(query)?;
    let mut needles = Needles::default();
    collect_needles(&expr, &mut needles);
    Ok(needles)
}

fn load(searcher: &Searcher, address: DocAddress) -> tantivy::Result<TantivyDocument> {
    searcher.doc::<TantivyDocument>(address)
}

pub(crate) fn to_hit(
    doc: &TantivyDocument,
    f: &Fields,
    rank: usize,
    score: Option<f32>,
    needles: &Needles,
) -> Hit {
    let article = from_document(f, doc);
    let snippet = make_snippet(&article.body, needles, SNIPPET_BYTES);
    Hit {
        rank,
        score,
        article,
        snippet: snippet.text,
        highlights: snippet.highlights,
        similar_count: 0,
        similar: Vec::new(),
    }
}

/// Words of `text` as the stemming analyzer indexes them.
fn stems(text: &str) -> Vec<String> {
    analyze(&mut Language::English.stem_analyzer(), text)
}

/// Words of `text` as the exact analyzer indexes them.
fn exact_words(text: &str) -> Vec<String> {
    analyze(&mut exact_analyzer(), text)
}

/// The words of `text` as the exact analyzer indexes them, each with its position relative
/// to the first: punctuation between two words puts a gap between them, in the query as in
/// the index, so a phrase matches only words separated the same way.
fn exact_phrase(text: &str) -> Vec<(usize, String)> {
    let mut analyzer = exact_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    let mut base = None;
    while stream.advance() {
        let token = stream.token();
        let first = *base.get_or_insert(token.position);
        out.push((token.position - first, token.text.clone()));
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
            let s = stems(text);
            if s.len() == 1 {
                needles.stems.extend(s);
            } else if !s.is_empty() {
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

/// `words` (with their relative positions) as a term (one word) or an exact phrase, in
/// each of `fields`.
fn words_query(words: &[(usize, String)], fields: Vec<(Field, f32)>) -> Box<dyn Query> {
    in_fields(fields, |field| {
        if words.len() == 1 {
            Box::new(TermQuery::new(
                Term::from_field_text(field, &words[0].1),
                IndexRecordOption::WithFreqs,
            ))
        } else {
            let terms = words
                .iter()
                .map(|(offset, w)| (*offset, Term::from_field_text(field, w)))
                .collect();
            Box::new(PhraseQuery::new_with_offset(terms))
        }
    })
}

/// A bare word (its English stem) in each of `fields`.
fn stem_query(stem: &str, fields: Vec<(Field, f32)>) -> Box<dyn Query> {
    in_fields(fields, |field| {
        Box::new(StemQuery::new(field, stem.to_string()))
    })
}

/// The query `make` gives for each field, boosted, any of them matching.
fn in_fields(fields: Vec<(Field, f32)>, make: impl Fn(Field) -> Box<dyn Query>) -> Box<dyn Query> {
    let mut per_field: Vec<(Occur, Box<dyn Query>)> = fields
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
    if per_field.len() == 1 {
        per_field
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(EmptyQuery))
    } else {
        Box::new(BooleanQuery::new(per_field))
    }
}

/// Translate the query tree. `None` means the part has no searchable words (e.g. "—")
/// and is left out.
fn build(expr: &Expr, f: &Fields) -> Option<Box<dyn Query>> {
    match expr {
        Expr::Word { scope, text } => {
            let s = stems(text);
            match s.len() {
                0 => None,
                1 => Some(stem_query(&s[0], scoped(*scope, f.title, f.body))),
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
fn simple_phrase(expr: &Expr) -> Option<Vec<(usize, String)>> {
    match expr {
        Expr::Phrase { text, slop: 0, .. } if !text.contains('*') => Some(exact_phrase(text)),
        _ => None,
    }
}

/// The positional pattern of a phrase, prefix, word or NEAR expression; `None` when it has
/// no searchable words.
pub(crate) fn pattern_of(expr: &Expr) -> Option<Pattern> {
    match expr {
        Expr::Word { text, .. } => {
            let s = stems(text);
            let words: Vec<WordMatch> = match s.len() {
                0 => return None,
                1 => s.into_iter().map(WordMatch::Stem).collect(),
                _ => exact_words(text)
                    .into_iter()
                    .map(WordMatch::Exact)
                    .collect(),
            };
            Some(Pattern::Seq { words, slop: 0 })
        }
        Expr::Prefix { text, .. } => {
            let words = prefix_words(text);
            (!words.is_empty()).then_some(Pattern::Seq { words, slop: 0 })
        }
        Expr::Phrase { text, slop, .. } => {
            let mut words = Vec::new();
            for chunk in text.split_whitespace() {
                match chunk.strip_suffix('*') {
                    Some(stem) => words.extend(prefix_words(stem)),
                    None => words.extend(exact_words(chunk).into_iter().map(WordMatch::Exact)),
                }
            }
            (!words.is_empty()).then_some(Pattern::Seq { words, slop: *slop })
        }
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

/// `cease-fi` (from `cease-fi*`): exact words, the last one a prefix.
fn prefix_words(text: &str) -> Vec<WordMatch> {
    let mut words: Vec<WordMatch> = exact_words(text)
        .into_iter()
        .map(WordMatch::Exact)
        .collect();
    if let Some(WordMatch::Exact(last)) = words.pop() {
        words.push(WordMatch::Prefix(last));
    }
    words
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
    if !request.places.is_empty() {
        let field = match request.place_facet {
            PlaceFacet::About => f.location,
            PlaceFacet::Mentioned => f.mentions,
        };
        let places: Vec<(Occur, Box<dyn Query>)> = request
            .places
            .iter()
            .filter_map(|p| Facet::from_text(p).ok())
            .map(|facet| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_facet(field, &facet),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        // Places only filter; they must not change the ranking.
        let filter: Box<dyn Query> =
            Box::new(BoostQuery::new(Box::new(BooleanQuery::new(places)), 0.0));
        clauses.push((Occur::Must, filter));
    }
    if let Some(filter) = super::filter::source_filter(f.source, &request.sources) {
        clauses.push((Occur::Must, filter));
    }
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

    #[test]
    fn a_hit_prints_the_article_between_score_and_snippet_without_format_mentions_body() {
        let hit = Hit {
            rank: 1,
            score: Some(7.61),
            article: Article {
                id: "3f1c00aa12345678".into(),
                path: "/news/geneva.txt".into(),
                member: None,
                title: Some("Talks".into()),
                date: None,
                date_source: None,
                url: None,
                source: None,
                format: "txt".into(),
                dateline: Some("/Switzerland".into()),
                locations: vec!["/Syria".into()],
                mentions: vec!["/Syria".into()],
                body: "GENEVA - Talks.".into(),
                fingerprint: 0,
            },
            snippet: "Talks.".into(),
            highlights: vec![[0, 5]],
            similar_count: 0,
            similar: Vec::new(),
        };
        assert_eq!(
            serde_json::to_string(&hit).unwrap(),
            r#"{"rank":1,"score":7.61,"id":"3f1c00aa12345678","path":"/news/geneva.txt","title":"Talks","date":null,"date_source":null,"url":null,"source":null,"dateline":"/Switzerland","locations":["/Syria"],"snippet":"Talks.","highlights":[[0,5]]}"#
        );
    }

    /// The plain form `group_copies` must agree with: sort everything, then walk it.
    fn reference(
        all: &mut [Candidate],
        wanted: usize,
        order: impl Fn(&Candidate, &Candidate) -> std::cmp::Ordering,
    ) -> Vec<(DocAddress, Vec<(DocAddress, u32)>)> {
        all.sort_unstable_by(&order);
        let mut groups: Vec<(usize, Vec<(usize, u32)>)> = Vec::new();
        for i in 0..all.len() {
            let print = all[i].fingerprint;
            match groups
                .iter()
                .position(|(l, _)| near_duplicates(all[*l].fingerprint, print, NEAR_DUPLICATE_BITS))
            {
                Some(g) => {
                    let d = distance(all[groups[g].0].fingerprint, print);
                    groups[g].1.push((i, d));
                }
                None if groups.len() < wanted => groups.push((i, Vec::new())),
                None => {}
            }
        }
        addresses(all, &groups)
    }

    fn addresses(
        all: &[Candidate],
        groups: &[(usize, Vec<(usize, u32)>)],
    ) -> Vec<(DocAddress, Vec<(DocAddress, u32)>)> {
        groups
            .iter()
            .map(|(l, m)| {
                (
                    all[*l].address,
                    m.iter().map(|(i, d)| (all[*i].address, *d)).collect(),
                )
            })
            .collect()
    }

    /// Matches of a few stories, each with near-copies (a few bits flipped), scores and
    /// dates spread by a small xorshift generator; some scores tie.
    fn candidates(n: u32) -> Vec<Candidate> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let stories: Vec<u64> = (0..40).map(|_| next()).collect();
        (0..n)
            .map(|doc| {
                let r = next();
                let story = stories[(r % 40) as usize];
                let flips = (r >> 8) % 24;
                let fingerprint = (0..flips).fold(story, |f, k| f ^ (1 << ((r >> (k + 16)) % 64)));
                Candidate {
                    score: ((r >> 40) % 50) as f32 / 7.0,
                    date: ((r >> 20) % 5 != 0).then_some(((r >> 24) % 1000) as i64),
                    fingerprint,
                    address: DocAddress::new(doc % 3, doc),
                }
            })
            .collect()
    }

    #[test]
    fn partial_ranking_groups_exactly_like_a_full_sort() {
        let by_score = |a: &Candidate, b: &Candidate| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.address.cmp(&b.address))
        };
        let by_date = |a: &Candidate, b: &Candidate| {
            b.date.cmp(&a.date).then_with(|| a.address.cmp(&b.address))
        };
        for n in [0, 1, 50, 500, 5000] {
            for wanted in [0, 1, 10, 30, 100] {
                let mut a = candidates(n);
                let mut b = candidates(n);
                let groups = group_copies(&mut a, wanted, by_score);
                assert_eq!(
                    addresses(&a, &groups),
                    reference(&mut b, wanted, by_score),
                    "n={n} wanted={wanted}"
                );
                let mut a = candidates(n);
                let mut b = candidates(n);
                let groups = group_copies(&mut a, wanted, by_date);
                assert_eq!(
                    addresses(&a, &groups),
                    reference(&mut b, wanted, by_date),
                    "n={n} wanted={wanted} by date"
                );
            }
        }
    }
}
