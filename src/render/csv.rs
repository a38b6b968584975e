//! CSV rendering: one hit per row, with a header.

use crate::search::SearchResult;
use std::io::{self, Write};

/// Columns of the CSV output, in order.
pub const COLUMNS: &[&str] = &[
    "rank",
    "score",
    "id",
    "date",
    "title",
    "locations",
    "source",
    "url",
    "path",
    "snippet",
];

/// Write the hits as CSV. Places are joined with `;`.
pub fn render_result(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for hit in &result.hits {
        writer.write_record([
            hit.rank.to_string(),
            hit.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
            hit.id.clone(),
            hit.date.map(|d| d.to_rfc3339()).unwrap_or_default(),
            hit.title.clone().unwrap_or_default(),
            hit.locations.join(";"),
            hit.source.clone().unwrap_or_default(),
            hit.url.clone().unwrap_or_default(),
            hit.path.clone(),
            hit.snippet.clone(),
        ])?;
    }
    writer.flush()
}
