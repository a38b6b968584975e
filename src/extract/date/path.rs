//! Dates in paths: a file's path on disk, an archive member's path and a URL's path are
//! read by one parser, since news sites file stories in folders the same way on disk and
//! on the web.

use super::calendar::month_number;
use super::{YEARS, midnight};
use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// `…/2016/04/28/…`, `2016/apr/28/…` or `2016/04/28.txt`: year, month (number or name) and
/// day folders.
static YMD_DIRS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2}|\p{L}+)/(?P<d>\d{1,2})(?:[/._-]|$)")
        .expect("static regex")
});

/// `2016-04-28` or `2016_04_28` anywhere in a path, not inside a longer number.
static YMD_DASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(?P<y>\d{4})[-_](?P<m>\d{2})[-_](?P<d>\d{2})(?:\D|$)")
        .expect("static regex")
});

/// `20160428` as a whole path component or at its start (`20160428_story.txt`).
static YMD_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_.-])(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:[/_.-]|$)")
        .expect("static regex")
});

/// `…/2016/04/…`: a year and month folder without a day.
static YM_DIRS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2})/").expect("static regex"));

/// A date from a file's path (`2016/04/28/story.txt`, `2016-04-28-slug.txt`), as
/// [`date_in_path`] reads it; Windows separators count as `/`.
pub fn date_from_path(path: &Path) -> Option<DateTime<Utc>> {
    date_in_path(&path.to_string_lossy().replace('\\', "/"))
}

/// A full date in the path of a URL (`https://e.example/2016/04/28/story?x=1`), as
/// [`date_in_path`] reads it; the host, query and fragment are not looked at.
pub fn date_from_url(url: &str) -> Option<DateTime<Utc>> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    date_in_path(path.split_once('/')?.1)
}

/// A full date in a `/`-separated path, as midnight UTC: year, month and day folders
/// (`2016/04/28/`, `2016/apr/28/`), a dashed day (`2016-04-28-slug`, `2016_04_28`), or eight
/// digits (`20160428/`, `20160428_story.txt`), tried in that order. Where a shape appears
/// twice the last one wins: a file's name is more specific than its folder. Years outside
/// 1900–2100 and impossible days are no date; see [`month_from_path`] for `2016/04/`.
pub fn date_in_path(path: &str) -> Option<DateTime<Utc>> {
    [&*YMD_DIRS, &*YMD_DASHED, &*YMD_COMPACT]
        .into_iter()
        .find_map(|re| {
            re.captures_iter(path)
                .filter_map(|c| {
                    let month = month_number(&c["m"]).or_else(|| c["m"].parse().ok())?;
                    path_date(&c["y"], month, Some(&c["d"]))
                })
                .last()
        })
}

/// The first of the month named by a year and month folder without a day
/// (`2016/04/story.txt`), so that such an article still falls inside a range on that month.
pub fn month_from_path(path: &Path) -> Option<DateTime<Utc>> {
    let path = path.to_string_lossy().replace('\\', "/");
    YM_DIRS
        .captures_iter(&path)
        .filter_map(|c| path_date(&c["y"], c["m"].parse().ok()?, None))
        .last()
}

fn path_date(y: &str, month: u32, d: Option<&str>) -> Option<DateTime<Utc>> {
    let year: i32 = y.parse().ok()?;
    if !YEARS.contains(&year) {
        return None;
    }
    let day = d.map_or(Some(1), |d| d.parse().ok())?;
    Some(midnight(NaiveDate::from_ymd_opt(year, month, day)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(path: &str) -> Option<String> {
        date_in_path(path).map(|d| d.date_naive().to_string())
    }

    #[test]
    fn path_shapes() {
        for (path, expected) in [
            ("/news/2016/04/28/story.txt", Some("2016-04-28")),
            ("2016/04/28.txt", Some("2016-04-28")),
            ("world/2016/apr/28/talks", Some("2016-04-28")),
            ("world/2016/Sept/9/talks", Some("2016-09-09")),
            ("posts/2016-04-28-senate-vote.md", Some("2016-04-28")),
            ("wire/2016_04_28.txt", Some("2016-04-28")),
            ("arch/20160428_story.txt", Some("2016-04-28")),
            ("20160428/talks", Some("2016-04-28")),
            ("arch/2016/04/story.txt", None),
            ("bbc/business/001.txt", None),
            ("x/2016-13-45-slug.txt", None),
            ("x/12345678.txt", None),
            ("story/123456789", None),
            ("2016/02/30/b", None),
            ("1850/04/28/old.txt", None),
            ("2016/spring/28/x", None),
            ("2016-04-2é/x", None),
        ] {
            assert_eq!(day(path).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn the_last_date_in_a_path_wins() {
        assert_eq!(
            day("2015/01/01/copies/2016/04/28/story.txt").as_deref(),
            Some("2016-04-28")
        );
        assert_eq!(
            day("2015-01-01-batch/2016-04-28-story.txt").as_deref(),
            Some("2016-04-28")
        );
        // Folders beat a dashed name: the shapes are tried in order.
        assert_eq!(
            day("2016/04/28/2015-01-01-story.txt").as_deref(),
            Some("2016-04-28")
        );
    }

    #[test]
    fn file_paths_with_windows_separators() {
        assert_eq!(
            date_from_path(Path::new(r"C:\news\2016\04\28\story.txt")),
            date_in_path("2016/04/28")
        );
    }

    #[test]
    fn path_with_year_month_only_is_first_of_month() {
        assert_eq!(date_from_path(Path::new("arch/2016/04/story.txt")), None);
        assert_eq!(
            month_from_path(Path::new("arch/2016/04/story.txt")),
            date_in_path("2016/04/01")
        );
    }

    #[test]
    fn url_dates_in_common_shapes() {
        let url_day = |url: &str| date_from_url(url).map(|d| d.date_naive().to_string());
        for (url, expected) in [
            ("https://x.example/a/2016/04/28/b", Some("2016-04-28")),
            ("https://x.example/world/2016/apr/28/b", Some("2016-04-28")),
            (
                "https://x.example/news/2016-04-28-talks",
                Some("2016-04-28"),
            ),
            ("https://x.example/20160428/talks", Some("2016-04-28")),
            ("https://x.example/a?from=2016/04/28/", None),
            ("https://x.example/a#2016-04-28", None),
            ("https://20160428.example/a", None),
            ("https://x.example/2016/02/30/b", None),
            ("https://x.example/2016/04/", None),
            ("https://x.example/story/123456789", None),
            ("https://x.example/2016-04-2é/x", None),
            ("no-slash", None),
        ] {
            assert_eq!(url_day(url).as_deref(), expected, "{url}");
        }
    }
}
