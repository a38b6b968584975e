//! Lines of a stream read one at a time, none longer than a limit: JSON Lines files and
//! newsdex's own exports are read this way, so a file of any size, or a line of any length,
//! is read in bounded memory.

use std::io::{self, BufRead, Read};

/// What reading the next line gave.
pub enum Line<'a> {
    /// Line `number` (from 1), its ending included.
    Text(usize, &'a [u8]),
    /// Line `number` is longer than the limit; its first `limit + 1` bytes were read, the
    /// rest is still to read ([`BoundedLines::skip_rest`]).
    TooLong(usize),
    /// Reading failed before line `number` ended (a damaged gzip stream).
    Failed(usize, io::Error),
}

/// The lines of `reader`, each read only up to `limit` bytes.
pub struct BoundedLines<R> {
    reader: R,
    limit: u64,
    number: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> BoundedLines<R> {
    pub fn new(reader: R, limit: u64) -> Self {
        BoundedLines {
            reader,
            limit,
            number: 0,
            buf: Vec::new(),
        }
    }

    /// The longest line read, in bytes.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// The next line, or `None` at the end of the stream.
    pub fn next_line(&mut self) -> Option<Line<'_>> {
        self.buf.clear();
        match (&mut self.reader)
            .take(self.limit.saturating_add(1))
            .read_until(b'\n', &mut self.buf)
        {
            Ok(0) => None,
            Ok(_) => {
                self.number += 1;
                if self.buf.len() as u64 > self.limit && !self.buf.ends_with(b"\n") {
                    Some(Line::TooLong(self.number))
                } else {
                    Some(Line::Text(self.number, &self.buf))
                }
            }
            Err(e) => Some(Line::Failed(self.number + 1, e)),
        }
    }

    /// Read past the rest of an over-long line, a megabyte at a time. False when the stream
    /// ended or failed before the line did.
    pub fn skip_rest(&mut self) -> bool {
        loop {
            self.buf.clear();
            match (&mut self.reader)
                .take(1 << 20)
                .read_until(b'\n', &mut self.buf)
            {
                Ok(0) | Err(_) => return false,
                Ok(_) if self.buf.ends_with(b"\n") => return true,
                Ok(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8], limit: u64, skip: bool) -> Vec<String> {
        let mut lines = BoundedLines::new(text, limit);
        let mut out = Vec::new();
        loop {
            let (seen, too_long) = match lines.next_line() {
                None => break,
                Some(Line::Text(n, bytes)) => {
                    (format!("{n}:{}", String::from_utf8_lossy(bytes)), false)
                }
                Some(Line::TooLong(n)) => (format!("{n}:too long"), true),
                Some(Line::Failed(n, _)) => (format!("{n}:failed"), false),
            };
            out.push(seen);
            if too_long && !(skip && lines.skip_rest()) {
                break;
            }
        }
        out
    }

    #[test]
    fn lines_are_numbered_and_a_long_one_is_caught_at_the_limit() {
        let text = b"ab\nabcdefgh\ncd\nlast";
        assert_eq!(
            read(text, 4, true),
            ["1:ab\n", "2:too long", "3:cd\n", "4:last"]
        );
        assert_eq!(read(text, 4, false), ["1:ab\n", "2:too long"]);
        // A line of exactly the limit, its ending beyond it, is not too long.
        assert_eq!(read(b"abcd\nx", 4, true), ["1:abcd\n", "2:x"]);
        // A long last line without an ending ends the stream when skipped.
        assert_eq!(read(b"ab\nabcdefgh", 4, true), ["1:ab\n", "2:too long"]);
    }
}
