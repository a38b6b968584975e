//! The word tokenizer of the exact (phrase) fields: runs of letters and digits, like
//! tantivy's `SimpleTokenizer`, with positions that keep two facts about the text between
//! two words, so that a phrase can require them and `NEAR/n` can ignore them:
//!
//! - **Words are counted**: a word's position is twice its word number ([`word_index`]), so
//!   `NEAR/n` and `~n` count words, not punctuation. A possessive or contracted `'s`
//!   (`Kerry’s`, `it's`) belongs to its word: it takes the same position.
//! - **Breaks are marked**: punctuation between two words that is not a quotation mark or a
//!   bracket — a comma, colon, semicolon, dash, full stop, or any mark inside a word
//!   (`U.S.`, `cease-fire`) — is a *break*, and the lowest bit of the position (the parity
//!   of the breaks so far) flips at each one. Quotation marks (straight, curly, guillemets)
//!   and brackets are transparent, like whitespace.
//!
//! A quoted phrase is tokenized the same way and matches where its words are consecutive
//! and each pair of them is separated as in the query ([`Offset`]): `"oil prices"` matches
//! `oil prices`, `oil\nprices` and `oil (prices)` but not `oil. Prices` or `oil, prices`,
//! while `"U.S. officials"` still needs the punctuation of `U.S. officials`. Which marks
//! break a phrase was decided by measuring (README, "Query syntax").
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

/// Marks that neither join nor separate two words: quotation marks and brackets. Between
/// words (after whitespace) they are read like whitespace; inside a word they break it.
const TRANSPARENT_MARKS: &[char] = &[
    '"', '\'', '‘', '’', '‚', '‛', '“', '”', '„', '‟', '«', '»', '‹', '›', '「', '」', '『', '』',
    '(', ')', '[', ']', '{', '}',
];

/// Is `c` of a script written without spaces between words (Chinese, Japanese kana, Thai,
/// Lao, Khmer, Burmese)? Each such character is a word of its own, so that a quoted phrase
/// (or a bare word, which is the phrase of its characters) matches those characters in a
/// row; newsdex does not segment these languages into words.
fn is_unspaced(c: char) -> bool {
    matches!(u32::from(c),
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF // CJK ideographs
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F // half-width Katakana
        | 0x20000..=0x3FFFF)
}

/// The first letter or digit at or after byte `from`, with its byte offset. ASCII
/// punctuation and spaces are skipped a byte at a time: most news text is ASCII, and
/// decoding every character of it is a measurable share of indexing.
fn word_start(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() && bytes[at].is_ascii() && !bytes[at].is_ascii_alphanumeric() {
        at += 1;
    }
    // An ASCII byte the loop stopped at is a letter or digit.
    if let Some(&b) = bytes.get(at)
        && b.is_ascii()
    {
        return Some((at, char::from(b)));
    }
    // `at` is a character boundary: only ASCII bytes were skipped.
    text[at..]
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| (at + i, c))
}

/// Where the word that goes on at byte `from` ends: at a character that is not a letter or
/// digit, or at one of a script without spaces. ASCII letters and digits are passed a byte
/// at a time, the rest character by character.
/// Also whether all of `from..end` is ASCII (a word ending in ASCII letters and digits: no
/// character was decoded).
fn word_end_ascii(text: &str, from: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
        at += 1;
    }
    if at == bytes.len() || bytes[at].is_ascii() {
        return (at, true);
    }
    let rest = &text[at..];
    let end = at
        + rest
            .find(|c: char| !c.is_alphanumeric() || is_unspaced(c))
            .unwrap_or(rest.len());
    (end, end == at)
}

/// The word number of a position: what `NEAR/n` and `~n` count.
pub fn word_index(position: u32) -> u32 {
    position / 2
}

/// How a word of a phrase stands to an earlier one: so many words later, with an even or
/// odd number of breaks between. Two words follow each other as in a query phrase when
/// their offset is the query words' offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset {
    pub words: u32,
    pub flipped: bool,
}

impl Offset {
    /// The offset from the word at position `from` to the one at `to` (`to` not earlier).
    pub fn between(from: u32, to: u32) -> Offset {
        Offset {
            words: word_index(to).saturating_sub(word_index(from)),
            flipped: (from ^ to) & 1 == 1,
        }
    }

    /// The position difference this offset makes from a word whose position has the
    /// parity `start_parity` (0 or 1): the two shapes a phrase query must try.
    pub fn delta(self, start_parity: u32) -> u32 {
        let parity = start_parity ^ u32::from(self.flipped);
        (2 * self.words + parity).saturating_sub(start_parity)
    }
}

/// What separates a word from the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Whitespace, quotation marks and brackets: the next word.
    Join,
    /// `'s` right after a word: part of that word.
    Clitic,
    /// Any other punctuation: the next word, across a break.
    Break,
}

fn gap(separator: &str, word: &str) -> Gap {
    // Nothing between: two characters of a script written without spaces.
    if separator.is_empty() {
        return Gap::Join;
    }
    if separator.is_ascii() {
        return ascii_gap(separator.as_bytes(), word);
    }
    char_gap(separator, word)
}

/// [`gap`] read character by character.
fn char_gap(separator: &str, word: &str) -> Gap {
    let spaced = separator.chars().any(char::is_whitespace);
    if !spaced {
        if matches!(separator, "'" | "’") && word.eq_ignore_ascii_case("s") {
            return Gap::Clitic;
        }
        return Gap::Break;
    }
    if separator
        .chars()
        .all(|c| c.is_whitespace() || TRANSPARENT_MARKS.contains(&c))
    {
        Gap::Join
    } else {
        Gap::Break
    }
}

/// [`gap`] for a separator of ASCII bytes (most of them: one space), read by byte. The
/// bytes `char::is_whitespace` and [`TRANSPARENT_MARKS`] hold are spelt out.
fn ascii_gap(separator: &[u8], word: &str) -> Gap {
    let white = |b: &u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    if separator == b" " {
        return Gap::Join;
    }
    if !separator.iter().any(white) {
        if separator == b"'" && word.eq_ignore_ascii_case("s") {
            return Gap::Clitic;
        }
        return Gap::Break;
    }
    let transparent = |b: &u8| matches!(b, b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}');
    if separator.iter().all(|b| white(b) || transparent(b)) {
        Gap::Join
    } else {
        Gap::Break
    }
}

/// The position of a word after a word at `previous`, across `gap`.
fn next_position(previous: usize, gap: Gap) -> usize {
    match gap {
        Gap::Join => previous + 2,
        Gap::Clitic => previous,
        Gap::Break => (previous + 2) ^ 1,
    }
}

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
    /// Where the next word is looked for.
    pos: usize,
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
            pos: 0,
            token: &mut self.token,
            fold: &mut self.fold,
            previous_end: None,
        }
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((start, first)) = word_start(self.text, self.pos) else {
                self.pos = self.text.len();
                self.token.text.clear();
                return false;
            };
            // A word ends at a character that is not a letter or digit, or at one of a
            // script without spaces, which is a word by itself.
            let after_first = start + first.len_utf8();
            let (end, ascii) = if !first.is_ascii() && is_unspaced(first) {
                (after_first, false)
            } else {
                let (end, ascii) = word_end_ascii(self.text, after_first);
                (end, ascii && first.is_ascii())
            };
            self.pos = end;
            let word = &self.text[start..end];
            self.token.position = match self.previous_end {
                None => 0,
                Some(previous_end) => next_position(
                    self.token.position,
                    gap(&self.text[previous_end..start], word),
                ),
            };
            self.previous_end = Some(end);
            if word.len() >= MAX_TOKEN_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            // (A word `word_end_ascii` could not vouch for may still be ASCII.)
            if ascii || word.is_ascii() {
                // Copied whole and lower-cased in place: pushing it a character at a time
                // cost a UTF-8 encoding per byte.
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
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
    fn scripts_without_spaces_are_read_a_character_a_word() {
        assert_eq!(
            positions("谈判恢复。渔民ok"),
            [
                ("谈".into(), 0),
                ("判".into(), 2),
                ("恢".into(), 4),
                ("复".into(), 6),
                ("渔".into(), 9),
                ("民".into(), 11),
                ("ok".into(), 13),
            ]
        );
        // Spaced scripts keep their words whole.
        assert_eq!(
            positions("Переговоры, المفاوضات"),
            [("переговоры".into(), 0), ("المفاوضات".into(), 3)]
        );
    }

    #[test]
    fn whitespace_keeps_words_adjacent() {
        assert_eq!(
            positions("Oil  prices\nrose"),
            [("oil".into(), 0), ("prices".into(), 2), ("rose".into(), 4)]
        );
    }

    #[test]
    fn punctuation_between_words_is_a_break() {
        assert_eq!(
            positions("oil. Prices, cease-fire: talks; end — U.S. now"),
            [
                ("oil".into(), 0),
                ("prices".into(), 3),
                ("cease".into(), 4),
                ("fire".into(), 7),
                ("talks".into(), 8),
                ("end".into(), 11),
                ("u".into(), 12),
                ("s".into(), 15),
                ("now".into(), 16),
            ]
        );
    }

    #[test]
    fn quotation_marks_and_brackets_are_transparent() {
        let words = |text| -> Vec<usize> { positions(text).into_iter().map(|(_, p)| p).collect() };
        for text in [
            "the \"cessation of\" agreement",
            "the “cessation of” agreement",
            "the «cessation of» agreement",
            "the 'cessation of' agreement",
            "the ‘cessation of’ agreement",
            "the (cessation of) agreement",
            "the [cessation {of}] agreement",
        ] {
            assert_eq!(words(text), [0, 2, 4, 6], "{text}");
        }
        // Inside a word a mark still breaks it; with a comma it still is a break.
        assert_eq!(words("O'Brien"), [0, 3]);
        assert_eq!(words("hostilities,\" said"), [0, 3]);
    }

    #[test]
    fn a_possessive_s_shares_its_words_position() {
        assert_eq!(
            positions("Kerry’s top priority, Brown's Britain"),
            [
                ("kerry".into(), 0),
                ("s".into(), 0),
                ("top".into(), 2),
                ("priority".into(), 4),
                ("brown".into(), 7),
                ("s".into(), 7),
                ("britain".into(), 9),
            ]
        );
        // Not a possessive: a quoted s, a spaced 's, or a longer word after the apostrophe.
        let words = |text| -> Vec<usize> { positions(text).into_iter().map(|(_, p)| p).collect() };
        assert_eq!(words("rock 's roll"), [0, 2, 4]);
        assert_eq!(words("Kerry'st"), [0, 3]);
    }

    #[test]
    fn offsets_count_words_and_the_parity_of_breaks() {
        let p = |text| -> Vec<u32> { positions(text).into_iter().map(|(_, p)| p as u32).collect() };
        let oil = p("oil prices");
        let broken = p("oil. Prices");
        assert_eq!(
            Offset::between(oil[0], oil[1]),
            Offset {
                words: 1,
                flipped: false
            }
        );
        assert_eq!(
            Offset::between(broken[0], broken[1]),
            Offset {
                words: 1,
                flipped: true
            }
        );
        // From an odd position a break steps back by one: both shapes land on the word.
        let after = p("crude, oil. Prices");
        let offset = Offset::between(broken[0], broken[1]);
        assert_eq!(after[1] + offset.delta(after[1] & 1), after[2]);
        assert_eq!(broken[0] + offset.delta(broken[0] & 1), broken[1]);
    }

    #[test]
    fn punctuation_before_the_first_and_after_the_last_word_is_ignored() {
        assert_eq!(
            positions("\"Zürich,\" he said."),
            [("zurich".into(), 0), ("he".into(), 3), ("said".into(), 5)]
        );
        assert!(positions(" .,- ").is_empty());
    }

    #[test]
    fn byte_scans_find_the_words_a_character_scan_finds() {
        // The words as a plain character-by-character reading cuts them.
        fn by_characters(text: &str) -> Vec<&str> {
            let mut words = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices() {
                let letter = c.is_alphanumeric();
                match start {
                    Some(s) if !letter || is_unspaced(c) => {
                        words.push(&text[s..i]);
                        start = None;
                    }
                    _ => {}
                }
                if letter && start.is_none() {
                    if is_unspaced(c) {
                        words.push(&text[i..i + c.len_utf8()]);
                    } else {
                        start = Some(i);
                    }
                }
            }
            if let Some(s) = start {
                words.push(&text[s..]);
            }
            words
        }
        for text in [
            "plain ASCII words, 1987 and U.S.",
            "Zürich-based naïve café—déjà vu",
            "abc中文def 東京2020 タワーabc",
            "«Genève» ¿qué? ١٢٣ حلب،دمشق",
            "  ...trailing non-ASCII é",
            "ends mid-word é",
            "",
        ] {
            let mut words = Vec::new();
            let mut pos = 0;
            while let Some((start, first)) = word_start(text, pos) {
                let after = start + first.len_utf8();
                pos = if is_unspaced(first) {
                    after
                } else {
                    let (end, ascii) = word_end_ascii(text, after);
                    assert!(!ascii || text[after..end].is_ascii(), "{text:?}");
                    end
                };
                words.push(&text[start..pos]);
            }
            assert_eq!(words, by_characters(text), "{text:?}");
        }
    }

    #[test]
    fn an_ascii_separator_read_by_byte_is_read_as_by_character() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let separator = prop::collection::vec(0u8..128, 1..5);
        TestRunner::new(Config::with_cases(3000))
            .run(&(separator, "s|S|x|ab"), |(bytes, word)| {
                let separator = String::from_utf8(bytes).unwrap();
                prop_assert_eq!(
                    ascii_gap(separator.as_bytes(), &word),
                    char_gap(&separator, &word),
                    "{:?}",
                    separator
                );
                Ok(())
            })
            .unwrap();
        for b in 0u8..128 {
            let separator = char::from(b).to_string();
            assert_eq!(
                ascii_gap(separator.as_bytes(), "s"),
                char_gap(&separator, "s"),
                "{b}"
            );
        }
    }

    #[test]
    fn an_overlong_word_is_dropped_but_keeps_its_place() {
        let long = "x".repeat(MAX_TOKEN_BYTES);
        assert_eq!(
            positions(&format!("before {long} after")),
            [("before".into(), 0), ("after".into(), 4)]
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
