//! Every article matching a request, whole, in index order: what `newsdex export` hands to
//! another engine. Streamed segment by segment, so memory stays flat however many match.

use super::compile::prepare;
use super::run::{SearchError, SearchRequest};
use crate::article::Article;
use crate::extract::fingerprint::Fingerprint;
use crate::index::NewsIndex;
use crate::index::document::from_document;
use std::cell::RefCell;
use std::io;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, TantivyDocument};

/// Call `sink` with every article matching `request`, in index order, whole: with its
/// fingerprint, which only a fast field holds. Stops at the first error `sink` returns (a
/// full disk, say) and returns it.
pub fn for_each_article(
    index: &NewsIndex,
    request: &SearchRequest,
    sink: &mut dyn FnMut(Article) -> io::Result<()>,
) -> Result<io::Result<()>, SearchError> {
    let (query, _) = prepare(index, request)?;
    for_each_matching(index, query.as_ref(), sink)
}

/// [`for_each_article`] for a query prepared already (`search --all` keeps its needles).
pub(crate) fn for_each_matching(
    index: &NewsIndex,
    query: &dyn Query,
    sink: &mut dyn FnMut(Article) -> io::Result<()>,
) -> Result<io::Result<()>, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let weight = query
        .weight(EnableScoring::disabled_from_searcher(&searcher))
        .map_err(|e| index.error(e))?;
    let failed: RefCell<Option<io::Error>> = RefCell::new(None);
    for segment in searcher.segment_readers() {
        // Matches come in doc order, so one cached block serves all its neighbours.
        let store = segment
            .get_store_reader(1)
            .map_err(|e| index.error(e.into()))?;
        let pairs = segment
            .fast_fields()
            .u64("fingerprint")
            .map_err(|e| index.error(e))?;
        let triples = segment
            .fast_fields()
            .u64("fingerprint_triples")
            .map_err(|e| index.error(e))?;
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
                    let document: TantivyDocument = match store.get(doc) {
                        Ok(d) => d,
                        Err(e) => {
                            store_error = Some(e);
                            return;
                        }
                    };
                    let article = Article {
                        fingerprint: Fingerprint {
                            pairs: pairs.first(doc).unwrap_or(0),
                            triples: triples.first(doc).unwrap_or(0),
                        },
                        ..from_document(&index.schema.fields, &document)
                    };
                    if let Err(e) = sink(article) {
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
