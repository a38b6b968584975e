//! Metadata extraction: from a [`RawArticle`] to a normalised [`Article`].

pub mod date;
pub mod dateline;
pub mod fingerprint;
pub mod gazetteer;
pub mod place;

use crate::article::{Article, DateSource, RawArticle};
use chrono::Datelike;
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

    // Precedence: the file's own metadata; a full date in the path (archives file stories
    // by publication day); a year/month folder completed by the dateline's day (`NEW YORK,
    // March 30 -` under `1987/03/`); a full date written in the text, unless a month folder
    // says it is about another month; the month folder alone.
    let month_folder = date::month_from_path(path);
    let dated = raw
        .date
        .as_deref()
        .and_then(date::parse_date)
        .map(|d| (d, DateSource::Metadata))
        .or_else(|| date::date_from_path(path).map(|d| (d, DateSource::Path)))
        .or_else(|| {
            let month = month_folder?;
            let (m, d) = dateline::parse_dateline(&raw.body)?.month_day?;
            let day = month.date_naive().with_month(m)?.with_day(d)?;
            (m == month.month()).then(|| (date::midnight(day), DateSource::Path))
        })
        .or_else(|| {
            date::find_date_in_text(&raw.body)
                .filter(|d| {
                    month_folder.is_none_or(|m| (m.year(), m.month()) == (d.year(), d.month()))
                })
                .map(|d| (d, DateSource::Text))
        })
        .or_else(|| month_folder.map(|d| (d, DateSource::Path)));

    let places = place::extract_places(raw.title.as_deref(), &raw.body, &raw.places);

    let simhash = fingerprint::simhash(&raw.body);

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
        fingerprint: simhash,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &str, date: Option<&str>) -> RawArticle {
        RawArticle {
            body: body.to_string(),
            date: date.map(str::to_string),
            format: "txt",
            ..RawArticle::default()
        }
    }

    fn dated(path: &str, article: RawArticle) -> (String, Option<DateSource>) {
        let a = build_article(Path::new(path), article);
        (
            a.date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            a.date_source,
        )
    }

    #[test]
    fn metadata_date_beats_path_and_text() {
        let a = raw(
            "The deal of March 3, 2015 was revisited.",
            Some("2016-04-28"),
        );
        assert_eq!(
            dated("/a/2016/05/01/x.txt", a),
            ("2016-04-28".into(), Some(DateSource::Metadata))
        );
    }

    #[test]
    fn path_day_beats_a_date_about_other_events_in_the_text() {
        let a = raw("The deal of March 3, 2015 was revisited.", None);
        assert_eq!(
            dated("/a/2016/05/01/x.txt", a),
            ("2016-05-01".into(), Some(DateSource::Path))
        );
    }

    #[test]
    fn text_date_beats_a_month_folder() {
        let a = raw("Talks resumed on April 28, 2016 in Geneva.", None);
        assert_eq!(
            dated("/a/2016/04/x.txt", a),
            ("2016-04-28".into(), Some(DateSource::Text))
        );
        let undated_text = raw("Talks resumed on Thursday.", None);
        assert_eq!(
            dated("/a/2016/04/x.txt", undated_text),
            ("2016-04-01".into(), Some(DateSource::Path))
        );
    }

    #[test]
    fn month_folder_and_dateline_day_give_the_date() {
        let a = raw(
            "NEW YORK, March 30 - Shares rose. Bonds mature March 31, 1994.",
            None,
        );
        assert_eq!(
            dated("/a/1987/03/x.txt", a),
            ("1987-03-30".into(), Some(DateSource::Path))
        );
    }

    #[test]
    fn text_date_of_another_month_loses_to_the_month_folder() {
        let a = raw("The bonds mature on March 31, 1994.", None);
        assert_eq!(
            dated("/a/1987/03/x.txt", a),
            ("1987-03-01".into(), Some(DateSource::Path))
        );
    }

    #[test]
    fn no_signal_means_undated() {
        assert_eq!(
            dated("/a/x.txt", raw("No date here.", None)),
            (String::new(), None)
        );
    }

    #[test]
    fn id_is_stable_and_depends_on_member() {
        assert_eq!(
            article_id("/a/x.jsonl", Some("line 1")),
            article_id("/a/x.jsonl", Some("line 1"))
        );
        assert_ne!(
            article_id("/a/x.jsonl", Some("line 1")),
            article_id("/a/x.jsonl", Some("line 2"))
        );
        assert_eq!(article_id("/a/x.txt", None).len(), 16);
    }
}
