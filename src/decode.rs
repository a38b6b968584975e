//! Bytes to text: gzip, byte-order marks, legacy encodings.
//!
//! [`read_text`] is the only door from a file to the parsers: whatever it returns is UTF-8
//! without a byte-order mark, and whatever cannot be text is an error that says why.
//!
//! Every read is bounded by a limit on the bytes it yields (decompressed bytes for gzip),
//! counted as they stream in: neither a file's reported size (0 for a device or a `/proc`
//! file) nor its compression ratio can make a read hold more than the limit.

use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::io::Read;
use std::path::Path;

/// How many leading bytes (or characters) the binary checks look at.
const SNIFF_LEN: usize = 8192;

/// How far into an HTML page a `<meta charset>` is looked for.
const PRESCAN_LEN: usize = 4096;

/// Above this share of control characters, text is taken to be binary data.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// Why a file could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The file could not be read at all.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A `.gz` file whose compressed stream is cut short or damaged.
    #[error("{0}")]
    Gzip(String),
    /// The bytes are not text in any encoding newsdex knows; the reason says what gave it away.
    #[error("binary data, not text ({0})")]
    Binary(String),
    /// Nothing to read (after decompression), or only whitespace.
    #[error("empty file")]
    Empty,
    /// More bytes than the limit allows (after decompression when `decompressed`); nothing
    /// of it is used, since a cut article would be indexed as if it were whole.
    #[error(
        "file is over the size limit of {}{} (raise it with --max-file-mb)",
        size_text(*.limit),
        if *.decompressed { " once decompressed" } else { "" }
    )]
    TooLarge { limit: u64, decompressed: bool },
    /// A FIFO, device or socket where the walk saw a file (swapped in since): reading it
    /// could block forever or never end.
    #[error("not a regular file")]
    NotRegular,
}

/// Open the article file at `path`, refusing anything that is not a regular file once open.
///
/// The walk skips FIFOs and devices, but the path can be swapped for one before it is
/// opened: a FIFO with no writer would block a plain open forever. `O_NONBLOCK` makes that
/// open return at once (it changes nothing for a regular file), and the type is checked on
/// the open file, so no later swap can slip past.
pub fn open_article(path: &Path) -> Result<std::fs::File, DecodeError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(DecodeError::NotRegular);
    }
    Ok(file)
}

/// A byte count for a message: whole megabytes or kilobytes when it is one.
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Read `path` and return its text, decompressing `.gz` and decoding to UTF-8; more than
/// `limit` bytes (decompressed) is [`DecodeError::TooLarge`].
///
/// A byte-order mark picks UTF-8 or UTF-16; without one, valid UTF-8 is taken as is and
/// anything else is decoded with the legacy encoding chardetng guesses (Windows-1252 for
/// Western European text).
pub fn read_text(path: &Path, limit: u64) -> Result<String, DecodeError> {
    decode_bytes(&read_bytes(path, limit)?)
}

/// Read all of `path`, decompressing it when its name ends in `.gz`. Reading stops one byte
/// past `limit`, whatever size the file reports: more than `limit` bytes is
/// [`DecodeError::TooLarge`].
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, DecodeError> {
    let file = open_article(path)?;
    let gzip = is_gzip_name(path);
    // The reported size only sizes the buffer; it does not bound the read.
    let reported = file.metadata().map_or(0, |m| m.len());
    let mut out = Vec::new();
    if !gzip {
        out.reserve(reported.min(limit) as usize);
    }
    let read = if gzip {
        let decoder = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file));
        read_limited(decoder, limit, &mut out).map_err(gzip_error)
    } else {
        read_limited(file, limit, &mut out).map_err(DecodeError::Io)
    };
    if !read? {
        return Err(DecodeError::TooLarge {
            limit,
            decompressed: gzip,
        });
    }
    Ok(out)
}

/// Read `reader` to its end into `out`, but no more than `limit` bytes: `false` when there
/// was more (then `out` holds `limit + 1` bytes).
fn read_limited(reader: impl Read, limit: u64, out: &mut Vec<u8>) -> std::io::Result<bool> {
    let n = reader.take(limit.saturating_add(1)).read_to_end(out)?;
    Ok(n as u64 <= limit)
}

/// A reader over the (decompressed) bytes of `path`, for formats read as a stream. Read
/// errors of a `.gz` stream are best turned into messages with [`stream_error`].
pub fn open_stream(path: &Path) -> Result<Box<dyn Read + Send>, DecodeError> {
    let file = std::io::BufReader::new(open_article(path)?);
    if is_gzip_name(path) {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Ok(Box::new(file))
    }
}

/// Does the file name end in `.gz`?
pub fn is_gzip_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".gz"))
}

/// A read error in the middle of a stream, as a message: gzip damage is named as such.
pub fn stream_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "truncated gzip stream".to_owned(),
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            format!("corrupt gzip stream: {e}")
        }
        _ => format!("read error: {e}"),
    }
}

/// Decompress gzip bytes held in memory (a `.gz` member of a zip archive, say), stopping
/// one byte past `limit` decompressed bytes: more is [`DecodeError::TooLarge`].
pub fn gunzip_bytes(compressed: &[u8], limit: u64) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    // MultiGzDecoder also reads files made by concatenating gzip members.
    let decoder = flate2::read::MultiGzDecoder::new(compressed);
    if read_limited(decoder, limit, &mut out).map_err(gzip_error)? {
        Ok(out)
    } else {
        Err(DecodeError::TooLarge {
            limit,
            decompressed: true,
        })
    }
}

/// A read error of a gzip stream: damage is named as such, other errors stay I/O errors.
fn gzip_error(e: std::io::Error) -> DecodeError {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => DecodeError::Gzip("truncated gzip stream".into()),
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            DecodeError::Gzip(format!("corrupt gzip stream: {e}"))
        }
        _ => DecodeError::Io(e),
    }
}

/// The UTF-16 encoding whose byte-order mark starts `head`, if any.
pub fn utf16_bom(head: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_bom(head)
        .map(|(encoding, _)| encoding)
        .filter(|e| *e == UTF_16LE || *e == UTF_16BE)
}

/// Bytes of a UTF-16 stream read per step of [`Utf8Reader`].
const TRANSCODE_CHUNK: usize = 1 << 16;

/// A reader that turns a UTF-16 stream into UTF-8 as it is read, a chunk at a time, so a
/// UTF-16 file is never held whole. Its byte-order mark is dropped; unpaired surrogates
/// become U+FFFD.
pub struct Utf8Reader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    /// How much of `output` has been handed out.
    pos: usize,
    done: bool,
}

impl<R: Read> Utf8Reader<R> {
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Utf8Reader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; TRANSCODE_CHUNK],
            output: Vec::new(),
            pos: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.output.len() {
            if self.done {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            // Room for the worst case, so one call always takes the whole chunk.
            let room = self
                .decoder
                .max_utf8_buffer_length(n)
                .unwrap_or(TRANSCODE_CHUNK * 3 + 16);
            self.output.resize(room, 0);
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.output, last);
            self.output.truncate(written);
            self.pos = 0;
            self.done = last;
        }
        let n = buf.len().min(self.output.len() - self.pos);
        buf[..n].copy_from_slice(&self.output[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Decode the bytes of a file (already decompressed) to text.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_declared(bytes, None)
}

/// Decode bytes whose encoding the document (or its HTTP headers) may declare.
///
/// Order: a byte-order mark; valid UTF-8 (legacy text is practically never valid UTF-8 by
/// accident, while pages re-saved as UTF-8 often keep their old `charset` declaration); the
/// declared legacy encoding; chardetng's guess. A declared UTF-16 in a file without a BOM is
/// ignored, as browsers do.
pub fn decode_declared(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<String, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let text = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        text.into_owned()
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        text.into_owned()
    } else {
        if bytes.iter().take(SNIFF_LEN).any(|&b| b == 0) {
            return Err(DecodeError::Binary("contains NUL bytes".into()));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => match declared.filter(|e| e.is_ascii_compatible() && *e != UTF_8) {
                Some(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
                None => decode_legacy(bytes),
            },
        }
    };
    check_text(&text)?;
    Ok(text)
}

/// The charset an HTML page declares in its first bytes: `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">` (a simplified form of
/// the HTML prescan, over bytes since the text is not decoded yet).
pub fn html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_LEN)];
    let lower = head.to_ascii_lowercase();
    let mut rest = &lower[..];
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start + 5..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(encoding) = charset_param(&tag[..end]) {
            return Some(encoding);
        }
        rest = &tag[end..];
    }
    None
}

/// The `encoding` of an `<?xml … ?>` declaration at the start of `bytes`.
pub fn xml_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let decl = bytes[start..].strip_prefix(b"<?xml")?;
    let end = find(decl, b"?>")?;
    let decl = &decl[..end];
    let at = find(decl, b"encoding")?;
    let value = decl[at + 8..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == b'=')
        .copied()
        .collect::<Vec<u8>>();
    let quote = *value.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let label: Vec<u8> = value[1..]
        .iter()
        .take_while(|&&b| b != quote)
        .copied()
        .collect();
    Encoding::for_label(&label)
}

/// The `charset=` parameter of an HTTP `Content-Type` header (or of a meta tag's bytes).
pub fn charset_param(value: &[u8]) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = find(&lower, b"charset")?;
    let rest: Vec<u8> = lower[at + 7..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .copied()
        .collect();
    let rest = rest.strip_prefix(b"=")?;
    let label: Vec<u8> = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
        .take_while(|b| {
            !matches!(
                b,
                b'"' | b'\'' | b';' | b' ' | b'/' | b'>' | b'\t' | b'\r' | b'\n'
            )
        })
        .copied()
        .collect();
    Encoding::for_label(&label)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// UTF-16 written without a BOM shows up as a zero in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.len() < 4 || !sample.len().is_multiple_of(2) {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rare = |n: usize| n * 10 <= pairs;
    if mostly(zero_odd) && rare(zero_even) {
        Some(UTF_16LE)
    } else if mostly(zero_even) && rare(zero_odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decode bytes that are not UTF-8 with the legacy encoding chardetng guesses.
pub fn decode_legacy(bytes: &[u8]) -> String {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// Reject empty text and text that is mostly control characters.
fn check_text(text: &str) -> Result<(), DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(SNIFF_LEN) {
        total += 1;
        if c == '\0' {
            return Err(DecodeError::Binary("contains NUL characters".into()));
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') || c == '\u{fffd}' {
            control += 1;
        }
    }
    if control as f64 > total as f64 * MAX_CONTROL_SHARE {
        return Err(DecodeError::Binary("mostly control characters".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    const LIMIT: u64 = 1 << 20;

    #[cfg(unix)]
    #[test]
    fn a_fifo_swapped_in_is_refused_without_blocking() {
        // Issue 11 item 8: a FIFO with no writer, put where the walk saw a file, blocked
        // the plain open forever.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("story.txt");
        let c_path = std::ffi::CString::new(path.clone().into_os_string().into_encoded_bytes())
            .expect("no NUL in a temp path");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
        let (send, receive) = std::sync::mpsc::channel();
        let reader = path.clone();
        std::thread::spawn(move || {
            let _ = send.send(
                read_bytes(&reader, LIMIT)
                    .map(drop)
                    .map_err(|e| e.to_string()),
            );
        });
        // Not a timing assert: the wait only keeps a regression from hanging the suite,
        // and a writer then releases the blocked open.
        let outcome = receive.recv_timeout(std::time::Duration::from_secs(20));
        if outcome.is_err() {
            let _writer = std::fs::OpenOptions::new().write(true).open(&path);
            panic!("opening a FIFO blocked");
        }
        assert_eq!(outcome.unwrap(), Err("not a regular file".to_string()));
        assert!(matches!(open_article(&path), Err(DecodeError::NotRegular)));
    }

    fn write_temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write temp file");
        (dir, path)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("gzip in memory");
        encoder.finish().expect("gzip in memory")
    }

    /// Gzip of `megabytes` MB of text, made of one 1 MB gzip member repeated: small to
    /// build, and a gzip reader has to expand every member.
    fn gzip_bomb(megabytes: usize) -> Vec<u8> {
        gzip(&b"oil ".repeat(1 << 18)).repeat(megabytes)
    }

    #[test]
    fn gzip_bomb_file_stops_at_the_limit() {
        let bomb = gzip_bomb(300);
        assert!(bomb.len() < 2 << 20, "{}", bomb.len());
        let (_dir, path) = write_temp("bomb.txt.gz", &bomb);
        let err = read_bytes(&path, LIMIT).expect_err("over the limit");
        assert!(
            matches!(
                err,
                DecodeError::TooLarge {
                    limit: LIMIT,
                    decompressed: true
                }
            ),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "file is over the size limit of 1 MB once decompressed (raise it with --max-file-mb)"
        );
        // Exactly at the limit is read.
        let (_dir, whole) = write_temp("one.txt.gz", &gzip_bomb(1));
        assert_eq!(
            read_bytes(&whole, LIMIT).expect("at the limit").len(),
            1 << 20
        );
    }

    #[test]
    fn gzip_bomb_in_memory_stops_at_the_limit() {
        let err = gunzip_bytes(&gzip_bomb(300), LIMIT).expect_err("over the limit");
        assert!(matches!(err, DecodeError::TooLarge { .. }), "{err:?}");
        assert_eq!(
            gunzip_bytes(&gzip_bomb(1), LIMIT).expect("fits").len(),
            1 << 20
        );
    }

    #[test]
    fn plain_file_over_the_limit_is_refused() {
        let (_dir, path) = write_temp("big.txt", &b"x".repeat(LIMIT as usize + 1));
        let err = read_text(&path, LIMIT).expect_err("over the limit");
        assert_eq!(
            err.to_string(),
            "file is over the size limit of 1 MB (raise it with --max-file-mb)"
        );
    }

    /// A device reports size 0 and may never end (`/dev/zero`): it is refused once open,
    /// before a byte is read.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_refused() {
        let err = read_bytes(Path::new("/dev/zero"), LIMIT).expect_err("a device");
        assert!(matches!(err, DecodeError::NotRegular), "{err:?}");
    }

    /// Hands out at most `step` bytes per read, to split code units across reads.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn utf16_streams_transcode_to_utf8_in_pieces() {
        let text = "Zürich 🌍 talks\nGenève\n".repeat(5000);
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        for (bytes, step) in [(&le, 3), (&be, 1), (&le, 1 << 20)] {
            let encoding = utf16_bom(bytes).expect("bom");
            let mut out = String::new();
            Utf8Reader::new(Trickle { data: bytes, step }, encoding)
                .read_to_string(&mut out)
                .expect("utf-8");
            assert_eq!(out, text, "{encoding:?} step {step}");
        }
        assert_eq!(utf16_bom(b"\xEF\xBB\xBFabc"), None);
        assert_eq!(utf16_bom(b"abc"), None);
    }

    #[test]
    fn utf8_file_reads_as_is() {
        let (_dir, path) = write_temp("a.txt", "Zürich — café".as_bytes());
        assert_eq!(read_text(&path, LIMIT).expect("text"), "Zürich — café");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let (_dir, path) = write_temp("a.txt", b"\xEF\xBB\xBFHello");
        assert_eq!(read_text(&path, LIMIT).expect("text"), "Hello");
    }

    #[test]
    fn latin1_zurich_decodes() {
        let (_dir, path) = write_temp("a.txt", b"Bank talks in Z\xFCrich resumed on Monday.\n");
        assert_eq!(
            read_text(&path, LIMIT).expect("text"),
            "Bank talks in Zürich resumed on Monday.\n"
        );
    }

    #[test]
    fn windows1252_quotes_decode() {
        let bytes = b"He said \x93no comment\x94 \x96 and left for M\xFCnchen.";
        assert_eq!(
            decode_bytes(bytes).expect("text"),
            "He said \u{201c}no comment\u{201d} \u{2013} and left for München."
        );
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "Zürich".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode_bytes(&le).expect("le"), "Zürich");
        assert_eq!(decode_bytes(&be).expect("be"), "Zürich");
    }

    #[test]
    fn utf16_le_without_bom_is_detected() {
        let le: Vec<u8> = "Geneva talks"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode_bytes(&le).expect("le"), "Geneva talks");
    }

    #[test]
    fn gzip_file_is_decompressed() {
        let (_dir, path) = write_temp("a.txt.gz", &gzip("Zürich".as_bytes()));
        assert_eq!(read_text(&path, LIMIT).expect("text"), "Zürich");
    }

    #[test]
    fn gzip_truncated_is_error() {
        let data = gzip(
            "A story long enough to be cut in the middle."
                .repeat(20)
                .as_bytes(),
        );
        let (_dir, path) = write_temp("a.txt.gz", &data[..data.len() / 2]);
        let err = read_text(&path, LIMIT).expect_err("truncated");
        assert_eq!(err.to_string(), "truncated gzip stream");
    }

    #[test]
    fn gzip_corrupt_is_error() {
        let (_dir, path) = write_temp("a.json.gz", b"this is not gzip at all, just text");
        let err = read_text(&path, LIMIT).expect_err("corrupt");
        assert!(err.to_string().starts_with("corrupt gzip stream"), "{err}");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let (_dir, path) = write_temp("a.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
        let err = read_text(&path, LIMIT).expect_err("binary");
        assert!(matches!(err, DecodeError::Binary(_)));
        assert_eq!(
            err.to_string(),
            "binary data, not text (contains NUL bytes)"
        );
    }

    #[test]
    fn control_characters_are_binary() {
        let bytes: Vec<u8> = (1u8..32).cycle().take(300).collect();
        let err = decode_bytes(&bytes).expect_err("binary");
        assert_eq!(
            err.to_string(),
            "binary data, not text (mostly control characters)"
        );
    }

    #[test]
    fn empty_file_is_error() {
        let (_dir, path) = write_temp("a.txt", b"");
        assert_eq!(
            read_text(&path, LIMIT).expect_err("empty").to_string(),
            "empty file"
        );
        assert!(matches!(decode_bytes(b" \n\t\n"), Err(DecodeError::Empty)));
        assert!(matches!(
            decode_bytes(b"\xEF\xBB\xBF"),
            Err(DecodeError::Empty)
        ));
    }

    #[test]
    fn empty_gzip_is_empty_file() {
        let (_dir, path) = write_temp("a.txt.gz", &gzip(b""));
        assert!(matches!(read_text(&path, LIMIT), Err(DecodeError::Empty)));
    }

    #[test]
    fn html_meta_charset_wins_over_guessing() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body>";
        let declared = html_charset(page);
        assert_eq!(declared, Some(encoding_rs::WINDOWS_1251));
        let text = decode_declared(page, declared).expect("text");
        assert!(text.contains("Привет"), "{text}");
    }

    #[test]
    fn http_equiv_and_xml_declarations_are_read() {
        let page = b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>";
        assert_eq!(html_charset(page), Some(encoding_rs::WINDOWS_1252));
        let xml = b"<?xml version=\"1.0\" encoding='ISO-8859-15'?><rss/>";
        assert_eq!(xml_charset(xml), Some(encoding_rs::ISO_8859_15));
        assert_eq!(xml_charset(b"<rss/>"), None);
        assert_eq!(charset_param(b"text/html; charset=\"utf-8\""), Some(UTF_8));
        assert_eq!(charset_param(b"text/html; charset=bogus"), None);
    }

    #[test]
    fn valid_utf8_beats_a_stale_latin1_declaration() {
        let page = "<meta charset=iso-8859-1><p>Zürich</p>".as_bytes();
        let text = decode_declared(page, html_charset(page)).expect("text");
        assert!(text.contains("Zürich"));
    }

    #[test]
    fn missing_file_is_io_error() {
        let err = read_text(Path::new("/nonexistent/newsdex/a.txt"), LIMIT).expect_err("missing");
        assert!(matches!(err, DecodeError::Io(_)));
        assert!(err.to_string().starts_with("cannot read: "), "{err}");
    }
}
