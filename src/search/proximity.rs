//! Positional patterns: phrases with slop (`"a b"~3`), `NEAR/n` / `w/n` / `PRE/n`, and
//! prefix words (`hostil*`), matched on the exact (positions) fields.
//!
//! One matcher, [`Pattern::matches`], decides what matches from the positions of each
//! word; the index query ([`PositionalQuery`]) feeds it positions read from postings, the
//! highlighter feeds it positions of the words of a snippet. So a highlighted word is
//! always a word the query matched, and the semantics live in one place:
//!
//! - `Seq { words, steps, slop }`: the words **in this order**. A [`Step::Next`] puts the
//!   next word right after the previous one, separated as the query separates them (the
//!   punctuation rule of [`crate::index::tokenizer`]: `U.S.`, `e-mail`, every gap of an
//!   exact phrase); a [`Step::Later`] lets other words come between, at most `slop` in all
//!   the phrase, whatever punctuation lies between (`~n`).
//! - `Near { distance, ordered: false }`: both sides, **in either order**, with at most
//!   `distance` other words between the end of one and the start of the other; they may not
//!   overlap. `ordered: true` (`PRE/n`) requires the left side first.
//!
//! Distances count words ([`word_index`]): punctuation and a possessive `'s` count for
//! nothing.

use super::stem_query::SegmentLanguages;
use crate::index::Language;
use crate::index::tokenizer::{Offset, word_index};
use std::fmt;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

/// How one word of a pattern matches a word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordMatch {
    /// Exactly this lower-cased word (a word inside quotes).
    Exact(String),
    /// Any word starting with this lower-cased prefix (`hostil*`).
    Prefix(String),
    /// Any word with this stem in this language (a bare word's inflections in articles of
    /// that language), found by that language's expansion rule.
    Stem(String, Language),
    /// A bare word, as the index holds words: its inflections in the language of the article
    /// it is matched in. [`WordMatch::in_language`] makes it a [`WordMatch::Stem`] (or, in a
    /// language without a stemmer, an [`WordMatch::Exact`]) before it is matched.
    Bare(String),
}

impl WordMatch {
    /// What this word matches in articles of `language` (`None`: a language without a
    /// stemmer, or unknown): a bare word becomes its stem there, the others stay as they are.
    pub fn in_language(&self, language: Option<Language>) -> WordMatch {
        match (self, language) {
            (WordMatch::Bare(word), Some(language)) => {
                let mut stem = String::new();
                language.stem_into(word, &mut stem);
                WordMatch::Stem(stem, language)
            }
            (WordMatch::Bare(word), None) => WordMatch::Exact(word.clone()),
            (other, _) => other.clone(),
        }
    }
}

/// How a word of a [`Pattern::Seq`] follows the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// At exactly this offset from the previous word (see [`Offset`]).
    Next(Offset),
    /// In a later word, any number of words later (within the phrase's slop).
    Later,
}

/// A positional pattern (see the module documentation for the semantics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// `steps[i]` is how `words[i + 1]` follows `words[i]`.
    Seq {
        words: Vec<WordMatch>,
        steps: Vec<Step>,
        slop: u32,
    },
    Near {
        left: Box<Pattern>,
        right: Box<Pattern>,
        distance: u32,
        ordered: bool,
    },
}

/// One match: the word positions it covers, first to last, and the matched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    /// Positions of the words that matched (not the words skipped between them).
    pub words: Vec<u32>,
}

impl Pattern {
    /// The word slots, in the order [`Pattern::matches`] expects their positions.
    pub fn leaves(&self) -> Vec<&WordMatch> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<&'a WordMatch>) {
        match self {
            Pattern::Seq { words, .. } => out.extend(words.iter()),
            Pattern::Near { left, right, .. } => {
                left.collect_leaves(out);
                right.collect_leaves(out);
            }
        }
    }

    /// Whether a leaf is a bare word, which matches differently in each language.
    pub fn has_bare_words(&self) -> bool {
        self.leaves()
            .iter()
            .any(|w| matches!(w, WordMatch::Bare(_)))
    }

    /// The pattern as it matches in articles of `language`: each bare word its stem there
    /// (see [`WordMatch::in_language`]).
    pub fn in_language(&self, language: Option<Language>) -> Pattern {
        match self {
            Pattern::Seq { words, steps, slop } => Pattern::Seq {
                words: words.iter().map(|w| w.in_language(language)).collect(),
                steps: steps.clone(),
                slop: *slop,
            },
            Pattern::Near {
                left,
                right,
                distance,
                ordered,
            } => Pattern::Near {
                left: Box::new(left.in_language(language)),
                right: Box::new(right.in_language(language)),
                distance: *distance,
                ordered: *ordered,
            },
        }
    }

    /// A single word, with no steps.
    pub fn word(word: WordMatch) -> Pattern {
        Pattern::Seq {
            words: vec![word],
            steps: Vec::new(),
            slop: 0,
        }
    }

    /// Whether every match is a run of consecutive words (highlighted as one range).
    pub fn is_contiguous(&self) -> bool {
        match self {
            Pattern::Seq { steps, .. } => steps.iter().all(|s| matches!(s, Step::Next(_))),
            Pattern::Near { .. } => false,
        }
    }

    fn leaf_count(&self) -> usize {
        match self {
            Pattern::Seq { words, .. } => words.len(),
            Pattern::Near { left, right, .. } => left.leaf_count() + right.leaf_count(),
        }
    }

    /// Every match, given the sorted positions of each leaf (indexed like [`Pattern::leaves`]).
    pub fn matches(&self, positions: &[Vec<u32>]) -> Vec<Span> {
        match self {
            Pattern::Seq { words, steps, slop } => {
                seq_matches(&positions[..words.len()], steps, *slop)
            }
            Pattern::Near {
                left,
                right,
                distance,
                ordered,
            } => {
                let split = left.leaf_count();
                let lefts = left.matches(&positions[..split]);
                if lefts.is_empty() {
                    return Vec::new();
                }
                let rights = right.matches(&positions[split..]);
                near_matches(&lefts, &rights, *distance, *ordered)
            }
        }
    }
}

/// Where a run of words joined by [`Step::Next`] matches: the positions of its words,
/// for each position of its first word that the others follow as the steps require.
fn run_matches(positions: &[Vec<u32>], steps: &[Step]) -> Vec<Vec<u32>> {
    let Some(first) = positions.first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter_map(|&start| {
            let mut words = vec![start];
            let mut at = start;
            for (next, step) in positions[1..].iter().zip(steps) {
                let Step::Next(offset) = step else {
                    return None;
                };
                // Either parity lands on the word: `delta` takes the one `at` has.
                let want = at.checked_add(offset.delta(at & 1))?;
                if Offset::between(at, want) != *offset || next.binary_search(&want).is_err() {
                    return None;
                }
                words.push(want);
                at = want;
            }
            Some(words)
        })
        .collect()
}

/// In-order matches: the words split into runs at each [`Step::Later`]; for each match of
/// the first run, the earliest match of each later run in a later word (which minimises the
/// words skipped), kept when at most `slop` words are skipped in all.
fn seq_matches(positions: &[Vec<u32>], steps: &[Step], slop: u32) -> Vec<Span> {
    let mut runs: Vec<Vec<Vec<u32>>> = Vec::new();
    let mut start = 0;
    for i in 0..=steps.len() {
        if i == steps.len() || steps[i] == Step::Later {
            runs.push(run_matches(&positions[start..=i], &steps[start..i]));
            start = i + 1;
        }
    }
    let mut out = Vec::new();
    let Some((first, rest)) = runs.split_first() else {
        return out;
    };
    'starts: for run in first {
        let mut words = run.clone();
        let mut at = run[run.len() - 1];
        let mut skipped = 0u64;
        for later in rest {
            let k = later.partition_point(|r| word_index(r[0]) <= word_index(at));
            let Some(next) = later.get(k) else {
                // No later occurrence for this start, so none for any later start either.
                break 'starts;
            };
            skipped += u64::from(word_index(next[0]) - word_index(at) - 1);
            if skipped > u64::from(slop) {
                continue 'starts;
            }
            words.extend_from_slice(next);
            at = next[next.len() - 1];
        }
        out.push(Span {
            start: run[0],
            end: at,
            words,
        });
    }
    out
}

/// Words strictly between two non-overlapping spans, `a` before `b`.
fn gap(a: &Span, b: &Span) -> Option<u32> {
    let (end, start) = (word_index(a.end), word_index(b.start));
    (end < start).then(|| start - end - 1)
}

/// For each left span, the nearest right span within `distance` (after it, or for an
/// unordered pair also before it). The rights are indexed once by start and by end, so each
/// left looks its two candidates up by binary search instead of scanning every right: the
/// work grows as (lefts + rights) × log(rights), not lefts × rights.
fn near_matches(lefts: &[Span], rights: &[Span], distance: u32, ordered: bool) -> Vec<Span> {
    // (index in `rights`, span): on equal gaps the span listed first wins, as in a scan.
    let mut by_start: Vec<(usize, &Span)> = rights.iter().enumerate().collect();
    by_start.sort_by_key(|(_, b)| b.start);
    let mut by_end: Vec<(usize, &Span)> = if ordered {
        Vec::new()
    } else {
        rights.iter().enumerate().collect()
    };
    by_end.sort_by_key(|(_, b)| b.end);
    let mut out = Vec::new();
    for a in lefts {
        // The right span starting soonest after `a` ends, and the one ending latest before
        // `a` starts: the nearest on each side (the stable sorts put the first listed first
        // among equals).
        let after = by_start
            .get(by_start.partition_point(|(_, b)| b.start <= a.end))
            .and_then(|&(i, b)| Some((gap(a, b)?, i, b)));
        let before = by_end
            .partition_point(|(_, b)| b.end < a.start)
            .checked_sub(1)
            .and_then(|last| {
                let end = by_end[last].1.end;
                let (i, b) = by_end[by_end.partition_point(|(_, b)| b.end < end)];
                Some((gap(b, a)?, i, b))
            });
        let best = match (before, after) {
            (Some(x), Some(y)) => Some(if (y.0, y.1) < (x.0, x.1) { y } else { x }),
            (x, y) => x.or(y),
        };
        if let Some((g, _, b)) = best
            && g <= distance
        {
            let mut words: Vec<u32> = a.words.iter().chain(&b.words).copied().collect();
            words.sort_unstable();
            out.push(Span {
                start: a.start.min(b.start),
                end: a.end.max(b.end),
                words,
            });
        }
    }
    out
}

/// Does the lower-cased exact word `word`, with stem `stem`, match `m`? (A bare word not
/// yet put in a language matches itself.)
pub fn word_matches(m: &WordMatch, word: &str, stem: &str) -> bool {
    match m {
        WordMatch::Exact(w) | WordMatch::Bare(w) => w == word,
        WordMatch::Prefix(p) => word.starts_with(p.as_str()),
        WordMatch::Stem(s, _) => s == stem,
    }
}

/// The explanation of `doc`'s score for newsdex's own weights: the score `scorer` gives it,
/// under `what`, or an error when `scorer` does not match it.
pub(crate) fn explain_by_scoring(
    mut scorer: Box<dyn Scorer>,
    doc: DocId,
    what: &'static str,
) -> tantivy::Result<Explanation> {
    if scorer.doc() < doc {
        scorer.seek(doc);
    }
    if scorer.doc() != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} does not match"
        )));
    }
    Ok(Explanation::new(what, scorer.score()))
}

/// A tantivy query for a [`Pattern`] on one exact (positions) field.
#[derive(Clone, Debug)]
pub struct PositionalQuery {
    field: Field,
    pattern: Pattern,
}

impl PositionalQuery {
    pub fn new(field: Field, pattern: Pattern) -> PositionalQuery {
        PositionalQuery { field, pattern }
    }
}

impl Query for PositionalQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring.searcher() {
            Some(searcher) if scoring.is_scoring_enabled() => {
                // Score like a phrase of the pattern's rarest word slot: idf of the slot's
                // expanded document frequency, times the number of slots.
                let total_docs = searcher.num_docs().max(1);
                let mut total_tokens = 0u64;
                let mut rarest = u64::MAX;
                let leaves = self.pattern.leaves();
                let mut freqs = vec![0u64; leaves.len()];
                for reader in searcher.segment_readers() {
                    let inverted = reader.inverted_index(self.field)?;
                    total_tokens += inverted.total_num_tokens();
                    // A bare word counts its variants in each language of the segment.
                    let languages = match self.pattern.has_bare_words() {
                        true => SegmentLanguages::open(reader)?.present(),
                        false => Vec::new(),
                    };
                    for (i, leaf) in leaves.iter().enumerate() {
                        let in_languages: Vec<WordMatch> = match leaf {
                            WordMatch::Bare(_) => {
                                languages.iter().map(|l| leaf.in_language(*l)).collect()
                            }
                            _ => vec![(*leaf).clone()],
                        };
                        for leaf in &in_languages {
                            freqs[i] += expand(&inverted, leaf)?
                                .iter()
                                .map(|t| u64::from(t.doc_freq))
                                .sum::<u64>();
                        }
                    }
                }
                for f in freqs {
                    rarest = rarest.min(f.min(total_docs));
                }
                let avg = total_tokens as Score / total_docs as Score;
                Some(
                    Bm25Weight::for_one_term_without_explain(rarest.max(1), total_docs, avg)
                        .boost_by(leaves.len() as Score),
                )
            }
            _ => None,
        };
        Ok(Box::new(PositionalWeight {
            field: self.field,
            pattern: self.pattern.clone(),
            bm25,
        }))
    }
}

/// The term infos of the words in `inverted` that `leaf` matches.
pub(crate) fn expand(
    inverted: &tantivy::InvertedIndexReader,
    leaf: &WordMatch,
) -> std::io::Result<Vec<tantivy::postings::TermInfo>> {
    let mut out = Vec::new();
    expand_with(inverted, leaf, &mut |_, info| out.push(info.clone()))?;
    Ok(out)
}

/// Call `found` with each word of `inverted` that `leaf` matches and its term info.
pub(crate) fn expand_with(
    inverted: &tantivy::InvertedIndexReader,
    leaf: &WordMatch,
    found: &mut dyn FnMut(&[u8], &tantivy::postings::TermInfo),
) -> std::io::Result<()> {
    let terms = inverted.terms();
    let mut scan = |lower: &[u8], upper: &[u8], keep: &mut dyn FnMut(&str) -> bool| {
        let mut stream = terms.range().ge(lower).lt(upper).into_stream()?;
        while stream.advance() {
            if let Ok(word) = std::str::from_utf8(stream.key())
                && keep(word)
            {
                found(stream.key(), stream.value());
            }
        }
        Ok::<(), std::io::Error>(())
    };
    match leaf {
        WordMatch::Exact(w) | WordMatch::Bare(w) => {
            if let Some(info) = terms.get(w.as_bytes())? {
                found(w.as_bytes(), &info);
            }
        }
        WordMatch::Prefix(p) => {
            let mut upper = p.as_bytes().to_vec();
            upper.push(0xff);
            scan(p.as_bytes(), &upper, &mut |_| true)?
        }
        WordMatch::Stem(s, language) => {
            let mut scratch = String::new();
            for (lower, upper) in language.scan_ranges(s) {
                scan(&lower, &upper, &mut |w| {
                    language.expands_to(s, w, &mut scratch)
                })?;
            }
        }
    }
    Ok(())
}

struct PositionalWeight {
    field: Field,
    pattern: Pattern,
    bm25: Option<Bm25Weight>,
}

impl PositionalWeight {
    /// Every matching document of the segment with its number of matches. A pattern with
    /// bare words is matched once per language of the segment's articles, each time in the
    /// articles of that language only, with its bare words stemmed in that language.
    fn matching_docs(&self, reader: &SegmentReader) -> tantivy::Result<Vec<(DocId, u32)>> {
        if !self.pattern.has_bare_words() {
            return self.pattern_docs(&self.pattern, reader, &|_| true);
        }
        let languages = SegmentLanguages::open(reader)?;
        let present = languages.present();
        if let [language] = present.as_slice() {
            return self.pattern_docs(&self.pattern.in_language(*language), reader, &|_| true);
        }
        let mut out = Vec::new();
        for language in present {
            let pattern = self.pattern.in_language(language);
            out.extend(self.pattern_docs(&pattern, reader, &|doc| languages.of(doc) == language)?);
        }
        out.sort_unstable_by_key(|&(doc, _)| doc);
        Ok(out)
    }

    /// The documents of the segment that `keep` accepts and `pattern` matches, with their
    /// numbers of matches.
    fn pattern_docs(
        &self,
        pattern: &Pattern,
        reader: &SegmentReader,
        keep: &dyn Fn(DocId) -> bool,
    ) -> tantivy::Result<Vec<(DocId, u32)>> {
        let inverted = reader.inverted_index(self.field)?;
        let mut slots: Vec<Vec<SegmentPostings>> = Vec::new();
        for leaf in pattern.leaves() {
            let mut postings = Vec::new();
            for info in expand(&inverted, leaf)? {
                postings.push(inverted.read_postings_from_terminfo(
                    &info,
                    IndexRecordOption::WithFreqsAndPositions,
                )?);
            }
            if postings.is_empty() {
                return Ok(Vec::new());
            }
            slots.push(postings);
        }
        // Drive from the rarest slot; every slot is required.
        let driver = (0..slots.len())
            .min_by_key(|&i| slots[i].iter().map(|p| p.doc_freq()).sum::<u32>())
            .unwrap_or(0);
        let mut candidates: Vec<DocId> = Vec::new();
        for postings in &slots[driver] {
            let mut p = postings.clone();
            let mut doc = p.doc();
            while doc != TERMINATED {
                candidates.push(doc);
                doc = p.advance();
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&doc| keep(doc));

        let mut out = Vec::new();
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); slots.len()];
        let mut buffer = Vec::new();
        'docs: for doc in candidates {
            for (slot, leaf_positions) in slots.iter_mut().zip(positions.iter_mut()) {
                leaf_positions.clear();
                for postings in slot.iter_mut() {
                    if postings.doc() < doc {
                        postings.seek(doc);
                    }
                    if postings.doc() == doc {
                        postings.positions(&mut buffer);
                        leaf_positions.extend_from_slice(&buffer);
                    }
                }
                if leaf_positions.is_empty() {
                    continue 'docs;
                }
                leaf_positions.sort_unstable();
                leaf_positions.dedup();
            }
            let n = pattern.matches(&positions).len();
            if n > 0 {
                out.push((doc, n as u32));
            }
        }
        Ok(out)
    }
}

impl Weight for PositionalWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = self.matching_docs(reader)?;
        if docs.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let fieldnorms = match reader.fieldnorms_readers().get_field(self.field)? {
            Some(f) => f,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Box::new(PositionalScorer {
            docs,
            at: 0,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            fieldnorms,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_by_scoring(self.scorer(reader, 1.0)?, doc, "positional pattern")
    }
}

struct PositionalScorer {
    docs: Vec<(DocId, u32)>,
    at: usize,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
}

impl DocSet for PositionalScorer {
    fn advance(&mut self) -> DocId {
        if self.at < self.docs.len() {
            self.at += 1;
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let rest = &self.docs[self.at..];
        self.at += rest.partition_point(|(d, _)| *d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |(d, _)| *d)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at.min(self.docs.len())) as u32
    }
}

impl Scorer for PositionalScorer {
    fn score(&mut self) -> Score {
        match (&self.bm25, self.docs.get(self.at)) {
            (Some(w), Some((doc, n))) => w.score(self.fieldnorms.fieldnorm_id(*doc), *n),
            _ => 1.0,
        }
    }
}

impl fmt::Display for WordMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WordMatch::Exact(w) | WordMatch::Stem(w, _) | WordMatch::Bare(w) => write!(f, "{w}"),
            WordMatch::Prefix(p) => write!(f, "{p}*"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words in this order: with slop 0 each right after the previous one across
    /// whitespace, otherwise in any later word.
    fn exact(words: &[&str], slop: u32) -> Pattern {
        let step = if slop == 0 {
            Step::Next(Offset {
                words: 1,
                flipped: false,
            })
        } else {
            Step::Later
        };
        Pattern::Seq {
            words: words
                .iter()
                .map(|w| WordMatch::Exact(w.to_string()))
                .collect(),
            steps: vec![step; words.len().saturating_sub(1)],
            slop,
        }
    }

    /// Positions of each leaf in a text as the index tokenizes it (prefix and exact only).
    fn positions(p: &Pattern, text: &str) -> Vec<Vec<u32>> {
        let mut analyzer = crate::index::schema::exact_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while stream.advance() {
            let t = stream.token();
            words.push((t.text.clone(), t.position as u32));
        }
        p.leaves()
            .iter()
            .map(|leaf| {
                words
                    .iter()
                    .filter(|(w, _)| word_matches(leaf, w, w))
                    .map(|(_, p)| *p)
                    .collect()
            })
            .collect()
    }

    fn count(p: &Pattern, text: &str) -> usize {
        p.matches(&positions(p, text)).len()
    }

    #[test]
    fn slop_counts_skipped_words_in_order_only() {
        let p = exact(&["cessation", "hostilities"], 2);
        assert_eq!(count(&p, "a cessation of hostilities"), 1);
        assert_eq!(count(&p, "cessation of all hostilities"), 1);
        assert_eq!(count(&p, "cessation of all the hostilities"), 0);
        assert_eq!(count(&p, "hostilities cessation"), 0);
    }

    #[test]
    fn slop_is_a_budget_shared_by_all_gaps() {
        let p = exact(&["a", "b", "c"], 1);
        assert_eq!(count(&p, "a x b c"), 1);
        assert_eq!(count(&p, "a b x c"), 1);
        assert_eq!(count(&p, "a x b x c"), 0);
    }

    #[test]
    fn later_start_can_match_when_an_earlier_one_is_too_far() {
        let p = exact(&["a", "b"], 0);
        assert_eq!(count(&p, "a x x a b"), 1);
    }

    #[test]
    fn near_is_any_order_and_pre_is_ordered() {
        let near = Pattern::Near {
            left: Box::new(exact(&["oil"], 0)),
            right: Box::new(exact(&["opec"], 0)),
            distance: 2,
            ordered: false,
        };
        assert_eq!(count(&near, "opec cut oil output"), 1);
        assert_eq!(count(&near, "oil x x opec"), 1);
        assert_eq!(count(&near, "oil x x x opec"), 0);
        let pre = Pattern::Near {
            left: Box::new(exact(&["oil"], 0)),
            right: Box::new(exact(&["opec"], 0)),
            distance: 2,
            ordered: true,
        };
        assert_eq!(count(&pre, "opec cut oil output"), 0);
        assert_eq!(count(&pre, "oil cut opec"), 1);
    }

    #[test]
    fn near_sides_may_not_overlap() {
        let p = Pattern::Near {
            left: Box::new(exact(&["peace", "talks"], 0)),
            right: Box::new(exact(&["talks"], 0)),
            distance: 3,
            ordered: false,
        };
        assert_eq!(count(&p, "peace talks resumed"), 0);
        assert_eq!(count(&p, "peace talks and talks"), 1);
    }

    #[test]
    fn near_of_phrases_reports_matched_words_only() {
        let p = Pattern::Near {
            left: Box::new(exact(&["peace", "talks"], 0)),
            right: Box::new(Pattern::word(WordMatch::Prefix("genev".into()))),
            distance: 3,
            ordered: false,
        };
        let m = p.matches(&positions(&p, "in geneva the peace talks stalled"));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].words, [2, 6, 8]);
    }

    #[test]
    fn near_counts_words_not_punctuation_or_a_possessive() {
        let near = |left: &str, right: &str, distance, ordered| Pattern::Near {
            left: Box::new(exact(&[left], 0)),
            right: Box::new(exact(&[right], 0)),
            distance,
            ordered,
        };
        let cases = [
            (
                near("kerry", "priority", 2, false),
                "Kerry’s top priority",
                1,
            ),
            (
                near("kerry", "priority", 1, false),
                "Kerry’s top priority",
                1,
            ),
            (
                near("kerry", "priority", 0, false),
                "Kerry’s top priority",
                0,
            ),
            (near("britain", "blair", 1, false), "Britain, Mr Blair", 1),
            (near("britain", "blair", 0, false), "Britain, Mr Blair", 0),
            (
                near("brown", "blair", 3, true),
                "Brown's Britain, Mr Blair",
                1,
            ),
            (
                near("brown", "blair", 2, true),
                "Brown's Britain, Mr Blair",
                1,
            ),
            (
                near("brown", "blair", 1, true),
                "Brown's Britain, Mr Blair",
                0,
            ),
            (near("oil", "opec", 0, false), "oil. (OPEC)", 1),
        ];
        for (pattern, text, expected) in cases {
            assert_eq!(count(&pattern, text), expected, "{pattern:?} in {text:?}");
        }
    }

    #[test]
    fn slop_counts_words_across_punctuation_but_joined_words_stay_joined() {
        let us_officials = Pattern::Seq {
            words: ["u", "s", "officials"]
                .iter()
                .map(|w| WordMatch::Exact(w.to_string()))
                .collect(),
            steps: vec![
                Step::Next(Offset {
                    words: 1,
                    flipped: true,
                }),
                Step::Later,
            ],
            slop: 1,
        };
        assert_eq!(count(&us_officials, "U.S. officials"), 1);
        assert_eq!(count(&us_officials, "the U.S. trade officials"), 1);
        assert_eq!(count(&us_officials, "U.S., EU officials"), 1);
        assert_eq!(count(&us_officials, "U S officials"), 0);
        assert_eq!(count(&us_officials, "U.S. and EU officials"), 0);
        let p = exact(&["cessation", "hostilities"], 1);
        assert_eq!(count(&p, "a cessation, of hostilities"), 1);
        assert_eq!(count(&p, "the “cessation” (of) hostilities"), 1);
    }

    #[test]
    fn a_prefix_after_a_hyphen_keeps_the_hyphen() {
        // `e-mail*`: "e", then across a break in the next word, a word starting "mail".
        let p = Pattern::Seq {
            words: vec![
                WordMatch::Exact("e".into()),
                WordMatch::Prefix("mail".into()),
            ],
            steps: vec![Step::Next(Offset {
                words: 1,
                flipped: true,
            })],
            slop: 0,
        };
        assert_eq!(count(&p, "send e-mails, e-mail and email"), 2);
        assert_eq!(count(&p, "an odd, e-mail"), 1);
        assert_eq!(count(&p, "e mail"), 0);
    }

    /// Every start of a match of `words`/`steps` within `slop`, by trying every choice of
    /// positions: what `seq_matches` must find.
    fn seq_starts_by_search(positions: &[Vec<u32>], steps: &[Step], slop: u32) -> Vec<u32> {
        fn extend(positions: &[Vec<u32>], steps: &[Step], at: u32, budget: u32) -> bool {
            let Some((next, rest)) = positions.split_first() else {
                return true;
            };
            next.iter().any(|&p| match steps[0] {
                Step::Next(offset) => {
                    p >= at
                        && Offset::between(at, p) == offset
                        && extend(rest, &steps[1..], p, budget)
                }
                Step::Later => {
                    word_index(p) > word_index(at)
                        && word_index(p) - word_index(at) - 1 <= budget
                        && extend(
                            rest,
                            &steps[1..],
                            p,
                            budget - (word_index(p) - word_index(at) - 1),
                        )
                }
            })
        }
        positions[0]
            .iter()
            .copied()
            .filter(|&start| extend(&positions[1..], steps, start, slop))
            .collect()
    }

    #[test]
    fn seq_matching_agrees_with_a_search_of_every_choice() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as usize
        };
        let vocabulary = ["a", "b", "c"];
        let gaps = [" ", " ", " ", ", ", ". ", " \"", "-", "'s "];
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(14) + 1 {
                text.push_str(vocabulary[next(3)]);
                text.push_str(gaps[next(gaps.len() as u64)]);
            }
            let len = next(3) + 1;
            let words: Vec<&str> = (0..len).map(|_| vocabulary[next(3)]).collect();
            let steps: Vec<Step> = (1..len)
                .map(|_| match next(3) {
                    0 => Step::Later,
                    k => Step::Next(Offset {
                        words: 1,
                        flipped: k == 2,
                    }),
                })
                .collect();
            let slop = next(3) as u32;
            let pattern = Pattern::Seq {
                words: words
                    .iter()
                    .map(|w| WordMatch::Exact(w.to_string()))
                    .collect(),
                steps: steps.clone(),
                slop,
            };
            let at = positions(&pattern, &text);
            let found: Vec<u32> = pattern.matches(&at).iter().map(|m| m.start).collect();
            assert_eq!(
                found,
                seq_starts_by_search(&at, &steps, slop),
                "{words:?} {steps:?} ~{slop} in {text:?}"
            );
        }
    }

    /// The plain scan `near_matches` must agree with: every right tried for every left.
    fn near_matches_by_scan(
        lefts: &[Span],
        rights: &[Span],
        distance: u32,
        ordered: bool,
    ) -> Vec<Span> {
        let mut out = Vec::new();
        for a in lefts {
            let best = rights
                .iter()
                .filter_map(|b| {
                    let g = gap(a, b).or_else(|| if ordered { None } else { gap(b, a) })?;
                    (g <= distance).then_some((g, b))
                })
                .min_by_key(|(g, _)| *g);
            if let Some((_, b)) = best {
                let mut words: Vec<u32> = a.words.iter().chain(&b.words).copied().collect();
                words.sort_unstable();
                out.push(Span {
                    start: a.start.min(b.start),
                    end: a.end.max(b.end),
                    words,
                });
            }
        }
        out
    }

    #[test]
    fn near_lookup_agrees_with_a_scan_of_every_pair() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as u32
        };
        // A word's position: twice its number, plus the parity of the breaks before it
        // (one fixed parity per word, as in a text).
        let position = |word: u32| 2 * word + u32::from(word.is_multiple_of(3));
        let spans = |count: u64, next: &mut dyn FnMut(u64) -> u32| -> Vec<Span> {
            (0..next(count))
                .map(|_| {
                    let first = next(30);
                    let (start, end) = (position(first), position(first + next(3)));
                    Span {
                        start,
                        end,
                        words: vec![start, end],
                    }
                })
                .collect()
        };
        for round in 0..2000 {
            let lefts = spans(8, &mut next);
            let rights = spans(8, &mut next);
            let distance = next(6);
            let ordered = round % 2 == 0;
            assert_eq!(
                near_matches(&lefts, &rights, distance, ordered),
                near_matches_by_scan(&lefts, &rights, distance, ordered),
                "{lefts:?} {rights:?} {distance} {ordered}"
            );
        }
    }

    #[test]
    fn near_of_a_very_common_word_does_not_pair_every_occurrence() {
        // Every word is "the": a scan of every pair would try 10^10 of them.
        let positions: Vec<u32> = (0..100_000).map(|w| 2 * w).collect();
        let p = Pattern::Near {
            left: Box::new(exact(&["the"], 0)),
            right: Box::new(exact(&["the"], 0)),
            distance: 1000,
            ordered: false,
        };
        let m = p.matches(&[positions.clone(), positions]);
        assert_eq!(m.len(), 100_000);
        assert_eq!(m[5].words, [8, 10]);
    }
}
