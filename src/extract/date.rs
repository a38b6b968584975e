//! Publication dates: from metadata strings, article text, and file paths. (being written)

use chrono::{DateTime, Utc};
use std::path::Path;

/// Parse a date as metadata spells it (RFC 3339, `2016-04-28`, `April 28, 2016`, RFC 2822, …).
pub fn parse_date(_s: &str) -> Option<DateTime<Utc>> {
    None
}

/// The first full date written in the article text ("April 28, 2016", "28 April 2016", "2016-04-28").
pub fn find_date_in_text(_text: &str) -> Option<DateTime<Utc>> {
    None
}

/// A date from a path like `2016/04/28/story.txt` or `2016-04-28-slug.txt`.
pub fn date_from_path(_path: &Path) -> Option<DateTime<Utc>> {
    None
}
