//! Publication dates: from the parsers' hints, a byline, the dateline, the lead and file paths,
//! and the precedence among them ([`resolve_date`]).
//!
//! Every function returns a UTC instant; a date without a time of day is midnight UTC.

pub mod calendar;
mod lead;
mod path;

pub use lead::{byline_date, lead_date};
pub use path::{date_from_path, date_from_url, date_in_path, month_from_path};

use super::dateline::Dateline;
use crate::article::{DateHint, DateSource, HintSource, HintValue};
use calendar::{month_number, month_pattern, weekday_pattern};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

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

/// "28 April 2016", "Thu, 28 Apr 2016", "28th of April, 2016", "3. Mai 2016", "12 de marzo de
/// 2019", "9 февраля 2016 г.", "٤ أيار/مايو ٢٠١٦", "miércoles, 4 de mayo de 2016", "الأربعاء،
/// 4 مايو 2016", "1er octobre 2021", "1º de maio de 2016", then an optional time.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    Regex::new(&format!(
        r"(?ix)^(?:[\p{{L}}-]+\.?[,،]?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\.?\s+(?:of\s+|de\s+)?(?P<m>{month})(?:\s*/\s*{month})?\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})(?:\s*(?:г\.|г\b|года\b))?(?P<rest>.*)$"
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

/// "03.05.2016", "08/10/2019", "14-6-2022", "Mittwoch, 04.05.2016", "الثلاثاء 14-6-2022": day
/// and month in digits and the year last, one separator between them, perhaps after a
/// weekday, then an optional time. Which part is the day, [`day_and_month`] decides.
static DIGITS_YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    let weekday = weekday_pattern();
    Regex::new(&format!(
        r"(?i)^(?:{weekday}\.?[,،]?\s+)?(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P<sep2>[./-])(?P<y>\d{{4}})(?P<rest>.*)$"
    ))
    .expect("static regex")
});

/// How the language of a text orders day and month in a date written in digits, when both
/// are 12 or less (`05/04/2016`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitOrder {
    /// Day first: every language newsdex reads dates in but English writes `08/10/2019`
    /// for 8 October.
    DayFirst,
    /// Either way: English is written day first in Britain and month first in the United
    /// States, so only a date that reads one way is read (`25/12/2019`, `12/25/2019`,
    /// `03/03/2023`). So is a text whose language is not known.
    Either,
}

impl DigitOrder {
    /// The order of the language `lang` (an ISO 639-1 code, `und` when unknown).
    pub fn of_language(lang: &str) -> DigitOrder {
        match lang {
            "en" | "und" | "" => DigitOrder::Either,
            _ => DigitOrder::DayFirst,
        }
    }
}

/// The month and day of a date in digits whose parts are `a` and `b` in that order,
/// separated by `sep`. Periods are day first in every language (none puts the month first
/// with periods). With slashes or dashes a part over 12 is the day; otherwise two equal
/// parts read alike, and the rest are read day first where `order` says so, else not at all.
pub(crate) fn day_and_month(a: u32, b: u32, sep: &str, order: DigitOrder) -> Option<(u32, u32)> {
    let (day, month) = if sep == "." || a > 12 || a == b {
        (a, b)
    } else if b > 12 {
        (b, a)
    } else {
        match order {
            DigitOrder::DayFirst => (a, b),
            DigitOrder::Either => return None,
        }
    };
    Some((month, day))
}

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
        TextRegex::with_ascii_form(pattern, pattern)
    }

    /// Like [`TextRegex::new`], with a leaner `ascii_pattern` for ASCII text: `pattern`
    /// without the alternatives that need a non-ASCII character to match (month names in
    /// other scripts, Arabic places), so it matches ASCII text exactly as `pattern` does.
    pub(crate) fn with_ascii_form(
        pattern: &str,
        ascii_pattern: &str,
    ) -> Result<TextRegex, regex::Error> {
        let ascii = ascii_pattern
            .replace(r"\p{Lu}", "[A-Z]")
            .replace(r"\p{L}", "[A-Za-z]")
            .replace(r"\s", r"[\t\n\x0B\x0C\r\x20]")
            .replace(r"\d", "[0-9]")
            .replace(r"\b", r"(?-u:\b)");
        // The pattern as written holds no other syntax than its ASCII form, so it compiles
        // when that does.
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

/// The article's date and the signal that gave it, first present wins:
///
/// 1. the file's metadata (or a sidecar's, which the indexer puts in its place);
/// 2. a date line or byline at the top of the story, or a `Published:` line in it;
/// 3. its dateline (`GENEVA, April 28, 2016 -`, or a month and day in the year of a dated
///    URL or path that agrees with it);
/// 4. a full date in the page URL's path, then in an archive member's path (reported as
///    `metadata`, as the file gave them), then in the file path;
/// 5. weak: a date in the lead's news position ([`lead_date`]), unless a month folder says
///    the story is of another month;
/// 6. a year/month folder;
/// 7. weak: a crawl date (`WARC-Date`): the story is no newer, but a crawl is not a
///    publication.
///
/// No other date in the text is read: a story's body names births, deadlines, wars and
/// kick-off times, and none of them is the day it was published. The path and text are
/// only read when no better signal exists, so articles dated by their metadata (a JSONL
/// archive) never pay for them. `lang`, the article's language, says how its date lines
/// order a date in digits ([`DigitOrder`]).
pub fn resolve_date(
    hints: &[DateHint],
    path: &Path,
    opening: Option<&Dateline>,
    body: &str,
    lang: &str,
) -> Option<(DateTime<Utc>, DateSource)> {
    let first = |source: HintSource| {
        hints
            .iter()
            .filter(|h| h.source == source)
            .find_map(|h| match &h.value {
                HintValue::Written(s) => match source {
                    HintSource::Url => date_from_url(s),
                    HintSource::MemberPath => date_in_path(s),
                    HintSource::DateLine => parse_date_line(s, lang),
                    _ => parse_date(s),
                },
                HintValue::Instant(d) => Some(*d).filter(storable),
            })
    };
    if let Some(d) = first(HintSource::Metadata) {
        return Some((d, DateSource::Metadata));
    }
    if let Some(d) = first(HintSource::DateLine).or_else(|| byline_date(body, lang)) {
        return Some((d, DateSource::Byline));
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
            lead_date(body, opening.map_or(0, |line| line.end))
                .filter(|d| {
                    month_folder.is_none_or(|m| (m.year(), m.month()) == (d.year(), d.month()))
                })
                .map(|d| (d, DateSource::Lead))
        })
        .or_else(|| month_folder.map(|d| (d, DateSource::Path)))
        .or_else(|| first(HintSource::Crawl).map(|d| (d, DateSource::Crawl)))
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
    if let Some(date) = parse_digits_year_last(s, DigitOrder::Either) {
        return Some(date);
    }
    for re in [&*MONTH_DAY_YEAR, &*DAY_MONTH_YEAR, &*REUTERS] {
        if let Some(c) = re.captures(s) {
            let month = month_number(&c["m"])?;
            let date = NaiveDate::from_ymd_opt(
                ascii_digits(&c["y"]).parse().ok()?,
                month,
                ascii_digits(&c["d"]).parse().ok()?,
            )?;
            return with_time(date, &c["rest"]);
        }
    }
    None
}

/// A date in digits with the year last ([`DIGITS_YEAR_LAST`]), read in `order`.
fn parse_digits_year_last(s: &str, order: DigitOrder) -> Option<DateTime<Utc>> {
    let c = DIGITS_YEAR_LAST.captures(s)?;
    if c["sep"] != c["sep2"] {
        return None;
    }
    let number = |name: &str| ascii_digits(&c[name]).parse::<u32>().ok();
    let (month, day) = day_and_month(number("a")?, number("b")?, &c["sep"], order)?;
    let year = i32::try_from(number("y")?).ok()?;
    with_time(NaiveDate::from_ymd_opt(year, month, day)?, &c["rest"])
}

/// Parse a date line written in a text of the language `lang`: as [`parse_date`], and a
/// date in digits with the year last in that language's order (`08/10/2019` is 8 October
/// in French, and no date in English, where it may be 10 August).
pub fn parse_date_line(s: &str, lang: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    parse_date(s)
        .or_else(|| parse_digits_year_last(s, DigitOrder::of_language(lang)).filter(storable))
}

/// A number written in any script's decimal digits (`٢٠١٦`) in ASCII digits: the regex's
/// `\d` matches them all, `parse` only ASCII.
pub(crate) fn ascii_digits(number: &str) -> String {
    number
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(_) => c,
            None => char::from_digit(decimal_value(c), 10).unwrap_or(c),
        })
        .collect()
}

/// The value of a decimal digit of any script (Unicode `Nd` digits come in runs of ten
/// from zero); 10 for anything else.
fn decimal_value(c: char) -> u32 {
    const ZEROS: [u32; 6] = [0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0xFF10];
    let code = u32::from(c);
    ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .map_or(10, |zero| code - zero)
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
    fn date_lines_in_digits_are_read_in_the_language_order() {
        let line =
            |s: &str, lang: &str| parse_date_line(s, lang).map(|d| d.date_naive().to_string());
        for (s, lang, expected) in [
            ("08/10/2019", "fr", Some("2019-10-08")),
            ("12/11/2021", "es", Some("2021-11-12")),
            ("27/06/2022", "pt", Some("2022-06-27")),
            ("الثلاثاء 14-6-2022", "ar", Some("2022-06-14")),
            ("١٤-٦-٢٠٢٢", "ar", Some("2022-06-14")),
            ("Mittwoch, 04.05.2016", "de", Some("2016-05-04")),
            ("08/10/2019 14:30", "it", Some("2019-10-08")),
            // English is written both ways: only a date that reads one way is read.
            ("08/10/2019", "en", None),
            ("08/10/2019", "und", None),
            ("25/12/2019", "en", Some("2019-12-25")),
            ("12/25/2019", "en", Some("2019-12-25")),
            ("03/03/2023", "en", Some("2023-03-03")),
            // A part over 12 decides in any language.
            ("10/14/2019", "fr", Some("2019-10-14")),
            // Periods are day first everywhere.
            ("04.05.2016", "en", Some("2016-05-04")),
            // One separator, a real day, a four-digit year.
            ("08/10-2019", "fr", None),
            ("31/02/2019", "fr", None),
            ("14/13/2019", "fr", None),
            ("8/10/19", "fr", None),
        ] {
            assert_eq!(line(s, lang).as_deref(), expected, "{s} ({lang})");
        }
        // Metadata has no language: a date in digits is read only when it reads one way.
        assert_eq!(parse_date("08/10/2019"), None);
        assert_eq!(parse_date("25/12/2019"), day(2019, 12, 25));
    }

    #[test]
    fn abbreviated_and_ordinal_month_dates() {
        for (s, expected) in [
            ("17 нояб. 2022", day(2022, 11, 17)),
            ("12 Nis 2022", day(2022, 4, 12)),
            ("di 14 juni 2022", day(2022, 6, 14)),
            ("10 غشت 2021", day(2021, 8, 10)),
            ("3 جويلية 2019", day(2019, 7, 3)),
            ("1er octobre 2021", day(2021, 10, 1)),
            ("1º de maio de 2016", day(2016, 5, 1)),
            ("12 oct. 2020", day(2020, 10, 12)),
            ("Mar. 29, 2021", day(2021, 3, 29)),
            ("5 juill. 2020", day(2020, 7, 5)),
        ] {
            assert_eq!(parse_date(s), expected, "{s}");
        }
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

    /// The date `resolve_date` gives a story that opens with `body`, read from `path`,
    /// with a date line of `date_line` on top when given.
    fn story_date(body: &str, path: &str, date_line: Option<&str>) -> Option<(String, DateSource)> {
        let hints: Vec<DateHint> = date_line
            .map(|d| DateHint::written(HintSource::DateLine, d))
            .into_iter()
            .collect();
        let opening = crate::extract::dateline::parse_dateline(body);
        resolve_date(&hints, Path::new(path), opening.as_ref(), body, "en")
            .map(|(d, source)| (d.date_naive().to_string(), source))
    }

    #[test]
    fn wire_datelines_with_a_year_date_the_story() {
        for (body, expected) in [
            (
                "München, 14. Oktober 2019 (dpa) - Die Wiesn endete.",
                "2019-10-14",
            ),
            ("(ANSA) - BARI, 5 DIC 2020 - Il porto riapre.", "2020-12-05"),
            (
                "BRUXELLES, 12 juin 2019 (AFP) - Les ministres ont signé.",
                "2019-06-12",
            ),
            (
                "Porto, 21 dez 2017 (Lusa) - A câmara aprovou.",
                "2017-12-21",
            ),
            (
                "دمشق، 14 آذار/مارس 2017 (أ ف ب) - قال مسؤولون.",
                "2017-03-14",
            ),
            (
                "بغداد، ١٢ نيسان ٢٠١٩ (أ ف ب) - أعلنت الحكومة.",
                "2019-04-12",
            ),
            (
                "الرباط، 2 تشرين الثاني/نوفمبر 2018 (أ ف ب) - صوت البرلمان.",
                "2018-11-02",
            ),
        ] {
            assert_eq!(
                story_date(body, "/a/x.txt", None),
                Some((expected.to_string(), DateSource::Dateline)),
                "{body}"
            );
        }
    }

    #[test]
    fn yearless_wire_datelines_take_a_year_only_from_other_evidence() {
        let tass = "КАЗАНЬ, 3 марта /ТАСС/ - В городе открыли школу в 2015 году.";
        // No year anywhere but the body's: no date, rather than one in a guessed year.
        assert_eq!(story_date(tass, "/a/x.txt", None), None);
        assert_eq!(
            story_date(tass, "/a/x.txt", Some("3 марта 2016 г.")),
            Some(("2016-03-03".to_string(), DateSource::Byline))
        );
        assert_eq!(
            story_date(tass, "/a/2016/03/x.txt", None),
            Some(("2016-03-03".to_string(), DateSource::Dateline))
        );
        let efe = "Caracas, 15 ene (EFE).- La oposición convocó.";
        assert_eq!(
            story_date(efe, "/a/2019/01/16/x.txt", None),
            Some(("2019-01-15".to_string(), DateSource::Dateline))
        );
        let ansa = "(ANSA) - NAPOLI, 11 OTT - Il sindaco ha detto.";
        assert_eq!(story_date(ansa, "/a/x.txt", None), None);
        // A month folder of another month disagrees with the dateline: the folder dates it.
        assert_eq!(
            story_date(ansa, "/a/2018/09/x.txt", None),
            Some(("2018-09-01".to_string(), DateSource::Path))
        );
    }

    #[test]
    fn ascii_text_regex_matches_like_the_unicode_one() {
        let spans = |re: &Regex, text: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            re.captures_iter(text)
                .map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect())
                .collect()
        };
        let month = month_pattern();
        let dates = TextRegex::new(&format!(
            r"(?i)\b(?:{month})\.?\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?\p{{Lu}}\p{{L}}+,?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
        ))
        .unwrap();
        // Non-ASCII text takes the Unicode regex, compiled then.
        let unicode = dates.on("Zürich");
        assert!(std::ptr::eq(unicode, dates.unicode.get().unwrap()));
        for text in [
            "Talks of April 28, 2016 and 3rd of March, 1999 ended.",
            "On 2016-04-28, 26-FEB-1987 and Sept. 9 2001 (x2016-01-01y).",
            "No date here, only 12 April and 2016.",
        ] {
            assert!(text.is_ascii());
            assert_eq!(spans(dates.on(text), text), spans(unicode, text), "{text}");
            assert!(!spans(&dates.ascii, text).is_empty() || text.starts_with("No"));
        }
    }
}
