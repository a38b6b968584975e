//! Place-name completion for a search form: the places an index holds whose name starts with
//! what the user has typed, most frequent first, plus what the typed text resolves to as a
//! `--location` (so aliases such as "U.S." or "Britain" complete too).

use super::compile::analyze;
use super::run::SearchError;
use crate::extract::place::resolve_place;
use crate::index::NewsIndex;
use crate::index::document::facet_path;
use crate::index::schema::exact_analyzer;
use serde::Serialize;
use std::collections::HashMap;
use tantivy::tokenizer::TextAnalyzer;

/// One completion: a facet path to filter on, and the name to show for it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PlaceSuggestion {
    pub path: String,
    pub name: String,
    /// Articles that mention the place (counted before deletions are merged away).
    pub articles: u64,
}

/// At most `limit` places whose name (last step of the path) or any word of it starts with
/// `typed`, case- and accent-insensitively; the place `typed` resolves to comes first.
pub fn complete_places(
    index: &NewsIndex,
    typed: &str,
    limit: usize,
) -> Result<Vec<PlaceSuggestion>, SearchError> {
    // One analyzer for the whole scan of the place names.
    let mut analyzer = exact_analyzer();
    let wanted = fold(&mut analyzer, typed.trim());
    if wanted.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let field = index.schema.fields.mentions;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut counts: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field).map_err(|e| index.error(e))?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| index.error(e.into()))?;
        while terms.advance() {
            let Ok(encoded) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            let leaf = encoded.rsplit('\0').next().unwrap_or(encoded);
            if name_matches(&fold(&mut analyzer, leaf), &wanted) {
                *counts.entry(encoded.to_string()).or_default() +=
                    u64::from(terms.value().doc_freq);
            }
        }
    }
    let mut found: Vec<PlaceSuggestion> = counts
        .into_iter()
        .map(|(encoded, articles)| PlaceSuggestion {
            name: encoded.rsplit('\0').next().unwrap_or(&encoded).to_string(),
            path: facet_path(&encoded),
            articles,
        })
        .collect();
    found.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.path.cmp(&b.path)));
    if let Some(path) = resolve_place(typed.trim()) {
        found.retain(|s| s.path != path);
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        found.insert(
            0,
            PlaceSuggestion {
                name,
                path,
                articles: 0,
            },
        );
    }
    found.truncate(limit);
    Ok(found)
}

/// Whether the folded place name, or one of its words, starts with the folded `wanted`.
fn name_matches(name: &str, wanted: &str) -> bool {
    name.starts_with(wanted)
        || name
            .match_indices(' ')
            .any(|(at, _)| name[at + 1..].starts_with(wanted))
}

/// The words of `s` as the index folds them (lower-cased, accents folded), one space apart.
fn fold(analyzer: &mut TextAnalyzer, s: &str) -> String {
    analyze(analyzer, s).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_on_any_word_start_without_accents_or_case() {
        let mut a = exact_analyzer();
        for (name, typed, expected) in [
            ("Aleppo", "ale", true),
            ("Aleppo", "ALE", true),
            ("Zürich", "zur", true),
            ("Washington, D.C.", "wash", true),
            ("New York City", "york", true),
            ("New York City", "ork", false),
            ("Syria", "syrian", false),
        ] {
            assert_eq!(
                name_matches(&fold(&mut a, name), &fold(&mut a, typed)),
                expected,
                "{name} / {typed}"
            );
        }
    }
}
