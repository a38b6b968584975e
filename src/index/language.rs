//! The stemmed languages: which stemmer bare words go through in an article of each, and
//! the expansion rule that follows from it — which exact indexed words a stemmed query word
//! stands for, and where in the term dictionary they lie. Each article's language is its
//! `lang` field (see [`crate::extract::language`]); the index's metadata file records the
//! default language (see [`super::store`]), which positional patterns stem in.
//!
//! A new language is a variant here (its stemmer, its code and, if its stems are not
//! prefixes of their words, its own scan ranges), not a change to the queries or the
//! highlighter.

use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// A language whose words newsdex stems: a bare query word finds its inflections in the
/// articles of each of these languages (see [`crate::search::stem_query`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    English,
    French,
    Spanish,
    German,
    Italian,
    Portuguese,
    Russian,
    Arabic,
    Turkish,
    Dutch,
}

impl Language {
    /// Every language, in the order of their names in messages.
    pub const ALL: [Language; 10] = [
        Language::English,
        Language::French,
        Language::Spanish,
        Language::German,
        Language::Italian,
        Language::Portuguese,
        Language::Russian,
        Language::Arabic,
        Language::Turkish,
        Language::Dutch,
    ];

    /// The name in the metadata file and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "english",
            Language::French => "french",
            Language::Spanish => "spanish",
            Language::German => "german",
            Language::Italian => "italian",
            Language::Portuguese => "portuguese",
            Language::Russian => "russian",
            Language::Arabic => "arabic",
            Language::Turkish => "turkish",
            Language::Dutch => "dutch",
        }
    }

    /// The ISO 639-1 code an article of this language has in its `lang` field.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::German => "de",
            Language::Italian => "it",
            Language::Portuguese => "pt",
            Language::Russian => "ru",
            Language::Arabic => "ar",
            Language::Turkish => "tr",
            Language::Dutch => "nl",
        }
    }

    /// The language called `name` (as [`Language::name`] writes it).
    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The stemmed language of articles whose `lang` is `code`; `None` for a language
    /// without a stemmer here (its words match exactly).
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// tantivy's Snowball stemmer for the language.
    pub(crate) fn snowball(self) -> tantivy::tokenizer::Language {
        use tantivy::tokenizer::Language as Snowball;
        match self {
            Language::English => Snowball::English,
            Language::French => Snowball::French,
            Language::Spanish => Snowball::Spanish,
            Language::German => Snowball::German,
            Language::Italian => Snowball::Italian,
            Language::Portuguese => Snowball::Portuguese,
            Language::Russian => Snowball::Russian,
            Language::Arabic => Snowball::Arabic,
            Language::Turkish => Snowball::Turkish,
            Language::Dutch => Snowball::Dutch,
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

    /// A folded word with the accents of its ending put back where the stemmer needs them
    /// to see an inflection: Portuguese writes `-ção`/`-ções`, `-ão`/`-ões`/`-ães` and the
    /// index holds `-cao`, `-coes`, …, which Snowball does not take for suffixes. (A word
    /// of these endings without the accent is rare enough in Portuguese to be worth it.)
    pub fn accent_endings(self, word: &str) -> std::borrow::Cow<'_, str> {
        if self == Language::Portuguese {
            for (folded, accented) in [("oes", "ões"), ("aes", "ães"), ("ao", "ão")] {
                if let Some(stem) = word.strip_suffix(folded) {
                    let stem = stem
                        .strip_suffix('c')
                        .map_or_else(|| stem.to_string(), |before| format!("{before}ç"));
                    return format!("{stem}{accented}").into();
                }
            }
        }
        word.into()
    }

    /// The ranges of the term dictionary that hold every word with the stem `stem` (each
    /// `[start, end)` in bytes), so a bare word is expanded by a range scan rather than by
    /// stemming every indexed word. Where stems are prefixes of their words, the range of
    /// [`Language::stem_prefix`] (and, in Dutch, that prefix after the participle's `ge`);
    /// Arabic stems drop the article and other prefixes, so there it is every Arabic word.
    pub fn scan_ranges(self, stem: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
        let range = |prefix: &str| {
            let mut upper = prefix.as_bytes().to_vec();
            upper.push(0xff);
            (prefix.as_bytes().to_vec(), upper)
        };
        match self {
            Language::Arabic => vec![(
                ARABIC_LETTERS.start().to_string().into_bytes(),
                char::from_u32(u32::from(*ARABIC_LETTERS.end()) + 1)
                    .unwrap_or(char::MAX)
                    .to_string()
                    .into_bytes(),
            )],
            Language::Dutch => {
                let prefix = self.stem_prefix(stem);
                vec![range(prefix), range(&format!("ge{prefix}"))]
            }
            _ => vec![range(self.stem_prefix(stem))],
        }
    }

    /// What every word with the stem `stem` starts with (in Dutch, once a leading `ge` is
    /// dropped): the stem less the last letters the language's stemmer may rewrite rather
    /// than cut (English "poni" for "pony", "ponies"; French "heureux" for "heureuse";
    /// Dutch "boom" for "bomen", "deleg" for "delegaties"), or the stem itself when that
    /// would leave nothing. Unused in Arabic (see [`Language::scan_ranges`]).
    pub fn stem_prefix(self, stem: &str) -> &str {
        let rewritten = match self {
            Language::English
            | Language::French
            | Language::Spanish
            | Language::German
            | Language::Italian
            | Language::Portuguese
            | Language::Russian
            | Language::Arabic => 1,
            // A dotted capital İ lower-cases to i and a combining dot, which the stem loses.
            Language::Turkish => 2,
            // Long vowels are written double in the stem, single in inflections, and
            // suffixes are rewritten (delegaties → delegeer).
            Language::Dutch => 3,
        };
        let mut chars = stem.chars();
        for _ in 0..rewritten {
            chars.next_back();
        }
        if chars.as_str().is_empty() {
            stem
        } else {
            chars.as_str()
        }
    }

    /// A cheap test that `word` may have the stem `stem`, before stemming it: the word is in
    /// one of [`Language::scan_ranges`], and an Arabic word holds the stem (less its last
    /// letter) once the letters the stemmer normalises are.
    pub fn may_expand(self, stem: &str, word: &str) -> bool {
        match self {
            Language::Arabic => {
                let core: String = normalize_arabic(self.stem_prefix(stem)).collect();
                word.chars()
                    .next()
                    .is_some_and(|c| ARABIC_LETTERS.contains(&c))
                    && normalize_arabic(word).collect::<String>().contains(&core)
            }
            Language::Dutch => {
                let prefix = self.stem_prefix(stem);
                word.starts_with(prefix)
                    || word
                        .strip_prefix("ge")
                        .is_some_and(|w| w.starts_with(prefix))
            }
            _ => word.starts_with(self.stem_prefix(stem)),
        }
    }

    /// The expansion rule: does the exact indexed word `word` stand for the query stem
    /// `stem`? `scratch` holds the word's stem afterwards when it was computed.
    pub fn expands_to(self, stem: &str, word: &str, scratch: &mut String) -> bool {
        if !self.may_expand(stem, word) {
            return false;
        }
        self.stem_into(word, scratch);
        scratch == stem
    }
}

/// `text` without the accents [`Language::accent_endings`] puts back.
pub(crate) fn fold_accents(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ç' => 'c',
            'ã' => 'a',
            'õ' => 'o',
            other => other,
        })
        .collect()
}

/// The Arabic block of Unicode, where the words an Arabic stem stands for start.
const ARABIC_LETTERS: std::ops::RangeInclusive<char> = '\u{0600}'..='\u{06FF}';

/// Arabic letters as the Snowball stemmer normalises them: the hamza and madda forms of
/// alef to alef, alef maqsura and yeh with hamza to yeh, waw with hamza to waw.
fn normalize_arabic(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' => 'ي',
        'ؤ' => 'و',
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inflections that must share a stem, and words that must not, per language: the
    /// query word, an indexed word (lower-cased, accents folded, as the index holds it),
    /// and whether the word stands for the query word.
    const INFLECTIONS: &[(Language, &str, &str, bool)] = &[
        (Language::English, "negotiations", "negotiation", true),
        (Language::English, "hoping", "hope", true),
        (Language::French, "négociations", "negociation", true),
        (Language::French, "heureuse", "heureux", true),
        (Language::French, "journaux", "journal", true),
        (Language::French, "pêcheurs", "peche", false),
        (Language::Spanish, "negociación", "negociaciones", true),
        (Language::Spanish, "pescadores", "pescador", true),
        (Language::German, "Verhandlungen", "verhandlung", true),
        (Language::German, "Gespräche", "gesprach", true),
        (Language::German, "Häuser", "haus", true),
        (Language::Italian, "negoziato", "negoziati", true),
        (Language::Italian, "pescatori", "pescatore", true),
        (Language::Portuguese, "negociação", "negociacoes", true),
        (Language::Portuguese, "pescadores", "pescador", true),
        (Language::Russian, "переговоров", "переговоры", true),
        (Language::Russian, "делегации", "делегация", true),
        (Language::Russian, "рыбаки", "рыбаков", true),
        (Language::Arabic, "المفاوضة", "المفاوضات", true),
        (Language::Arabic, "الصياد", "الصيادون", true),
        (Language::Arabic, "بالمفاوضات", "للمفاوضات", true),
        (Language::Turkish, "müzakerelerin", "muzakereler", true),
        (Language::Turkish, "görüşme", "gorusmeler", true),
        (Language::Turkish, "balıkçılar", "balikci", true),
        (Language::Dutch, "onderhandeling", "onderhandelingen", true),
        (Language::Dutch, "bomen", "boom", true),
        (Language::Dutch, "delegatie", "delegaties", true),
        (Language::Dutch, "georganiseerd", "organiseer", true),
    ];

    #[test]
    fn each_language_finds_the_inflections_of_a_word() {
        let mut scratch = String::new();
        let mut analyzer = crate::index::schema::exact_analyzer();
        for &(language, query, word, expands) in INFLECTIONS {
            let mut stream = analyzer.token_stream(query);
            assert!(stream.advance());
            let mut query_stem = String::new();
            language.stem_into(&stream.token().text, &mut query_stem);
            assert_eq!(
                language.expands_to(&query_stem, word, &mut scratch),
                expands,
                "{language:?}: {query} ({query_stem}) {word} ({scratch})"
            );
            // The word lies in a range the expansion scans.
            if expands {
                assert!(
                    language
                        .scan_ranges(&query_stem)
                        .iter()
                        .any(|(lo, hi)| lo.as_slice() <= word.as_bytes()
                            && word.as_bytes() < hi.as_slice()),
                    "{language:?}: {word} outside the scan of {query_stem}"
                );
            }
        }
    }

    #[test]
    fn codes_name_the_stemmed_languages() {
        for language in Language::ALL {
            assert_eq!(Language::from_code(language.code()), Some(language));
            assert!(crate::extract::language::known_code(language.code()).is_some());
        }
        assert_eq!(Language::from_code("ca"), None);
        assert_eq!(Language::from_code("und"), None);
    }

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
