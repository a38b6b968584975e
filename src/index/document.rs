//! The one mapping between an [`Article`] and a tantivy document: indexing writes an
//! article with [`to_document`], and every reader (hits, `show`, exports) gets it back with
//! [`from_document`]. A field of the article is mapped here and nowhere else.

use super::Fields;
use crate::article::{Article, Basis, DateSource};
use crate::extract::{article_id_bits, article_id_from_bits};
use chrono::Utc;
use tantivy::schema::{Facet, Field, Value};
use tantivy::{DateTime, TantivyDocument};

/// What the index records of the file an article came from, to tell on the next run
/// whether the file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime: u64,
    /// The digest of the metadata sidecar entry applied to its articles (0: none).
    pub metadata: u64,
}

/// The tantivy document for `article`, read from a file with `stamp`, the `order`th (from 0)
/// of the file's articles: `show PATH` lists them in that order without reading their
/// member text back.
pub fn to_document(f: &Fields, article: &Article, stamp: FileStamp, order: u64) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.path, &article.path);
    let optional_texts = [
        (f.member, &article.member),
        (f.url, &article.url),
        (f.title, &article.title),
    ];
    for (field, text) in optional_texts {
        if let Some(text) = text {
            doc.add_text(field, text);
        }
    }
    doc.add_text(f.body, &article.body);
    if let Some(source) = &article.source {
        doc.add_text(f.source, source);
    }
    doc.add_text(f.lang, &article.lang);
    doc.add_text(f.format, &article.format);
    // The date is kept only with where it came from, to the second.
    if let (Some(date), Some(source)) = (article.date, article.date_source) {
        doc.add_date(f.date, DateTime::from_timestamp_secs(date.timestamp()));
        doc.add_text(f.date_source, source.as_str());
    }
    let places = [
        (f.dateline, article.dateline.as_slice()),
        (f.location, &article.locations[..]),
        (f.mentions, &article.mentions[..]),
    ];
    for (field, paths) in places {
        for facet in paths.iter().filter_map(|p| facet_of(None, p)) {
            doc.add_facet(field, facet);
        }
    }
    for (k, path) in article.locations.iter().enumerate() {
        // Every extractor gives each place its basis; a place without one was given.
        let basis = article
            .location_basis
            .get(k)
            .copied()
            .unwrap_or(Basis::Metadata);
        if let Some(facet) = facet_of(Some(basis.as_str()), path) {
            doc.add_facet(f.location_basis, facet);
        }
    }
    doc.add_u64(f.fingerprint, article.fingerprint.pairs);
    doc.add_u64(f.fingerprint_triples, article.fingerprint.triples);
    if let Some(bits) = article_id_bits(&article.id) {
        doc.add_u64(f.id_bits, bits);
    }
    // Marked only when cut: the flag costs the other articles nothing.
    if article.truncated {
        doc.add_bool(f.truncated, true);
    }
    doc.add_u64(f.file_size, stamp.size);
    doc.add_u64(f.file_mtime, stamp.mtime);
    if stamp.metadata != 0 {
        doc.add_u64(f.file_metadata, stamp.metadata);
    }
    doc.add_u64(f.member_order, order);
    doc
}

/// The facet of `path` (`/Syria/Aleppo/Aleppo`), under a first step `under` if given, as
/// `Facet::from_text` reads the path. Tantivy's parser grows its string a piece at a time;
/// a path without its escape `\` (any place name) is encoded here in one pass instead,
/// each `/` becoming the step separator.
fn facet_of(under: Option<&str>, path: &str) -> Option<Facet> {
    if path.contains('\\') || !path.starts_with('/') {
        let text = match under {
            Some(step) => format!("/{step}{path}"),
            None => path.to_string(),
        };
        return Facet::from_text(&text).ok();
    }
    let mut encoded = Vec::with_capacity(path.len() + under.map_or(0, str::len));
    if let Some(step) = under {
        encoded.extend_from_slice(step.as_bytes());
        encoded.push(FACET_SEPARATOR);
    }
    encoded.extend(
        path.as_bytes()[1..]
            .iter()
            .map(|&b| if b == b'/' { FACET_SEPARATOR } else { b }),
    );
    Facet::from_encoded(encoded).ok()
}

/// The byte between two steps of an encoded facet.
const FACET_SEPARATOR: u8 = 0;

/// The article a stored document holds. Its `fingerprint` is empty: the index keeps it as
/// fast fields only (see [`Article::fingerprint`]).
pub fn from_document(f: &Fields, doc: &TantivyDocument) -> Article {
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let (locations, location_basis) = stored_facets(doc, f.location_basis)
        .into_iter()
        .filter_map(|path| split_basis(&path))
        .unzip();
    Article {
        id: stored_id(doc, f),
        path: text(f.path).unwrap_or_default(),
        member: text(f.member),
        title: text(f.title),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .and_then(|d| chrono::DateTime::<Utc>::from_timestamp(d.into_timestamp_secs(), 0)),
        date_source: text(f.date_source).and_then(|s| DateSource::parse(&s)),
        url: text(f.url),
        source: text(f.source),
        // Indexes are rebuilt when the schema changes, so every document has one.
        lang: text(f.lang).unwrap_or_else(|| crate::extract::language::UNKNOWN.to_string()),
        format: text(f.format).unwrap_or_default(),
        dateline: stored_facets(doc, f.dateline).into_iter().next(),
        locations,
        location_basis,
        mentions: stored_facets(doc, f.mentions),
        body: text(f.body).unwrap_or_default(),
        truncated: doc
            .get_first(f.truncated)
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        fingerprint: Default::default(),
    }
}

/// A stored document's article id. The id's text is not stored (16 random hex digits that
/// no compressor shrinks, 3% of the doc store); the number it spells is (`id_bits`).
fn stored_id(doc: &TantivyDocument, f: &Fields) -> String {
    article_id_from_bits(
        doc.get_first(f.id_bits)
            .and_then(|v| v.as_u64())
            .unwrap_or(0),
    )
}

/// A stored `location_basis` path (`/headline/Syria`) as its place and basis.
fn split_basis(path: &str) -> Option<(String, Basis)> {
    let (name, place) = path.strip_prefix('/')?.split_once('/')?;
    Some((format!("/{place}"), Basis::parse(name)?))
}

/// The facet paths (`/Syria/Aleppo/Aleppo`) stored in `field` of a document.
fn stored_facets(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_facet())
        .map(facet_path)
        .collect()
}

/// A facet's path from its encoded form (steps separated by NUL), written as tantivy's
/// `Facet` displays it — each step after a `/`, a `/` inside a step escaped as `\/` — but
/// without the regex tantivy compiles for that (30 µs of a search process), and with a `\`
/// escaped as `\\` so that every path parses back to its facet.
pub fn facet_path(encoded: &str) -> String {
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
    use crate::index::NewsSchema;

    fn article() -> Article {
        Article {
            id: "3f1c00aa12345678".into(),
            path: "/news/2016/geneva.txt".into(),
            member: Some("line 7".into()),
            title: Some("Truce talks".into()),
            date: chrono::DateTime::from_timestamp(1_461_801_600, 0),
            date_source: Some(DateSource::Dateline),
            url: Some("https://example.com/a".into()),
            source: Some("Reuters".into()),
            lang: "en".into(),
            format: "jsonl".into(),
            dateline: Some("/Switzerland/Geneva/Geneva".into()),
            locations: vec![
                "/Switzerland/Geneva/Geneva".into(),
                "/Syria".into(),
                "/a\\/b/c".into(),
            ],
            location_basis: vec![Basis::Dateline, Basis::Repeated, Basis::Fallback],
            mentions: vec!["/Syria".into(), "/a\\/b/c".into()],
            body: "GENEVA (Reuters) - Talks resumed.".into(),
            truncated: true,
            fingerprint: Default::default(),
        }
    }

    /// A document as the doc store gives it back: only stored fields survive.
    fn stored_only(schema: &NewsSchema, doc: TantivyDocument) -> TantivyDocument {
        let mut out = TantivyDocument::default();
        for (field, value) in doc.field_values() {
            if schema.schema.get_field_entry(field).is_stored() {
                out.add_field_value(field, value);
            }
        }
        out
    }

    #[test]
    fn an_article_comes_back_from_its_stored_document_unchanged() {
        let schema = NewsSchema::embedded();
        let f = schema.fields;
        let stamp = FileStamp {
            size: 10,
            mtime: 20,
            metadata: 30,
        };
        let full = article();
        let doc = stored_only(&schema, to_document(&f, &full, stamp, 0));
        assert_eq!(from_document(&f, &doc), full);
        let bare = Article {
            member: None,
            title: None,
            date: None,
            date_source: None,
            url: None,
            source: None,
            dateline: None,
            locations: Vec::new(),
            location_basis: Vec::new(),
            mentions: Vec::new(),
            truncated: false,
            ..article()
        };
        let doc = stored_only(&schema, to_document(&f, &bare, stamp, 0));
        assert_eq!(from_document(&f, &doc), bare);
    }

    #[test]
    fn a_date_is_stored_to_the_second_and_only_with_its_source() {
        let schema = NewsSchema::embedded();
        let f = schema.fields;
        let stamp = FileStamp {
            size: 0,
            mtime: 0,
            metadata: 0,
        };
        let fractional = Article {
            date: chrono::DateTime::from_timestamp(1_461_801_600, 750_000_000),
            ..article()
        };
        let back = from_document(&f, &to_document(&f, &fractional, stamp, 0));
        assert_eq!(back.date, article().date);
        let sourceless = Article {
            date_source: None,
            ..article()
        };
        let back = from_document(&f, &to_document(&f, &sourceless, stamp, 0));
        assert_eq!((back.date, back.date_source), (None, None));
    }

    #[test]
    fn facets_are_encoded_as_tantivy_parses_their_paths() {
        let paths = [
            "/",
            "/Syria",
            "/Syria/Aleppo/Aleppo",
            "/Zürich//x/",
            "/a\\/b/c",
            "/c\\\\d",
            "Syria",
            "",
        ];
        for path in paths {
            assert_eq!(facet_of(None, path), Facet::from_text(path).ok(), "{path}");
            assert_eq!(
                facet_of(Some("headline"), path),
                Facet::from_text(&format!("/headline{path}")).ok(),
                "{path}"
            );
        }
    }

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
