//! Datelines: the `GENEVA (Reuters) -` or `ALEPPO, Syria (AP) —` that opens a wire story.

use regex::Regex;
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
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY: &str = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?";

fn date_pattern() -> String {
    format!(
        r"(?i:(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+\d{{4}})?))"
    )
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let caps_word = r"\p{Lu}[\p{Lu}.'’]*";
    let title_word = r"\p{Lu}[\p{L}.'’]*";
    let connector = r"(?:de|da|do|la|le|al|el|am|au|upon|of|the)";
    let pattern = format!(
        r"^\s*(?P<place>{caps_word}(?:[ -]{caps_word}){{0,3}}|{title_word}(?:[ -](?:{title_word}|{connector})){{0,3}})(?:,\s*(?P<qual>{title_word}(?:\s{title_word}){{0,2}}))?(?:,?\s+(?P<date>{date}))?\s*(?P<agency>\([^)\n]{{1,40}}\))?\s*(?:--|[-–—])[ \t]*",
        date = date_pattern(),
    );
    Regex::new(&pattern).expect("the dateline pattern is a valid regex")
});

/// A line that holds only a date (`April 28, 2016`, `2016-04-28`, `Thursday 28 April 2016`).
static DATE_ONLY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"^\s*(?:{date}|(?i:{WEEKDAY},?\s+{MONTH}\s+\d{{1,2}},?\s+\d{{4}})|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+Z?)?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\s*$",
        date = date_pattern()
    );
    Regex::new(&pattern).expect("the date-line pattern is a valid regex")
});

/// Find the dateline that opens `body`, possibly after a line holding only a date.
/// A title-case place (`Geneva, 28 April 2016 —`) needs a date or an agency to count;
/// an all-caps one (`GENEVA —`) does not.
pub fn parse_dateline(body: &str) -> Option<Dateline> {
    let mut offset = 0;
    let first_line_end = body.find('\n').unwrap_or(body.len());
    if body[..first_line_end].trim().is_empty() || DATE_ONLY_LINE.is_match(&body[..first_line_end])
    {
        // Skip a leading date-only line (and blank lines after it).
        let rest = &body[first_line_end..];
        offset = first_line_end + (rest.len() - rest.trim_start().len());
        if offset >= body.len() {
            return None;
        }
    }
    let text = &body[offset..];
    let found = DATELINE.captures(text)?;
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
    })
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
    fn ordinary_sentence_is_no_dateline() {
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
