//! Split a title or body into word tokens that remember their zone (title, lead, body),
//! capitalisation style and what separates them; find the lead.

use super::super::gazetteer::FastSet;
use super::candidates::Candidate;
use super::words::ABBREVIATIONS;
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zone {
    Title,
    Dateline,
    Lead,
    Body,
}

/// How the text around a token is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Normal,
    /// Title Case headline: every word is capitalised, so capitals prove nothing.
    Headline,
    /// ALL CAPS: only countries, aliases, states and world cities count.
    Caps,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    /// Whitespace within a paragraph: the two may form one name.
    Space,
    /// A hyphen: `Port-au-Prince`, `U.S.-Russian`.
    Hyphen,
    /// Punctuation or a paragraph break.
    Other,
}

#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    /// The word, without a possessive `'s`.
    pub(super) text: &'a str,
    pub(super) possessive: bool,
    pub(super) gap: Gap,
    /// A comma separates it from the word before (`Houston, Tex.`).
    pub(super) after_comma: bool,
    pub(super) sentence_start: bool,
    /// The style, unless `shouting_line` may still make it `Caps`: read it with
    /// [`Token::style`].
    pub(super) style: Cell<Style>,
    /// The line of a `Normal` word, not yet checked for ALL CAPS: only candidate names
    /// need their style, so most lines are never checked.
    pub(super) shouting_line: Cell<Option<&'a str>>,
    pub(super) zone: Zone,
    /// An adjective of a country in another language, read as its English demonym
    /// (`allemande` as `German`): it names the country without making the story about it.
    pub(super) adjective: bool,
    /// A Russian name read from another case than the dictionary form (`Франции`): a
    /// country's case form after a capitalised word is its complement (`Сборная
    /// Франции`), not a surname.
    pub(super) declined: bool,
    /// An Arabic name written after `و` (and): `موسكو وواشنطن` lists two places.
    pub(super) conjoined: bool,
    /// A Turkish case suffix followed it (`Batman'da`): the word ends a name.
    pub(super) suffixed: bool,
}

impl Token<'_> {
    /// How the text around the word is capitalised (an ALL-CAPS line is `Caps`).
    pub(super) fn style(&self) -> Style {
        if let Some(line) = self.shouting_line.take()
            && is_shouting(line)
        {
            self.style.set(Style::Caps);
        }
        self.style.get()
    }

    /// Capitalised, or written in a script without capitals (Arabic), where any word may
    /// be a name.
    pub(super) fn capitalised(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())),
        }
    }

    /// Capitalised with lower-case letters after: `John`, not `UN` or `john`.
    pub(super) fn title_case(&self) -> bool {
        self.capitalised() && self.text.chars().any(char::is_lowercase)
    }

    pub(super) fn all_caps(&self) -> bool {
        // Most words start with a small letter: no need to look further.
        if self
            .text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
        {
            return false;
        }
        if self.text.is_ascii() {
            let bytes = self.text.as_bytes();
            return !bytes.iter().any(u8::is_ascii_lowercase)
                && bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 2;
        }
        // A script without capitals (Arabic) is never shouting.
        !self.text.chars().any(char::is_lowercase)
            && self.text.chars().any(char::is_uppercase)
            && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }

    /// A month or weekday written in full (`March`, `Friday`), perhaps with a final period.
    pub(super) fn is_calendar_name(&self) -> bool {
        crate::extract::date::calendar::is_full_calendar_name(self.text.trim_end_matches('.'))
    }

    /// The word in lower case without a final period is one of `words` (lower-case
    /// ASCII): `Mr.` is `mr`.
    pub(super) fn lower_is_any(&self, words: &[&str]) -> bool {
        let word = self.text.trim_end_matches('.');
        if word.is_ascii() {
            words.iter().any(|w| w.eq_ignore_ascii_case(word))
        } else {
            words.contains(&word.to_lowercase().as_str())
        }
    }

    /// [`Token::lower_is_any`] of the words of `set`, looked up rather than compared one
    /// by one.
    pub(super) fn lower_is_in(&self, set: &WordSet) -> bool {
        let word = self.text.trim_end_matches('.');
        if !word.is_ascii() {
            return self.lower_is_any(set.words);
        }
        let mut lower = [0; WordSet::LONGEST];
        let Some(lower) = lower.get_mut(..word.len()) else {
            return self.lower_is_any(set.words);
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        set.ascii.contains(&*lower)
    }
}

/// A list of words for [`Token::lower_is_in`]: the long lists (hundreds of function words)
/// cost a comparison a word when scanned, a hash when looked up.
pub(super) struct WordSet {
    words: &'static [&'static str],
    /// The words ASCII-lower-cased: what an ASCII word of at most [`WordSet::LONGEST`]
    /// bytes, ASCII-lower-cased, must equal (a longer word is compared one by one).
    ascii: FastSet<Box<[u8]>>,
}

impl WordSet {
    const LONGEST: usize = 32;

    pub(super) fn new(words: &'static [&'static str]) -> WordSet {
        let ascii = words
            .iter()
            .map(|w| w.as_bytes().to_ascii_lowercase().into_boxed_slice())
            .collect();
        WordSet { words, ascii }
    }
}

/// A name without the clitics other languages write with an apostrophe: an elided French or
/// Italian article or preposition before it (`d'Alep`, `l'Iran`, `dell'Italia`) and a
/// Turkish case suffix after it (`Halep'te`, `Ankara'nın`, `Cenevre'deki`).
fn without_clitics(word: &str) -> &str {
    use super::super::gazetteer::ELIDED;
    let mut word = word;
    if let Some(at) = word.find(['\'', '’']) {
        let (before, after) = (&word[..at], &word[at..]);
        let rest = after.trim_start_matches(['\'', '’']);
        if ELIDED.iter().any(|e| e.eq_ignore_ascii_case(before))
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            word = rest;
        }
    }
    if let Some(at) = word.rfind(['\'', '’']) {
        let (before, suffix) = (&word[..at], word[at..].trim_start_matches(['\'', '’']));
        if before.chars().next().is_some_and(char::is_uppercase)
            && (1..=5).contains(&suffix.chars().count())
            && suffix.chars().all(char::is_lowercase)
        {
            word = before;
        }
    }
    word
}

/// A word without a possessive `'s` and without [`without_clitics`], with whether it had
/// the one and a case suffix. Both need an apostrophe (a clitic may also be in another
/// script): a word of ASCII letters and digits comes back whole.
fn split_clitics(word: &str) -> (&str, bool, bool) {
    let mut word = word;
    let mut possessive = false;
    if word.ends_with(['s', 'S']) {
        for suffix in ["'s", "’s", "'S", "’S"] {
            if let Some(stem) = word.strip_suffix(suffix) {
                word = stem;
                possessive = true;
            }
        }
    }
    let mut suffixed = false;
    if !word.is_ascii() || word.contains('\'') {
        let end = word.as_ptr() as usize + word.len();
        word = without_clitics(word);
        suffixed = word.as_ptr() as usize + word.len() < end;
    }
    (word, possessive, suffixed)
}

/// The character at byte `at` of `text` (a char boundary) and its length in bytes.
#[inline]
pub(super) fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let &byte = text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The offset just after the line that holds byte `at`, or `text.len()`.
pub(super) fn next_line_start(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |n| at + n + 1)
}

/// Split `text` into word tokens; `base` is its offset in the article body.
///
/// Walks the text once by byte offset (ASCII without decoding), so a story costs no
/// per-character allocation.
pub(super) fn tokenize<'a>(
    text: &'a str,
    base: usize,
    zone_of: &dyn Fn(usize) -> Zone,
    style: Style,
    out: &mut Vec<Token<'a>>,
) {
    let bytes = text.as_bytes();
    let first_new = out.len();
    let mut next_line_check = next_line_start(text, 0);
    let mut line = line_at(text, 0, next_line_check);
    let mut prev_end = 0;
    let mut first = true;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() && byte != b'<' {
            at += 1;
            continue;
        }
        let Some((c, c_len)) = char_at(text, at) else {
            break;
        };
        if c == '<' {
            // A ticker or code in angle brackets (`ROCKWELL <ROK>`) names no place.
            let close = text[at + 1..]
                .char_indices()
                .take(16)
                .find(|(_, c)| *c == '>' || c.is_whitespace() && *c != ' ');
            if let Some((k, '>')) = close {
                at += k + 2;
                continue;
            }
        }
        if !c.is_alphanumeric() {
            at += c_len;
            continue;
        }
        let start = at;
        let mut segment = 0;
        // Only ASCII letters and digits so far: no apostrophe, period or other script.
        let mut plain = true;
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii_alphanumeric() {
                segment += 1;
                at += 1;
                continue;
            }
            if byte.is_ascii() && byte != b'\'' && byte != b'.' {
                break;
            }
            let Some((c, c_len)) = char_at(text, at) else {
                break;
            };
            plain = false;
            let next_alpha = || char_at(text, at + c_len).is_some_and(|(n, _)| n.is_alphabetic());
            if c.is_alphanumeric() {
                segment += 1;
                at += c_len;
            } else if matches!(c, '\'' | '’') && next_alpha() {
                at += c_len;
            } else if c == '.' && segment <= 2 && next_alpha() {
                segment = 0;
                at += 1;
            } else {
                break;
            }
        }
        let mut word = &text[start..at];
        // A plain word holds no period.
        if bytes.get(at) == Some(&b'.')
            && (!plain && word.bytes().any(|b| b == b'.') || ABBREVIATIONS.contains(&word))
        {
            at += 1;
            word = &text[start..at];
        }
        // A plain word has no possessive and no clitic ([`split_clitics`] leaves it whole).
        let (word, possessive, suffixed) = if plain {
            (word, false, false)
        } else {
            split_clitics(word)
        };
        if start >= next_line_check && next_line_check < text.len() {
            let mut line_start = next_line_check;
            next_line_check = next_line_start(text, line_start);
            while start >= next_line_check && next_line_check < text.len() {
                line_start = next_line_check;
                next_line_check = next_line_start(text, line_start);
            }
            line = line_at(text, line_start, next_line_check);
        }
        let separator = &text[prev_end..start];
        let (gap, sentence_start, after_comma) = if !first && matches!(separator, " " | "\n") {
            (Gap::Space, false, false)
        } else if separator.is_ascii() {
            // What the general case below computes, byte by byte.
            let sep = separator.as_bytes();
            let is_space = |b: &u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
            let blank_line = sep.iter().filter(|&&b| b == b'\n').count() >= 2;
            let gap = if first || blank_line {
                Gap::Other
            } else if sep.iter().all(is_space) {
                Gap::Space
            } else if sep == b"-" {
                Gap::Hyphen
            } else {
                Gap::Other
            };
            let sentence_start = first
                || blank_line
                || sep
                    .iter()
                    .any(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b';' | b'"'));
            let comma = sep
                .iter()
                .position(|b| !is_space(b))
                .is_some_and(|k| sep[k] == b',' && sep[k + 1..].iter().all(is_space));
            (gap, sentence_start, comma)
        } else {
            let blank_line = separator.matches('\n').count() >= 2;
            let gap = if first || blank_line {
                Gap::Other
            } else if separator.chars().all(char::is_whitespace) {
                Gap::Space
            } else if matches!(separator, "-" | "‐" | "–") {
                Gap::Hyphen
            } else {
                Gap::Other
            };
            let sentence_start = first
                || blank_line
                || separator
                    .chars()
                    .any(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '“' | '”'));
            (gap, sentence_start, separator.trim() == ",")
        };
        let token = Token {
            text: word,
            possessive,
            gap,
            after_comma,
            sentence_start,
            style: Cell::new(style),
            shouting_line: Cell::new(None),
            zone: zone_of(base + start),
            adjective: false,
            declined: false,
            conjoined: false,
            suffixed,
        };
        // An all-caps word in ordinary text ("ALEPPO", "NATO") is read like a caps line.
        // (Most words start in lower case, and are none: that test costs no call.)
        if !bytes[start].is_ascii_lowercase() && token.all_caps() {
            token.style.set(Style::Caps);
        } else if style == Style::Normal {
            // ALL CAPS lines are `Caps` whatever `style`.
            token.shouting_line.set(Some(line));
        }
        out.push(token);
        prev_end = at;
        first = false;
    }
    super::inflect::normalize_names(&mut out[first_new..]);
}

/// The line of `text` from `start` to `next` (the start of the next line, or the end).
pub(super) fn line_at(text: &str, start: usize, next: usize) -> &str {
    let line = &text[start..next];
    line.strip_suffix('\n').unwrap_or(line)
}

/// Settle the style of the words that start candidate names, checking each line once
/// (a one-line story can hold hundreds of names).
pub(super) fn resolve_line_styles(tokens: &[Token], candidates: &[Candidate]) {
    let mut checked: Option<(&str, bool)> = None;
    for candidate in candidates {
        let token = &tokens[candidate.first];
        let Some(line) = token.shouting_line.take() else {
            continue;
        };
        let shouting = match checked {
            Some((last, shouting)) if std::ptr::eq(last, line) => shouting,
            _ => is_shouting(line),
        };
        checked = Some((line, shouting));
        if shouting {
            token.style.set(Style::Caps);
        }
    }
}

/// Mostly upper-case letters (`U.S. OIL PRICES RISE`).
pub(super) fn is_shouting(text: &str) -> bool {
    let (letters, upper) = if text.is_ascii() {
        // Shouting needs four capitals for every small letter: stop as soon as even an
        // all-capital rest could not make up for the small letters seen.
        let (mut upper, mut lower) = (0, 0);
        let mut rest = text.len();
        for chunk in text.as_bytes().chunks(32) {
            rest -= chunk.len();
            upper += chunk.iter().filter(|b| b.is_ascii_uppercase()).count();
            lower += chunk.iter().filter(|b| b.is_ascii_lowercase()).count();
            if lower * 4 > upper + rest {
                return false;
            }
        }
        (upper + lower, upper)
    } else {
        text.chars().fold((0, 0), |(letters, upper), c| {
            (
                letters + usize::from(c.is_alphabetic()),
                upper + usize::from(c.is_uppercase()),
            )
        })
    };
    letters >= 6 && upper * 10 >= letters * 8
}

/// Title Case (`Kerry Arrives In Geneva For Syria Talks`): most longer words capitalised.
pub(super) fn is_headline_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && capitalised * 10 >= words.len() * 7
}

/// Sentences of the first paragraph that make up the lead: the first sentence says what
/// the story is about; the second already drifts (Reuters-21578 development split).
pub(super) const LEAD_SENTENCES: usize = 1;

/// Where the paragraph starting at `from` ends: at the first blank line, else at the
/// first indented line (`\n    `, as wire copy marks paragraphs), else at the end.
pub(super) fn paragraph_end(text: &str, from: usize) -> usize {
    let mut indented = None;
    let mut at = from;
    while let Some(n) = text[at..].find('\n') {
        let newline = at + n;
        let next = &text.as_bytes()[newline + 1..];
        if next.first() == Some(&b'\n') {
            return newline;
        }
        if indented.is_none() && next.starts_with(b"    ") {
            indented = Some(newline);
        }
        at = newline + 1;
    }
    indented.unwrap_or(text.len())
}

/// Bytes of the lead: the first paragraph, at most [`LEAD_SENTENCES`] sentences.
pub(super) fn lead_len(text: &str) -> usize {
    let trimmed_start = text.len() - text.trim_start().len();
    let paragraph_end = paragraph_end(text, trimmed_start);
    let paragraph = &text[..paragraph_end];
    let mut sentences = 0;
    // The sentence ends by byte: in UTF-8 an ASCII byte is always a character of its own.
    let ends = paragraph
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b'!' | b'?'));
    for (at, _) in ends {
        let followed_by_space = paragraph[at + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
        if !followed_by_space {
            continue;
        }
        let word_start = paragraph[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
            .last()
            .map_or(at, |(k, _)| k);
        let word_before = &paragraph[word_start..at];
        let abbreviation = word_before.chars().count() == 1
            || word_before.contains('.')
            || ABBREVIATIONS.contains(&word_before);
        if !abbreviation {
            sentences += 1;
            if sentences == LEAD_SENTENCES {
                return at + 1;
            }
        }
    }
    paragraph_end
}

#[cfg(test)]
mod tests {
    use super::super::words::{FUNCTION_WORDS, HONORIFICS};
    use super::*;

    fn tokens(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        tokenize(text, 0, &|_| Zone::Body, Style::Normal, &mut out);
        out
    }

    #[test]
    fn a_plain_word_has_no_clitics() {
        // What lets `tokenize` skip `split_clitics` for a word of ASCII letters and digits.
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        TestRunner::new(Config::with_cases(500))
            .run(&"[a-zA-Z0-9]{1,12}", |word| {
                prop_assert_eq!(split_clitics(&word), (word.as_str(), false, false));
                Ok(())
            })
            .unwrap();
        // And the words it does not skip are split.
        assert_eq!(split_clitics("Kerry's"), ("Kerry", true, false));
        assert_eq!(split_clitics("Halep'te"), ("Halep", false, true));
        assert_eq!(split_clitics("d'Alep"), ("Alep", false, false));
        let found: Vec<_> = tokens("Kerry's talks in Halep'te and d'Alep, Mr. Smith's")
            .iter()
            .map(|t| (t.text, t.possessive, t.suffixed))
            .collect();
        assert_eq!(
            found,
            [
                ("Kerry", true, false),
                ("talks", false, false),
                ("in", false, false),
                ("Halep", false, true),
                ("and", false, false),
                ("Alep", false, false),
                ("Mr.", false, false),
                ("Smith", true, false),
            ]
        );
    }

    #[test]
    fn a_word_set_finds_what_the_list_finds() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let sets = [
            (FUNCTION_WORDS, WordSet::new(FUNCTION_WORDS)),
            (HONORIFICS, WordSet::new(HONORIFICS)),
        ];
        let check = |text: &str| {
            for token in tokens(text) {
                for (list, set) in &sets {
                    assert_eq!(
                        token.lower_is_in(set),
                        token.lower_is_any(list),
                        "{:?} in {text:?}",
                        token.text
                    );
                }
            }
        };
        for word in FUNCTION_WORDS.iter().chain(HONORIFICS) {
            let title = word
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + &word[c.len_utf8()..]);
            check(&format!(
                "{word} {} {} {word}. {word}'s",
                word.to_uppercase(),
                title.unwrap_or_default()
            ));
        }
        let word = "[a-zA-Z]{1,40}|(de|DE|Mr|İ|ı|К|для|ÉTÉ|é|s)+";
        TestRunner::new(Config::with_cases(300))
            .run(&prop::collection::vec(word, 1..6), |words| {
                check(&words.join(" "));
                check(&words.join(". "));
                Ok(())
            })
            .unwrap();
    }
}
