//! Export rows: CSV with a header, or one JSON object per line, in the order of `--fields`.

use crate::search::SearchResult;
use crate::search::export::{Record, hit_record};
use serde_json::Value;
use std::io::{self, Write};

/// A CSV cell: strings as they are, lists joined with `;`, null empty.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// Writes records as CSV (header first) or JSON lines.
pub struct RecordWriter<'a> {
    out: &'a mut dyn Write,
    csv: bool,
    header_done: bool,
}

impl<'a> RecordWriter<'a> {
    pub fn new(out: &'a mut dyn Write, csv: bool) -> Self {
        RecordWriter {
            out,
            csv,
            header_done: false,
        }
    }

    /// Write the CSV header for `fields` (so an empty result still has one).
    pub fn header(&mut self, fields: &[String]) -> io::Result<()> {
        if self.csv && !self.header_done {
            self.header_done = true;
            self.csv_row(fields.iter().map(String::as_str))?;
        }
        Ok(())
    }

    fn csv_row<'s>(&mut self, cells: impl Iterator<Item = &'s str>) -> io::Result<()> {
        let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
        w.write_record(cells)?;
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        self.out.write_all(&bytes)
    }

    pub fn write(&mut self, record: Record) -> io::Result<()> {
        if self.csv {
            let cells: Vec<String> = record.iter().map(|(_, v)| cell(v)).collect();
            self.csv_row(cells.iter().map(String::as_str))
        } else {
            let map: serde_json::Map<String, Value> = record.into_iter().collect();
            serde_json::to_writer(&mut *self.out, &map)?;
            writeln!(self.out)
        }
    }
}

/// Ranked hits with only the chosen fields.
pub fn render_hits(
    out: &mut dyn Write,
    result: &SearchResult,
    fields: &[String],
    csv: bool,
) -> io::Result<()> {
    let mut w = RecordWriter::new(out, csv);
    w.header(fields)?;
    for hit in &result.hits {
        w.write(hit_record(hit, fields))?;
    }
    Ok(())
}
