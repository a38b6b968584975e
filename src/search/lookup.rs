//! Finding stored articles by id or path, for `newsdex show`.

use super::run::SearchError;
use crate::article::Article;
use crate::extract::article_id_bits;
use crate::index::NewsIndex;
use crate::index::document::from_document;
use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::store::StoreReader;
use tantivy::{TantivyDocument, Term};

/// Most articles `show` prints for one path (a JSONL file may hold thousands).
pub const MAX_SHOWN: usize = 1000;

/// Decompressed doc-store blocks a `show` keeps per segment.
const STORE_CACHE_BLOCKS: usize = 4;

/// The article with id `key`, or else the articles of the file at path `key` (as given, or
/// made absolute), in member order.
pub fn find_articles(index: &NewsIndex, key: &str) -> Result<Vec<Article>, SearchError> {
    let f = index.schema.fields;
    if let Some(article) = find_by_id(index, key)? {
        return Ok(vec![article]);
    }
    let mut candidates = vec![key.to_string()];
    if let Ok(abs) = std::fs::canonicalize(key) {
        candidates.push(crate::walk::path_key(&abs));
    } else if let Ok(cwd) = std::env::current_dir() {
        candidates.push(crate::walk::path_key(&cwd.join(key)));
    }
    for path in candidates {
        let query = TermQuery::new(
            Term::from_field_text(f.path, &path),
            IndexRecordOption::Basic,
        );
        let mut found = lookup(index, &query)?;
        if !found.is_empty() {
            found.sort_by_key(|a| member_number(a.member.as_deref()));
            return Ok(found);
        }
    }
    Ok(Vec::new())
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

/// `line 12` → 12, so members sort in file order.
fn member_number(member: Option<&str>) -> (u64, String) {
    let m = member.unwrap_or_default();
    let n = m
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (n, m.to_string())
}

fn lookup(index: &NewsIndex, query: &dyn Query) -> Result<Vec<Article>, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut docs = searcher
        .search(query, &TopDocs::with_limit(MAX_SHOWN).order_by_score())
        .map_err(|e| index.error(e))?;
    // A file's articles lie side by side in the doc store: read them in index order through
    // store readers that keep the last blocks, not one decompression per article.
    docs.sort_by_key(|(_, address)| *address);
    let mut stores: Vec<Option<StoreReader>> = Vec::new();
    stores.resize_with(searcher.segment_readers().len(), || None);
    let mut out = Vec::new();
    for (_, address) in docs {
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
        out.push(from_document(&index.schema.fields, &doc));
    }
    Ok(out)
}
