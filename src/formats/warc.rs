//! WARC web archives (`.warc`, `.warc.gz`, as Common Crawl's news crawl ships them), read
//! as a stream one record at a time.
//!
//! Every `response` record carrying an HTML page with a 2xx status (and every `resource`
//! record of type `text/html`) is an article, member `record N` (N counts all records of the
//! file from 1, so it is stable for an unchanged file). The page's own date wins; then a date
//! in the target URI's path; then the capture date (`WARC-Date`). Other records (requests,
//! metadata, images, redirects) are skipped silently.

use super::{FileError, FormatError, Member, Record, RecordProblem, Records, html};
use crate::article::{DateHint, HintSource, RawArticle};
use crate::decode::{self, DecodeError, size_text};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Longest WARC or HTTP header line, most header lines (folded continuation lines count),
/// and most bytes of one header block accepted in one record.
const MAX_HEADER_LINE: u64 = 64 << 10;
const MAX_HEADERS: usize = 512;
const MAX_HEADER_BYTES: u64 = 256 << 10;

/// Open the WARC file at `path` (gzip-compressed when it ends in `.gz`). A record whose
/// block, or whose HTTP body once decompressed, is over `limit` bytes is a problem.
pub fn open(path: &Path, limit: u64) -> Result<Records, FileError> {
    let mut reader = BufReader::with_capacity(1 << 16, decode::open_stream(path)?);
    let head = reader
        .fill_buf()
        .map_err(|e| DecodeError::Gzip(decode::stream_error(&e)))?;
    if head.is_empty() {
        return Err(DecodeError::Empty.into());
    }
    if !head.starts_with(b"WARC/") {
        return Err(FormatError::Unsupported("not a WARC file (no WARC/1.x header)".into()).into());
    }
    Ok(Box::new(WarcRecords::new(reader, limit)))
}

/// The articles of a WARC stream, one record at a time.
pub struct WarcRecords<R> {
    reader: R,
    /// Largest record block (and decompressed HTTP body) read, in bytes.
    limit: u64,
    /// Records read so far.
    number: usize,
    done: bool,
    /// The zip member the WARC file is, if it is one.
    zip_member: Option<String>,
}

impl<R: BufRead> WarcRecords<R> {
    pub fn new(reader: R, limit: u64) -> Self {
        WarcRecords {
            reader,
            limit,
            number: 0,
            done: false,
            zip_member: None,
        }
    }

    /// Place the records inside the zip member at `path`.
    pub fn in_zip_member(mut self, path: &str) -> Self {
        self.zip_member = Some(path.to_owned());
        self
    }

    fn member(&self, number: usize) -> Member {
        let record = Member::Record(number);
        match &self.zip_member {
            Some(path) => Member::in_zip(path, Some(record)),
            None => record,
        }
    }

    fn locator(&self, number: usize) -> Member {
        self.member(number)
    }

    fn stop(&mut self, number: usize, reason: String) -> Option<Record> {
        self.done = true;
        Some(Record::Problem(RecordProblem {
            locator: self.locator(number),
            reason,
        }))
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            let number = self.number + 1;
            // Records are separated by blank lines.
            let version = loop {
                match read_line(&mut self.reader) {
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Ok(Some(line)) if line.trim().is_empty() => continue,
                    Ok(Some(line)) => break line,
                    Err(e) => return self.stop(number, stream_reason(&e)),
                }
            };
            if !version.starts_with("WARC/") {
                let found: String = version.chars().take(40).collect();
                return self.stop(
                    number,
                    format!(
                        "expected a WARC record header, found {found:?}; the rest of the file was not read"
                    ),
                );
            }
            self.number = number;
            let headers = match read_headers(&mut self.reader) {
                Ok(h) => h,
                Err(e) => return self.stop(number, stream_reason(&e)),
            };
            let Some(length) =
                header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok())
            else {
                return self.stop(
                    number,
                    "record has no valid Content-Length; the rest of the file was not read".into(),
                );
            };
            let kind = header(&headers, "warc-type")
                .unwrap_or_default()
                .to_ascii_lowercase();
            let content_type = header(&headers, "content-type")
                .unwrap_or_default()
                .to_ascii_lowercase();
            let wanted = match kind.as_str() {
                "response" => content_type.starts_with("application/http"),
                "resource" => is_html_type(&content_type),
                _ => false,
            };
            if !wanted || length > self.limit {
                match std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink()) {
                    Ok(n) if n == length => {}
                    Ok(_) => return self.stop(number, truncated()),
                    Err(e) => return self.stop(number, stream_reason(&e)),
                }
                if wanted {
                    return Some(Record::Problem(RecordProblem {
                        locator: self.locator(number),
                        reason: format!(
                            "record is over the size limit of {}",
                            size_text(self.limit)
                        ),
                    }));
                }
                continue;
            }
            let mut block = Vec::with_capacity(length as usize);
            match (&mut self.reader).take(length).read_to_end(&mut block) {
                Ok(n) if n as u64 == length => {}
                Ok(_) => return self.stop(number, truncated()),
                Err(e) => return self.stop(number, stream_reason(&e)),
            }
            let page = if kind == "response" {
                match http_payload(&block, self.limit) {
                    Ok(Some(page)) => page,
                    Ok(None) => continue,
                    Err(reason) => {
                        return Some(Record::Problem(RecordProblem {
                            locator: self.locator(number),
                            reason,
                        }));
                    }
                }
            } else {
                Page {
                    body: block,
                    charset: decode::charset_param(content_type.as_bytes()),
                }
            };
            let target = header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']));
            let capture = header(&headers, "warc-date");
            return Some(match page_article(&page, target, capture) {
                Ok(mut article) => {
                    article.member = Some(self.member(number));
                    Record::Article(article)
                }
                Err(reason) => Record::Problem(RecordProblem {
                    locator: self.locator(number),
                    reason,
                }),
            });
        }
        None
    }
}

/// An HTML payload with the charset its HTTP headers declare.
struct Page {
    body: Vec<u8>,
    charset: Option<&'static encoding_rs::Encoding>,
}

fn page_article(
    page: &Page,
    target: Option<&str>,
    capture: Option<&str>,
) -> Result<RawArticle, String> {
    let declared = page.charset.or_else(|| decode::html_charset(&page.body));
    let text = decode::decode_declared(&page.body, declared).map_err(|e| e.to_string())?;
    let mut article = html::parse_page(&text).map_err(|e| e.to_string())?;
    // Weaker hints than the page's own date: extraction ranks them below a dateline too.
    if let Some(target) = target {
        article
            .dates
            .push(DateHint::written(HintSource::Url, target));
        article.url = Some(target.to_owned());
    }
    let crawl = capture.map(|c| DateHint::written(HintSource::Crawl, c));
    article.dates.extend(crawl);
    Ok(article)
}

/// The HTML body of an HTTP response block; `None` for other content or statuses. A
/// compressed body is decompressed up to `limit` bytes; a larger one is an error.
fn http_payload(block: &[u8], limit: u64) -> Result<Option<Page>, String> {
    let mut reader = block;
    let status = match read_line(&mut reader) {
        Ok(Some(line)) => line,
        _ => return Err("HTTP response without a status line".into()),
    };
    let code = status.split_whitespace().nth(1).unwrap_or_default();
    let headers = read_headers(&mut reader).map_err(|e| format!("bad HTTP headers: {e}"))?;
    if !code.starts_with('2') {
        return Ok(None);
    }
    let content_type = header(&headers, "content-type").unwrap_or_default();
    // A response without a Content-Type is sniffed by its first bytes, as browsers do.
    let html = if content_type.is_empty() {
        let start: Vec<u8> = reader
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take(15)
            .map(u8::to_ascii_lowercase)
            .collect();
        start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
    } else {
        is_html_type(&content_type.to_ascii_lowercase())
    };
    if !html {
        return Ok(None);
    }
    let mut body = reader.to_vec();
    let chunked = header(&headers, "transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked {
        body = dechunk(&body).ok_or("damaged chunked transfer encoding")?;
    }
    let over_limit = || {
        format!(
            "record is over the size limit of {} once decompressed",
            size_text(limit)
        )
    };
    match header(&headers, "content-encoding")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("gzip") | Some("x-gzip") => {
            body = decode::gunzip_bytes(&body, limit).map_err(|e| match e {
                DecodeError::TooLarge { .. } => over_limit(),
                e => e.to_string(),
            })?;
        }
        Some("deflate") => {
            let mut out = Vec::new();
            let n = flate2::read::ZlibDecoder::new(&body[..])
                .take(limit.saturating_add(1))
                .read_to_end(&mut out)
                .map_err(|e| format!("corrupt deflate body: {e}"))?;
            if n as u64 > limit {
                return Err(over_limit());
            }
            body = out;
        }
        Some("identity") | None => {}
        Some(other) => return Err(format!("unsupported Content-Encoding {other:?}")),
    }
    Ok(Some(Page {
        body,
        charset: decode::charset_param(content_type.as_bytes()),
    }))
}

fn is_html_type(content_type: &str) -> bool {
    content_type.starts_with("text/html") || content_type.starts_with("application/xhtml+xml")
}

/// Undo HTTP chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_field = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_field.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

/// One header line without its line ending, `None` at the end of input. A line longer than
/// [`MAX_HEADER_LINE`] is an error, not two lines.
fn read_line(reader: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = reader.take(MAX_HEADER_LINE).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if n as u64 == MAX_HEADER_LINE && !buf.ends_with(b"\n") {
        return Err(header_limit(format!(
            "header line over {}",
            size_text(MAX_HEADER_LINE)
        )));
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Header lines up to the blank line that ends them, names lowercased. Every line counts
/// against the block's limits, folded continuation lines and lines without a colon
/// included, so no header block is held beyond [`MAX_HEADER_BYTES`].
fn read_headers(reader: &mut impl BufRead) -> std::io::Result<Vec<(String, String)>> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut lines = 0usize;
    let mut bytes = 0u64;
    while let Some(line) = read_line(reader)? {
        if line.is_empty() {
            return Ok(headers);
        }
        lines += 1;
        bytes += line.len() as u64;
        if lines > MAX_HEADERS {
            return Err(header_limit(format!(
                "more than {MAX_HEADERS} header lines"
            )));
        }
        if bytes > MAX_HEADER_BYTES {
            return Err(header_limit(format!(
                "header block over {}",
                size_text(MAX_HEADER_BYTES)
            )));
        }
        if line.starts_with([' ', '\t']) {
            // A folded continuation line.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::UnexpectedEof,
        "headers end before a blank line",
    ))
}

/// A header line or block past its limit, told apart from a damaged gzip stream (whose
/// errors share its `ErrorKind`).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct HeaderLimit(String);

fn header_limit(reason: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, HeaderLimit(reason))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn truncated() -> String {
    "record is cut short (truncated file); the rest of the file was not read".into()
}

fn stream_reason(e: &std::io::Error) -> String {
    let limit = e.get_ref().and_then(|r| r.downcast_ref::<HeaderLimit>());
    let reason = match e.kind() {
        _ if limit.is_some() => e.to_string(),
        std::io::ErrorKind::UnexpectedEof => "record is cut short (truncated file)".to_owned(),
        _ => decode::stream_error(e),
    };
    format!("{reason}; the rest of the file was not read")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record with `headers` and `block`.
    fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(uri: &str, date: &str, http_headers: &str, body: &str) -> Vec<u8> {
        let block = format!("HTTP/1.1 200 OK\r\n{http_headers}\r\n{body}");
        record(
            "response",
            &format!(
                "WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Type: application/http; msgtype=response\r\n"
            ),
            block.as_bytes(),
        )
    }

    fn read(bytes: &[u8]) -> Vec<Record> {
        WarcRecords::new(bytes, crate::formats::MAX_RECORD_BYTES).collect()
    }

    #[test]
    fn html_responses_are_articles_others_skipped() {
        let mut warc = record("warcinfo", "", b"software: hand\r\n");
        warc.extend(record(
            "request",
            "WARC-Target-URI: https://a.example/x\r\n",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        warc.extend(response(
            "https://a.example/2016/04/28/story",
            "2020-01-01T00:00:00Z",
            "Content-Type: text/html; charset=utf-8\r\n",
            "<html><body><article><h1>Dam opens</h1><p>The new dam opened on Thursday.</p></article></body></html>",
        ));
        warc.extend(response(
            "https://a.example/logo.png",
            "2020-01-01T00:00:00Z",
            "Content-Type: image/png\r\n",
            "PNG",
        ));
        warc.extend(response(
            "https://a.example/undated",
            "2020-01-02T03:04:05Z",
            "Content-Type: text/html\r\n",
            "<p>A page with no date of its own.</p>",
        ));
        let records = read(&warc);
        assert_eq!(records.len(), 2, "{records:?}");
        let Record::Article(a) = &records[0] else {
            panic!("{:?}", records[0])
        };
        assert_eq!(a.member, Some(Member::Record(3)));
        assert_eq!(a.url.as_deref(), Some("https://a.example/2016/04/28/story"));
        assert_eq!(
            a.date_hint(HintSource::Url),
            Some(&crate::article::HintValue::Written(
                "https://a.example/2016/04/28/story".into()
            ))
        );
        assert_eq!(a.title.as_deref(), Some("Dam opens"));
        assert_eq!(a.body, "The new dam opened on Thursday.");
        let Record::Article(b) = &records[1] else {
            panic!("{:?}", records[1])
        };
        assert_eq!(b.member, Some(Member::Record(5)));
        assert_eq!(
            b.date_hint(HintSource::Crawl),
            Some(&crate::article::HintValue::Written(
                "2020-01-02T03:04:05Z".into()
            ))
        );
    }

    #[test]
    fn http_charset_gzip_and_chunked_bodies() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<p>Caf\xe9 in Z\xfcrich reopened.</p>").expect("gzip");
        let body = gz.finish().expect("gzip");
        let mut chunked = format!("{:x}\r\n", body.len()).into_bytes();
        chunked.extend_from_slice(&body);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        block.extend(chunked);
        let warc = record(
            "response",
            "WARC-Target-URI: https://b.example/\r\nContent-Type: application/http\r\n",
            &block,
        );
        let records = read(&warc);
        let Record::Article(a) = &records[0] else {
            panic!("{records:?}")
        };
        assert_eq!(a.body, "Café in Zürich reopened.");
    }

    #[test]
    fn redirects_are_skipped_and_truncation_is_reported() {
        let mut warc = record(
            "response",
            "WARC-Target-URI: https://c.example/old\r\nContent-Type: application/http\r\n",
            b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n",
        );
        let good = response(
            "https://c.example/new",
            "2021-05-05T00:00:00Z",
            "Content-Type: text/html\r\n",
            "<p>Kept story text.</p>",
        );
        warc.extend(&good);
        warc.extend(&good[..good.len() - 20]);
        let records = read(&warc);
        assert_eq!(records.len(), 2, "{records:?}");
        assert!(matches!(&records[0], Record::Article(a) if a.member == Some(Member::Record(2))));
        let Record::Problem(p) = &records[1] else {
            panic!("{records:?}")
        };
        assert_eq!(p.locator, Member::Record(3));
        assert_eq!(
            p.reason,
            "record is cut short (truncated file); the rest of the file was not read"
        );
    }

    #[test]
    fn garbage_between_records_stops_with_a_problem() {
        let mut warc = response(
            "https://d.example/",
            "2021-05-05T00:00:00Z",
            "Content-Type: text/html\r\n",
            "<p>First story.</p>",
        );
        warc.extend(b"garbage here\r\n");
        let records = read(&warc);
        assert_eq!(records.len(), 2);
        assert!(
            matches!(&records[1], Record::Problem(p) if p.locator == Member::Record(2) && p.reason.starts_with("expected a WARC record header")),
            "{records:?}"
        );
    }

    const LIMIT: u64 = 1 << 20;

    fn summarise(records: Vec<Record>) -> Vec<String> {
        records
            .into_iter()
            .map(|r| match r {
                Record::Article(a) => format!("{}: {}", a.member.expect("a record"), a.body),
                Record::Problem(p) => format!("{}! {}", p.locator, p.reason),
                Record::Extracted(a) => format!("extracted {}", a.id),
            })
            .collect()
    }

    fn kept_story() -> Vec<u8> {
        response(
            "https://e.example/kept",
            "2021-05-05T00:00:00Z",
            "Content-Type: text/html\r\n",
            "<p>Kept story text.</p>",
        )
    }

    /// A response whose HTML body is sent with `encoding` (already applied to `body`).
    fn encoded_response(encoding: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\n\r\n"
        )
        .into_bytes();
        block.extend_from_slice(body);
        record(
            "response",
            "WARC-Target-URI: https://e.example/bomb\r\nContent-Type: application/http\r\n",
            &block,
        )
    }

    #[test]
    fn compressed_http_bodies_are_limited_once_decompressed() {
        let page = b"<p>oil prices</p>".repeat(1 << 16);
        let member = {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            std::io::Write::write_all(&mut gz, &page[..1 << 20]).expect("gzip");
            gz.finish().expect("gzip")
        };
        // 300 gzip members of 1 MB each: a small record that expands to 300 MB.
        let mut warc = encoded_response("gzip", &member.repeat(300));
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut zlib, &page).expect("zlib");
        warc.extend(encoded_response("deflate", &zlib.finish().expect("zlib")));
        warc.extend(kept_story());
        assert!(warc.len() < 2 << 20, "{}", warc.len());
        let records: Vec<Record> = WarcRecords::new(&warc[..], LIMIT).collect();
        assert_eq!(
            summarise(records),
            [
                "record 1! record is over the size limit of 1 MB once decompressed",
                "record 2! record is over the size limit of 1 MB once decompressed",
                "record 3: Kept story text.",
            ]
        );
    }

    #[test]
    fn record_over_the_limit_is_skipped_others_read() {
        let mut warc = response(
            "https://e.example/big",
            "2021-05-05T00:00:00Z",
            "Content-Type: text/html\r\n",
            &"<p>big</p>".repeat(200_000),
        );
        warc.extend(kept_story());
        let records: Vec<Record> = WarcRecords::new(&warc[..], LIMIT).collect();
        assert_eq!(
            summarise(records),
            [
                "record 1! record is over the size limit of 1 MB",
                "record 2: Kept story text.",
            ]
        );
    }

    /// Folded continuation lines count against the header block's limits.
    #[test]
    fn header_blocks_are_bounded_folded_lines_included() {
        let fold = format!(" {}\r\n", "more ".repeat(200));
        let folded = format!("X-Note: start\r\n{}", fold.repeat(300));
        let many = "X-Note: a\r\n".repeat(MAX_HEADERS + 1);
        let long = format!("X-Note: {}\r\n", "a".repeat(MAX_HEADER_LINE as usize));
        let cases = [
            (folded, "header block over 256 KB"),
            (many, "more than 512 header lines"),
            (long, "header line over 64 KB"),
        ];
        for (extra, reason) in cases {
            let mut warc = kept_story();
            warc.extend(record("response", &extra, b"HTTP/1.1 200 OK\r\n\r\n"));
            warc.extend(kept_story());
            let records: Vec<Record> = WarcRecords::new(&warc[..], LIMIT).collect();
            assert_eq!(
                summarise(records),
                [
                    "record 1: Kept story text.".to_owned(),
                    format!("record 2! {reason}; the rest of the file was not read"),
                ]
            );
        }
    }

    #[test]
    fn dechunk_handles_extensions_and_rejects_damage() {
        assert_eq!(
            dechunk(b"3;x=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").as_deref(),
            Some(&b"abcde"[..])
        );
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }
}
