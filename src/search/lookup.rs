//! Finding stored articles by id, path or `path (member)`, for `newsdex show`.

use super::run::SearchError;
use crate::article::Article;
use crate::extract::article_id_bits;
use crate::index::NewsIndex;
use crate::index::document::from_document;
use std::ops::Bound;
use tantivy::collector::DocSetCollector;
use tantivy::columnar::Column;
use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, TantivyDocument, Term};

/// Most articles `show` prints for one path unless asked for more (a JSONL file may hold
/// thousands).
pub const MAX_SHOWN: usize = 1000;

/// Decompressed doc-store blocks a `show` keeps per segment.
const STORE_CACHE_BLOCKS: usize = 4;

/// What `show` found for a key: the articles asked for, and how many the key names in all.
#[derive(Debug, Default)]
pub struct Found {
    /// In member order (file order), `offset` skipped, at most `limit`.
    pub articles: Vec<Article>,
    /// Articles the key names: 1 for an id or a `path (member)`, every article of a path.
    pub total: usize,
    /// The path the key named, as the index spells it (for a message about the rest).
    pub path: Option<String>,
}

/// The article with id `key`; else the article at `path (member)`, the form results print
/// (`/news/wire.jsonl (line 7)`); else the articles of the file at path `key` (as given, or
/// made absolute), in member order, `offset` skipped, at most `limit`.
pub fn find_articles(
    index: &NewsIndex,
    key: &str,
    offset: usize,
    limit: usize,
) -> Result<Found, SearchError> {
    if let Some(article) = find_by_id(index, key)? {
        return Ok(Found {
            articles: vec![article],
            total: 1,
            path: None,
        });
    }
    let paths = |path: &str| {
        let mut candidates = vec![path.to_string()];
        if let Ok(abs) = std::fs::canonicalize(path) {
            candidates.push(crate::walk::path_key(&abs));
        } else if let Ok(cwd) = std::env::current_dir() {
            candidates.push(crate::walk::path_key(&cwd.join(path)));
        }
        candidates
    };
    for path in paths(key) {
        let docs = path_docs(index, &path)?;
        if docs.is_empty() {
            continue;
        }
        let total = docs.len();
        let mut keyed = member_orders(index, &docs)?;
        keyed.sort();
        let mut wanted: Vec<DocAddress> = keyed
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(_, at)| at)
            .collect();
        // Read in index order, then put back in member order.
        let order: Vec<DocAddress> = wanted.clone();
        wanted.sort();
        let mut loaded = load(index, &wanted, |at, a| (at, Some(a)))?;
        let mut articles = Vec::with_capacity(loaded.len());
        for at in order {
            if let Ok(i) = loaded.binary_search_by_key(&at, |(a, _)| *a) {
                articles.extend(loaded[i].1.take());
            }
        }
        return Ok(Found {
            articles,
            total,
            path: Some(path),
        });
    }
    // `path (member)`: the path is everything before the last ` (`.
    if let Some((path, member)) = key.strip_suffix(')').and_then(|k| k.rsplit_once(" (")) {
        for path in paths(path) {
            let docs = path_docs(index, &path)?;
            let found = load(index, &docs, |_, a| a)?
                .into_iter()
                .find(|a| a.member.as_deref() == Some(member));
            if let Some(article) = found {
                return Ok(Found {
                    articles: vec![article],
                    total: 1,
                    path: None,
                });
            }
        }
    }
    Ok(Found::default())
}

/// The article whose id is `id`, if the index holds one. Never looks at the file system
/// (the server takes ids from requests).
pub fn find_by_id(index: &NewsIndex, id: &str) -> Result<Option<Article>, SearchError> {
    let Some(bits) = article_id_bits(id) else {
        return Ok(None);
    };
    // The id as a number, found by a scan of its fast field (no term index).
    let term = Term::from_field_u64(index.schema.fields.id_bits, bits);
    let found = lookup(
        index,
        &RangeQuery::new(Bound::Included(term.clone()), Bound::Included(term)),
    )?;
    Ok(found.into_iter().next())
}

/// Each document's place among its file's articles, from the `member_order` fast field:
/// sorting by it lists a file's articles in file order without loading them.
fn member_orders(
    index: &NewsIndex,
    docs: &[DocAddress],
) -> Result<Vec<(u64, DocAddress)>, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut columns: Vec<Option<Column<u64>>> = Vec::new();
    columns.resize_with(searcher.segment_readers().len(), || None);
    let mut out = Vec::with_capacity(docs.len());
    for at in docs {
        let column = match &mut columns[at.segment_ord as usize] {
            Some(column) => column,
            slot => slot.insert(
                searcher
                    .segment_reader(at.segment_ord)
                    .fast_fields()
                    .u64("member_order")
                    .map_err(|e| index.error(e))?,
            ),
        };
        out.push((column.first(at.doc_id).unwrap_or(0), *at));
    }
    Ok(out)
}

/// Every document of the file keyed `path`, in index order.
fn path_docs(index: &NewsIndex, path: &str) -> Result<Vec<DocAddress>, SearchError> {
    let query = TermQuery::new(
        Term::from_field_text(index.schema.fields.path, path),
        IndexRecordOption::Basic,
    );
    let reader = index.reader()?;
    let found = reader
        .searcher()
        .search(&query, &DocSetCollector)
        .map_err(|e| index.error(e))?;
    let mut docs: Vec<DocAddress> = found.into_iter().collect();
    docs.sort();
    Ok(docs)
}

fn lookup(index: &NewsIndex, query: &dyn Query) -> Result<Vec<Article>, SearchError> {
    let reader = index.reader()?;
    let docs = reader
        .searcher()
        .search(query, &DocSetCollector)
        .map_err(|e| index.error(e))?;
    let mut docs: Vec<DocAddress> = docs.into_iter().collect();
    docs.sort();
    load(index, &docs, |_, a| a)
}

/// What `keep` makes of the article at each of `docs` (sorted): a file's articles lie side
/// by side in the doc store, so they are read in index order through store readers that
/// keep the last blocks, not one decompression per article.
fn load<T>(
    index: &NewsIndex,
    docs: &[DocAddress],
    mut keep: impl FnMut(DocAddress, Article) -> T,
) -> Result<Vec<T>, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut stores: Vec<Option<StoreReader>> = Vec::new();
    stores.resize_with(searcher.segment_readers().len(), || None);
    let mut out = Vec::with_capacity(docs.len());
    for address in docs {
        let store = match &mut stores[address.segment_ord as usize] {
            Some(store) => store,
            slot => slot.insert(
                searcher
                    .segment_reader(address.segment_ord)
                    .get_store_reader(STORE_CACHE_BLOCKS)
                    .map_err(|e| index.error(e.into()))?,
            ),
        };
        let doc: TantivyDocument = store.get(address.doc_id).map_err(|e| index.error(e))?;
        out.push(keep(*address, from_document(&index.schema.fields, &doc)));
    }
    Ok(out)
}
