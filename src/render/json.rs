//! JSON renderings: one object for a whole result, or one hit per line.

use crate::search::SearchResult;
use serde::Serialize;
use std::io::{self, Write};

/// Write `value` as one line of JSON.
pub fn write_json<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// The whole result as one object: `{query, total, hits: [...]}`.
pub fn render_result(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    write_json(out, result)
}

/// One hit per line.
pub fn render_hit_lines(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    for hit in &result.hits {
        write_json(out, hit)?;
    }
    Ok(())
}
