//! Bare words: `election` matches `elections`, `elected` and `election`.
//!
//! The index holds each word once, exactly as written (lower-cased, accents folded), with
//! positions for phrases; it keeps no second, stemmed copy of the text. A bare word is
//! instead expanded when the query runs: every indexed word of the field that
//! [`Language::expands_to`](crate::index::Language::expands_to) the query word's stem (found
//! by a range scan of the term dictionary, see [`expand_with`]). The variants are then scored together as one BM25 term — the summed
//! frequency of all variants in the document, and a document frequency that is the sum of
//! the variants' (capped at the number of documents) — which is what a stemmed field would
//! give, less the overlap of documents holding several variants.
//!
//! A word with a single variant in the index becomes a plain [`TermQuery`], so the common
//! case keeps tantivy's own optimised scorer.

use super::proximity::{WordMatch, expand_with, explain_by_scoring};
use crate::index::Language;
use std::collections::HashMap;
use std::fmt;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::query::{
    Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Every word of `field` with the stem `stem` in `language` (the index's).
#[derive(Clone, Debug)]
pub struct StemQuery {
    field: Field,
    stem: String,
    language: Language,
}

impl StemQuery {
    pub fn new(field: Field, stem: String, language: Language) -> StemQuery {
        StemQuery {
            field,
            stem,
            language,
        }
    }

    fn leaf(&self) -> WordMatch {
        WordMatch::Stem(self.stem.clone(), self.language)
    }
}

impl Query for StemQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let leaf = self.leaf();
        let Some(searcher) = scoring.searcher() else {
            // No searcher: nothing to expand against statistics; match without scores.
            return Ok(Box::new(StemWeight {
                field: self.field,
                leaf,
                bm25: None,
                expanded: HashMap::new(),
            }));
        };
        let mut variants: Vec<Vec<u8>> = Vec::new();
        let mut doc_freq = 0u64;
        let mut total_tokens = 0u64;
        let mut total_docs = 0u64;
        let mut expanded = HashMap::new();
        for reader in searcher.segment_readers() {
            let inverted = reader.inverted_index(self.field)?;
            total_tokens += inverted.total_num_tokens();
            total_docs += u64::from(reader.max_doc());
            let mut infos = Vec::new();
            expand_with(&inverted, &leaf, &mut |word, info| {
                doc_freq += u64::from(info.doc_freq);
                infos.push(info.clone());
                if !variants.iter().any(|v| v == word) {
                    variants.push(word.to_vec());
                }
            })?;
            expanded.insert(reader.segment_id(), infos);
        }
        if let [word] = variants.as_slice()
            && let Ok(text) = std::str::from_utf8(word)
        {
            let term = Term::from_field_text(self.field, text);
            return TermQuery::new(term, IndexRecordOption::WithFreqs).weight(scoring);
        }
        let bm25 = scoring.is_scoring_enabled().then(|| {
            let total_docs = total_docs.max(1);
            let average_fieldnorm = total_tokens as Score / total_docs as Score;
            Bm25Weight::for_one_term_without_explain(
                doc_freq.clamp(1, total_docs),
                total_docs,
                average_fieldnorm,
            )
        });
        Ok(Box::new(StemWeight {
            field: self.field,
            leaf,
            bm25,
            expanded,
        }))
    }
}

struct StemWeight {
    field: Field,
    leaf: WordMatch,
    bm25: Option<Bm25Weight>,
    /// The variants' term infos per segment, found while computing the statistics.
    expanded: HashMap<SegmentId, Vec<TermInfo>>,
}

impl Weight for StemWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.field)?;
        let mut found = Vec::new();
        let infos = match self.expanded.get(&reader.segment_id()) {
            Some(infos) => infos,
            None => {
                expand_with(&inverted, &self.leaf, &mut |_, info| {
                    found.push(info.clone())
                })?;
                &found
            }
        };
        let mut postings = Vec::with_capacity(infos.len());
        for info in infos {
            postings
                .push(inverted.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?);
        }
        if postings.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let fieldnorms = match reader.fieldnorms_readers().get_field(self.field)? {
            Some(f) => f,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let mut scorer = StemScorer {
            doc: TERMINATED,
            postings,
            fieldnorms,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
        };
        scorer.doc = scorer.lowest();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_by_scoring(self.scorer(reader, 1.0)?, doc, "words sharing a stem")
    }
}

/// The union of the variants' postings, scored as one term.
struct StemScorer {
    doc: DocId,
    postings: Vec<SegmentPostings>,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl StemScorer {
    fn lowest(&self) -> DocId {
        self.postings
            .iter()
            .map(DocSet::doc)
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for StemScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        for p in &mut self.postings {
            if p.doc() == self.doc {
                p.advance();
            }
        }
        self.doc = self.lowest();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for p in &mut self.postings {
            if p.doc() < target {
                p.seek(target);
            }
        }
        self.doc = self.lowest();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings.iter().map(DocSet::size_hint).sum()
    }
}

impl Scorer for StemScorer {
    fn score(&mut self) -> Score {
        let Some(bm25) = &self.bm25 else {
            return 1.0;
        };
        let doc = self.doc;
        let freq: u32 = self
            .postings
            .iter()
            .filter(|p| p.doc() == doc)
            .map(|p| p.term_freq())
            .sum();
        bm25.score(self.fieldnorms.fieldnorm_id(doc), freq)
    }
}

impl fmt::Display for StemQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stem:{}", self.stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Language;
    use crate::index::schema::{EXACT_TOKENIZER, register_tokenizers};
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TextFieldIndexing, TextOptions, Value};
    use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument};

    /// An in-memory index of `texts` (one document each, in order) in one positional field
    /// analysed like newsdex's text fields, with each text committed as its own segment
    /// when `segments` is set.
    fn index(texts: &[&str], segments: bool) -> (Index, Field) {
        let mut builder = Schema::builder();
        let options = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let field = builder.add_text_field("body", options);
        let index = Index::create_in_ram(builder.build());
        register_tokenizers(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in texts {
            let mut doc = TantivyDocument::default();
            doc.add_text(field, text);
            writer.add_document(doc).unwrap();
            if segments {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index, field)
    }

    fn stem(word: &str) -> String {
        let mut analyzer = Language::English.stem_analyzer();
        let mut stream = analyzer.token_stream(word);
        assert!(stream.advance());
        stream.token().text.clone()
    }

    /// Matching documents (their index in [`TEXTS`]), best first.
    fn ranked(index: &Index, query: &dyn Query) -> Vec<usize> {
        let searcher = index.reader().unwrap().searcher();
        let field = searcher.schema().get_field("body").unwrap();
        let top = searcher
            .search(query, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let count = searcher.search(query, &Count).unwrap();
        assert_eq!(count, top.len(), "count and top docs disagree");
        top.into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                let text = doc.get_first(field).and_then(|v| v.as_str()).unwrap();
                TEXTS.iter().position(|t| *t == text).unwrap()
            })
            .collect()
    }

    const TEXTS: &[&str] = &[
        "Voters went to the polls.",                       // 0: no form
        "The elections were postponed.",                   // 1
        "He was elected in May; the election was close.",  // 2: two forms
        "An electric car maker.",                          // 3: same prefix, other stem
        "Elections, elections and an election in Zürich.", // 4: three occurrences
    ];

    #[test]
    fn explain_scores_a_match_and_refuses_a_non_match() {
        let (index, field) = index(TEXTS, false);
        let searcher = index.reader().unwrap().searcher();
        let query = StemQuery::new(field, stem("election"), Language::English);
        let scored = query.explain(&searcher, DocAddress::new(0, 2)).unwrap();
        assert!(scored.value() > 0.0, "{scored:?}");
        // Document 3 ("electric") shares the prefix, not the stem.
        assert!(query.explain(&searcher, DocAddress::new(0, 3)).is_err());
    }

    #[test]
    fn a_bare_word_matches_every_inflection_and_nothing_else() {
        let (index, field) = index(TEXTS, false);
        let q = StemQuery::new(field, stem("election"), Language::English);
        let mut docs = ranked(&index, &q);
        docs.sort_unstable();
        assert_eq!(docs, [1, 2, 4]);
    }

    #[test]
    fn variants_score_as_one_term_so_more_occurrences_rank_higher() {
        let (index, field) = index(TEXTS, false);
        let docs = ranked(
            &index,
            &StemQuery::new(field, stem("elections"), Language::English),
        );
        assert_eq!(docs[0], 4, "three occurrences first: {docs:?}");
    }

    #[test]
    fn each_segment_is_expanded_on_its_own() {
        // A variant present in only some segments must not stop the others matching.
        let (index, field) = index(TEXTS, true);
        let mut docs = ranked(
            &index,
            &StemQuery::new(field, stem("elect"), Language::English),
        );
        docs.sort_unstable();
        assert_eq!(docs, [1, 2, 4]);
    }

    #[test]
    fn a_word_with_one_variant_and_accents_folded() {
        let (index, field) = index(TEXTS, false);
        assert_eq!(
            ranked(
                &index,
                &StemQuery::new(field, stem("zurich"), Language::English)
            ),
            [4]
        );
        assert_eq!(
            ranked(
                &index,
                &StemQuery::new(field, stem("Zürich"), Language::English)
            ),
            [4]
        );
        assert!(
            ranked(
                &index,
                &StemQuery::new(field, stem("referendum"), Language::English)
            )
            .is_empty()
        );
    }

    #[test]
    fn without_a_searcher_it_still_matches_unscored() {
        let (index, field) = index(TEXTS, true);
        let searcher = index.reader().unwrap().searcher();
        let weight = StemQuery::new(field, stem("election"), Language::English)
            .weight(EnableScoring::disabled_from_schema(searcher.schema()))
            .unwrap();
        let mut matched = 0;
        for reader in searcher.segment_readers() {
            let mut scorer = weight.scorer(reader, 1.0).unwrap();
            while scorer.doc() != TERMINATED {
                assert_eq!(scorer.score(), 1.0);
                matched += 1;
                scorer.advance();
            }
        }
        assert_eq!(matched, 3);
    }

    #[test]
    fn the_union_seeks_like_its_parts() {
        let (index, field) = index(TEXTS, false);
        let searcher = index.reader().unwrap().searcher();
        let weight = StemQuery::new(field, stem("election"), Language::English)
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        assert_eq!(scorer.doc(), 1);
        assert_eq!(scorer.seek(3), 4);
        assert!(scorer.score() > 0.0);
        assert_eq!(scorer.advance(), TERMINATED);
    }
}
