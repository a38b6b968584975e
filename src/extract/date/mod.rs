//! Publication dates: from the parsers' hints, the dateline, article text and file paths,
//! and the precedence among them ([`resolve_date`]).
//!
//! Every function returns a UTC instant; a date without a time of day is midnight UTC.

pub mod calendar;
mod path;

pub use path::{date_from_path, date_from_url, date_in_path, month_from_path};

use super::dateline::Dateline;
use crate::article::{DateHint, DateSource, HintSource, HintValue};
use calendar::{month_number, month_pattern};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

/// How many characters of article text [`find_date_in_text`] looks at.
const TEXT_WINDOW: usize = 2000;

/// Years a date found in text or a path may have; outside this range a number is not a year.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// "April 28, 2016", "Apr. 28 2016", "Thursday, April 28th, 2016", then an optional time.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    Regex::new(&format!(
        r"(?ix)^(?:[a-z]+\.?,?\s+)??(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?P<rest>.*)$"
    ))
    .expect("static regex")
});

/// "28 April 2016", "Thu, 28 Apr 2016", "28th of April, 2016", then an optional time.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    Regex::new(&format!(
        r"(?ix)^(?:[a-z]+\.?,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{month})\.?,?\s+(?P<y>\d{{4}})(?P<rest>.*)$"
    ))
    .expect("static regex")
});

/// Reuters SGML dates: "26-FEB-1987 15:01:01.79".
static REUTERS: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    Regex::new(&format!(
        r"(?i)^(?P<d>\d{{1,2}})-(?P<m>{month})-(?P<y>\d{{4}})(?P<rest>.*)$"
    ))
    .expect("static regex")
});

/// "2016-04-28", "2016/04/28", "2016.04.28", then an optional time.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P<sep2>[-/.])(?P<d>\d{1,2})(?P<rest>.*)$",
    )
    .expect("static regex")
});

/// A trailing time of day: " 14:30", "T14:30:00.5", " 10:00 AM", optionally followed by a zone.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:\s*(?:,|at|T)?\s*)
            (?P<h>\d{1,2}):(?P<min>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?
            \s*(?P<ampm>[ap]\.?m\.?)?
            \s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$",
    )
    .expect("static regex")
});

/// A regex compiled twice: as written, and with its Unicode classes cut down to ASCII
/// for ASCII text, on which the two match alike. The ASCII one is several times faster
/// to run with captures (its automaton is a fraction of the size) and to compile; the
/// Unicode one is compiled when the first non-ASCII text comes (an archive of ASCII
/// stories never pays its few milliseconds).
pub(crate) struct TextRegex {
    pattern: String,
    unicode: OnceLock<Regex>,
    ascii: Regex,
}

impl TextRegex {
    /// Compile `pattern`, which may use `\p{Lu}`, `\p{L}`, `\s`, `\d` and `\b` as
    /// Unicode classes; any other class must be one whose ASCII part is all it can
    /// match in ASCII text (true of every class).
    pub(crate) fn new(pattern: &str) -> Result<TextRegex, regex::Error> {
        let ascii = pattern
            .replace(r"\p{Lu}", "[A-Z]")
            .replace(r"\p{L}", "[A-Za-z]")
            .replace(r"\s", r"[\t\n\x0B\x0C\r\x20]")
            .replace(r"\d", "[0-9]")
            .replace(r"\b", r"(?-u:\b)");
        // Only the classes differ, so the pattern as written compiles when this does.
        Ok(TextRegex {
            ascii: Regex::new(&ascii)?,
            pattern: pattern.to_string(),
            unicode: OnceLock::new(),
        })
    }

    /// The regex to run on `haystack`.
    pub(crate) fn on(&self, haystack: &str) -> &Regex {
        if haystack.is_ascii() {
            &self.ascii
        } else {
            self.unicode.get_or_init(|| {
                Regex::new(&self.pattern).expect("the ASCII form of this pattern compiled")
            })
        }
    }
}

/// A full date anywhere in running text: month-first, day-first, ISO or Reuters style.
static DATE_IN_TEXT: LazyLock<TextRegex> = LazyLock::new(|| {
    let month = month_pattern();
    TextRegex::new(&format!(
        r"(?ix)
        \b(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})\b
        | \b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{month})\.?,?\s+(?P<y2>\d{{4}})\b
        | \b(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b
        | \b(?P<d4>\d{{1,2}})-(?P<m4>{month})-(?P<y4>\d{{4}})\b"
    ))
    .expect("static regex")
});

/// The article's date and the signal that gave it, first present wins:
///
/// 1. the file's metadata;
/// 2. a date line at the top of the story, then its dateline (`GENEVA, April 28, 2016 -`, or
///    a month and day in the year of a dated URL or path that agrees with it);
/// 3. a full date in the page URL's path, then in an archive member's path (reported as
///    `metadata`, as the file gave them), then in the file path;
/// 4. a full date in the text (unless a month folder says it is about another month);
/// 5. a year/month folder;
/// 6. a crawl date (`WARC-Date`, reported as `metadata`): the story is no newer, but a crawl
///    is not a publication.
///
/// The path and text are only read when no better signal exists, so articles dated by their
/// metadata (a JSONL archive) never pay for them.
pub fn resolve_date(
    hints: &[DateHint],
    path: &Path,
    opening: Option<&Dateline>,
    body: &str,
) -> Option<(DateTime<Utc>, DateSource)> {
    let first = |source: HintSource| {
        hints
            .iter()
            .filter(|h| h.source == source)
            .find_map(|h| match &h.value {
                HintValue::Written(s) => match source {
                    HintSource::Url => date_from_url(s),
                    HintSource::MemberPath => date_in_path(s),
                    _ => parse_date(s),
                },
                HintValue::Instant(d) => Some(*d).filter(storable),
            })
    };
    if let Some(d) = first(HintSource::Metadata) {
        return Some((d, DateSource::Metadata));
    }
    if let Some(d) = first(HintSource::DateLine) {
        return Some((d, DateSource::Dateline));
    }
    let hinted_day = first(HintSource::Url).or_else(|| first(HintSource::MemberPath));
    let path_day = date_from_path(path);
    let month_folder = month_from_path(path);
    let anchor = hinted_day.or(path_day);
    opening
        .and_then(|line| dateline_date(line, anchor.or(month_folder), anchor.is_some()))
        .map(|d| (d, DateSource::Dateline))
        .or_else(|| hinted_day.map(|d| (d, DateSource::Metadata)))
        .or_else(|| path_day.map(|d| (d, DateSource::Path)))
        .or_else(|| {
            find_date_in_text(body)
                .filter(|d| {
                    month_folder.is_none_or(|m| (m.year(), m.month()) == (d.year(), d.month()))
                })
                .map(|d| (d, DateSource::Text))
        })
        .or_else(|| month_folder.map(|d| (d, DateSource::Path)))
        .or_else(|| first(HintSource::Crawl).map(|d| (d, DateSource::Metadata)))
}

/// The date of an opening dateline: as written when it has a year
/// (`GENEVA, April 28, 2016 -`); otherwise its month and day (`WASHINGTON, March 3 -`) in
/// the year of `anchor`, the path's date. Without a year the dateline must agree with the
/// path: the same month as a year/month folder, or up to two days before a full path date
/// (a story is filed under its publication day, datelined the day it was written).
fn dateline_date(
    line: &Dateline,
    anchor: Option<DateTime<Utc>>,
    anchor_has_day: bool,
) -> Option<DateTime<Utc>> {
    let (month, day) = line.month_day?;
    if let Some(year) = line.year {
        return NaiveDate::from_ymd_opt(year, month, day)
            .map(midnight)
            .filter(storable);
    }
    let anchor = anchor?;
    let found = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
    let agrees = if anchor_has_day {
        (0..=2).contains(&(anchor.date_naive() - found).num_days())
    } else {
        month == anchor.month()
    };
    agrees.then(|| midnight(found))
}

/// Parse a date as metadata spells it (RFC 3339, `2016-04-28`, `April 28, 2016`, RFC 2822, …).
///
/// Also accepted: `2016/04/28`, `2016-04-28 14:30:00`, `28 April 2016`, `Apr. 28, 2016`,
/// `Thursday, April 28, 2016`, Reuters' `26-FEB-1987 15:01:01.79`, and unix timestamps in
/// seconds or milliseconds written as digits. A time without a zone is taken as UTC; a date
/// without a time is midnight UTC. Impossible dates (`2016-02-30`) give `None`, and so do
/// dates the index cannot hold (see [`storable`]).
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    parse_any_date(s).filter(storable)
}

/// Can the index hold `date`? It counts nanoseconds since 1970 in 64 bits (years 1678 to
/// 2261 are safe); a date outside would wrap around to another century, so it is no date.
pub fn storable(date: &DateTime<Utc>) -> bool {
    date.timestamp_nanos_opt().is_some()
}

fn parse_any_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_digits(s);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(s, format) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    if let Some(c) = NUMERIC.captures(s) {
        if c["sep"] != c["sep2"] {
            return None;
        }
        let date = ymd(&c["y"], &c["m"], &c["d"])?;
        return with_time(date, &c["rest"]);
    }
    for re in [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR, &*REUTERS] {
        if let Some(c) = re.captures(s) {
            let month = month_number(&c["m"])?;
            let date = NaiveDate::from_ymd_opt(c["y"].parse().ok()?, month, c["d"].parse().ok()?)?;
            return with_time(date, &c["rest"]);
        }
    }
    None
}

/// The first full date written in the first ~2000 characters of `text`.
///
/// A full date has a day, a month (name or number) and a four-digit year in 1900–2100:
/// "April 28, 2016", "28 April 2016", "Apr. 28, 2016", "2016-04-28". Partial dates such as
/// "April 28" or "April 2016" are ignored, as are impossible ones ("February 30, 2016").
pub fn find_date_in_text(text: &str) -> Option<DateTime<Utc>> {
    let end = text
        .char_indices()
        .nth(TEXT_WINDOW)
        .map_or(text.len(), |(i, _)| i);
    let window = &text[..end];
    DATE_IN_TEXT.on(window).captures_iter(window).find_map(|c| {
        let (y, m, d) = if let Some(y) = c.name("y1") {
            (y, month_number(&c["m1"])?, &c["d1"])
        } else if let Some(y) = c.name("y2") {
            (y, month_number(&c["m2"])?, &c["d2"])
        } else if let Some(y) = c.name("y3") {
            (y, c["m3"].parse().ok()?, &c["d3"])
        } else {
            (c.name("y4")?, month_number(&c["m4"])?, &c["d4"])
        };
        let year: i32 = y.as_str().parse().ok()?;
        if !YEARS.contains(&year) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, m, d.parse().ok()?)?;
        Some(midnight(date))
    })
}

/// Digits only: `20160428`, unix seconds (9–11 digits) or unix milliseconds (12–14 digits).
fn parse_digits(s: &str) -> Option<DateTime<Utc>> {
    match s.len() {
        8 => ymd(&s[..4], &s[4..6], &s[6..]).map(midnight),
        9..=11 => DateTime::from_timestamp(s.parse().ok()?, 0),
        12..=14 => DateTime::from_timestamp_millis(s.parse().ok()?),
        _ => None,
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

pub(crate) fn midnight(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

/// `date` with the time of day written in `rest`, if any. Text that is not a time (a zone
/// name newsdex does not know, say) leaves the date at midnight; the day is what matters.
fn with_time(date: NaiveDate, rest: &str) -> Option<DateTime<Utc>> {
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(midnight(date));
    }
    let Some(c) = TIME.captures(rest) else {
        return Some(midnight(date));
    };
    let mut hour: u32 = c["h"].parse().ok()?;
    let minute: u32 = c["min"].parse().ok()?;
    let second: u32 = c.name("s").map_or(Some(0), |s| s.as_str().parse().ok())?;
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if hour == 0 || hour > 12 {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    let local = NaiveDateTime::new(date, time);
    let offset_seconds = match c.name("zone").map(|z| z.as_str()) {
        Some(z) if z.starts_with(['+', '-']) => {
            let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
            let hours: i64 = digits.get(..2)?.parse().ok()?;
            let minutes: i64 = digits.get(2..)?.parse().ok()?;
            let sign = if z.starts_with('-') { -1 } else { 1 };
            sign * (hours * 3600 + minutes * 60)
        }
        _ => 0,
    };
    Some(Utc.from_utc_datetime(&(local - chrono::Duration::seconds(offset_seconds))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, s)
            .single()
            .expect("valid test date")
    }

    fn day(y: i32, m: u32, d: u32) -> Option<DateTime<Utc>> {
        Some(utc(y, m, d, 0, 0, 0))
    }

    #[test]
    fn rfc3339_with_offset_converts_to_utc() {
        assert_eq!(
            parse_date("2016-04-28T14:30:00+02:00"),
            Some(utc(2016, 4, 28, 12, 30, 0))
        );
        assert_eq!(
            parse_date("2016-04-28T14:30:00.123Z").map(|d| d.timestamp()),
            Some(utc(2016, 4, 28, 14, 30, 0).timestamp())
        );
    }

    #[test]
    fn rfc3339_without_offset_is_utc() {
        assert_eq!(
            parse_date("2016-04-28T14:30:00"),
            Some(utc(2016, 4, 28, 14, 30, 0))
        );
    }

    #[test]
    fn offset_without_colon_is_accepted() {
        assert_eq!(
            parse_date("2016-04-28T14:30:00+0200"),
            Some(utc(2016, 4, 28, 12, 30, 0))
        );
    }

    #[test]
    fn iso_day_is_midnight_utc() {
        assert_eq!(parse_date("2016-04-28"), day(2016, 4, 28));
        assert_eq!(parse_date("  2016/04/28 \n"), day(2016, 4, 28));
    }

    #[test]
    fn iso_with_space_and_time() {
        assert_eq!(
            parse_date("2016-04-28 14:30:00"),
            Some(utc(2016, 4, 28, 14, 30, 0))
        );
    }

    #[test]
    fn rfc2822_is_accepted() {
        assert_eq!(
            parse_date("Thu, 28 Apr 2016 10:00:00 +0000"),
            Some(utc(2016, 4, 28, 10, 0, 0))
        );
        assert_eq!(
            parse_date("Thu, 28 Apr 2016 10:00:00 GMT"),
            Some(utc(2016, 4, 28, 10, 0, 0))
        );
    }

    #[test]
    fn month_name_forms() {
        for s in [
            "April 28, 2016",
            "Apr. 28, 2016",
            "28 April 2016",
            "28 Apr 2016",
            "April 28 2016",
            "Thursday, April 28, 2016",
            "April 28th, 2016",
            "28th of April 2016",
            "SEPT. 28, 2016",
        ] {
            let expected = if s.starts_with("SEPT") {
                day(2016, 9, 28)
            } else {
                day(2016, 4, 28)
            };
            assert_eq!(parse_date(s), expected, "{s}");
        }
    }

    #[test]
    fn month_name_with_time_of_day() {
        assert_eq!(
            parse_date("April 28, 2016 3:15 PM"),
            Some(utc(2016, 4, 28, 15, 15, 0))
        );
        assert_eq!(
            parse_date("April 28, 2016 10:00 EDT"),
            day(2016, 4, 28),
            "an unknown zone keeps the day"
        );
    }

    #[test]
    fn reuters_sgml_date() {
        assert_eq!(
            parse_date("26-FEB-1987 15:01:01.79"),
            Some(utc(1987, 2, 26, 15, 1, 1))
        );
    }

    #[test]
    fn unix_seconds_and_millis() {
        assert_eq!(parse_date("1461837600"), Some(utc(2016, 4, 28, 10, 0, 0)));
        assert_eq!(
            parse_date("1461837600000"),
            Some(utc(2016, 4, 28, 10, 0, 0))
        );
    }

    #[test]
    fn dates_the_index_cannot_hold_are_no_dates() {
        // Each once wrapped to another century in the index (issue 11 item 4).
        for s in [
            "0001-01-01",
            "1500-06-15",
            "3000-01-01",
            "9999-12-31",
            "1677-01-01T00:00:00Z",
            "2263-01-01",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(parse_date("1700-01-01"), day(1700, 1, 1));
        assert_eq!(parse_date("2200-12-31"), day(2200, 12, 31));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(parse_date("2016-02-30"), None);
        assert_eq!(parse_date("2016-13-01"), None);
        assert_eq!(parse_date("February 30, 2016"), None);
        assert_eq!(parse_date("2016-04-28 25:00"), None);
    }

    #[test]
    fn garbage_and_partial_dates_are_rejected() {
        for s in [
            "",
            "   ",
            "yesterday",
            "April 2016",
            "2016",
            "April 28",
            "2016-04/28",
            "12",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }

    #[test]
    fn text_date_month_first() {
        let text = "WASHINGTON — On April 28, 2016, the Senate voted.";
        assert_eq!(find_date_in_text(text), day(2016, 4, 28));
    }

    #[test]
    fn text_date_first_of_several_wins() {
        let text = "Published 28 April 2016. Updated 2016-05-01.";
        assert_eq!(find_date_in_text(text), day(2016, 4, 28));
        assert_eq!(find_date_in_text("See 2016-05-01 notes"), day(2016, 5, 1));
        assert_eq!(
            find_date_in_text("Filed Apr. 28, 2016 by staff"),
            day(2016, 4, 28)
        );
    }

    #[test]
    fn text_partial_dates_are_ignored() {
        let text = "On April 28 the firm said its April 2016 results were final.";
        assert_eq!(find_date_in_text(text), None);
    }

    #[test]
    fn text_date_out_of_year_range_is_skipped() {
        let text = "In 1 May 1800 terms, then on May 2, 2001 it happened.";
        assert_eq!(find_date_in_text(text), day(2001, 5, 2));
    }

    #[test]
    fn text_impossible_date_is_skipped() {
        assert_eq!(
            find_date_in_text("February 30, 2016 and March 1, 2016"),
            day(2016, 3, 1)
        );
    }

    #[test]
    fn text_date_beyond_window_is_ignored() {
        let text = format!("{} April 28, 2016", "word ".repeat(500));
        assert_eq!(find_date_in_text(&text), None);
    }

    #[test]
    fn text_window_respects_multibyte_characters() {
        let text = format!("{} 2016-04-28", "é".repeat(3000));
        assert_eq!(find_date_in_text(&text), None);
    }

    #[test]
    fn ascii_text_regex_matches_like_the_unicode_one() {
        let spans = |re: &Regex, text: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            re.captures_iter(text)
                .map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect())
                .collect()
        };
        // Non-ASCII text takes the Unicode regex, compiled then.
        let unicode = DATE_IN_TEXT.on("Zürich");
        assert!(std::ptr::eq(unicode, DATE_IN_TEXT.unicode.get().unwrap()));
        for text in [
            "Talks of April 28, 2016 and 3rd of March, 1999 ended.",
            "On 2016-04-28, 26-FEB-1987 and Sept. 9 2001 (x2016-01-01y).",
            "No date here, only 12 April and 2016.",
        ] {
            assert!(text.is_ascii());
            assert_eq!(
                spans(DATE_IN_TEXT.on(text), text),
                spans(unicode, text),
                "{text}"
            );
            assert!(!spans(&DATE_IN_TEXT.ascii, text).is_empty() || text.starts_with("No"));
        }
    }
}
