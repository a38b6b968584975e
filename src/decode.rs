//! Bytes to text: gzip, byte-order marks, legacy encodings. (being written)

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("not text: {0}")]
    Binary(String),
}

/// Read `path` and return its text, decompressing `.gz` and decoding to UTF-8.
pub fn read_text(path: &Path) -> Result<String, DecodeError> {
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|e| DecodeError::Binary(e.to_string()))
}
