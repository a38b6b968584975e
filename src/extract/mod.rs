//! Metadata extraction: from a [`RawArticle`] to a normalised [`Article`].

pub mod compiled;
pub mod date;
pub mod dateline;
pub mod fingerprint;
pub mod gazetteer;
pub mod language;
pub mod place;

use crate::article::{Article, RawArticle};
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

/// An article id as the number it spells (64 bits in 16 hex digits), for a numeric fast
/// field.
pub fn article_id_bits(id: &str) -> Option<u64> {
    u64::from_str_radix(id, 16).ok()
}

/// The article id that [`article_id_bits`] made into `bits`.
pub fn article_id_from_bits(bits: u64) -> String {
    format!("{bits:016x}")
}

/// What the extraction workers are handed: a parsed article to extract, or one extracted
/// already (newsdex's own export read back), kept as it is.
#[derive(Debug)]
// Nearly every pending article is raw: boxing that variant would cost an allocation each.
#[allow(clippy::large_enum_variant)]
pub enum Pending {
    Raw(RawArticle),
    Extracted(Box<Article>),
}

/// The article for a pending one read from `path`: a raw article is extracted; an extracted
/// one keeps its id, date, places and fingerprint, and now lives at `path`.
pub fn finish_article(path: &Path, pending: Pending) -> Article {
    match pending {
        Pending::Raw(raw) => build_article(path, raw),
        Pending::Extracted(article) => Article {
            path: crate::walk::path_key(path),
            ..*article
        },
    }
}

/// Normalise a raw article read from `path`: id, date with its source, places.
pub fn build_article(path: &Path, raw: RawArticle) -> Article {
    let path_str = crate::walk::path_key(path);
    let member = raw.member.map(|m| m.to_string());
    let id = article_id(&path_str, member.as_deref());

    // Parsed once: it gives the date's second signal and the dateline place.
    let opening = dateline::parse_dateline(&raw.body);
    // The language first: a date line in digits is read in its order, and the place
    // reader reads names as words of it.
    let lang = language::article_language(raw.lang.as_deref(), raw.title.as_deref(), &raw.body);
    let dated = date::resolve_date(&raw.dates, path, opening.as_ref(), &raw.body, lang);
    let places = place::extract_places_after(
        raw.title.as_deref(),
        &raw.body,
        opening.as_ref(),
        &raw.places,
        lang,
    );

    let fingerprint = fingerprint::Fingerprint::of(&raw.body);

    Article {
        id,
        path: path_str,
        member,
        url: raw.url,
        title: raw.title,
        body: raw.body,
        source: raw.source,
        lang: lang.to_string(),
        date: dated.map(|(d, _)| d),
        date_source: dated.map(|(_, s)| s),
        dateline: places.dateline,
        locations: places.about,
        location_basis: places.basis,
        mentions: places.mentions,
        format: raw.format.to_string(),
        truncated: false,
        fingerprint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{DateHint, DateSource, HintSource};

    #[test]
    fn article_ids_go_through_their_bits_unchanged() {
        for id in [
            article_id("/a/2016/x.txt", None),
            article_id("/a/feed.jsonl", Some("line 7")),
            "000000000000002a".to_string(),
        ] {
            let bits = article_id_bits(&id).expect("16 hex digits");
            assert_eq!(article_id_from_bits(bits), id);
        }
    }

    fn raw(body: &str, date: Option<&str>) -> RawArticle {
        RawArticle {
            body: body.to_string(),
            dates: date
                .map(|d| DateHint::written(HintSource::Metadata, d))
                .into_iter()
                .collect(),
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
    fn lead_date_beats_a_month_folder_and_is_weak() {
        let a = raw("Talks resumed on April 28, 2016 in Geneva.", None);
        assert_eq!(
            dated("/a/2016/04/x.txt", a),
            ("2016-04-28".into(), Some(DateSource::Lead))
        );
        let undated_text = raw("Talks resumed on Thursday.", None);
        assert_eq!(
            dated("/a/2016/04/x.txt", undated_text),
            ("2016-04-01".into(), Some(DateSource::Path))
        );
    }

    #[test]
    fn a_date_elsewhere_in_the_body_never_dates_the_story() {
        // Issue 14: a novelist's birth date once dated his obituary.
        let obituary = raw(
            "Novelist Arthur Hailey has died at the age of 84.\n\nBorn in Luton on 5 April 1920, he wrote Hotel.",
            None,
        );
        assert_eq!(
            dated("/bbc/entertainment/016.txt", obituary),
            (String::new(), None)
        );
        // A fixture list's date and kick-off time once made the year 1945.
        let fixtures = raw(
            "The county season starts next week.\n\nTuesday, 1 March\n\n1945 GMT\n\nKent v Surrey",
            None,
        );
        assert_eq!(dated("/bbc/sport/001.txt", fixtures), (String::new(), None));
    }

    #[test]
    fn a_byline_dates_the_story() {
        let a = raw(
            "By Jane Smith, 3 March 2005\n\nShares rose. The 1987 crash was recalled.",
            None,
        );
        assert_eq!(
            dated("/a/x.txt", a),
            ("2005-03-03".into(), Some(DateSource::Byline))
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
            ("1987-03-30".into(), Some(DateSource::Dateline))
        );
    }

    #[test]
    fn dateline_with_a_year_beats_the_path() {
        let a = raw("GENEVA, April 28, 2016 (Reuters) - Talks resumed.", None);
        assert_eq!(
            dated("/a/2016/05/01/x.txt", a),
            ("2016-04-28".into(), Some(DateSource::Dateline))
        );
    }

    #[test]
    fn dateline_day_takes_the_year_of_a_full_path_date() {
        let a = raw("WASHINGTON, April 30 (Reuters) - Talks resumed.", None);
        assert_eq!(
            dated("/a/2016/05/01/x.txt", a),
            ("2016-04-30".into(), Some(DateSource::Dateline))
        );
        // A dateline day far from the path's day is no reading of it: the path wins.
        let far = raw("WASHINGTON, March 3 (Reuters) - Talks resumed.", None);
        assert_eq!(
            dated("/a/2016/05/01/x.txt", far),
            ("2016-05-01".into(), Some(DateSource::Path))
        );
    }

    #[test]
    fn dateline_day_without_a_year_needs_an_anchor() {
        let a = raw("WASHINGTON, March 3 (Reuters) - Talks resumed.", None);
        assert_eq!(dated("/a/x.txt", a), (String::new(), None));
    }

    #[test]
    fn date_line_at_the_top_is_a_byline_source() {
        let mut a = raw(
            "Talks resumed. The deal of March 3, 2015 was revisited.",
            None,
        );
        // The text parser keeps the date of `Published: April 28, 2016`.
        a.dates
            .push(DateHint::written(HintSource::DateLine, "April 28, 2016"));
        assert_eq!(
            dated("/a/2016/05/01/x.txt", a.clone()),
            ("2016-04-28".into(), Some(DateSource::Byline))
        );
        // Metadata still wins over a date line.
        a.dates
            .push(DateHint::written(HintSource::Metadata, "2016-04-27"));
        assert_eq!(
            dated("/a/x.txt", a),
            ("2016-04-27".into(), Some(DateSource::Metadata))
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
    fn dates_the_index_cannot_hold_leave_the_article_undated() {
        for date in ["0001-01-01", "1500-06-15", "3000-01-01", "9999-12-31"] {
            assert_eq!(
                dated("/a/x.txt", raw("No date here.", Some(date))),
                (String::new(), None),
                "{date}"
            );
            // A weaker signal still dates it.
            assert_eq!(
                dated("/a/2016/05/01/x.txt", raw("No date here.", Some(date))),
                ("2016-05-01".into(), Some(DateSource::Path)),
                "{date}"
            );
        }
    }

    /// `body` with a hint from `source` on `date` (`2016-05-01`), written as the parsers
    /// write it: a URL, a member's path or the date.
    fn hinted(body: &str, source: HintSource, date: &str) -> RawArticle {
        let mut a = raw(body, None);
        let day = date.replace('-', "/");
        let written = match source {
            HintSource::Url => format!("https://e.example/world/{day}/story?page=2"),
            HintSource::MemberPath => format!("{day}/story.html"),
            _ => date.to_string(),
        };
        a.dates.push(DateHint::written(source, written));
        a
    }

    #[test]
    fn dateline_beats_url_member_path_and_crawl_dates() {
        // These hints once entered as metadata and beat the story's own dateline.
        let story = "GENEVA, April 28, 2016 (Reuters) - Talks resumed.";
        for source in [HintSource::Url, HintSource::MemberPath, HintSource::Crawl] {
            assert_eq!(
                dated("/a/x.html", hinted(story, source, "2016-05-03")),
                ("2016-04-28".into(), Some(DateSource::Dateline)),
                "{source:?}"
            );
        }
        let mut crawled = raw(story, None);
        crawled
            .dates
            .push(DateHint::written(HintSource::Crawl, "2020-01-02T03:04:05Z"));
        assert_eq!(
            dated("/a/x.warc.gz", crawled),
            ("2016-04-28".into(), Some(DateSource::Dateline))
        );
    }

    #[test]
    fn url_or_member_day_anchors_a_yearless_dateline() {
        let story = "WASHINGTON, April 30 (Reuters) - Talks resumed.";
        assert_eq!(
            dated(
                "/a/x.zip",
                hinted(story, HintSource::MemberPath, "2016-05-01")
            ),
            ("2016-04-30".into(), Some(DateSource::Dateline))
        );
    }

    #[test]
    fn crawl_date_is_the_last_resort() {
        let text = "Talks resumed on April 28, 2016 in Geneva.";
        let crawl = || hinted(text, HintSource::Crawl, "2020-01-02");
        assert_eq!(
            dated("/a/x.warc", crawl()),
            ("2016-04-28".into(), Some(DateSource::Lead))
        );
        assert_eq!(
            dated("/a/2016/05/01/x.warc", crawl()),
            ("2016-05-01".into(), Some(DateSource::Path))
        );
        assert_eq!(
            dated(
                "/a/x.warc",
                hinted("No date.", HintSource::Crawl, "2020-01-02")
            ),
            ("2020-01-02".into(), Some(DateSource::Crawl))
        );
        // A URL day still beats the file path and the text.
        assert_eq!(
            dated(
                "/a/2015/01/01/x.warc",
                hinted(text, HintSource::Url, "2016-04-29")
            ),
            ("2016-04-29".into(), Some(DateSource::Metadata))
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
