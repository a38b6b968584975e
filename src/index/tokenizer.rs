//! The word tokenizer of the exact (phrase) fields: runs of letters and digits, like
//! tantivy's `SimpleTokenizer`, except that two words separated by anything other than
//! whitespace (`oil. Prices`, `oil, prices`, `cease-fire`, `Syria's`) are one position
//! further apart. A quoted phrase is tokenized the same way, so `"oil prices"` matches
//! `oil prices` and `oil\nprices` but not `oil. Prices` — what an exact scan for the words
//! separated by whitespace finds — while `"U.S. officials"` still matches `U.S. officials`.
//!
//! It also does the work of the usual filter chain in the same pass — words of
//! [`MAX_TOKEN_BYTES`] or more are dropped (their position stays taken), and words are
//! lower-cased and accent-folded — because most news words are ASCII, and for them that is a
//! byte loop rather than three more passes through boxed filters. Non-ASCII words go through
//! tantivy's own `LowerCaser` and `AsciiFoldingFilter`, so the result is exactly theirs.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Words this many bytes long or longer are not indexed (base64 blobs, URLs run together).
pub const MAX_TOKEN_BYTES: usize = 60;

#[derive(Clone)]
pub struct NewsTokenizer {
    token: Token,
    /// Lower-cases and folds one non-ASCII word.
    fold: TextAnalyzer,
}

impl Default for NewsTokenizer {
    fn default() -> Self {
        NewsTokenizer {
            token: Token::default(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

pub struct NewsTokenStream<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    token: &'a mut Token,
    fold: &'a mut TextAnalyzer,
    /// End of the previous word, when there was one.
    previous_end: Option<usize>,
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            chars: text.char_indices(),
            token: &mut self.token,
            fold: &mut self.fold,
            previous_end: None,
        }
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((start, _)) = self.chars.by_ref().find(|(_, c)| c.is_alphanumeric()) else {
                self.token.text.clear();
                return false;
            };
            let end = self
                .chars
                .by_ref()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(self.text.len(), |(i, _)| i);
            self.token.position = match self.previous_end {
                None => 0,
                Some(previous_end) => {
                    let separator = &self.text[previous_end..start];
                    let step = if separator.chars().all(char::is_whitespace) {
                        1
                    } else {
                        2
                    };
                    self.token.position.wrapping_add(step)
                }
            };
            self.previous_end = Some(end);
            let word = &self.text[start..end];
            if word.len() >= MAX_TOKEN_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            if word.is_ascii() {
                self.token
                    .text
                    .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                let mut folded = self.fold.token_stream(word);
                if folded.advance() {
                    self.token.text.push_str(&folded.token().text);
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = NewsTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn whitespace_keeps_words_adjacent() {
        assert_eq!(
            positions("Oil  prices\nrose"),
            [("oil".into(), 0), ("prices".into(), 1), ("rose".into(), 2)]
        );
    }

    #[test]
    fn punctuation_between_words_leaves_a_gap() {
        assert_eq!(
            positions("oil. Prices, cease-fire"),
            [
                ("oil".into(), 0),
                ("prices".into(), 2),
                ("cease".into(), 4),
                ("fire".into(), 6)
            ]
        );
    }

    #[test]
    fn punctuation_before_the_first_and_after_the_last_word_is_ignored() {
        assert_eq!(
            positions("\"Zürich,\" he said."),
            [("zurich".into(), 0), ("he".into(), 2), ("said".into(), 3)]
        );
        assert!(positions(" .,- ").is_empty());
    }

    #[test]
    fn an_overlong_word_is_dropped_but_keeps_its_place() {
        let long = "x".repeat(MAX_TOKEN_BYTES);
        assert_eq!(
            positions(&format!("before {long} after")),
            [("before".into(), 0), ("after".into(), 2)]
        );
    }

    #[test]
    fn words_read_like_tantivys_filter_chain() {
        use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer};
        let text = "ÉLECTIONS à Genève; Straße, İstanbul ΟΔΥΣΣΕΥΣ naïve CAFÉ 2016-04 \
                    Zürich's Øresund ﬁnance";
        let mut chain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
        let mut expected = Vec::new();
        let mut stream = chain.token_stream(text);
        while stream.advance() {
            expected.push(stream.token().text.clone());
        }
        let words: Vec<String> = positions(text).into_iter().map(|(w, _)| w).collect();
        assert_eq!(words, expected);
    }
}
