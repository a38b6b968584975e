//! The engines' index definitions for an export: a Quickwit index config (YAML) and an
//! OpenSearch create-index body (settings and mappings, JSON). Both mirror newsdex's fields
//! (`formats::interchange::ExportedArticle`) and refuse any other (`mode: strict`,
//! `dynamic: strict`), so a mistyped record fails loudly at ingest.

use super::Target;
use crate::index::Language;
use serde_json::{Value, json};

/// Quickwit's index config for an export into index `index_id`.
///
/// Text is indexed twice, because Quickwit has no sub-fields: `title`/`body` stemmed
/// (`en_stem`) for bare words, `title_exact`/`body_exact` lower-cased but unstemmed
/// (`default`) for quoted phrases; both with positions (phrases, `~n`) and field norms
/// (BM25). Place paths are `raw` fast fields holding every ancestor, so a term matches a
/// place and everything under it and a terms aggregation counts articles per place.
///
/// Quickwit refuses at ingest a document without its index's `timestamp_field`, so undated
/// articles go to a second index, `dated: false`, the same but for that line.
pub fn quickwit_index_config(index_id: &str, language: Language, dated: bool) -> String {
    let stemmer = quickwit_stemmer(language);
    let (file, timestamp) = if dated {
        (
            Target::Quickwit.config_file(),
            "\n  timestamp_field: published",
        )
    } else {
        (super::QUICKWIT_UNDATED_CONFIG, "")
    };
    format!(
        r#"# Quickwit index config written by `newsdex export --to quickwit`.
# Create the index with: quickwit index create --index-config {file}
version: 0.8
index_id: {index_id}
doc_mapping:
  mode: strict
  field_mappings:
    - name: newsdex_export
      type: u64
      indexed: false
    - name: id
      type: text
      tokenizer: raw
    - name: title
      type: text
      tokenizer: {stemmer}
      record: position
      fieldnorms: true
    - name: title_exact
      type: text
      tokenizer: default
      record: position
      fieldnorms: true
      stored: false
    - name: body
      type: text
      tokenizer: {stemmer}
      record: position
      fieldnorms: true
    - name: body_exact
      type: text
      tokenizer: default
      record: position
      fieldnorms: true
      stored: false
    - name: published
      type: datetime
      input_formats: [rfc3339]
      output_format: rfc3339
      fast_precision: seconds
      fast: true
    - name: date_source
      type: text
      tokenizer: raw
    - name: dateline
      type: text
      tokenizer: raw
    - name: locations
      type: array<text>
      tokenizer: raw
    - name: location_basis
      type: array<text>
      tokenizer: raw
    - name: mentions
      type: array<text>
      tokenizer: raw
    - name: dateline_tree
      type: array<text>
      tokenizer: raw
      fast: true
    - name: location_tree
      type: array<text>
      tokenizer: raw
      fast: true
    - name: mention_tree
      type: array<text>
      tokenizer: raw
      fast: true
    - name: source
      type: text
      tokenizer: raw
      fast: true
    - name: lang
      type: text
      tokenizer: raw
      fast: true
    - name: url
      type: text
      tokenizer: raw
    - name: path
      type: text
      tokenizer: raw
    - name: member
      type: text
      indexed: false
    - name: format
      type: text
      tokenizer: raw
      fast: true
    - name: fingerprint
      type: text
      tokenizer: raw
      fast: true
    - name: language
      type: text
      tokenizer: raw{timestamp}
search_settings:
  default_search_fields: [title, body]
"#
    )
}

/// Quickwit's built-in stemming tokenizer for `language`: English is the only one it has.
fn quickwit_stemmer(language: Language) -> &'static str {
    match language {
        Language::English => "en_stem",
        _ => "default",
    }
}

/// OpenSearch's built-in language analyzer for `language`.
fn opensearch_analyzer(language: Language) -> &'static str {
    language.name()
}

/// The body of `PUT /<index>` for an export: settings with the exact analyzer, and the
/// mappings. Text is stemmed by the language's analyzer, with an `exact` sub-field
/// (standard tokenizer, lower-cased, accents folded, no stemming) for quoted phrases.
pub fn opensearch_index_body(language: Language) -> String {
    let text = |analyzer: &str| {
        json!({
            "type": "text",
            "analyzer": analyzer,
            "fields": {"exact": {"type": "text", "analyzer": "newsdex_exact"}}
        })
    };
    let keyword = json!({"type": "keyword"});
    let analyzer = opensearch_analyzer(language);
    let body: Value = json!({
        "settings": {
            "analysis": {
                "analyzer": {
                    "newsdex_exact": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"]
                    }
                }
            }
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": {"newsdex_export": crate::formats::interchange::EXPORT_VERSION, "language": language.name()},
            "properties": {
                "newsdex_export": {"type": "integer", "index": false},
                "id": keyword,
                "title": text(analyzer),
                "body": text(analyzer),
                "published": {"type": "date", "format": "strict_date_optional_time"},
                "date_source": keyword,
                "dateline": keyword,
                "locations": keyword,
                "location_basis": keyword,
                "mentions": keyword,
                "dateline_tree": keyword,
                "location_tree": keyword,
                "mention_tree": keyword,
                "source": keyword,
                "lang": keyword,
                "url": keyword,
                "path": keyword,
                "member": {"type": "keyword", "index": false},
                "format": keyword,
                "fingerprint": keyword,
                "language": keyword
            }
        }
    });
    let mut out = serde_json::to_string_pretty(&body).unwrap_or_default();
    out.push('\n');
    out
}
