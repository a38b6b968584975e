//! Running a search: the request is compiled (see [`super::compile`]), matches are collected
//! with an exact total — ranked, or grouped into near-copies (see [`super::group`]) — and the
//! page's documents become [`Hit`]s with snippets.

use super::compile::prepare;
use super::filter::DateRange;
use super::group::{CandidateCollector, CopyColumns, group_copies, rank_order};
use super::highlight::{Needles, SNIPPET_BYTES, make_snippet};
use super::query::QueryError;
use crate::article::{Article, ArticleField, DateSource};
use crate::index::document::from_document;
use crate::index::{Fields, IndexError, NewsIndex};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

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
    /// What each `--location` name resolved to; `places` holds their facet paths.
    pub place_choices: Vec<super::location::PlaceChoice>,
    pub place_facet: PlaceFacet,
    /// `--location-basis`: the about places that `places` match (every about place when
    /// none is asked for) must have been chosen on one of these; empty: on any.
    pub location_bases: Vec<crate::article::Basis>,
    /// Sources, exactly as stored; an article from any of them passes.
    pub sources: Vec<String>,
    /// What may have dated an article (`--date-source`); empty: any, undated included.
    pub date_sources: Vec<DateSource>,
    /// Language codes (`fr`, `und`); an article in any of them passes.
    pub langs: Vec<String>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// Show near-copies of a story once, under its best-ranked copy (see [`Hit::similar`]).
    pub group_copies: bool,
}

/// A near-copy of a hit (same story, body fingerprint within the threshold).
#[derive(Debug, Clone, Serialize)]
pub struct Similar {
    /// Its article id (`newsdex show ID` prints it).
    pub id: String,
    /// Where it was read: the file, and the record or member inside it.
    pub path: String,
    pub member: Option<String>,
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
    /// With `--from`/`--to`: articles that would match but have no date, so the date filter
    /// left them out (not in `total`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated_left_out: Option<u64>,
    /// With copies grouped, how many hits (stories) all the matches make, when this page
    /// reached the last of them (counting them all would mean grouping every match).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hits_total: Option<usize>,
    pub hits: Vec<Hit>,
    /// What the one `--location` name resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<super::location::PlaceChoice>,
    /// What each of several `--location` names resolved to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<super::location::PlaceChoice>,
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
        undated_left_out: super::tally::undated_left_out(index, request)?,
        hits_total: None,
        hits,
        location: one_location(request),
        locations: several_locations(request),
        facets: None,
    })
}

/// The place choice of a request with one `--location`.
fn one_location(request: &SearchRequest) -> Option<super::location::PlaceChoice> {
    match request.place_choices.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The place choices of a request with several `--location`s.
fn several_locations(request: &SearchRequest) -> Vec<super::location::PlaceChoice> {
    if request.place_choices.len() > 1 {
        request.place_choices.clone()
    } else {
        Vec::new()
    }
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
    let groups = group_copies(&mut all, wanted, rank_order(request.sort));
    let hits_total = (groups.len() < wanted).then_some(groups.len());
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
            let copy = copies
                .get(searcher, all[*m].address)
                .map_err(|e| index.error(e))?;
            hit.similar.push(Similar {
                id: copy.id,
                path: copy.path,
                member: copy.member,
                date: copy.date.and_then(|s| DateTime::from_timestamp(s, 0)),
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
        undated_left_out: super::tally::undated_left_out(index, request)?,
        hits_total,
        hits,
        location: one_location(request),
        locations: several_locations(request),
        facets: None,
    })
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
    let snippet = make_snippet(
        &article.body,
        &needles.for_lang(&article.lang),
        SNIPPET_BYTES,
    );
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
                lang: "en".into(),
                format: "txt".into(),
                dateline: Some("/Switzerland".into()),
                locations: vec!["/Syria".into()],
                location_basis: vec![crate::article::Basis::Repeated],
                mentions: vec!["/Syria".into()],
                body: "GENEVA - Talks.".into(),
                truncated: false,
                fingerprint: Default::default(),
            },
            snippet: "Talks.".into(),
            highlights: vec![[0, 5]],
            similar_count: 0,
            similar: Vec::new(),
        };
        assert_eq!(
            serde_json::to_string(&hit).unwrap(),
            r#"{"rank":1,"score":7.61,"id":"3f1c00aa12345678","path":"/news/geneva.txt","title":"Talks","date":null,"date_source":null,"url":null,"source":null,"lang":"en","dateline":"/Switzerland","locations":["/Syria"],"location_basis":["repeated"],"snippet":"Talks.","highlights":[[0,5]]}"#
        );
    }
}
