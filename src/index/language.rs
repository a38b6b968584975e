//! The language of the text analyzers: which stemmer bare words go through, and the
//! expansion rule that follows from it — which exact indexed words a stemmed query word
//! stands for. The index records its language in its metadata file (see
//! [`super::store`]); an index written before the record existed reads as English.
//!
//! English is the only language today; a new one is a variant here (its stemmer and, if
//! its stems are not prefixes of their words, its own scan prefix), not a change to the
//! queries or the highlighter.

use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// A language newsdex analyses text in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    English,
}

impl Language {
    /// Every language, in the order of their names in messages.
    pub const ALL: [Language; 1] = [Language::English];

    /// The name in the metadata file and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "english",
        }
    }

    /// The language called `name` (as [`Language::name`] writes it).
    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// tantivy's Snowball stemmer for the language.
    pub(crate) fn snowball(self) -> tantivy::tokenizer::Language {
        match self {
            Language::English => tantivy::tokenizer::Language::English,
        }
    }

    /// Words as bare-word queries compare them: the exact analyzer's words (without its
    /// position gaps), stemmed. Never used for indexing: the index holds exact words only.
    pub fn stem_analyzer(self) -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(super::tokenizer::MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(super::stem::CachedStemmer::new(self))
            .build()
    }

    /// The stem of one lower-cased word, written to `out`.
    pub fn stem_into(self, word: &str, out: &mut String) {
        thread_local! {
            // One analyzer per language and thread, so its memo of stems lasts across
            // queries and snippets.
            static ANALYZERS: RefCell<Vec<(Language, TextAnalyzer)>> = const { RefCell::new(Vec::new()) };
        }
        out.clear();
        ANALYZERS.with_borrow_mut(|analyzers| {
            let at = match analyzers.iter().position(|(l, _)| *l == self) {
                Some(at) => at,
                None => {
                    analyzers.push((self, self.stem_analyzer()));
                    analyzers.len() - 1
                }
            };
            let mut stream = analyzers[at].1.token_stream(word);
            while stream.advance() {
                out.push_str(&stream.token().text);
            }
        });
    }

    /// What every word with the stem `stem` starts with, so a bare word is expanded (and
    /// highlighted) only among words with this prefix. English: the stem less its last
    /// letter ("poni" for "pony", "ponies"; "hop" for "hope", "hoping"), or the stem itself
    /// when it is one letter.
    pub fn stem_prefix(self, stem: &str) -> &str {
        match self {
            Language::English => {
                let mut chars = stem.chars();
                chars.next_back();
                if chars.as_str().is_empty() {
                    stem
                } else {
                    chars.as_str()
                }
            }
        }
    }

    /// The expansion rule: does the exact indexed word `word` stand for the query stem
    /// `stem`? `scratch` holds the word's stem afterwards when it was computed.
    pub fn expands_to(self, stem: &str, word: &str, scratch: &mut String) -> bool {
        if !word.starts_with(self.stem_prefix(stem)) {
            return false;
        }
        self.stem_into(word, scratch);
        scratch == stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        let mut out = String::new();
        Language::English.stem_into(word, &mut out);
        out
    }

    #[test]
    fn english_stems_fold_inflections_and_accents() {
        assert_eq!(stem("elections"), "elect");
        assert_eq!(stem("Zürich"), "zurich");
    }

    #[test]
    fn english_expansion_keeps_words_of_the_same_stem() {
        let mut scratch = String::new();
        let en = Language::English;
        for (stem, word, expands) in [
            ("elect", "elections", true),
            ("elect", "elected", true),
            ("elect", "electricity", false),
            ("poni", "ponies", true),
            ("poni", "pony", true),
            ("hope", "hoping", true),
            ("hope", "hopper", false),
            ("a", "a", true),
            ("elect", "select", false),
        ] {
            assert_eq!(
                en.expands_to(stem, word, &mut scratch),
                expands,
                "{stem} {word}"
            );
        }
        assert_eq!(en.stem_prefix("poni"), "pon");
        assert_eq!(en.stem_prefix("a"), "a");
    }

    #[test]
    fn names_round_trip_and_metadata_spells_them_lowercase() {
        for language in Language::ALL {
            assert_eq!(Language::from_name(language.name()), Some(language));
            assert_eq!(
                serde_json::to_string(&language).unwrap(),
                format!("\"{}\"", language.name())
            );
        }
        assert_eq!(Language::from_name("klingon"), None);
    }
}
