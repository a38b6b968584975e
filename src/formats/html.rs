//! TODO: html parser (being written).

use super::{FormatError, Parsed};

pub fn parse(_text: &str) -> Result<Parsed, FormatError> {
    Err(FormatError::Empty)
}
