//! Article text on a terminal. Titles, bodies, sources, URLs and file names come from the
//! archive, not from the user: a control character in them is an instruction to the
//! terminal (`ESC ] 0 ;` retitles the window, `ESC ] 52 ;` writes the clipboard,
//! `ESC [ 2 J` clears the screen, `ESC ] 8 ;` plants a link). Every text renderer writes
//! such text through [`escaped`], which shows each control character as a visible escape
//! instead; JSON and CSV keep the text exact, as programs want it.

use std::fmt;

/// `text` for a terminal: every control character (C0, DEL and C1, line breaks and tabs
/// included) written as a visible escape, `\x1b`, `\n`, `\u{9b}`; all else as it is.
/// Line breaks are escaped too: a renderer lays out lines itself, and a title or a path
/// that broke a line could forge the line after it.
pub fn escaped(text: &str) -> Escaped<'_> {
    Escaped(text)
}

/// Text shown with its control characters escaped (see [`escaped`]).
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(char::is_control) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_ascii() => write!(f, "\\x{:02x}", c as u32)?,
                c => write!(f, "\\u{{{:x}}}", c as u32)?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

impl Escaped<'_> {
    /// Columns the escaped text takes (one per character).
    pub fn width(&self) -> usize {
        self.to_string().chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        for (raw, shown) in [
            ("plain text, café", "plain text, café"),
            ("\u{1b}]0;pwned\u{7}title", "\\x1b]0;pwned\\x07title"),
            ("\u{1b}]52;c;ZXZpbA==\u{1b}\\", "\\x1b]52;c;ZXZpbA==\\x1b\\"),
            ("\u{1b}[2J", "\\x1b[2J"),
            (
                "\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\",
                "\\x1b]8;;http://x\\x1b\\link\\x1b]8;;\\x1b\\",
            ),
            ("one\ntwo\r\tthree", "one\\ntwo\\r\\tthree"),
            ("\u{7f}\u{9b}2J\u{0}", "\\x7f\\u{9b}2J\\x00"),
            ("", ""),
        ] {
            assert_eq!(escaped(raw).to_string(), shown, "{raw:?}");
        }
    }

    #[test]
    fn width_counts_the_escapes() {
        assert_eq!(escaped("a\u{1b}b").width(), 6);
        assert_eq!(escaped("Zürich").width(), 6);
    }
}
