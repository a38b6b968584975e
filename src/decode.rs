//! Bytes to text: gzip, byte-order marks, legacy encodings.
//!
//! [`read_text`] is the only door from a file to the parsers: whatever it returns is UTF-8
//! without a byte-order mark, and whatever cannot be text is an error that says why.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use std::io::Read;
use std::path::Path;

/// How many leading bytes (or characters) the binary checks look at.
const SNIFF_LEN: usize = 8192;

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
}

/// Read `path` and return its text, decompressing `.gz` and decoding to UTF-8.
///
/// A byte-order mark picks UTF-8 or UTF-16; without one, valid UTF-8 is taken as is and
/// anything else is decoded with the legacy encoding chardetng guesses (Windows-1252 for
/// Western European text).
pub fn read_text(path: &Path) -> Result<String, DecodeError> {
    let raw = std::fs::read(path)?;
    let is_gzip = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".gz"));
    let bytes = if is_gzip { gunzip(&raw)? } else { raw };
    decode_bytes(&bytes)
}

/// Decode the bytes of a file (already decompressed) to text.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, DecodeError> {
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
            Err(_) => decode_legacy(bytes),
        }
    };
    check_text(&text)?;
    Ok(text)
}

fn gunzip(compressed: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    // MultiGzDecoder also reads files made by concatenating gzip members.
    match flate2::read::MultiGzDecoder::new(compressed).read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(DecodeError::Gzip("truncated gzip stream".into()))
        }
        Err(e) => Err(DecodeError::Gzip(format!("corrupt gzip stream: {e}"))),
    }
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

fn decode_legacy(bytes: &[u8]) -> String {
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

    #[test]
    fn utf8_file_reads_as_is() {
        let (_dir, path) = write_temp("a.txt", "Zürich — café".as_bytes());
        assert_eq!(read_text(&path).expect("text"), "Zürich — café");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let (_dir, path) = write_temp("a.txt", b"\xEF\xBB\xBFHello");
        assert_eq!(read_text(&path).expect("text"), "Hello");
    }

    #[test]
    fn latin1_zurich_decodes() {
        let (_dir, path) = write_temp("a.txt", b"Bank talks in Z\xFCrich resumed on Monday.\n");
        assert_eq!(
            read_text(&path).expect("text"),
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
        assert_eq!(read_text(&path).expect("text"), "Zürich");
    }

    #[test]
    fn gzip_truncated_is_error() {
        let data = gzip(
            "A story long enough to be cut in the middle."
                .repeat(20)
                .as_bytes(),
        );
        let (_dir, path) = write_temp("a.txt.gz", &data[..data.len() / 2]);
        let err = read_text(&path).expect_err("truncated");
        assert_eq!(err.to_string(), "truncated gzip stream");
    }

    #[test]
    fn gzip_corrupt_is_error() {
        let (_dir, path) = write_temp("a.json.gz", b"this is not gzip at all, just text");
        let err = read_text(&path).expect_err("corrupt");
        assert!(err.to_string().starts_with("corrupt gzip stream"), "{err}");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let (_dir, path) = write_temp("a.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
        let err = read_text(&path).expect_err("binary");
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
            read_text(&path).expect_err("empty").to_string(),
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
        assert!(matches!(read_text(&path), Err(DecodeError::Empty)));
    }

    #[test]
    fn missing_file_is_io_error() {
        let err = read_text(Path::new("/nonexistent/newsdex/a.txt")).expect_err("missing");
        assert!(matches!(err, DecodeError::Io(_)));
        assert!(err.to_string().starts_with("cannot read: "), "{err}");
    }
}
