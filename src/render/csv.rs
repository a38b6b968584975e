//! CSV, written one way by every command: a header row, then one row per record, quoted as
//! RFC 4180 wants; dates are RFC 3339 ending in `Z` and numbers read as in the JSON output
//! (the callers hand over those strings). Article text is untrusted: a cell that a
//! spreadsheet would run as a formula is defused (see [`defuse`]).

use std::borrow::Cow;
use std::io::{self, Write};

/// Rows of cells to `out`.
pub struct CsvWriter<W: Write> {
    inner: ::csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W) -> Self {
        CsvWriter {
            inner: ::csv::Writer::from_writer(out),
        }
    }

    /// One row; every cell is defused.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> io::Result<()> {
        for cell in cells {
            self.inner.write_field(defuse(cell.as_ref()).as_bytes())?;
        }
        self.inner.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// Write out what is buffered (also done on drop, but there an error is lost).
    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A cell as a spreadsheet may safely open it: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula (`=HYPERLINK(…)`, `@SUM(…)`), so it
/// gets a leading `'`, OWASP's rule for CSV injection. Other cells are unchanged.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_and_others_kept() {
        let cases = [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("+1 555", "'+1 555"),
            ("-2+3", "'-2+3"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("\tx", "'\tx"),
            ("\r=x", "'\r=x"),
            ("Oil rises", "Oil rises"),
            ("a=b", "a=b"),
            ("2016-05-12T00:00:00Z", "2016-05-12T00:00:00Z"),
            ("", ""),
        ];
        for (cell, expected) in cases {
            assert_eq!(defuse(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn rows_are_quoted_and_defused() {
        let mut out = Vec::new();
        let mut w = CsvWriter::new(&mut out);
        w.row(["title", "source"]).unwrap();
        w.row(["=1+1, said \"he\"", "@Reuters"]).unwrap();
        w.flush().unwrap();
        drop(w);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "title,source\n\"'=1+1, said \"\"he\"\"\",'@Reuters\n"
        );
    }
}
