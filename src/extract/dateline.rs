//! Datelines: the `GENEVA (Reuters) -` or `ALEPPO, Syria (AP) —` that opens a wire story.

use super::date::TextRegex;
use super::date::calendar::{month_by_prefix, month_number, month_pattern, weekday_pattern};
use std::sync::LazyLock;

/// A dateline found at the start of an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place as written: `GENEVA`, `NEW YORK`, `Geneva`.
    pub place: String,
    /// A country or state after a comma: `Syria` in `ALEPPO, Syria (AP) —`.
    pub qualifier: Option<String>,
    /// Byte offset in the body just after the dateline and its dash.
    pub end: usize,
    /// Month (1–12) and day of a date in the dateline (`NEW YORK, Feb 26 -`), if any.
    pub month_day: Option<(u32, u32)>,
    /// The year, when the dateline's date has one (`GENEVA, April 28, 2016 -`).
    pub year: Option<i32>,
}

/// A month name, perhaps abbreviated with a period (`Sept.`).
fn month() -> String {
    format!(r"{}\.?", month_pattern())
}

/// A weekday name, perhaps abbreviated with a period (`Thu.`).
fn weekday() -> String {
    format!(r"{}\.?", weekday_pattern())
}

fn date_pattern() -> String {
    let (weekday, month) = (weekday(), month());
    format!(
        r"(?i:(?:{weekday},?\s+)?(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{month}(?:,?\s+\d{{4}})?))"
    )
}

static DATELINE: LazyLock<TextRegex> = LazyLock::new(|| {
    let caps_word = r"\p{Lu}[\p{Lu}.'’]*";
    let title_word = r"\p{Lu}[\p{L}.'’]*";
    let connector = r"(?:de|da|do|la|le|al|el|am|au|upon|of|the)";
    let pattern = format!(
        r"^\s*(?P<place>{caps_word}(?:[ -]{caps_word}){{0,3}}|{title_word}(?:[ -](?:{title_word}|{connector})){{0,3}})(?:,\s*(?P<qual>{title_word}(?:\s{title_word}){{0,2}}))?(?:,?\s+(?P<date>{date}))?\s*(?P<agency>\([^)\n]{{1,40}}\))?\s*(?:--|[-–—])[ \t]*",
        date = date_pattern(),
    );
    TextRegex::new(&pattern).expect("the dateline pattern is a valid regex")
});

/// A line that holds only a date (`April 28, 2016`, `2016-04-28`, `Thursday 28 April 2016`).
static DATE_ONLY_LINE: LazyLock<TextRegex> = LazyLock::new(|| {
    let (weekday, month) = (weekday(), month());
    let pattern = format!(
        r"^\s*(?:{date}|(?i:{weekday},?\s+{month}\s+\d{{1,2}},?\s+\d{{4}})|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+Z?)?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\s*$",
        date = date_pattern()
    );
    TextRegex::new(&pattern).expect("the date-line pattern is a valid regex")
});

/// The longest line that can hold only a date (`Thursday, 28 April 2016 14:30 UTC`).
const DATE_LINE_BYTES: usize = 120;

/// How far into a story a dateline can end: four place words, a qualifier, a date, an
/// agency of up to 40 characters and the dash fit in well under this.
const DATELINE_BYTES: usize = 400;

/// The first [`DATELINE_BYTES`] of `text`, cut at a character boundary.
fn opening(text: &str) -> &str {
    if text.len() <= DATELINE_BYTES {
        return text;
    }
    let mut end = DATELINE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Find the dateline that opens `body`, possibly after a line holding only a date.
/// A title-case place (`Geneva, 28 April 2016 —`) needs a date or an agency to count;
/// an all-caps one (`GENEVA —`) does not.
pub fn parse_dateline(body: &str) -> Option<Dateline> {
    let mut offset = 0;
    let first_line_end = body.find('\n').unwrap_or(body.len());
    let first_line = &body[..first_line_end];
    let date_only =
        first_line.len() <= DATE_LINE_BYTES && DATE_ONLY_LINE.on(first_line).is_match(first_line);
    if first_line.trim().is_empty() || date_only {
        // Skip a leading date-only line (and blank lines after it).
        let rest = &body[first_line_end..];
        offset = first_line_end + (rest.len() - rest.trim_start().len());
        if offset >= body.len() {
            return None;
        }
    }
    // The patterns are anchored at the start; giving them only the opening keeps the
    // regex engine's work independent of the story's length.
    let text = opening(&body[offset..]);
    let Some(found) = DATELINE.on(text).captures(text) else {
        return parse_wire_dateline(text).map(|d| Dateline {
            end: offset + d.end,
            ..d
        });
    };
    let place = found.name("place")?.as_str().trim();
    let all_caps = !place.chars().any(char::is_lowercase);
    let has_date = found.name("date").is_some();
    let has_agency = found.name("agency").is_some();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    if !all_caps && !has_date && !has_agency {
        return None;
    }
    Some(Dateline {
        place: place.trim_end_matches(['-', ' ']).to_string(),
        qualifier: found.name("qual").map(|q| q.as_str().trim().to_string()),
        end: offset + found.get(0)?.end(),
        month_day: found.name("date").and_then(|d| month_day(d.as_str())),
        year: found.name("date").and_then(|d| year_of(d.as_str())),
    })
}

/// A wire dateline as agencies type it, typos and all: `ST. PAUL, March 17 -`,
/// `BIRMINGHAM, Ala, March 6 -`, `New york, march 2 -`, `ROME, March 13, Reuter -`,
/// `NEW YORK , March 5 -`, `BELGRADE, March 2O -`. It needs a month-like word and a day
/// before the dash, and a short place of capitalised words before them.
static WIRE_DATELINE: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::new(
        r"^[\s*]*(?P<head>\p{Lu}[\p{L}.'’ /&-]{1,40}?(?:\s*,\s*\p{Lu}[\p{L}.' ]{0,30}?){0,2})\s*[,.]?\s*(?:-\s*)?\b(?P<month>\p{L}{3,9})\.?\s*(?P<day>\d[\dO]?\d?)\s*(?:,\s*Reuter\s*)?,?\s*(?:--|[-–—])[ \t]*",
    )
    .expect("the wire dateline pattern is a valid regex")
});

fn parse_wire_dateline(text: &str) -> Option<Dateline> {
    let found = WIRE_DATELINE.on(text).captures(text)?;
    let month = month_by_prefix(&found["month"])?;
    let place = found["head"].split(',').next()?.trim().to_string();
    let words = place.split_whitespace().count();
    if !(1..=4).contains(&words) || place.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    // A place, not the start of a sentence: `ST. PAUL`, `Mexico City`, or a short
    // name typed carelessly (`New york`, `La paz`) — never `He said on`.
    let first = place.split_whitespace().next().unwrap_or_default();
    let all_caps_start = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !first.chars().any(char::is_lowercase);
    let all_capitalised = place
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let short_name = words <= 2 && first.chars().count() > 2;
    if !(all_caps_start || all_capitalised || short_name) {
        return None;
    }
    let qualifier = found["head"]
        .split(',')
        .skip(1)
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .last()
        .map(str::to_string);
    let day: u32 = found["day"].replace('O', "0").parse().ok()?;
    let month_day = (1..=31).contains(&day).then_some((month, day));
    Some(Dateline {
        place,
        qualifier,
        end: found.get(0)?.end(),
        month_day,
        year: None,
    })
}

/// The four-digit year of a dateline date (`March 3, 2016`), if written.
fn year_of(date: &str) -> Option<i32> {
    date.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .and_then(|w| w.parse().ok())
}

/// `Feb 26`, `26 February`, `March 3, 2016` → (month, day).
fn month_day(date: &str) -> Option<(u32, u32)> {
    let mut month = None;
    let mut day = None;
    for word in date.split(|c: char| !c.is_alphanumeric()) {
        if let Some(m) = month_number(word) {
            month.get_or_insert(m);
        } else if let Ok(d) = word
            .to_ascii_lowercase()
            .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
            .parse::<u32>()
            && (1..=31).contains(&d)
        {
            day.get_or_insert(d);
        }
    }
    Some((month?, day?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place_of(body: &str) -> Option<(String, Option<String>)> {
        parse_dateline(body).map(|d| (d.place, d.qualifier))
    }

    fn plain(place: &str) -> Option<(String, Option<String>)> {
        Some((place.to_string(), None))
    }

    #[test]
    fn dateline_with_em_dash() {
        assert_eq!(place_of("GENEVA — Talks resumed."), plain("GENEVA"));
    }

    #[test]
    fn dateline_with_agency_in_parens() {
        assert_eq!(
            place_of("GENEVA (Reuters) - Talks resumed."),
            plain("GENEVA")
        );
    }

    #[test]
    fn dateline_with_short_month_date() {
        assert_eq!(
            place_of("NEW YORK, Feb 26 - Shares rose."),
            plain("NEW YORK")
        );
        assert_eq!(
            place_of("SALVADOR, Feb 26 - Cocoa rains."),
            plain("SALVADOR")
        );
        assert_eq!(place_of("PARIS, Jan 5 – Prices fell."), plain("PARIS"));
    }

    #[test]
    fn dateline_with_capitalised_month() {
        assert_eq!(
            place_of("NEW YORK, MARCH 23 - Stocks fell."),
            plain("NEW YORK")
        );
    }

    #[test]
    fn dateline_with_date_and_agency() {
        assert_eq!(
            place_of("WASHINGTON, April 3 (Reuters) - The Fed said."),
            plain("WASHINGTON")
        );
    }

    #[test]
    fn dateline_with_country_qualifier() {
        assert_eq!(
            place_of("ALEPPO, Syria (AP) — Shelling continued."),
            Some(("ALEPPO".to_string(), Some("Syria".to_string())))
        );
    }

    #[test]
    fn dateline_in_title_case_with_full_date() {
        assert_eq!(
            place_of("Geneva, 28 April 2016 — Kerry arrived."),
            plain("Geneva")
        );
    }

    #[test]
    fn dateline_after_a_date_only_line() {
        let body = "April 28, 2016\n\nGENEVA — Talks resumed.";
        let dateline = parse_dateline(body).expect("a dateline");
        assert_eq!(dateline.place, "GENEVA");
        assert_eq!(&body[dateline.end..], "Talks resumed.");
    }

    #[test]
    fn dateline_end_is_after_the_dash() {
        let body = "    NEW YORK, Feb 26 - American Express Co said.";
        let dateline = parse_dateline(body).expect("a dateline");
        assert_eq!(&body[dateline.end..], "American Express Co said.");
    }

    #[test]
    fn wire_dateline_with_typos_and_bare_state_abbreviation() {
        assert_eq!(place_of("ST. PAUL, March 17 - 3M said."), plain("ST. PAUL"));
        assert_eq!(
            place_of("BIRMINGHAM, Ala, March 6 - A bank said."),
            Some(("BIRMINGHAM".to_string(), Some("Ala".to_string())))
        );
        assert_eq!(
            place_of("New york, march 2 - Rates fell."),
            plain("New york")
        );
        assert_eq!(
            place_of("ROME, March 13, Reuter - Italy said."),
            plain("ROME")
        );
        assert_eq!(
            place_of("NEW YORK , March 5 - Shares rose."),
            plain("NEW YORK")
        );
        let typo = parse_dateline("BELGRADE, March 2O - Talks.").expect("a dateline");
        assert_eq!(
            (typo.place.as_str(), typo.month_day),
            ("BELGRADE", Some((3, 20)))
        );
    }

    #[test]
    fn dateline_date_is_kept() {
        let month_day = |body: &str| parse_dateline(body).and_then(|d| d.month_day);
        assert_eq!(month_day("NEW YORK, Feb 26 - Shares rose."), Some((2, 26)));
        assert_eq!(
            month_day("Geneva, 28 April 2016 — Kerry arrived."),
            Some((4, 28))
        );
        assert_eq!(month_day("GENEVA (Reuters) - Talks resumed."), None);
    }

    #[test]
    fn ordinary_sentence_is_no_dateline() {
        assert_eq!(place_of("Wilcox/Gibbs - a unit said."), None);
        assert_eq!(place_of("He said on March 3 - again - it fell."), None);
        assert_eq!(
            place_of("The talks resumed in Geneva - officials said."),
            None
        );
        assert_eq!(
            place_of("Kerry said - again - that talks would resume."),
            None
        );
        assert_eq!(place_of(""), None);
    }
}
