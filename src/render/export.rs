//! Export rows: CSV with a header, or one JSON object per line, in the order of `--fields`.

use super::csv::CsvWriter;
use crate::search::SearchResult;
use crate::search::export::{Column, Record, hit_record};
use serde_json::Value;
use std::io::{self, Write};

/// A CSV cell: strings as they are, lists joined with `;`, numbers as JSON writes them,
/// null empty.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

/// Writes records as CSV (header first) or JSON lines.
pub enum RecordWriter<'a> {
    Csv(Box<CsvWriter<&'a mut dyn Write>>),
    Lines(&'a mut dyn Write),
}

impl<'a> RecordWriter<'a> {
    pub fn new(out: &'a mut dyn Write, csv: bool) -> Self {
        if csv {
            RecordWriter::Csv(Box::new(CsvWriter::new(out)))
        } else {
            RecordWriter::Lines(out)
        }
    }

    /// Write the CSV header for `columns` (so an empty result still has one).
    pub fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        match self {
            RecordWriter::Csv(w) => w.row(columns.iter().map(|c| c.name())),
            RecordWriter::Lines(_) => Ok(()),
        }
    }

    pub fn write(&mut self, record: Record) -> io::Result<()> {
        match self {
            RecordWriter::Csv(w) => w.row(record.iter().map(|(_, v)| cell(v))),
            RecordWriter::Lines(out) => {
                let map: serde_json::Map<String, Value> = record
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect();
                serde_json::to_writer(&mut **out, &map)?;
                writeln!(out)
            }
        }
    }

    /// Write out what is buffered.
    pub fn finish(mut self) -> io::Result<()> {
        match &mut self {
            RecordWriter::Csv(w) => w.flush(),
            RecordWriter::Lines(_) => Ok(()),
        }
    }
}

/// Ranked hits with only the chosen columns.
pub fn render_hits(
    out: &mut dyn Write,
    result: &SearchResult,
    columns: &[Column],
    csv: bool,
) -> io::Result<()> {
    let mut w = RecordWriter::new(out, csv);
    w.header(columns)?;
    for hit in &result.hits {
        w.write(hit_record(hit, columns))?;
    }
    w.finish()
}
