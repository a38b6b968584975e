//! Finding stored articles by id or path, for `newsdex show`.

use super::run::SearchError;
use super::stored_facets;
use crate::article::DateSource;
use crate::extract::article_id_bits;
use crate::index::NewsIndex;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::store::StoreReader;
use tantivy::{TantivyDocument, Term};

/// Most articles `show` prints for one path (a JSONL file may hold thousands).
pub const MAX_SHOWN: usize = 1000;

/// Decompressed doc-store blocks a `show` keeps per segment.
const STORE_CACHE_BLOCKS: usize = 4;

/// An article as stored in the index.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub title: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub date_source: Option<DateSource>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub format: Option<String>,
    pub dateline: Option<String>,
    pub locations: Vec<String>,
    pub mentions: Vec<String>,
    pub body: String,
}

/// The article with id `key`, or else the articles of the file at path `key` (as given, or
/// made absolute), in member order.
pub fn find_articles(index: &NewsIndex, key: &str) -> Result<Vec<StoredArticle>, SearchError> {
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
pub fn find_by_id(index: &NewsIndex, id: &str) -> Result<Option<StoredArticle>, SearchError> {
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

fn lookup(index: &NewsIndex, query: &dyn Query) -> Result<Vec<StoredArticle>, SearchError> {
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
        out.push(stored(index, &doc));
    }
    Ok(out)
}

fn stored(index: &NewsIndex, doc: &TantivyDocument) -> StoredArticle {
    let f = index.schema.fields;
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let facets = |field: Field| stored_facets(doc, field);
    StoredArticle {
        id: super::stored_id(doc, &f),
        path: text(f.path).unwrap_or_default(),
        member: text(f.member),
        title: text(f.title),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| DateTime::from_timestamp(d.into_timestamp_secs(), 0)),
        date_source: text(f.date_source).and_then(|s| DateSource::parse(&s)),
        url: text(f.url),
        source: text(f.source),
        format: text(f.format),
        dateline: facets(f.dateline).into_iter().next(),
        locations: facets(f.location),
        mentions: facets(f.mentions),
        body: text(f.body).unwrap_or_default(),
    }
}
