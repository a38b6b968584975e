//! Metadata extraction: from a [`RawArticle`] to a normalised [`Article`].

pub mod date;
pub mod dateline;
pub mod gazetteer;
pub mod place;

use crate::article::{Article, DateSource, RawArticle};
use std::path::Path;

/// A stable id for the article at `member` of the file at `path`.
pub fn article_id(path: &str, member: Option<&str>) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(path.as_bytes());
    if let Some(member) = member {
        hasher.update(b"#");
        hasher.update(member.as_bytes());
    }
    hasher.finalize().to_hex()[..16].to_string()
}

/// Normalise a raw article read from `path`: id, date with its source, places.
pub fn build_article(path: &Path, raw: RawArticle) -> Article {
    let path_str = path.to_string_lossy().into_owned();
    let id = article_id(&path_str, raw.member.as_deref());

    let from_metadata = raw
        .date
        .as_deref()
        .and_then(date::parse_date)
        .map(|d| (d, DateSource::Metadata));
    let dated = from_metadata
        .or_else(|| date::find_date_in_text(&raw.body).map(|d| (d, DateSource::Text)))
        .or_else(|| date::date_from_path(path).map(|d| (d, DateSource::Path)));

    let places = place::extract_places(raw.title.as_deref(), &raw.body, &raw.places);

    Article {
        id,
        path: path_str,
        member: raw.member,
        url: raw.url,
        title: raw.title,
        body: raw.body,
        source: raw.source,
        date: dated.map(|(d, _)| d),
        date_source: dated.map(|(_, s)| s),
        dateline: places.dateline,
        locations: places.about,
        mentions: places.mentions,
        format: raw.format.to_string(),
    }
}
