//! A metadata sidecar (`index --metadata FILE.csv|FILE.jsonl`): what an archivist knows about
//! the files of an archive — date, title, source, URL, places — given beside it instead of
//! edited into it. Its values override what the files say; its date is a `metadata` date.
//!
//! Every row is checked when the sidecar is read, before anything is indexed: a bad row is
//! the user's to fix (file and line named), not a file to skip.

use crate::article::{Article, Basis, DateSource, RawArticle};
use crate::extract::date::parse_date;
use crate::extract::language::language_from_tag;
use crate::extract::place::resolve_place;
use crate::walk::path_key;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The columns (CSV) or keys (JSONL) a row may have; `path` is required.
pub const COLUMNS: &[&str] = &["path", "date", "title", "source", "url", "places", "lang"];

/// What a sidecar says of one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SidecarEntry {
    pub date: Option<DateTime<Utc>>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Facet paths, resolved from the names or paths the row gives.
    pub places: Vec<String>,
    /// The language's ISO 639-1 code, from a tag or name the row gives (`fr-FR`, `French`).
    pub lang: Option<&'static str>,
}

impl SidecarEntry {
    /// A digest of the entry (never 0, which stands for "no entry"): a file whose entry
    /// changes is read again on the next run even if the file itself did not change.
    pub fn digest(&self) -> u64 {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let hash = blake3::hash(&bytes);
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash.as_bytes()[..8]);
        u64::from_le_bytes(first).max(1)
    }

    /// Put the entry's title, source and URL on a raw article, before extraction reads it
    /// (the title is where places are looked for first).
    pub fn apply_to_raw(&self, raw: &mut RawArticle) {
        // As metadata: the language decides the article's stemming too.
        if let Some(lang) = self.lang {
            raw.lang = Some(lang.to_string());
        }
        for (value, target) in [
            (&self.title, &mut raw.title),
            (&self.source, &mut raw.source),
            (&self.url, &mut raw.url),
        ] {
            if value.is_some() {
                target.clone_from(value);
            }
        }
    }

    /// Put every value of the entry on an extracted article: the date as a `metadata`
    /// date, the places as the places it is about (and mentions).
    pub fn apply(&self, article: &mut Article) {
        for (value, target) in [
            (&self.title, &mut article.title),
            (&self.source, &mut article.source),
            (&self.url, &mut article.url),
        ] {
            if value.is_some() {
                target.clone_from(value);
            }
        }
        if let Some(lang) = self.lang {
            article.lang = lang.to_string();
        }
        if let Some(date) = self.date {
            article.date = Some(date);
            article.date_source = Some(DateSource::Metadata);
        }
        if !self.places.is_empty() {
            article.locations.clone_from(&self.places);
            article.location_basis = vec![Basis::Metadata; self.places.len()];
            for place in &self.places {
                if !article.mentions.contains(place) {
                    article.mentions.push(place.clone());
                }
            }
        }
    }
}

/// A sidecar that cannot be used as written (exit 2): the message names the file, the line
/// and what to fix.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("cannot read metadata file {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("metadata file {path} must end in .csv or .jsonl (or .ndjson)")]
    Kind { path: String },
    #[error("{path}:{line}: {message}")]
    Row {
        path: String,
        line: u64,
        message: String,
    },
}

/// A sidecar read and checked: entries by the path key of the file they describe.
#[derive(Debug, Default)]
pub struct Sidecar {
    entries: HashMap<String, (SidecarEntry, u64, usize)>,
    /// Whether the row of that index was met by a file of the walk.
    matched: Vec<AtomicBool>,
    /// Each row's path as written, for the report of unmatched rows.
    written: Vec<String>,
    /// The sidecar's own path key: inside the archive, it is not read as articles.
    file_key: String,
}

impl Sidecar {
    /// Read the sidecar at `file`, its relative paths taken from the first of `roots` (the
    /// folders indexed) that holds them.
    pub fn read(file: &Path, roots: &[PathBuf]) -> Result<Sidecar, SidecarError> {
        let shown = file.display().to_string();
        let text = std::fs::read_to_string(file).map_err(|e| SidecarError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let rows = if name.ends_with(".csv") {
            csv_rows(&text, &shown)?
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            jsonl_rows(&text, &shown)?
        } else {
            return Err(SidecarError::Kind { path: shown });
        };
        let mut sidecar = Sidecar {
            file_key: path_key(&std::fs::canonicalize(file).unwrap_or_else(|_| file.into())),
            ..Sidecar::default()
        };
        for (line, cells) in rows {
            let row_error = |message: String| SidecarError::Row {
                path: shown.clone(),
                line,
                message,
            };
            let (path, entry) = entry_of(cells).map_err(row_error)?;
            let key = path_key(&resolve(&path, roots));
            if sidecar.entries.contains_key(&key) {
                return Err(row_error(format!(
                    "\"{path}\" has a row already; give each file one row"
                )));
            }
            let digest = entry.digest();
            sidecar
                .entries
                .insert(key, (entry, digest, sidecar.written.len()));
            sidecar.written.push(path);
            sidecar.matched.push(AtomicBool::new(false));
        }
        Ok(sidecar)
    }

    /// The entry for the file keyed `key` and its digest; marks the row as matched.
    pub fn get(&self, key: &str) -> Option<(&SidecarEntry, u64)> {
        let (entry, digest, row) = self.entries.get(key)?;
        self.matched[*row].store(true, Ordering::Relaxed);
        Some((entry, *digest))
    }

    /// The paths, as written, of the rows no file of the walk matched.
    pub fn unmatched(&self) -> Vec<&str> {
        self.written
            .iter()
            .zip(&self.matched)
            .filter(|(_, m)| !m.load(Ordering::Relaxed))
            .map(|(p, _)| p.as_str())
            .collect()
    }

    /// Is the file keyed `key` this sidecar?
    pub fn is_file(&self, key: &str) -> bool {
        self.file_key == key
    }

    pub fn len(&self) -> usize {
        self.written.len()
    }

    pub fn is_empty(&self) -> bool {
        self.written.is_empty()
    }
}

/// `path` as the walk keys it: absolute as given, else under the first root holding it
/// (the first root when none does, so the row is reported unmatched). `.` and `..` are
/// resolved in the text, as the walk never writes them.
fn resolve(path: &str, roots: &[PathBuf]) -> PathBuf {
    let path = Path::new(path);
    if path.is_absolute() {
        return normalised(path);
    }
    let under = |root: &PathBuf| {
        // A file given as the archive: its rows are relative to its folder.
        let base = if root.is_file() {
            root.parent().unwrap_or(root)
        } else {
            root.as_path()
        };
        normalised(&base.join(path))
    };
    roots
        .iter()
        .map(under)
        .find(|p| p.exists())
        .or_else(|| roots.first().map(under))
        .unwrap_or_else(|| normalised(path))
}

fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A row's cells, by column name, with the line it starts on.
type Row = (u64, Vec<(String, Cell)>);

/// A cell: text, or (JSONL) a list of texts for `places`.
#[derive(Debug)]
enum Cell {
    Text(String),
    List(Vec<String>),
}

fn csv_rows(text: &str, shown: &str) -> Result<Vec<Row>, SidecarError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(e, shown))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if let Some(unknown) = headers.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
        return Err(unknown_column(unknown, shown, 1));
    }
    if !headers.iter().any(|h| h == "path") {
        return Err(SidecarError::Row {
            path: shown.to_string(),
            line: 1,
            message: format!(
                "the header has no path column (columns: {})",
                COLUMNS.join(", ")
            ),
        });
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(e, shown))?;
        let line = record.position().map_or(0, |p| p.line());
        let cells = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| {
                let cell = if h == "places" {
                    Cell::List(split_places(v))
                } else {
                    Cell::Text(v.to_string())
                };
                (h.clone(), cell)
            })
            .collect();
        rows.push((line, cells));
    }
    Ok(rows)
}

fn csv_error(e: csv::Error, shown: &str) -> SidecarError {
    let line = e.position().map_or(1, |p| p.line());
    SidecarError::Row {
        path: shown.to_string(),
        line,
        message: format!("not valid CSV: {e}"),
    }
}

/// Places in one CSV cell: `Syria; /Syria/Aleppo/Aleppo` (`;` or `|` between them, since
/// a place name may hold a comma: `Newcastle, England`).
fn split_places(cell: &str) -> Vec<String> {
    cell.split([';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn jsonl_rows(text: &str, shown: &str) -> Result<Vec<Row>, SidecarError> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let row_error = |message: String| SidecarError::Row {
            path: shown.to_string(),
            line: line_no,
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| row_error(format!("not valid JSON: {e}")))?;
        let serde_json::Value::Object(object) = value else {
            return Err(row_error("a row must be a JSON object".to_string()));
        };
        let mut cells = Vec::new();
        for (key, value) in object {
            if !COLUMNS.contains(&key.as_str()) {
                return Err(unknown_column(&key, shown, line_no));
            }
            let cell = match value {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) if key == "places" => Cell::List(split_places(&s)),
                serde_json::Value::String(s) => Cell::Text(s),
                serde_json::Value::Array(items) if key == "places" => Cell::List(
                    items
                        .into_iter()
                        .map(|item| match item {
                            serde_json::Value::String(s) => Ok(s),
                            _ => Err(row_error("places must be a list of texts".to_string())),
                        })
                        .collect::<Result<_, _>>()?,
                ),
                _ => {
                    return Err(row_error(format!(
                        "{key} must be a text{}",
                        if key == "places" {
                            " or a list of texts"
                        } else {
                            ""
                        }
                    )));
                }
            };
            cells.push((key, cell));
        }
        rows.push((line_no, cells));
    }
    Ok(rows)
}

fn unknown_column(name: &str, shown: &str, line: u64) -> SidecarError {
    SidecarError::Row {
        path: shown.to_string(),
        line,
        message: format!(
            "unknown column \"{name}\": columns are {}",
            COLUMNS.join(", ")
        ),
    }
}

/// The path and entry a row gives, or what is wrong with it.
fn entry_of(cells: Vec<(String, Cell)>) -> Result<(String, SidecarEntry), String> {
    let mut path = None;
    let mut entry = SidecarEntry::default();
    for (column, cell) in cells {
        let text = match cell {
            Cell::List(places) => {
                for place in places {
                    let resolved = resolve_place(&place).ok_or_else(|| {
                        format!(
                            "unknown place \"{place}\": give a country or city name (Syria, U.S., Aleppo) or a facet path such as /Syria/Aleppo"
                        )
                    })?;
                    if !entry.places.contains(&resolved) {
                        entry.places.push(resolved);
                    }
                }
                continue;
            }
            Cell::Text(text) => text.trim().to_string(),
        };
        // An empty cell says nothing: the file's own value stays.
        if text.is_empty() {
            continue;
        }
        match column.as_str() {
            "path" => path = Some(text),
            "date" => {
                entry.date = Some(parse_date(&text).ok_or_else(|| {
                    format!(
                        "cannot read date \"{text}\": write it as 2016-04-28, 2016-04-28T14:30:00Z or April 28, 2016"
                    )
                })?)
            }
            "lang" => {
                entry.lang = Some(language_from_tag(&text).ok_or_else(|| {
                    format!(
                        "unknown language \"{text}\": give an ISO 639-1 code such as en, fr or de"
                    )
                })?)
            }
            "title" => entry.title = Some(text),
            "source" => entry.source = Some(text),
            "url" => entry.url = Some(text),
            _ => {}
        }
    }
    let path =
        path.ok_or("the row has no path: give the file's path, relative to the folder indexed")?;
    Ok((path, entry))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Result<Sidecar, String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        Sidecar::read(&file, &[PathBuf::from("/archive")])
            .map_err(|e| e.to_string().replace(&file.display().to_string(), "FILE"))
    }

    #[test]
    fn csv_rows_resolve_paths_dates_and_places() {
        let sidecar = read(
            "m.csv",
            "path,date,title,places\n\
             business/001.txt,2005-03-03,Ad sales boost profit,United Kingdom; /United States\n\
             ./sport/../sport/002.txt,\"March 4, 2005\",,\n\
             /elsewhere/x.txt,,,\n",
        )
        .unwrap();
        assert_eq!(sidecar.len(), 3);
        let (entry, digest) = sidecar.get("/archive/business/001.txt").unwrap();
        assert_eq!(entry.title.as_deref(), Some("Ad sales boost profit"));
        assert_eq!(entry.date, parse_date("2005-03-03"));
        assert_eq!(entry.places, ["/United Kingdom", "/United States"]);
        assert_ne!(digest, 0);
        let (entry, _) = sidecar.get("/archive/sport/002.txt").unwrap();
        assert_eq!(
            (entry.date, entry.title.as_deref()),
            (parse_date("2005-03-04"), None)
        );
        assert!(sidecar.get("/elsewhere/x.txt").is_some());
        assert_eq!(sidecar.unmatched(), Vec::<&str>::new());
    }

    #[test]
    fn jsonl_rows_take_lists_or_texts() {
        let sidecar = read(
            "m.jsonl",
            "{\"path\": \"a.txt\", \"places\": [\"Aleppo\"], \"source\": \"BBC\", \"lang\": \"fr-FR\"}\n\n{\"path\": \"b.txt\", \"places\": \"Syria\", \"url\": null}\n",
        )
        .unwrap();
        let (a, _) = sidecar.get("/archive/a.txt").unwrap();
        assert_eq!((a.source.as_deref(), a.lang), (Some("BBC"), Some("fr")));
        assert_eq!(a.places.len(), 1);
        assert!(a.places[0].starts_with("/Syria/"), "{:?}", a.places);
        assert_eq!(sidecar.unmatched(), ["b.txt"]);
    }

    #[test]
    fn a_changed_entry_has_another_digest() {
        let one = SidecarEntry {
            title: Some("A".into()),
            ..SidecarEntry::default()
        };
        let two = SidecarEntry {
            title: Some("B".into()),
            ..SidecarEntry::default()
        };
        assert_ne!(one.digest(), two.digest());
        assert_eq!(one.digest(), one.clone().digest());
    }

    #[test]
    fn bad_rows_name_the_file_line_and_fix() {
        for (name, text, message) in [
            (
                "m.csv",
                "path,date\na.txt,2005-13-45\n",
                "FILE:2: cannot read date \"2005-13-45\": write it as 2016-04-28, 2016-04-28T14:30:00Z or April 28, 2016",
            ),
            (
                "m.csv",
                "path,dat\na.txt,2005-03-03\n",
                "FILE:1: unknown column \"dat\": columns are path, date, title, source, url, places, lang",
            ),
            (
                "m.csv",
                "path,places\na.txt,Atlantis Minor\n",
                "FILE:2: unknown place \"Atlantis Minor\": give a country or city name (Syria, U.S., Aleppo) or a facet path such as /Syria/Aleppo",
            ),
            (
                "m.csv",
                "title\nA\n",
                "FILE:1: the header has no path column (columns: path, date, title, source, url, places, lang)",
            ),
            (
                "m.csv",
                "path,title\na.txt,A\na.txt,B\n",
                "FILE:3: \"a.txt\" has a row already; give each file one row",
            ),
            (
                "m.jsonl",
                "{\"path\": \"a.txt\"}\n{\"path\": \"b.txt\", \"language\": \"fr\"}\n",
                "FILE:2: unknown column \"language\": columns are path, date, title, source, url, places, lang",
            ),
            (
                "m.jsonl",
                "{\"title\": \"A\"}\n",
                "FILE:1: the row has no path: give the file's path, relative to the folder indexed",
            ),
            ("m.jsonl", "[1]\n", "FILE:1: a row must be a JSON object"),
            (
                "m.csv",
                "path,lang\na.txt,Klingon\n",
                "FILE:2: unknown language \"Klingon\": give an ISO 639-1 code such as en, fr or de",
            ),
            (
                "m.tsv",
                "path\ta\n",
                "metadata file FILE must end in .csv or .jsonl (or .ndjson)",
            ),
        ] {
            assert_eq!(read(name, text).unwrap_err(), message, "{text}");
        }
    }
}
