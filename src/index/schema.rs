//! The index schema, declared once in `schema/index.json` and embedded into the binary.

use serde::Deserialize;
use tantivy::Index;
use tantivy::schema::{Field, Schema};
use tantivy::tokenizer::TextAnalyzer;

/// The schema file, as written in `schema/index.json`.
const SCHEMA_JSON: &str = include_str!("../../schema/index.json");

/// Tokenizer of the text fields: lower-cased, accent-folded words with positions that
/// count words and mark punctuation other than quotation marks and brackets between two
/// words, which keeps them from being a phrase (see [`super::tokenizer`]). Bare words are stemmed at query time, not in the index (see
/// [`crate::search::stem_query`]), in the index's [`super::Language`].
pub const EXACT_TOKENIZER: &str = "news_exact";

#[derive(Deserialize)]
struct SchemaFile {
    version: u32,
    fields: Schema,
}

/// The declared schema with its version and a handle on every field newsdex uses.
#[derive(Clone)]
pub struct NewsSchema {
    pub version: u32,
    pub schema: Schema,
    pub fields: Fields,
}

/// Every field of the index, looked up once by name.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub path: Field,
    pub member: Field,
    pub url: Field,
    pub title: Field,
    pub body: Field,
    pub source: Field,
    /// The article's language code (`en`, `und`): a term to filter on, a fast field to count.
    pub lang: Field,
    pub format: Field,
    pub date: Field,
    pub date_source: Field,
    pub dateline: Field,
    pub location: Field,
    /// Each place of `location` under the name of its basis (`/headline/Syria`): filtered
    /// on by `--location-basis`, and stored, so that both the places and their bases are
    /// read back from it (`location` itself is not stored).
    pub location_basis: Field,
    pub mentions: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    /// The digest of the metadata sidecar's entry applied to the file (0: none), so that a
    /// changed entry makes the next run read the file again.
    pub file_metadata: Field,
    pub member_order: Field,
    pub fingerprint: Field,
    pub fingerprint_triples: Field,
    /// The article id (16 hex digits) as a number: stored for hits, and a fast field to list
    /// near-copies and to find an article by id (no term index: a term per article cost
    /// indexing time and space for `show ID` alone).
    pub id_bits: Field,
    /// Set (stored, true) on an article whose text was cut at the size limit.
    pub truncated: Field,
}

impl NewsSchema {
    /// The schema embedded in this binary.
    pub fn embedded() -> NewsSchema {
        // The file is part of the binary and checked by a unit test, so a failure here is a
        // build defect, not bad user input.
        let file: SchemaFile =
            serde_json::from_str(SCHEMA_JSON).expect("schema/index.json is valid");
        let schema = file.fields;
        let field = |name: &str| {
            schema
                .get_field(name)
                .unwrap_or_else(|_| panic!("schema/index.json lacks field `{name}`"))
        };
        let fields = Fields {
            path: field("path"),
            member: field("member"),
            url: field("url"),
            title: field("title"),
            body: field("body"),
            source: field("source"),
            lang: field("lang"),
            format: field("format"),
            date: field("date"),
            date_source: field("date_source"),
            dateline: field("dateline"),
            location: field("location"),
            location_basis: field("location_basis"),
            mentions: field("mentions"),
            file_size: field("file_size"),
            file_mtime: field("file_mtime"),
            file_metadata: field("file_metadata"),
            member_order: field("member_order"),
            fingerprint: field("fingerprint"),
            fingerprint_triples: field("fingerprint_triples"),
            id_bits: field("id_bits"),
            truncated: field("truncated"),
        };
        NewsSchema {
            version: file.version,
            schema,
            fields,
        }
    }
}

/// The analyzer behind [`EXACT_TOKENIZER`].
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(super::tokenizer::NewsTokenizer::default())
}

/// Register newsdex's analyzers on an index (needed after every open).
pub fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(EXACT_TOKENIZER, exact_analyzer());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Language;

    #[test]
    fn embedded_schema_loads_with_every_field() {
        let s = NewsSchema::embedded();
        assert!(s.version >= 1);
        let f = s.fields;
        let handles = [
            (f.path, "path"),
            (f.member, "member"),
            (f.url, "url"),
            (f.title, "title"),
            (f.body, "body"),
            (f.source, "source"),
            (f.lang, "lang"),
            (f.format, "format"),
            (f.date, "date"),
            (f.date_source, "date_source"),
            (f.dateline, "dateline"),
            (f.location, "location"),
            (f.location_basis, "location_basis"),
            (f.mentions, "mentions"),
            (f.file_size, "file_size"),
            (f.file_mtime, "file_mtime"),
            (f.file_metadata, "file_metadata"),
            (f.member_order, "member_order"),
            (f.fingerprint, "fingerprint"),
            (f.fingerprint_triples, "fingerprint_triples"),
            (f.id_bits, "id_bits"),
            (f.truncated, "truncated"),
        ];
        for (field, name) in handles {
            assert_eq!(s.schema.get_field_name(field), name);
        }
        // No field of the file lacks a handle.
        let mut declared: Vec<&str> = s.schema.fields().map(|(_, e)| e.name()).collect();
        let mut handled: Vec<&str> = handles.iter().map(|(_, name)| *name).collect();
        declared.sort_unstable();
        handled.sort_unstable();
        assert_eq!(declared, handled);
    }

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stem_analyzer_folds_inflections_and_accents() {
        assert_eq!(
            tokens(Language::English.stem_analyzer(), "Elections in Zürich"),
            ["elect", "in", "zurich"]
        );
    }

    #[test]
    fn exact_analyzer_keeps_word_forms() {
        assert_eq!(
            tokens(exact_analyzer(), "Cessation of\nHostilities, Zürich"),
            ["cessation", "of", "hostilities", "zurich"]
        );
    }
}
