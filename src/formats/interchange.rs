//! newsdex's own export (`newsdex export --to quickwit|opensearch`) read back as input.
//!
//! An export is NDJSON: one [`ExportedArticle`] per line (Quickwit), or `_bulk` pairs of an
//! action line `{"index":{"_id":…}}` and the article (OpenSearch). Every article line starts
//! with the marker key [`MARKER`], which is how such a file is told apart from any other
//! JSON Lines file: the articles it holds were extracted already, so they are taken as they
//! are (id, date, places, fingerprint) instead of being parsed and extracted again.

use super::lines::{BoundedLines, Line};
use super::{FileError, Member, Record, RecordProblem, Records};
use crate::article::{Article, Basis, DateSource};
use crate::decode;
use crate::extract::fingerprint::Fingerprint;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The key every exported article starts with; its value is [`EXPORT_VERSION`].
pub const MARKER: &str = "newsdex_export";

/// The version of the export record. A reader refuses records of a version it does not know.
pub const EXPORT_VERSION: u32 = 1;

/// One article as an export writes it: the fields of [`Article`] plus what the engines
/// need to answer newsdex's questions (every ancestor of each place, for filters and
/// facet counts; for Quickwit, an unstemmed copy of the text for exact phrases).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedArticle {
    /// [`EXPORT_VERSION`]; declared first so that it opens every line.
    pub newsdex_export: u32,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The title again, for an engine without sub-fields (Quickwit) to index unstemmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_exact: Option<String>,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_exact: Option<String>,
    /// The article's date, RFC 3339 in UTC; absent when undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    /// Which signal gave the date (`metadata`, `dateline`, `path`, `text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    #[serde(default)]
    pub locations: Vec<String>,
    /// Why each place of `locations` was chosen (`headline`, `repeated`, …), in its order;
    /// an export written before it was recorded has none, and the text gives it again.
    #[serde(default)]
    pub location_basis: Vec<String>,
    #[serde(default)]
    pub mentions: Vec<String>,
    /// Every ancestor of the dateline place (`/Syria`, `/Syria/Aleppo`, …).
    #[serde(default)]
    pub dateline_tree: Vec<String>,
    /// Every ancestor of every place in `locations`, each once.
    #[serde(default)]
    pub location_tree: Vec<String>,
    #[serde(default)]
    pub mention_tree: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where newsdex first read the article.
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub format: String,
    /// The article's language code (`en`, `und`); an export written before it was
    /// recorded has none, and the text gives it again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The body's fingerprint as 32 hex digits (two SimHashes; a string: OpenSearch's `long` is signed).
    pub fingerprint: String,
    /// The language the index stems its words in.
    pub language: String,
}

impl ExportedArticle {
    /// The article it carries, as read from line `line` of an export at `path` (its
    /// `path` is the export file's, its `member` the line: that is where it now lives).
    fn into_article(self) -> Result<Article, String> {
        if self.newsdex_export != EXPORT_VERSION {
            return Err(format!(
                "newsdex export version {} is not readable by this newsdex (it reads version {EXPORT_VERSION})",
                self.newsdex_export
            ));
        }
        if crate::extract::article_id_bits(&self.id).is_none() || self.id.len() != 16 {
            return Err(format!("article id \"{}\" is not 16 hex digits", self.id));
        }
        // 32 hex digits; an export written before fingerprints had 128 bits holds 16, and
        // the body gives the fingerprint again.
        let fingerprint = match Fingerprint::from_hex(&self.fingerprint) {
            Some(print) => print,
            None if self.fingerprint.len() == 16
                && self.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                Fingerprint::of(&self.body)
            }
            None => {
                return Err(format!(
                    "fingerprint \"{}\" is not 32 hex digits",
                    self.fingerprint
                ));
            }
        };
        let lang = match &self.lang {
            Some(code) => crate::extract::language::known_code(code)
                .ok_or_else(|| format!("lang \"{code}\" is not a language code newsdex knows"))?,
            None => {
                crate::extract::language::article_language(None, self.title.as_deref(), &self.body)
            }
        }
        .to_string();
        let location_basis = self.location_basis()?;
        Ok(Article {
            id: self.id,
            path: self.path,
            member: self.member,
            url: self.url,
            title: self.title,
            body: self.body,
            source: self.source,
            lang,
            date: self.published,
            date_source: match (self.published, self.date_source.as_deref()) {
                (None, _) => None,
                (Some(_), None) => return Err("published has no date_source".into()),
                (Some(_), Some(s)) => Some(DateSource::parse(s).ok_or_else(|| {
                    format!("date_source \"{s}\" is not one of {}", DateSource::names())
                })?),
            },
            dateline: self.dateline,
            locations: self.locations,
            location_basis,
            mentions: self.mentions,
            format: self.format,
            truncated: false,
            fingerprint,
        })
    }
}

impl ExportedArticle {
    /// The basis of each place of `locations`. An export without them gets each place's
    /// basis from the text read again, as extraction gives it; a place the text does not
    /// make one the story is about was given (`metadata`), by a sidecar or the file.
    fn location_basis(&self) -> Result<Vec<Basis>, String> {
        if self.location_basis.is_empty() && !self.locations.is_empty() {
            let found =
                crate::extract::place::extract_places(self.title.as_deref(), &self.body, &[]);
            return Ok(self
                .locations
                .iter()
                .map(|path| {
                    found
                        .about
                        .iter()
                        .position(|p| p == path)
                        .and_then(|k| found.basis.get(k).copied())
                        .unwrap_or(Basis::Metadata)
                })
                .collect());
        }
        if self.location_basis.len() != self.locations.len() {
            return Err(format!(
                "location_basis has {} names for {} locations: give one for each",
                self.location_basis.len(),
                self.locations.len()
            ));
        }
        self.location_basis
            .iter()
            .map(|name| {
                Basis::parse(name).ok_or_else(|| {
                    format!("location_basis \"{name}\" is not one of {}", Basis::names())
                })
            })
            .collect()
    }
}

/// Every ancestor of each facet path, each once, in first-seen order:
/// `/Syria/Aleppo/Aleppo` gives `/Syria`, `/Syria/Aleppo`, `/Syria/Aleppo/Aleppo`.
/// A `/` escaped as `\/` inside a step does not split it.
pub fn ancestor_paths<'a>(paths: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for path in paths {
        let bytes = path.as_bytes();
        let mut escaped = false;
        for (i, &b) in bytes.iter().enumerate() {
            if escaped {
                escaped = false;
                continue;
            }
            match b {
                b'\\' => escaped = true,
                b'/' if i > 0 => push_once(&mut out, &path[..i]),
                _ => {}
            }
        }
        if path.len() > 1 {
            push_once(&mut out, path);
        }
    }
    out
}

fn push_once(out: &mut Vec<String>, path: &str) {
    if !out.iter().any(|p| p == path) {
        out.push(path.to_string());
    }
}

/// Bytes of a file's start that [`is_export`] looks at: an OpenSearch action line is short,
/// so the marker of the first article is within them.
const SNIFF_BYTES: u64 = 4096;

/// Whether the JSON Lines file at `path` is a newsdex export: its first line is an article
/// that opens with the marker key, or a `_bulk` action line followed by one.
pub fn is_export(path: &Path) -> bool {
    let Ok(stream) = decode::open_stream(path) else {
        return false;
    };
    let mut head = Vec::new();
    if stream.take(SNIFF_BYTES).read_to_end(&mut head).is_err() && head.is_empty() {
        return false;
    }
    let marker = format!("{{\"{MARKER}\":");
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.trim_ascii())
        .filter(|l| !l.is_empty());
    match lines.next() {
        Some(first) if first.starts_with(marker.as_bytes()) => true,
        Some(first) if action_id(first).is_some() => lines
            .next()
            .is_some_and(|l| l.starts_with(marker.as_bytes())),
        _ => false,
    }
}

/// The `_id` of a `_bulk` action line `{"index":{"_id":"…"}}`, if `line` is one.
fn action_id(line: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Action {
        index: Target,
    }
    #[derive(Deserialize)]
    struct Target {
        #[serde(rename = "_id")]
        id: String,
    }
    if !line.starts_with(b"{\"index\"") {
        return None;
    }
    serde_json::from_slice::<Action>(line)
        .ok()
        .map(|a| a.index.id)
}

/// The articles of a newsdex export, streamed line by line; a line longer than `limit`
/// bytes, or one that is not an exported article, is a problem and the others are read.
pub fn open(path: &Path, limit: u64) -> Result<Records, FileError> {
    let reader = BufReader::with_capacity(1 << 16, decode::open_stream(path)?);
    Ok(Box::new(ExportLines {
        lines: BoundedLines::new(reader, limit),
        pending_id: None,
        done: false,
    }))
}

struct ExportLines<R> {
    lines: BoundedLines<R>,
    /// The `_id` of the action line just read, which the next article must carry.
    pending_id: Option<(usize, String)>,
    done: bool,
}

impl<R: BufRead> Iterator for ExportLines<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            match self.lines.next_line() {
                None => {
                    self.done = true;
                    if let Some((line, id)) = self.pending_id.take() {
                        return Some(problem(line, format!("action for \"{id}\" has no article")));
                    }
                }
                Some(Line::TooLong(number)) => {
                    self.done = true;
                    return Some(problem(
                        number,
                        format!(
                            "line is over the record size limit of {}; the rest of the file was not read",
                            decode::size_text(self.lines.limit())
                        ),
                    ));
                }
                Some(Line::Failed(number, e)) => {
                    self.done = true;
                    return Some(problem(
                        number,
                        format!(
                            "{}; the rest of the file was not read",
                            decode::stream_error(&e)
                        ),
                    ));
                }
                Some(Line::Text(number, bytes)) => {
                    let line = bytes.trim_ascii();
                    if line.is_empty() {
                        continue;
                    }
                    if let Some(id) = action_id(line) {
                        if let Some((at, before)) = self.pending_id.replace((number, id)) {
                            return Some(problem(
                                at,
                                format!("action for \"{before}\" has no article"),
                            ));
                        }
                        continue;
                    }
                    let expected = self.pending_id.take().map(|(_, id)| id);
                    return Some(article(number, line, expected));
                }
            }
        }
        None
    }
}

/// Line `number` of an export as an article record.
fn article(number: usize, line: &[u8], expected_id: Option<String>) -> Record {
    let exported: ExportedArticle = match serde_json::from_slice(line) {
        Ok(a) => a,
        Err(e) => {
            return problem(number, format!("not a newsdex export record: {e}"));
        }
    };
    if let Some(id) = expected_id.filter(|id| *id != exported.id) {
        return problem(
            number,
            format!(
                "article \"{}\" follows the action for \"{id}\"",
                exported.id
            ),
        );
    }
    match exported.into_article() {
        Ok(mut article) => {
            // Where it now lives: the export file's line (the pipeline sets the path).
            article.member = Some(Member::Line(number).to_string());
            Record::Extracted(Box::new(article))
        }
        Err(reason) => problem(number, reason),
    }
}

fn problem(line: usize, reason: String) -> Record {
    Record::Problem(RecordProblem {
        locator: Member::Line(line),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ancestor_once_in_order() {
        let paths = [
            "/Syria/Aleppo/Aleppo".to_string(),
            "/Syria".to_string(),
            "/a\\/b/c".to_string(),
        ];
        assert_eq!(
            ancestor_paths(&paths),
            [
                "/Syria",
                "/Syria/Aleppo",
                "/Syria/Aleppo/Aleppo",
                "/a\\/b",
                "/a\\/b/c"
            ]
        );
    }

    fn sample() -> ExportedArticle {
        ExportedArticle {
            newsdex_export: EXPORT_VERSION,
            id: "3f1c0000000000aa".into(),
            title: Some("T".into()),
            title_exact: None,
            body: "B".into(),
            body_exact: None,
            published: DateTime::parse_from_rfc3339("2016-04-28T00:00:00Z")
                .ok()
                .map(|d| d.with_timezone(&Utc)),
            date_source: Some("metadata".into()),
            dateline: None,
            locations: vec!["/Syria".into()],
            location_basis: vec!["headline".into()],
            mentions: vec![],
            dateline_tree: vec![],
            location_tree: vec!["/Syria".into()],
            mention_tree: vec![],
            source: None,
            url: None,
            path: "/a/b.txt".into(),
            member: None,
            format: "txt".into(),
            lang: Some("en".into()),
            fingerprint: "00000000000000ff00000000000000fe".into(),
            language: "english".into(),
        }
    }

    fn read(text: &str) -> Vec<Record> {
        let lines = ExportLines {
            lines: BoundedLines::new(text.as_bytes(), 1 << 20),
            pending_id: None,
            done: false,
        };
        lines.collect()
    }

    #[test]
    fn marker_opens_every_record() {
        let line = serde_json::to_string(&sample()).unwrap();
        assert!(line.starts_with("{\"newsdex_export\":1,\"id\":"), "{line}");
    }

    #[test]
    fn bulk_pairs_and_plain_lines_read_back_as_extracted_articles() {
        let line = serde_json::to_string(&sample()).unwrap();
        let bulk = format!("{{\"index\":{{\"_id\":\"3f1c0000000000aa\"}}}}\n{line}\n");
        for text in [format!("{line}\n"), bulk] {
            let records = read(&text);
            assert_eq!(records.len(), 1);
            let Record::Extracted(article) = &records[0] else {
                panic!("{records:?}")
            };
            assert_eq!(article.id, "3f1c0000000000aa");
            assert_eq!(
                article.fingerprint,
                Fingerprint {
                    pairs: 255,
                    triples: 254
                }
            );
            assert_eq!(article.locations, ["/Syria"]);
            assert_eq!(article.location_basis, [Basis::Headline]);
            assert_eq!(article.date_source, Some(DateSource::Metadata));
            assert_eq!(
                article.member.as_deref(),
                Some(&*format!("line {}", text.lines().count()))
            );
        }
    }

    #[test]
    fn a_short_fingerprint_is_computed_again_and_a_bad_one_is_a_problem() {
        let body = "Negotiators met again in Geneva on Tuesday to shore up the truce.";
        let mut older = sample();
        older.body = body.into();
        older.fingerprint = "00000000000000ff".into();
        let mut bad = sample();
        bad.fingerprint = "not hex".into();
        let text = format!(
            "{}\n{}\n",
            serde_json::to_string(&older).unwrap(),
            serde_json::to_string(&bad).unwrap()
        );
        let records = read(&text);
        let Record::Extracted(article) = &records[0] else {
            panic!("{records:?}")
        };
        assert_eq!(article.fingerprint, Fingerprint::of(body));
        assert!(!article.fingerprint.is_empty());
        let Record::Problem(problem) = &records[1] else {
            panic!("{records:?}")
        };
        assert_eq!(
            problem.reason,
            "fingerprint \"not hex\" is not 32 hex digits"
        );
    }

    #[test]
    fn an_export_without_bases_gets_them_from_the_text_and_bad_ones_are_problems() {
        let mut older = sample();
        older.title = Some("Syria talks resume".into());
        older.body = "Negotiators met again on Tuesday.".into();
        older.locations = vec!["/Syria".into(), "/Iraq".into()];
        older.location_basis = vec![];
        let mut unknown = sample();
        unknown.location_basis = vec!["hunch".into()];
        let mut short = sample();
        short.location_basis = vec![];
        short.locations = vec![];
        let mut uneven = sample();
        uneven.location_basis = vec!["headline".into(), "lead".into()];
        let lines: Vec<String> = [older, unknown, short, uneven]
            .iter()
            .map(|a| serde_json::to_string(a).unwrap())
            .collect();
        let outcome: Vec<String> = read(&format!("{}\n", lines.join("\n")))
            .into_iter()
            .map(|r| match r {
                Record::Problem(p) => p.reason,
                Record::Extracted(a) => format!("{:?} {:?}", a.locations, a.location_basis),
                Record::Article(_) => "raw".into(),
            })
            .collect();
        assert_eq!(
            outcome,
            [
                // Syria is in the headline; Iraq, which the text does not name, was given.
                r#"["/Syria", "/Iraq"] [Headline, Metadata]"#,
                "location_basis \"hunch\" is not one of metadata, dateline, headline, lead, repeated, fallback",
                "[] []",
                "location_basis has 2 names for 1 locations: give one for each",
            ]
        );
    }

    #[test]
    fn bad_lines_are_problems_and_the_rest_is_read() {
        let good = serde_json::to_string(&sample()).unwrap();
        let mut wrong_version = sample();
        wrong_version.newsdex_export = 9;
        let wrong_version = serde_json::to_string(&wrong_version).unwrap();
        let text = format!(
            "{{\"index\":{{\"_id\":\"00000000000000bb\"}}}}\n{good}\n{wrong_version}\n{{\"newsdex_export\":1}}\n{good}\n"
        );
        let reasons: Vec<String> = read(&text)
            .into_iter()
            .map(|r| match r {
                Record::Problem(p) => format!("{}: {}", p.locator, p.reason),
                Record::Extracted(a) => format!("article {}", a.id),
                Record::Article(_) => "raw".into(),
            })
            .collect();
        assert_eq!(reasons.len(), 4, "{reasons:?}");
        assert_eq!(
            reasons[0],
            "line 2: article \"3f1c0000000000aa\" follows the action for \"00000000000000bb\""
        );
        assert_eq!(
            reasons[1],
            "line 3: newsdex export version 9 is not readable by this newsdex (it reads version 1)"
        );
        assert!(
            reasons[2].starts_with("line 4: not a newsdex export record: missing field"),
            "{}",
            reasons[2]
        );
        assert_eq!(reasons[3], "article 3f1c0000000000aa");
    }

    #[test]
    fn only_exports_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let line = serde_json::to_string(&sample()).unwrap();
        let cases = [
            (format!("{line}\n"), true),
            (
                format!("{{\"index\":{{\"_id\":\"3f1c0000000000aa\"}}}}\n{line}\n"),
                true,
            ),
            (
                "{\"title\":\"T\",\"body\":\"newsdex_export\"}\n".to_string(),
                false,
            ),
            (
                "{\"index\":{\"_id\":\"1\"}}\n{\"title\":\"T\"}\n".to_string(),
                false,
            ),
            ("\n".to_string(), false),
        ];
        for (i, (text, expected)) in cases.iter().enumerate() {
            let path = dir.path().join(format!("{i}.ndjson"));
            std::fs::write(&path, text).unwrap();
            assert_eq!(is_export(&path), *expected, "{text}");
        }
    }
}
