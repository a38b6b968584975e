//! The word tokenizer of the exact (phrase) fields: runs of letters and digits, like
//! tantivy's `SimpleTokenizer`, except that two words separated by anything other than
//! whitespace (`oil. Prices`, `oil, prices`, `cease-fire`, `Syria's`) are one position
//! further apart. A quoted phrase is tokenized the same way, so `"oil prices"` matches
//! `oil prices` and `oil\nprices` but not `oil. Prices` — what an exact scan for the words
//! separated by whitespace finds — while `"U.S. officials"` still matches `U.S. officials`.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone, Default)]
pub struct NewsTokenizer {
    token: Token,
}

pub struct NewsTokenStream<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    token: &'a mut Token,
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
            previous_end: None,
        }
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let Some((start, _)) = self.chars.by_ref().find(|(_, c)| c.is_alphanumeric()) else {
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
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.text.push_str(&self.text[start..end]);
        self.previous_end = Some(end);
        true
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
            positions("oil  prices\nrose"),
            [("oil".into(), 0), ("prices".into(), 1), ("rose".into(), 2)]
        );
    }

    #[test]
    fn punctuation_between_words_leaves_a_gap() {
        assert_eq!(
            positions("oil. Prices, cease-fire"),
            [
                ("oil".into(), 0),
                ("Prices".into(), 2),
                ("cease".into(), 4),
                ("fire".into(), 6)
            ]
        );
    }

    #[test]
    fn punctuation_before_the_first_and_after_the_last_word_is_ignored() {
        assert_eq!(
            positions("\"Zürich,\" he said."),
            [("Zürich".into(), 0), ("he".into(), 2), ("said".into(), 3)]
        );
        assert!(positions(" .,- ").is_empty());
    }
}
