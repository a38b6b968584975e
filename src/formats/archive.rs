//! Zip archives of articles: each member is read by its own extension, one member at a time.
//!
//! A member's articles are named by the member path (`2016/story.html`), followed by the
//! record inside it for multi-article members (`feeds/wire.jsonl line 3`,
//! `batch.json item 2`, `crawl.warc.gz record 5`). An article without a date of its own gets
//! the full date in its member path, if any (`2016/04/28/story.html`). A bad member is a
//! problem, never a failed archive. An archive whose central directory is missing (a truncated download) is read
//! front to back from its local headers, so the members before the damage are still indexed.

use super::{FileError, Format, Member, Record, RecordProblem, Records, parse_bytes, warc};
use crate::article::{DateHint, HintSource};
use crate::decode::{self, DecodeError, size_text};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use zip::ZipArchive;

/// Open the zip archive at `path`. A member larger than `limit` bytes once decompressed
/// (and a `.gz` member once decompressed twice) is a problem, whatever size it declares.
pub fn open_zip(path: &Path, limit: u64) -> Result<Records, FileError> {
    let file = decode::open_article(path)?;
    if file.metadata().map_err(DecodeError::Io)?.len() == 0 {
        return Err(DecodeError::Empty.into());
    }
    match ZipArchive::new(BufReader::new(file)) {
        Ok(archive) => Ok(Box::new(Indexed {
            archive,
            limit,
            next: 0,
            pending: VecDeque::new(),
        })),
        Err(central) => {
            let file = decode::open_article(path)?;
            let mut stream = Streamed {
                reader: BufReader::new(file),
                limit,
                pending: VecDeque::new(),
                done: false,
                members: 0,
                central: central.to_string(),
            };
            // With no readable member at all, it is not a zip archive worth reporting twice.
            match stream.next() {
                Some(Record::Problem(p)) if stream.members == 0 => Err(FileError::Archive(
                    format!("not a readable zip archive: {}", p.reason),
                )),
                Some(first) => {
                    stream.pending.push_front(first);
                    Ok(Box::new(stream))
                }
                None => Err(FileError::Archive(format!(
                    "not a readable zip archive: {central}"
                ))),
            }
        }
    }
}

/// Members read through the central directory.
struct Indexed {
    archive: ZipArchive<BufReader<File>>,
    /// Largest member read, in bytes.
    limit: u64,
    next: usize,
    pending: VecDeque<Record>,
}

impl Iterator for Indexed {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(record) = self.pending.pop_front() {
                return Some(record);
            }
            if self.next >= self.archive.len() {
                return None;
            }
            let index = self.next;
            self.next += 1;
            let records = match self.archive.by_index(index) {
                Ok(member) => {
                    let name = member
                        .name()
                        .map(|n| n.into_owned())
                        .unwrap_or_else(|_| format!("member {}", index + 1));
                    let size = member.size();
                    if member.is_dir() {
                        continue;
                    }
                    member_records(&name, size, member, self.limit)
                }
                Err(e) => vec![problem(Member::ZipEntry(index + 1), e.to_string())],
            };
            self.pending.extend(records);
        }
    }
}

/// Members read front to back from their local headers, when the central directory is gone.
struct Streamed {
    reader: BufReader<File>,
    /// Largest member read, in bytes.
    limit: u64,
    pending: VecDeque<Record>,
    done: bool,
    /// Members read so far.
    members: usize,
    /// Why the central directory could not be read.
    central: String,
}

impl Iterator for Streamed {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(record) = self.pending.pop_front() {
                return Some(record);
            }
            if self.done {
                return None;
            }
            let records = match zip::read::read_zipfile_from_stream(&mut self.reader) {
                Ok(Some(member)) => {
                    self.members += 1;
                    let number = self.members;
                    let name = member
                        .name()
                        .map(|n| n.into_owned())
                        .unwrap_or_else(|_| format!("member {number}"));
                    let size = member.size();
                    if member.is_dir() {
                        continue;
                    }
                    member_records(&name, size, member, self.limit)
                }
                // The local headers ended where the central directory starts: the archive
                // is whole up to there, but its directory at the end is missing or damaged.
                Ok(None) => {
                    self.done = true;
                    vec![problem(
                        Member::ZipDirectory,
                        format!(
                            "damaged zip archive ({}); {} members before the damage were read",
                            self.central, self.members
                        ),
                    )]
                }
                Err(e) => {
                    self.done = true;
                    vec![problem(
                        Member::ZipEntry(self.members + 1),
                        format!(
                            "truncated or damaged zip archive ({e}); {} members before the damage were read",
                            self.members
                        ),
                    )]
                }
            };
            self.pending.extend(records);
        }
    }
}

/// The records of one archive member: its articles, or problems located inside it.
/// `size` is what the archive declares; the read itself stops past `limit`.
fn member_records(name: &str, size: u64, member: impl Read, limit: u64) -> Vec<Record> {
    let path = Path::new(name);
    let hidden = path.components().any(|c| {
        let c = c.as_os_str().to_string_lossy();
        c.starts_with('.') || c == "__MACOSX"
    });
    let Some(format) = Format::for_path(path).filter(|_| !hidden) else {
        // Images, PDFs and the like inside an archive are left alone, as on disk.
        return Vec::new();
    };
    if format == Format::Zip {
        return vec![problem(
            Member::in_zip(name, None),
            "a zip archive inside a zip archive is not read".into(),
        )];
    }
    if size > limit {
        return vec![problem(
            Member::in_zip(name, None),
            format!(
                "member is {} MB, over the size limit of {}",
                size.div_ceil(1 << 20),
                size_text(limit)
            ),
        )];
    }
    let over_limit = |how: &str| {
        vec![problem(
            Member::in_zip(name, None),
            format!("member is over the size limit of {}{how}", size_text(limit)),
        )]
    };
    // The declared size may lie: the read is bounded by the limit, not by `size`.
    let mut bytes = Vec::with_capacity(size as usize);
    match member.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(n) if n as u64 > limit => return over_limit(""),
        Ok(_) => {}
        Err(e) => {
            return vec![problem(
                Member::in_zip(name, None),
                format!("cannot read member: {e}"),
            )];
        }
    }
    if decode::is_gzip_name(path) {
        bytes = match decode::gunzip_bytes(&bytes, limit) {
            Ok(b) => b,
            Err(DecodeError::TooLarge { .. }) => return over_limit(" once decompressed"),
            Err(e) => return vec![problem(Member::in_zip(name, None), e.to_string())],
        };
    }
    if format == Format::Warc {
        if !bytes.starts_with(b"WARC/") {
            return vec![problem(
                Member::in_zip(name, None),
                "not a WARC file (no WARC/1.x header)".into(),
            )];
        }
        return warc::WarcRecords::new(&bytes[..], limit)
            .in_zip_member(name)
            .collect();
    }
    let parsed = match parse_bytes(format, &bytes) {
        Ok(parsed) => parsed,
        Err(e) => return vec![problem(Member::in_zip(name, None), e.to_string())],
    };
    let mut out: Vec<Record> = parsed
        .problems
        .into_iter()
        .map(|p| problem(Member::in_zip(name, Some(p.locator)), p.reason))
        .collect();
    // The member's own path may date it, as a folder on disk does (`2016/04/28/story.html`).
    for mut article in parsed.articles {
        article
            .dates
            .push(DateHint::written(HintSource::MemberPath, name));
        article.member = Some(Member::in_zip(name, article.member.take()));
        out.push(Record::Article(article));
    }
    out
}

fn problem(locator: Member, reason: String) -> Record {
    Record::Problem(RecordProblem { locator, reason })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::{SimpleFileOptions, ZipWriter};

    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in members {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .expect("start");
            writer.write_all(bytes).expect("write");
        }
        writer.finish().expect("finish").into_inner()
    }

    fn summarise(records: Records) -> Vec<String> {
        records
            .map(|r| match r {
                Record::Article(a) => format!(
                    "{} [{}]: {}",
                    a.member.expect("a zip member"),
                    a.format,
                    a.body
                ),
                Record::Problem(p) => format!("{}! {}", p.locator, p.reason),
                Record::Extracted(a) => format!("extracted {}", a.id),
            })
            .collect()
    }

    fn write_temp(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.zip");
        std::fs::write(&path, bytes).expect("write");
        (dir, path)
    }

    const MEMBERS: &[(&str, &[u8])] = &[
        (
            "2016/05/06/story.html",
            b"<article><p>Harbour reopens.</p></article>",
        ),
        ("photo.jpg", b"\xff\xd8\xff"),
        ("wire.jsonl", b"{\"text\":\"First line.\"}\n{broken\n"),
        ("bad.json", b"{\"text\": "),
        ("notes.txt", b"Plain note text here."),
    ];

    #[test]
    fn members_by_extension_with_bad_member_reported() {
        let (_dir, path) = write_temp(&zip_of(MEMBERS));
        assert_eq!(
            summarise(open_zip(&path, crate::formats::MAX_RECORD_BYTES).expect("opens")),
            [
                "2016/05/06/story.html [html]: Harbour reopens.",
                "wire.jsonl line 2! invalid JSON: key must be a string at column 2",
                "wire.jsonl line 1 [jsonl]: First line.",
                "bad.json! invalid JSON: EOF while parsing a value at line 1 column 9",
                "notes.txt [txt]: Plain note text here.",
            ]
        );
    }

    #[test]
    fn member_path_dates_an_undated_article() {
        let (_dir, path) = write_temp(&zip_of(MEMBERS));
        let first = open_zip(&path, crate::formats::MAX_RECORD_BYTES)
            .expect("opens")
            .next();
        let Some(Record::Article(a)) = first else {
            panic!("{first:?}")
        };
        assert_eq!(
            a.date_hint(HintSource::MemberPath),
            Some(&crate::article::HintValue::Written(
                "2016/05/06/story.html".into()
            ))
        );
        let article = crate::extract::build_article(&path, a);
        assert_eq!(
            article.date.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2016-05-06")
        );
    }

    #[test]
    fn truncated_zip_keeps_members_before_the_damage() {
        let bytes = zip_of(MEMBERS);
        let (_dir, path) = write_temp(&bytes[..bytes.len() * 2 / 3]);
        let records = summarise(open_zip(&path, crate::formats::MAX_RECORD_BYTES).expect("opens"));
        assert_eq!(records[0], "2016/05/06/story.html [html]: Harbour reopens.");
        let last = records.last().expect("records");
        assert!(last.contains("zip archive"), "{records:?}");
    }

    const LIMIT: u64 = 1 << 20;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).expect("gzip");
        gz.finish().expect("gzip")
    }

    #[test]
    fn members_are_limited_once_decompressed() {
        // 300 gzip members of 1 MB each: a small `.gz` that expands to 300 MB.
        let bomb = gzip(&b"oil ".repeat(1 << 18)).repeat(300);
        let big = b"gas ".repeat(1 << 18);
        let warc_gz = gzip(&[b"WARC/1.0\r\nContent-Length: 0\r\n\r\n".as_slice(), &big].concat());
        let members: &[(&str, &[u8])] = &[
            ("bomb.txt.gz", &bomb),
            ("crawl.warc.gz", &warc_gz),
            ("big.txt", &[big.as_slice(), b"!"].concat()),
            ("notes.txt", b"Plain note text here."),
        ];
        let (_dir, path) = write_temp(&zip_of(members));
        assert_eq!(
            summarise(open_zip(&path, LIMIT).expect("opens")),
            [
                "bomb.txt.gz! member is over the size limit of 1 MB once decompressed",
                "crawl.warc.gz! member is over the size limit of 1 MB once decompressed",
                "big.txt! member is 2 MB, over the size limit of 1 MB",
                "notes.txt [txt]: Plain note text here.",
            ]
        );
    }

    #[test]
    fn not_a_zip_is_a_file_error() {
        let (_dir, path) = write_temp(b"this is plain text, not a zip archive at all");
        let err = open_zip(&path, crate::formats::MAX_RECORD_BYTES)
            .err()
            .expect("error");
        assert!(
            err.to_string().starts_with("not a readable zip archive"),
            "{err}"
        );
        let (_dir2, empty) = write_temp(b"");
        assert_eq!(
            open_zip(&empty, crate::formats::MAX_RECORD_BYTES)
                .err()
                .map(|e| e.to_string())
                .as_deref(),
            Some("empty file")
        );
    }
}
