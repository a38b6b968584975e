//! Stemming with a memo: news text repeats the same few thousand words, so each analyzer
//! instance stems a word once and looks it up afterwards. The stemming itself is tantivy's
//! Snowball stemmer of the [`Language`], so results are exactly those of `Stemmer`.

use super::language::Language;
use tantivy::tokenizer::{
    RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per analyzer before the memo starts over (bounds memory on odd input).
const MEMO_LIMIT: usize = 100_000;

/// Token filter: the stems of a language, memoised per analyzer instance.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer {
    language: Language,
}

impl CachedStemmer {
    pub fn new(language: Language) -> CachedStemmer {
        CachedStemmer { language }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            language: self.language,
            inner: tokenizer,
            memo: rustc_hash::FxHashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.language.snowball()))
                .build(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    language: Language,
    inner: T,
    memo: rustc_hash::FxHashMap<String, String>,
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_LIMIT {
            self.memo.clear();
        }
        CachedStemmerStream {
            language: self.language,
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: &mut self.stemmer,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    language: Language,
    tail: T,
    memo: &'a mut rustc_hash::FxHashMap<String, String>,
    stemmer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.memo.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = {
            let input = self.language.accent_endings(&token.text);
            let mut stream = self.stemmer.token_stream(&input);
            if stream.advance() {
                let stem = &stream.token().text;
                match input {
                    // The accents put back are the index's to fold again: stems meet
                    // folded words.
                    std::borrow::Cow::Owned(_) => super::language::fold_accents(stem),
                    std::borrow::Cow::Borrowed(_) => stem.clone(),
                }
            } else {
                token.text.clone()
            }
        };
        self.memo
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn memoised_stems_equal_tantivys_stemmer() {
        let text = "Elections elected hostilities hostility negotiations negotiators \
                    running runs ran happily happiness the elections again";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(tantivy::tokenizer::Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer::new(Language::English))
            .build();
        let expected = stems(&mut plain, text);
        assert_eq!(stems(&mut cached, text), expected);
        // The same analyzer again: now every word comes from the memo.
        assert_eq!(stems(&mut cached, text), expected);
    }
}
