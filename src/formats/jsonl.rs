//! JSON Lines (NDJSON): one article object per line, read as a stream, so a file of any
//! size costs one line of memory. Each line's object is read by the JSON field mapping
//! ([`super::json`]).

use super::json::{article_from, kind};
use super::lines::{BoundedLines, Line};
use super::{FileError, FormatError, Member, Parsed, Record, RecordProblem, Records};
use crate::decode::{self, DecodeError};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Parse a JSON Lines (NDJSON) file: one article object per line, blank lines ignored.
/// A bad line is reported as a problem at `line N` and the other lines are still read.
pub fn parse_lines(text: &str) -> Result<Parsed, FormatError> {
    let mut parsed = Parsed::default();
    let mut saw_record = false;
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        saw_record = true;
        match line_record(index + 1, line) {
            Record::Article(article) => parsed.articles.push(article),
            Record::Problem(problem) => parsed.problems.push(problem),
            // `line_record` parses; only a newsdex export yields extracted articles.
            Record::Extracted(_) => {}
        }
    }
    if saw_record {
        Ok(parsed)
    } else {
        Err(FormatError::Empty)
    }
}

/// The record on line `number` of a JSON Lines file.
fn line_record(number: usize, line: &str) -> Record {
    let member = Member::Line(number);
    let result = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(obj)) => article_from(&obj, "jsonl"),
        Ok(other) => Err(format!("not a JSON object (found {})", kind(&other))),
        // The error's own "line 1" would be the line within the line: keep the column.
        Err(e) => Err(format!("invalid JSON: {}", e).replace(" at line 1 column ", " at column ")),
    };
    match result {
        Ok(mut article) => {
            article.member = Some(member);
            Record::Article(article)
        }
        Err(reason) => Record::Problem(RecordProblem {
            locator: member,
            reason,
        }),
    }
}

/// Open a JSON Lines file (`.jsonl`, `.jsonl.gz`) as a stream of records, one line at a
/// time, so a file of any size is read in bounded memory.
///
/// Lines are UTF-8 (a BOM on the first line is dropped); a line that is not valid UTF-8 is
/// decoded with the legacy encoding chardetng guesses for that line. A file starting with a
/// UTF-16 byte-order mark is turned into UTF-8 as it is read. A line over `limit` bytes
/// (decompressed) is reported and skipped; damage to a gzip stream ends the file with a
/// problem naming the line reached.
pub fn open_lines(path: &Path, limit: u64) -> Result<Records, FileError> {
    let mut reader = BufReader::with_capacity(1 << 16, decode::open_stream(path)?);
    let head = reader
        .fill_buf()
        .map_err(|e| DecodeError::Gzip(decode::stream_error(&e)))?;
    let reader: Box<dyn BufRead + Send> = match decode::utf16_bom(head) {
        Some(encoding) => Box::new(BufReader::with_capacity(
            1 << 16,
            decode::Utf8Reader::new(reader, encoding),
        )),
        None if head.contains(&0) => {
            return Err(DecodeError::Binary("contains NUL bytes".into()).into());
        }
        None => Box::new(reader),
    };
    let mut lines = JsonLines {
        lines: BoundedLines::new(reader, limit),
        done: false,
        first: None,
    };
    // Look for the first record now, so an empty or blank file is an error, not a stream
    // of nothing.
    match lines.next() {
        None => Err(DecodeError::Empty.into()),
        Some(first) => {
            lines.first = Some(first);
            Ok(Box::new(lines))
        }
    }
}

struct JsonLines<R> {
    lines: BoundedLines<R>,
    done: bool,
    /// A record read ahead by [`open_lines`].
    first: Option<Record>,
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        while !self.done {
            match self.lines.next_line() {
                None => self.done = true,
                Some(Line::Text(number, bytes)) => {
                    let bytes = if number == 1 {
                        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
                    } else {
                        bytes
                    };
                    let line = match std::str::from_utf8(bytes) {
                        Ok(line) => std::borrow::Cow::Borrowed(line),
                        Err(_) => std::borrow::Cow::Owned(decode::decode_legacy(bytes)),
                    };
                    if line.trim().is_empty() {
                        continue;
                    }
                    // Without its line ending, so a cut-off record reads as "EOF while
                    // parsing", not as a control character on "line 2".
                    return Some(line_record(number, line.trim_end_matches(['\r', '\n'])));
                }
                Some(Line::TooLong(number)) => {
                    let limit = self.lines.limit();
                    if !self.lines.skip_rest() {
                        self.done = true;
                    }
                    return Some(Record::Problem(RecordProblem {
                        locator: Member::Line(number),
                        reason: format!(
                            "line is over the record size limit of {}",
                            decode::size_text(limit)
                        ),
                    }));
                }
                Some(Line::Failed(number, e)) => {
                    self.done = true;
                    return Some(Record::Problem(RecordProblem {
                        locator: Member::Line(number),
                        reason: format!(
                            "{}; the rest of the file was not read",
                            decode::stream_error(&e)
                        ),
                    }));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn jsonl_bad_line_reported_others_kept() {
        let text = "{\"title\": \"A\", \"body\": \"one\"}\n\n{\"body\": \n[1]\n{\"title\": \"x\"}\n{\"body\": \"two\"}\n";
        let parsed = parse_lines(text).expect("parses");
        let members: Vec<_> = parsed.articles.iter().map(|a| a.member.clone()).collect();
        assert_eq!(members, vec![Some(Member::Line(1)), Some(Member::Line(6))]);
        assert_eq!(parsed.articles[1].format, "jsonl");
        let problems: Vec<_> = parsed
            .problems
            .iter()
            .map(|p| (p.locator.clone(), p.reason.as_str()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    Member::Line(3),
                    "invalid JSON: EOF while parsing a value at column 9"
                ),
                (Member::Line(4), "not a JSON object (found an array)"),
                (Member::Line(5), "no article text"),
            ]
        );
    }

    #[test]
    fn jsonl_with_only_blank_lines_is_empty_error() {
        assert_eq!(
            parse_lines("\n  \n\r\n").map(|p| p.articles.len()),
            Err(FormatError::Empty)
        );
    }

    fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        (dir, path)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).expect("gzip");
        enc.finish().expect("gzip")
    }

    fn stream(path: &Path) -> Vec<String> {
        open_lines(path, crate::formats::MAX_RECORD_BYTES)
            .expect("opens")
            .map(|r| match r {
                Record::Article(a) => format!("{}: {}", a.member.expect("a line"), a.body),
                Record::Problem(p) => format!("{}! {}", p.locator, p.reason),
                Record::Extracted(a) => format!("extracted {}", a.id),
            })
            .collect()
    }

    #[test]
    fn jsonl_stream_reads_lines_lazily_with_bad_line() {
        let text = "\u{feff}{\"text\":\"one\"}\n\n{bad\n{\"text\":\"Zürich\"}\n";
        let mut bytes = text.as_bytes().to_vec();
        // Line 4 in Latin-1: ü as one byte.
        let at = bytes
            .windows(2)
            .position(|w| w == "ü".as_bytes())
            .expect("ü");
        bytes.splice(at..at + 2, [0xFC]);
        let (_dir, path) = write_temp("a.jsonl", &bytes);
        assert_eq!(
            stream(&path),
            [
                "line 1: one",
                "line 3! invalid JSON: key must be a string at column 2",
                "line 4: Zürich",
            ]
        );
    }

    #[test]
    fn jsonl_gz_truncated_keeps_lines_before_the_damage() {
        let mut text = String::new();
        for i in 1..=2000 {
            text.push_str(&format!(
                "{{\"text\":\"story number {i} with some words\"}}\n"
            ));
        }
        let data = gzip(text.as_bytes());
        let (_dir, path) = write_temp("a.jsonl.gz", &data[..data.len() / 2]);
        let records = stream(&path);
        let last = records.last().expect("records");
        assert!(
            last.ends_with("! truncated gzip stream; the rest of the file was not read"),
            "{last}"
        );
        assert!(records.len() > 100, "{}", records.len());
        assert_eq!(records[0], "line 1: story number 1 with some words");
    }

    #[test]
    fn jsonl_stream_empty_and_binary_are_errors() {
        let (_d1, blank) = write_temp("a.jsonl", b"\n  \n");
        assert_eq!(
            open_lines(&blank, crate::formats::MAX_RECORD_BYTES)
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some("empty file")
        );
        let (_d2, binary) = write_temp("b.jsonl", b"\x00\x01\x02binary");
        assert_eq!(
            open_lines(&binary, crate::formats::MAX_RECORD_BYTES)
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some("binary data, not text (contains NUL bytes)")
        );
    }

    #[test]
    fn jsonl_crlf_lines_are_read() {
        let parsed = parse_lines("{\"body\": \"a\"}\r\n{\"body\": \"b\"}\r\n").expect("parses");
        assert_eq!(parsed.articles.len(), 2);
        assert!(parsed.problems.is_empty());
    }
}
