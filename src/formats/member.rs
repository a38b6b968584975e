//! Where an article sits inside a file that holds several: a line, an item, a WARC record,
//! a zip member. Parsers build it as a value; it becomes text (`line 7`,
//! `feeds/wire.jsonl line 3`) once, for the article's id, the index and the output.

use std::fmt;

/// An article's place inside its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    /// A line of a JSON Lines file, counted from 1: `line 7`.
    Line(usize),
    /// An element of a JSON array, or an item or entry of a feed, counted from 1: `item 3`.
    Item(usize),
    /// A record of a WARC file, counted from 1 over all its records, not only the articles:
    /// `record 5`.
    Record(usize),
    /// A zip archive's member whose name cannot be read, or that cannot be read at all, by
    /// its number counted from 1: `member 3`.
    ZipEntry(usize),
    /// A zip archive's directory, the list of members at its end: `archive`.
    ZipDirectory,
    /// A zip archive's member, by its path, and the place inside it when the member holds
    /// several articles: `2016/story.html`, `feeds/wire.jsonl line 3`.
    Zip {
        path: String,
        inside: Option<Box<Member>>,
    },
}

impl Member {
    /// `self` inside the zip member at `path`.
    pub fn in_zip(path: &str, inside: Option<Member>) -> Member {
        Member::Zip {
            path: path.to_owned(),
            inside: inside.map(Box::new),
        }
    }
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Member::Line(n) => write!(f, "line {n}"),
            Member::Item(n) => write!(f, "item {n}"),
            Member::Record(n) => write!(f, "record {n}"),
            Member::ZipEntry(n) => write!(f, "member {n}"),
            Member::ZipDirectory => f.write_str("archive"),
            Member::Zip { path, inside: None } => f.write_str(path),
            Member::Zip {
                path,
                inside: Some(inside),
            } => write!(f, "{path} {inside}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_read_as_the_output_has_always_written_them() {
        for (member, text) in [
            (Member::Line(7), "line 7"),
            (Member::Item(3), "item 3"),
            (Member::Record(5), "record 5"),
            (Member::ZipEntry(4), "member 4"),
            (Member::ZipDirectory, "archive"),
            (Member::in_zip("2016/story.html", None), "2016/story.html"),
            (
                Member::in_zip("feeds/wire.jsonl", Some(Member::Line(3))),
                "feeds/wire.jsonl line 3",
            ),
            (
                Member::in_zip("crawl.warc.gz", Some(Member::Record(2))),
                "crawl.warc.gz record 2",
            ),
        ] {
            assert_eq!(member.to_string(), text);
        }
    }
}
