//! Searching: query syntax, filters, running the query, and highlighting hits.

pub mod complete;
mod exclude;
pub mod export;
pub mod filter;
pub mod highlight;
pub mod lookup;
pub mod proximity;
pub mod query;
pub mod request;
pub mod run;
pub mod stem_query;
pub mod tally;

pub use filter::{DateFlagError, DateRange};
pub use query::{QueryError, parse_query};
pub use request::{QueryParams, RequestError};
pub use run::{Hit, PlaceFacet, SearchError, SearchRequest, SearchResult, Sort, run_search};

use crate::extract::article_id_from_bits;
use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

/// A stored document's article id. The id's text is not stored (16 random hex digits that
/// no compressor shrinks, 3% of the doc store); the number it spells is (`id_bits`).
pub(crate) fn stored_id(doc: &TantivyDocument, fields: &crate::index::Fields) -> String {
    article_id_from_bits(
        doc.get_first(fields.id_bits)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
    )
}

/// The facet paths (`/Syria/Aleppo/Aleppo`) stored in `field` of a document.
pub(crate) fn stored_facets(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_facet())
        .map(facet_path)
        .collect()
}

/// A facet's path from its encoded form (steps separated by NUL), written as tantivy's
/// `Facet` displays it — each step after a `/`, a `/` inside a step escaped as `\/` — but
/// without the regex tantivy compiles for that (30 µs of a search process), and with a `\`
/// escaped as `\\` so that every path parses back to its facet.
pub(crate) fn facet_path(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len() + 1);
    for step in encoded.split('\0') {
        out.push('/');
        for c in step.chars() {
            if c == '/' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Facet;

    #[test]
    fn facet_paths_read_like_tantivys_own_and_parse_back() {
        for path in ["/", "/Syria", "/Syria/Aleppo/Aleppo", "/a\\/b/c", "/Zürich"] {
            let facet = Facet::from_text(path).unwrap();
            let written = facet_path(facet.encoded_str());
            assert_eq!(written, facet.to_path_string(), "{path}");
            assert_eq!(Facet::from_text(&written).unwrap(), facet, "{path}");
        }
        // A backslash in a step (tantivy itself would write it as `\/`).
        let facet = Facet::from_text("/c\\\\d").unwrap();
        assert_eq!(
            Facet::from_text(&facet_path(facet.encoded_str())).unwrap(),
            facet
        );
    }
}
