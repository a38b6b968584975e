//! Snippets: the best passage of an article for a query, with the matched words marked.
//!
//! Matching here mirrors the index: bare words match by stem, phrases match the exact
//! lower-cased word sequence, so a highlighted range is always something the query matched.

use super::proximity::{Pattern, word_matches};
use crate::index::Language;
use crate::index::schema::exact_analyzer;
use crate::index::tokenizer::Offset;
use serde::Serialize;
use std::ops::Range;

/// What to look for in the text: stems of bare words, exact-word phrases, and positional
/// patterns (prefixes, `~n` phrases, `NEAR/n`).
#[derive(Debug, Clone, Default)]
pub struct Needles {
    /// The bare words, as the index holds words (lower-cased, accents folded).
    pub words: Vec<String>,
    /// The bare words' stems in `language` (the words themselves without one).
    pub stems: Vec<String>,
    /// Exact words with their offsets from the first word (the index's punctuation rule).
    pub phrases: Vec<Vec<(Offset, String)>>,
    pub patterns: Vec<Pattern>,
    /// The text's language: its words are stemmed in it to meet `stems`; `None` for a
    /// language without a stemmer, whose words match exactly.
    pub language: Option<Language>,
}

impl Needles {
    /// The needles for a text whose language code is `lang` (an article's): bare words
    /// match by their stem in that language, as the query matched them there.
    pub fn for_lang(&self, lang: &str) -> Needles {
        let language = Language::from_code(lang);
        let mut needles = self.clone();
        if language != self.language {
            needles.language = language;
            needles.stems = self.words.iter().map(|w| stem_of(language, w)).collect();
        }
        needles
    }
}

/// `word`'s stem in `language`, or the word itself without a language.
pub(crate) fn stem_of(language: Option<Language>, word: &str) -> String {
    let mut stem = String::new();
    match language {
        Some(language) => language.stem_into(word, &mut stem),
        None => stem.push_str(word),
    }
    stem
}

/// A passage of plain text and the byte ranges in it that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// Default snippet length in bytes (about two lines of a terminal).
pub const SNIPPET_BYTES: usize = 280;

/// How much of an article's text a snippet is chosen from: all of a news story, and a
/// bounded cost per hit for a long report (a hit whose only matches lie further on shows its
/// opening).
pub const SNIPPET_SCAN_BYTES: usize = 64 << 10;

struct Token {
    /// The exact (lower-cased, folded) word: a range of [`Words::text`].
    exact: Range<usize>,
    /// The stem in the text's language, a range of [`Words::text`]; empty when not worth
    /// stemming.
    stem: Range<usize>,
    span: Range<usize>,
    /// Word position as the index counts it (dropped over-long words leave a gap).
    position: u32,
}

/// The words of a text, their forms kept in one buffer (a search highlights ten bodies of
/// hundreds of words; a string per word was most of that time).
struct Words {
    text: String,
    tokens: Vec<Token>,
}

impl Words {
    fn exact(&self, token: &Token) -> &str {
        &self.text[token.exact.clone()]
    }

    fn stem(&self, token: &Token) -> &str {
        &self.text[token.stem.clone()]
    }
}

/// The words of `text` with their exact and stemmed forms. Stemming is the costly part, so
/// without positional patterns only words that could stem to one of `needles.stems` — those
/// that pass its [`Language::may_expand`], the rule the index query expands bare words by —
/// are stemmed; the others get an empty stem, which matches nothing. With positional
/// patterns every word is stemmed, in the text's language as the bare words there are.
fn tokens(text: &str, needles: &Needles) -> Words {
    let stem_all = !needles.patterns.is_empty();
    let mut exact = exact_analyzer();
    let mut words = Words {
        text: String::with_capacity(text.len()),
        tokens: Vec::new(),
    };
    let mut exact_stream = exact.token_stream(text);
    while exact_stream.advance() {
        let e = exact_stream.token();
        let start = words.text.len();
        words.text.push_str(&e.text);
        let exact = start..words.text.len();
        let mut stem = exact.end..exact.end;
        let stem_in = match needles.language {
            language if stem_all => Some(language),
            Some(language) => needles
                .stems
                .iter()
                .any(|s| language.may_expand(s, &e.text))
                .then_some(Some(language)),
            None => needles.stems.contains(&e.text).then_some(None),
        };
        if let Some(language) = stem_in {
            words.text.push_str(&stem_of(language, &e.text));
            stem.end = words.text.len();
        }
        words.tokens.push(Token {
            exact,
            stem,
            span: e.offset_from..e.offset_to,
            position: e.position as u32,
        });
    }
    words
}

/// Byte ranges of `text` that match `needles`, sorted and merged.
pub fn find_matches(text: &str, needles: &Needles) -> Vec<Range<usize>> {
    let words = tokens(text, needles);
    let toks = &words.tokens;
    let mut ranges = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        let stem = words.stem(tok);
        if !stem.is_empty() && needles.stems.iter().any(|s| s == stem) {
            ranges.push(tok.span.clone());
        }
        for phrase in &needles.phrases {
            if phrase.is_empty() || i + phrase.len() > toks.len() {
                continue;
            }
            let matched = phrase.iter().zip(&toks[i..]).all(|((offset, w), t)| {
                *w == words.exact(t) && Offset::between(tok.position, t.position) == *offset
            });
            if matched {
                ranges.push(tok.span.start..toks[i + phrase.len() - 1].span.end);
            }
        }
    }
    for pattern in &needles.patterns {
        pattern_ranges(&pattern.in_language(needles.language), &words, &mut ranges);
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Byte ranges of the words `pattern` matched: a contiguous exact phrase as one range,
/// otherwise each matched word on its own (not the words skipped between them).
fn pattern_ranges(pattern: &Pattern, words: &Words, ranges: &mut Vec<Range<usize>>) {
    let toks = &words.tokens;
    let positions: Vec<Vec<u32>> = pattern
        .leaves()
        .iter()
        .map(|leaf| {
            toks.iter()
                .filter(|t| word_matches(leaf, words.exact(t), words.stem(t)))
                .map(|t| t.position)
                .collect()
        })
        .collect();
    // A word and its possessive `'s` share a position: the span covers both.
    let span_of = |position: u32| {
        let first = toks.partition_point(|t| t.position < position);
        let end = toks.partition_point(|t| t.position <= position);
        (first < end).then(|| toks[first].span.start..toks[end - 1].span.end)
    };
    let contiguous = pattern.is_contiguous();
    for m in pattern.matches(&positions) {
        if contiguous {
            if let (Some(a), Some(b)) = (span_of(m.start), span_of(m.end)) {
                ranges.push(a.start..b.end);
            }
        } else {
            ranges.extend(m.words.iter().filter_map(|&p| span_of(p)));
        }
    }
}

/// The passage of about `max_bytes` of `text` holding the most matches, whitespace
/// collapsed, with highlight ranges into the returned text. Falls back to the opening.
/// Only the first [`SNIPPET_SCAN_BYTES`] are read.
pub fn make_snippet(text: &str, needles: &Needles, max_bytes: usize) -> Snippet {
    let scanned = scan_window(text);
    let matches = find_matches(scanned, needles);
    let (start, end) = best_window(scanned, &matches, max_bytes);
    let mut out = String::new();
    let mut highlights = Vec::new();
    if start > 0 {
        out.push('…');
    }
    let mut open: Option<usize> = None;
    let mut last_space = start > 0;
    let mut pending = matches
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .peekable();
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if let Some(m) = pending.peek()
            && m.start == at
        {
            open = Some(out.len());
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
        if let Some(m) = pending.peek()
            && at + c.len_utf8() == m.end
        {
            if let Some(s) = open.take() {
                highlights.push([s, out.len()]);
            }
            pending.next();
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    if end < text.trim_end().len() {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights,
    }
}

/// Choose [start, end) of at most `max_bytes`, on char and preferably word boundaries,
/// covering as many matches as possible, starting a little before the first of them.
fn best_window(text: &str, matches: &[Range<usize>], max_bytes: usize) -> (usize, usize) {
    let text_end = text.trim_end().len();
    let lead = text.len() - text.trim_start().len();
    let mut best = (lead, 0usize);
    for (i, m) in matches.iter().enumerate() {
        let limit = m.start + max_bytes;
        let covered = matches[i..].iter().take_while(|n| n.end <= limit).count();
        if covered > best.1 {
            best = (m.start, covered);
        }
    }
    let mut start = best.0;
    if best.1 > 0 {
        // Show a little context before the first match, from a word boundary.
        let back = start.saturating_sub(max_bytes / 5).max(lead);
        let back = floor_char(text, back);
        start = match text[back..start].find(|c: char| c.is_whitespace()) {
            Some(ws) if back > lead => back + ws + 1,
            _ => back,
        };
        if let Some(sentence) = text[back..best.0].rfind(". ") {
            start = start.max(back + sentence + 2);
        }
    }
    let mut end = floor_char(text, (start + max_bytes).min(text_end));
    if end < text_end
        && let Some(ws) = text[start..end].rfind(char::is_whitespace)
        && ws > 0
    {
        // Don't cut a highlighted match in half.
        let cut = start + ws;
        if !matches.iter().any(|m| m.start < cut && m.end > cut) {
            end = cut;
        }
    }
    (start, end.max(start))
}

/// The opening of `text` a snippet is chosen from: at most [`SNIPPET_SCAN_BYTES`], ending
/// at whitespace when its last kilobyte has some, so no word is read cut in half.
fn scan_window(text: &str) -> &str {
    if text.len() <= SNIPPET_SCAN_BYTES {
        return text;
    }
    let end = floor_char(text, SNIPPET_SCAN_BYTES);
    let tail = end.saturating_sub(1024);
    let end = text[tail..end]
        .rfind(char::is_whitespace)
        .map_or(end, |ws| tail + ws);
    &text[..end]
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A phrase's words and offsets as the tokenizer reads `text`.
    fn exact(text: &str) -> Vec<(Offset, String)> {
        let mut analyzer = exact_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        let mut first = None;
        while stream.advance() {
            let t = stream.token();
            let start = *first.get_or_insert(t.position as u32);
            out.push((Offset::between(start, t.position as u32), t.text.clone()));
        }
        out
    }

    fn needles(stems: &[&str], phrases: &[&[&str]]) -> Needles {
        Needles {
            stems: stems.iter().map(|s| s.to_string()).collect(),
            phrases: phrases
                .iter()
                .map(|p| {
                    p.iter()
                        .enumerate()
                        .map(|(i, s)| {
                            let offset = Offset {
                                words: i as u32,
                                flipped: false,
                            };
                            (offset, s.to_string())
                        })
                        .collect()
                })
                .collect(),
            patterns: Vec::new(),
            words: Vec::new(),
            language: Some(Language::English),
        }
    }

    #[test]
    fn snippets_of_long_texts_in_other_scripts_cut_on_character_boundaries() {
        for (filler, word) in [
            ("переговоры возобновились во вторник ", "рыбаки"),
            ("استؤنفت المفاوضات يوم الثلاثاء ", "الصيادون"),
            ("谈判在沉默一周后于周二恢复。", "渔"),
        ] {
            let text = format!("{}{word} {}", filler.repeat(20), filler.repeat(20));
            let exact = crate::search::compile::analyze(&mut exact_analyzer(), word);
            let needles = Needles {
                stems: exact.clone(),
                words: exact,
                language: None,
                ..Needles::default()
            };
            let snippet = make_snippet(&text, &needles, SNIPPET_BYTES);
            assert!(snippet.text.len() <= SNIPPET_BYTES + 8, "{}", snippet.text);
            let [start, end] = snippet.highlights[0];
            assert_eq!(&snippet.text[start..end], word);
        }
    }

    #[test]
    fn phrase_does_not_match_across_punctuation() {
        let text = "Crude oil. Prices fell, but oil prices rose later.";
        let ranges = find_matches(text, &needles(&[], &[&["oil", "prices"]]));
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "oil prices");
    }

    #[test]
    fn proximity_highlights_the_matched_words_not_the_gap() {
        use crate::search::proximity::WordMatch;
        let text = "A cessation of all hostilities; hostile crowds gathered.";
        let n = Needles {
            patterns: vec![
                Pattern::Seq {
                    words: vec![
                        WordMatch::Exact("cessation".into()),
                        WordMatch::Exact("hostilities".into()),
                    ],
                    steps: vec![crate::search::proximity::Step::Later],
                    slop: 3,
                },
                Pattern::word(WordMatch::Prefix("hostil".into())),
            ],
            ..Needles::default()
        };
        let s = make_snippet(text, &n, 280);
        let words: Vec<&str> = s.highlights.iter().map(|[a, b]| &s.text[*a..*b]).collect();
        assert_eq!(words, ["cessation", "hostilities", "hostile"]);
    }

    #[test]
    fn phrase_across_quotation_marks_and_brackets_is_one_highlight() {
        let text = "Both sides said the \"cessation of hostilities\" agreement held. The United \
                    Auto Workers (UAW) vowed to fight; workers, uaw vowed.";
        let n = Needles {
            phrases: vec![
                exact("the cessation of hostilities agreement"),
                exact("workers uaw vowed"),
            ],
            ..Needles::default()
        };
        let found: Vec<&str> = find_matches(text, &n)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            [
                "the \"cessation of hostilities\" agreement",
                "Workers (UAW) vowed"
            ]
        );
    }

    #[test]
    fn a_possessive_is_highlighted_with_its_word() {
        use crate::search::proximity::WordMatch;
        let text = "Kerry’s top priority";
        let near = Pattern::Near {
            left: Box::new(Pattern::word(WordMatch::Exact("kerry".into()))),
            right: Box::new(Pattern::word(WordMatch::Exact("priority".into()))),
            distance: 1,
            ordered: false,
        };
        let n = Needles {
            patterns: vec![near],
            ..Needles::default()
        };
        let found: Vec<&str> = find_matches(text, &n)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["Kerry’s", "priority"]);
    }

    #[test]
    fn phrase_across_line_break_is_one_highlight() {
        let text = "Talks on a cessation of\nhostilities resumed.";
        let s = make_snippet(
            text,
            &needles(&[], &[&["cessation", "of", "hostilities"]]),
            280,
        );
        assert_eq!(s.text, "Talks on a cessation of hostilities resumed.");
        let [a, b] = s.highlights[0];
        assert_eq!(&s.text[a..b], "cessation of hostilities");
    }

    #[test]
    fn near_miss_of_a_phrase_is_not_highlighted() {
        let text = "a cessation of the hostilities and a cessation of hostility";
        assert!(
            find_matches(text, &needles(&[], &[&["cessation", "of", "hostilities"]])).is_empty()
        );
    }

    #[test]
    fn stems_highlight_inflections() {
        let text = "Voters went to the polls. The election was close; elections rarely are.";
        let s = make_snippet(text, &needles(&["elect"], &[]), 280);
        let words: Vec<&str> = s.highlights.iter().map(|[a, b]| &s.text[*a..*b]).collect();
        assert_eq!(words, ["election", "elections"]);
    }

    #[test]
    fn long_text_snippet_centres_on_match_and_stays_short() {
        let mut text = "Filler words here. ".repeat(60);
        text.push_str("The Geneva talks on oil prices ended. ");
        text.push_str(&"More filler after. ".repeat(60));
        let s = make_snippet(&text, &needles(&["geneva"], &[]), 280);
        assert!(s.text.len() <= 280 + 2 * '…'.len_utf8(), "{}", s.text.len());
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let [a, b] = s.highlights[0];
        assert_eq!(&s.text[a..b], "Geneva");
    }

    /// Issue 11 item 12: a snippet reads a bounded window, not the whole of a long text.
    #[test]
    fn a_snippet_reads_only_the_opening_window_of_a_long_text() {
        let opening = "Tankers wait outside the strait. ";
        let mut text = opening.repeat(SNIPPET_SCAN_BYTES / opening.len() + 1);
        text.push_str("The Geneva talks ended.");
        let s = make_snippet(&text, &needles(&["geneva"], &[]), 280);
        assert!(s.highlights.is_empty(), "{s:?}");
        assert!(s.text.starts_with("Tankers wait") && s.text.ends_with('…'));
        // Within the window the match is found, close to its end too.
        let mut text = opening.repeat(SNIPPET_SCAN_BYTES / opening.len() - 2);
        text.push_str("The Geneva talks ended. ");
        text.push_str(&opening.repeat(100));
        let s = make_snippet(&text, &needles(&["geneva"], &[]), 280);
        let [a, b] = s.highlights[0];
        assert_eq!(&s.text[a..b], "Geneva");
        // The window never ends inside a word.
        let long = format!("{}{}", "x".repeat(SNIPPET_SCAN_BYTES - 2), " geneva");
        assert_eq!(scan_window(&long), "x".repeat(SNIPPET_SCAN_BYTES - 2));
    }

    #[test]
    fn no_match_gives_the_opening() {
        let s = make_snippet("First words of the story.", &needles(&["zzz"], &[]), 280);
        assert_eq!(s.text, "First words of the story.");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn multibyte_text_never_splits_a_char() {
        let text = "Zürich ".repeat(100);
        let s = make_snippet(&text, &needles(&["zurich"], &[]), 50);
        assert!(!s.highlights.is_empty());
        for [a, b] in &s.highlights {
            assert_eq!(&s.text[*a..*b], "Zürich");
        }
    }
}
