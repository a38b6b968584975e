//! Bare words: `election` matches `elections`, `elected` and `election`; `négociations`
//! matches `négociation` in a French article, `Verhandlungen` `Verhandlung` in a German one.
//!
//! The index holds each word once, exactly as written (lower-cased, accents folded), with
//! positions for phrases; it keeps no second, stemmed copy of the text. A bare word is
//! instead expanded when the query runs, once per language the index holds articles in: in
//! each stemmed [`Language`], to every indexed word of the field that
//! [`Language::expands_to`](crate::index::Language::expands_to) the word's stem in that
//! language (found by range scans of the term dictionary, see [`expand_with`]); for articles
//! of other languages (and of unknown language), to the word itself. Each language's
//! variants match only in articles of that language (their `lang` field), so the English
//! stemmer never decides what a French word matches.
//!
//! Each language's variants are scored together as one BM25 term — the summed frequency of
//! its variants in the document, and a document frequency that is the sum of the variants'
//! (capped at the number of documents) — which is what a stemmed field would give, less the
//! overlap of documents holding several variants. An article has one language, so it is
//! scored by one of these terms.
//!
//! A word with a single variant in an index of a single language becomes a plain
//! [`TermQuery`], so the common case keeps tantivy's own optimised scorer.

use super::proximity::{WordMatch, expand_with, explain_by_scoring};
use crate::index::Language;
use std::collections::HashMap;
use std::fmt;
use tantivy::columnar::StrColumn;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::query::{
    Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// The fast field that holds each article's language code.
const LANG_FIELD: &str = "lang";

/// Every word of `field` that stands for `word` in the language of its article.
#[derive(Clone, Debug)]
pub struct StemQuery {
    field: Field,
    /// The word as the index holds words: lower-cased, accents folded.
    word: String,
}

impl StemQuery {
    pub fn new(field: Field, word: String) -> StemQuery {
        StemQuery { field, word }
    }

    /// What the word matches in articles of `language` (`None`: a language without a
    /// stemmer, or unknown).
    fn leaf(&self, language: Option<Language>) -> WordMatch {
        WordMatch::Bare(self.word.clone()).in_language(language)
    }
}

/// The stemmed language of the articles whose `lang` is `code`; an index without the
/// field (only tests build one) is in the default language.
fn group_of(code: Option<&str>) -> Option<Language> {
    match code {
        Some(code) => Language::from_code(code),
        None => Some(Language::default()),
    }
}

/// The stemming language of each of a segment's articles, read from its `lang` column.
pub(super) struct SegmentLanguages {
    column: Option<StrColumn>,
    /// The language of each of the column's codes, in the order of their ordinals.
    by_ord: Vec<Option<Language>>,
}

impl SegmentLanguages {
    pub(super) fn open(reader: &SegmentReader) -> tantivy::Result<SegmentLanguages> {
        let column = reader.fast_fields().str(LANG_FIELD)?;
        let by_ord = segment_codes(&column)
            .iter()
            .map(|code| group_of(Some(code)))
            .collect();
        Ok(SegmentLanguages { column, by_ord })
    }

    /// The languages of the segment's articles, each once.
    pub(super) fn present(&self) -> Vec<Option<Language>> {
        let mut out = Vec::new();
        if self.by_ord.is_empty() {
            out.push(group_of(None));
        }
        for language in &self.by_ord {
            if !out.contains(language) {
                out.push(*language);
            }
        }
        out
    }

    /// The language of `doc`.
    pub(super) fn of(&self, doc: DocId) -> Option<Language> {
        match (self.by_ord.as_slice(), &self.column) {
            // Every article of the segment is in one language: no need to look it up.
            ([one], _) => *one,
            (_, Some(column)) => match column.term_ords(doc).next() {
                Some(ord) => self.by_ord.get(ord as usize).copied().flatten(),
                None => group_of(None),
            },
            (_, None) => group_of(None),
        }
    }
}

/// The language codes of a segment's articles, in the order of their ordinals.
fn segment_codes(column: &Option<StrColumn>) -> Vec<String> {
    let Some(column) = column else {
        return Vec::new();
    };
    (0..column.num_terms() as u64)
        .map(|ord| {
            let mut code = String::new();
            column.ord_to_str(ord, &mut code).ok();
            code
        })
        .collect()
}

impl Query for StemQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(searcher) = scoring.searcher() else {
            // No searcher: nothing to expand against statistics; match without scores, in
            // every language there is.
            let mut groups: Vec<Option<Language>> = Language::ALL.map(Some).to_vec();
            groups.push(None);
            return Ok(Box::new(StemWeight {
                field: self.field,
                groups: groups
                    .into_iter()
                    .map(|language| Group {
                        language,
                        leaf: self.leaf(language),
                        bm25: None,
                    })
                    .collect(),
                expanded: HashMap::new(),
            }));
        };
        // The languages of the index's articles, each once.
        let mut languages: Vec<Option<Language>> = Vec::new();
        for reader in searcher.segment_readers() {
            for language in SegmentLanguages::open(reader)?.present() {
                if !languages.contains(&language) {
                    languages.push(language);
                }
            }
        }
        let leaves: Vec<WordMatch> = languages.iter().map(|l| self.leaf(*l)).collect();
        let mut doc_freqs = vec![0u64; languages.len()];
        let mut variants: Vec<Vec<u8>> = Vec::new();
        let mut total_tokens = 0u64;
        let mut total_docs = 0u64;
        let mut expanded = HashMap::new();
        for reader in searcher.segment_readers() {
            let inverted = reader.inverted_index(self.field)?;
            total_tokens += inverted.total_num_tokens();
            total_docs += u64::from(reader.max_doc());
            let mut infos = Vec::new();
            for (group, leaf) in leaves.iter().enumerate() {
                expand_with(&inverted, leaf, &mut |word, info| {
                    doc_freqs[group] += u64::from(info.doc_freq);
                    infos.push((group, info.clone()));
                    if !variants.iter().any(|v| v == word) {
                        variants.push(word.to_vec());
                    }
                })?;
            }
            expanded.insert(reader.segment_id(), infos);
        }
        if let ([_], [word]) = (languages.as_slice(), variants.as_slice())
            && let Ok(text) = std::str::from_utf8(word)
        {
            let term = Term::from_field_text(self.field, text);
            return TermQuery::new(term, IndexRecordOption::WithFreqs).weight(scoring);
        }
        let total_docs = total_docs.max(1);
        let average_fieldnorm = total_tokens as Score / total_docs as Score;
        let groups = languages
            .into_iter()
            .zip(leaves)
            .zip(doc_freqs)
            .map(|((language, leaf), doc_freq)| Group {
                language,
                leaf,
                bm25: scoring.is_scoring_enabled().then(|| {
                    Bm25Weight::for_one_term_without_explain(
                        doc_freq.clamp(1, total_docs),
                        total_docs,
                        average_fieldnorm,
                    )
                }),
            })
            .collect();
        Ok(Box::new(StemWeight {
            field: self.field,
            groups,
            expanded,
        }))
    }
}

/// The word in the articles of one language.
struct Group {
    language: Option<Language>,
    leaf: WordMatch,
    bm25: Option<Bm25Weight>,
}

struct StemWeight {
    field: Field,
    groups: Vec<Group>,
    /// Each group's variants' term infos per segment, found while computing the statistics.
    expanded: HashMap<SegmentId, Vec<(usize, TermInfo)>>,
}

impl Weight for StemWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.field)?;
        let mut found = Vec::new();
        let infos = match self.expanded.get(&reader.segment_id()) {
            Some(infos) => infos,
            None => {
                for (group, g) in self.groups.iter().enumerate() {
                    expand_with(&inverted, &g.leaf, &mut |_, info| {
                        found.push((group, info.clone()))
                    })?;
                }
                &found
            }
        };
        let mut postings = Vec::with_capacity(infos.len());
        for (group, info) in infos {
            postings.push((
                *group,
                inverted.read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?,
            ));
        }
        if postings.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        let fieldnorms = match reader.fieldnorms_readers().get_field(self.field)? {
            Some(f) => f,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        // Which group each of the segment's language codes belongs to; a code of a language
        // the weight has no group for matches nothing.
        let langs = reader.fast_fields().str(LANG_FIELD)?;
        let ord_groups: Vec<Option<usize>> = segment_codes(&langs)
            .iter()
            .map(|code| {
                let language = group_of(Some(code));
                self.groups.iter().position(|g| g.language == language)
            })
            .collect();
        let unknown = self
            .groups
            .iter()
            .position(|g| g.language == group_of(None));
        let languages = match ord_groups.as_slice() {
            // Every article of the segment is in one language: no need to look it up.
            [one] => Languages::One(*one),
            [] => Languages::One(unknown),
            _ => match langs {
                Some(column) => Languages::PerDoc {
                    column,
                    ord_groups,
                    unknown,
                },
                None => Languages::One(unknown),
            },
        };
        let mut scorer = StemScorer {
            doc: TERMINATED,
            group: 0,
            postings,
            languages,
            fieldnorms,
            bm25: self
                .groups
                .iter()
                .map(|g| g.bm25.as_ref().map(|w| w.boost_by(boost)))
                .collect(),
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_by_scoring(self.scorer(reader, 1.0)?, doc, "words sharing a stem")
    }
}

/// The group of a segment's documents.
enum Languages {
    One(Option<usize>),
    PerDoc {
        column: StrColumn,
        ord_groups: Vec<Option<usize>>,
        /// The group of a document without a language code (the default language's).
        unknown: Option<usize>,
    },
}

impl Languages {
    fn group(&self, doc: DocId) -> Option<usize> {
        match self {
            Languages::One(group) => *group,
            Languages::PerDoc {
                column,
                ord_groups,
                unknown,
            } => match column.term_ords(doc).next() {
                Some(ord) => ord_groups.get(ord as usize).copied().flatten(),
                None => *unknown,
            },
        }
    }
}

/// The union of the variants' postings, each matching only in documents of its group's
/// language, scored as one term of that group.
struct StemScorer {
    doc: DocId,
    /// The group of `doc`.
    group: usize,
    postings: Vec<(usize, SegmentPostings)>,
    languages: Languages,
    fieldnorms: FieldNormReader,
    bm25: Vec<Option<Bm25Weight>>,
}

impl StemScorer {
    /// Move to the first document, from the lowest the postings are on, that one of its
    /// language's variants matches.
    fn settle(&mut self) -> DocId {
        loop {
            let doc = self
                .postings
                .iter()
                .map(|(_, p)| p.doc())
                .min()
                .unwrap_or(TERMINATED);
            self.doc = doc;
            if doc == TERMINATED {
                return doc;
            }
            if let Some(group) = self.languages.group(doc)
                && self
                    .postings
                    .iter()
                    .any(|(g, p)| *g == group && p.doc() == doc)
            {
                self.group = group;
                return doc;
            }
            // Only other languages' words are here: not a match.
            for (_, p) in &mut self.postings {
                if p.doc() == doc {
                    p.advance();
                }
            }
        }
    }
}

impl DocSet for StemScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        for (_, p) in &mut self.postings {
            if p.doc() == self.doc {
                p.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for (_, p) in &mut self.postings {
            if p.doc() < target {
                p.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings.iter().map(|(_, p)| p.size_hint()).sum()
    }
}

impl Scorer for StemScorer {
    fn score(&mut self) -> Score {
        let Some(Some(bm25)) = self.bm25.get(self.group) else {
            return 1.0;
        };
        let (doc, group) = (self.doc, self.group);
        let freq: u32 = self
            .postings
            .iter()
            .filter(|(g, p)| *g == group && p.doc() == doc)
            .map(|(_, p)| p.term_freq())
            .sum();
        bm25.score(self.fieldnorms.fieldnorm_id(doc), freq)
    }
}

impl fmt::Display for StemQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "stem:{}", self.word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// `word` as the index holds words (lower-cased, accents folded).
    fn stem(word: &str) -> String {
        let mut analyzer = crate::index::schema::exact_analyzer();
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
        let query = StemQuery::new(field, stem("election"));
        let scored = query.explain(&searcher, DocAddress::new(0, 2)).unwrap();
        assert!(scored.value() > 0.0, "{scored:?}");
        // Document 3 ("electric") shares the prefix, not the stem.
        assert!(query.explain(&searcher, DocAddress::new(0, 3)).is_err());
    }

    #[test]
    fn a_bare_word_matches_every_inflection_and_nothing_else() {
        let (index, field) = index(TEXTS, false);
        let q = StemQuery::new(field, stem("election"));
        let mut docs = ranked(&index, &q);
        docs.sort_unstable();
        assert_eq!(docs, [1, 2, 4]);
    }

    #[test]
    fn variants_score_as_one_term_so_more_occurrences_rank_higher() {
        let (index, field) = index(TEXTS, false);
        let docs = ranked(&index, &StemQuery::new(field, stem("elections")));
        assert_eq!(docs[0], 4, "three occurrences first: {docs:?}");
    }

    #[test]
    fn each_segment_is_expanded_on_its_own() {
        // A variant present in only some segments must not stop the others matching.
        let (index, field) = index(TEXTS, true);
        let mut docs = ranked(&index, &StemQuery::new(field, stem("elect")));
        docs.sort_unstable();
        assert_eq!(docs, [1, 2, 4]);
    }

    #[test]
    fn a_word_with_one_variant_and_accents_folded() {
        let (index, field) = index(TEXTS, false);
        assert_eq!(ranked(&index, &StemQuery::new(field, stem("zurich"))), [4]);
        assert_eq!(ranked(&index, &StemQuery::new(field, stem("Zürich"))), [4]);
        assert!(ranked(&index, &StemQuery::new(field, stem("referendum"))).is_empty());
    }

    #[test]
    fn without_a_searcher_it_still_matches_unscored() {
        let (index, field) = index(TEXTS, true);
        let searcher = index.reader().unwrap().searcher();
        let weight = StemQuery::new(field, stem("election"))
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
        let weight = StemQuery::new(field, stem("election"))
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        assert_eq!(scorer.doc(), 1);
        assert_eq!(scorer.seek(3), 4);
        assert!(scorer.score() > 0.0);
        assert_eq!(scorer.advance(), TERMINATED);
    }

    /// An in-memory index of (language code, text) documents with a `lang` fast field.
    fn index_with_langs(docs: &[(&str, &str)]) -> (Index, Field) {
        let mut builder = Schema::builder();
        let options = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let field = builder.add_text_field("body", options);
        let lang =
            builder.add_text_field(LANG_FIELD, tantivy::schema::STRING | tantivy::schema::FAST);
        let index = Index::create_in_ram(builder.build());
        register_tokenizers(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (code, text) in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(field, text);
            doc.add_text(lang, code);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index, field)
    }

    fn matching(index: &Index, query: &dyn Query) -> Vec<u32> {
        let searcher = index.reader().unwrap().searcher();
        let mut docs: Vec<u32> = searcher
            .search(query, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(_, a)| a.doc_id)
            .collect();
        docs.sort_unstable();
        docs
    }

    #[test]
    fn each_language_expands_a_word_only_in_its_own_articles() {
        let (index, field) = index_with_langs(&[
            ("de", "Die Verhandlung geht weiter."),       // 0
            ("en", "The word verhandlung is German."),    // 1: not German stemming
            ("en", "Negotiations resumed."),              // 2
            ("fr", "La négociation a repris."),           // 3
            ("ca", "Les negociacions es van reprendre."), // 4: no stemmer: exact only
            ("ru", "Переговоры возобновились."),          // 5
        ]);
        let q = |word: &str| StemQuery::new(field, stem(word));
        // German stemming finds the singular in the German article; in the English one
        // only the exact word would match.
        assert_eq!(matching(&index, &q("Verhandlungen")), [0]);
        assert_eq!(matching(&index, &q("verhandlung")), [0, 1]);
        assert_eq!(matching(&index, &q("négociations")), [3]);
        assert_eq!(matching(&index, &q("negotiation")), [2]);
        assert_eq!(matching(&index, &q("negociacions")), [4]);
        assert_eq!(matching(&index, &q("negociacio")), Vec::<u32>::new());
        assert_eq!(matching(&index, &q("переговоров")), [5]);
    }

    #[test]
    fn near_stems_a_bare_word_in_the_language_of_each_article() {
        use crate::search::proximity::{Pattern, PositionalQuery, WordMatch};
        let (index, field) = index_with_langs(&[
            ("de", "Die Verhandlung in Genf geht weiter."), // 0
            ("en", "The verhandlung in Genf is a German word."), // 1: English stemming
            ("fr", "La négociation de Genève a repris."),   // 2
            ("ru", "Переговоры в Женеве возобновились."),   // 3
            ("ca", "Les negociacions de Ginebra."),         // 4: no stemmer: exact
        ]);
        let near = |a: &str, b: &str| {
            let bare = |w: &str| Box::new(Pattern::word(WordMatch::Bare(stem(w))));
            PositionalQuery::new(
                field,
                Pattern::Near {
                    left: bare(a),
                    right: bare(b),
                    distance: 2,
                    ordered: false,
                },
            )
        };
        assert_eq!(matching(&index, &near("Verhandlungen", "Genf")), [0]);
        assert_eq!(matching(&index, &near("verhandlung", "Genf")), [0, 1]);
        assert_eq!(matching(&index, &near("négociations", "Genève")), [2]);
        assert_eq!(matching(&index, &near("переговоров", "Женеве")), [3]);
        assert_eq!(matching(&index, &near("negociacions", "Ginebra")), [4]);
        assert_eq!(
            matching(&index, &near("negociacio", "Ginebra")),
            Vec::<u32>::new()
        );
    }
}
