//! Dates the story's own words give for its publication: a byline or date line on top
//! ([`byline_date`]) and, as weaker evidence, the day a lead gives for its news
//! ([`lead_date`]). Any other date in a story is about something else — a birth, a
//! deadline, a war, a kick-off time — and never dates it.

use super::calendar::{
    ascii_month_pattern, ascii_weekday_pattern, month_number, month_pattern, weekday_pattern,
};
use super::{DigitOrder, TextRegex, YEARS, ascii_digits, day_and_month, midnight};
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::LazyLock;

/// How many lines on top of a story may hold its byline or date line.
const TOP_LINES: usize = 3;

/// The longest line that can be a byline or a labelled date line.
const LINE_BYTES: usize = 160;

/// The longest first sentence read for a lead date.
const LEAD_BYTES: usize = 400;

/// A full date as a byline or lead writes it: `March 3, 2005`, `Thursday 3rd March 2005`,
/// `3 of March, 2005`, `2005-03-03`, and in the other languages of the month table `3. Mai
/// 2016`, `12 de marzo de 2019`, `9 февраля 2016 г.`, `٤ أيار/مايو ٢٠١٦` (a month in both its
/// Arabic names, digits of any script), `1er octobre 2021`. Groups `m1 d1 y1`, `d2 m2 y2`
/// or `y3 m3 d3`. A weekday before it starts a word (`di 14 juni 2022`, not the end of
/// `Bordo`).
fn full_date(ascii: bool) -> String {
    let (month, weekday) = if ascii {
        (ascii_month_pattern(), ascii_weekday_pattern())
    } else {
        (month_pattern(), weekday_pattern())
    };
    format!(
        r"(?:\b(?i:{weekday})\.?[,،]?\s+)?(?:(?P<m1>(?i:{month}))\.?\s+(?P<d1>\d{{1,2}})(?i:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?i:st|nd|rd|th|er|º|°)?\.?\s+(?i:of\s+|de\s+)?(?P<m2>(?i:{month}))(?:\s*/\s*(?i:{month}))?\.?,?\s+(?i:de\s+)?(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))\b(?:\s*(?:г\.|г\b|года\b))?"
    )
}

/// A [`full_date`], or on a date line a date in digits with the year last (`08/10/2019`,
/// `14-6-2022`, `04.05.2016`, perhaps after a weekday: groups `a4 s4 b4 t4 y4`), which a
/// lead sentence may hold for other things (a score, a fraction) and is not read there.
fn line_date(ascii: bool) -> String {
    let weekday = if ascii {
        ascii_weekday_pattern()
    } else {
        weekday_pattern()
    };
    format!(
        r"(?:{full}|(?:(?i:{weekday})\.?[,،]?\s+)?(?P<a4>\d{{1,2}})(?P<s4>[./-])(?P<b4>\d{{1,2}})(?P<t4>[./-])(?P<y4>\d{{4}})\b)",
        full = full_date(ascii)
    )
}

/// A time after a date on a date line: `, 14:30 GMT`, `at 10.15 am`, `- 09:12 UTC`.
const TIME: &str = r"(?:\s*[,|–—-]?\s*(?i:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?i:[ap]\.?m\.?)?\s*(?:\p{Lu}{2,5}|[+-]\d{2}:?\d{2})?)?";

/// A line that is a byline or date line: `By Jane Smith, 3 March 2005`, `By JANE SMITH |
/// March 3, 2005 10:00 GMT`, `Published: 3 March 2005`, `Posted on March 3, 2005`, or a date
/// alone. The name is up to six capitalised words (`and`, `de`, `van` … between them).
static BYLINE_LINE: LazyLock<TextRegex> = LazyLock::new(|| {
    let name_word = r"\p{Lu}[\p{L}.'’-]*";
    let pattern = |ascii| {
        format!(
            r"^\s*(?:(?i:by)\s+{name_word}(?:\s+(?:{name_word}|and|de|da|van|von|del|la|le|bin|al)){{0,5}}\s*(?:[,|/·•–—-]\s*|\s+)|(?i:published|posted|filed|dated|date|first\s+published)(?:\s+(?i:on))?\s*:?\s*)?(?:{date}){TIME}\s*$",
            date = line_date(ascii),
        )
    };
    TextRegex::with_ascii_form(&pattern(false), &pattern(true))
        .expect("the byline pattern is a valid regex")
});

/// A `Published:` line, which dates the story wherever a page puts it (often last).
static LABELLED_LINE: LazyLock<TextRegex> = LazyLock::new(|| {
    let pattern = |ascii| {
        format!(
            r"^\s*(?i:published|posted|first\s+published)(?:\s+(?i:on))?\s*:?\s*(?:{date}){TIME}\s*$",
            date = line_date(ascii),
        )
    };
    TextRegex::with_ascii_form(&pattern(false), &pattern(true))
        .expect("the labelled date pattern is a valid regex")
});

/// A full date anywhere in the lead sentence.
static DATE_IN_LEAD: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::with_ascii_form(&full_date(false), &full_date(true))
        .expect("the lead date pattern is a valid regex")
});

/// A four-digit number standing alone, which may be a year the story mentions.
static YEAR_WORD: LazyLock<TextRegex> =
    LazyLock::new(|| TextRegex::new(r"\b(?:19|20)\d\d\b").expect("static regex"));

/// Words that put the date of a lead in the future or the past, or make it somebody's
/// date, not the news's: `due on`, `will … on`, `born on`, `10 years ago, on`.
const NOT_THE_NEWS: &[&str] = &[
    "will",
    "would",
    "shall",
    "due",
    "expected",
    "scheduled",
    "planned",
    "plans",
    "deadline",
    "until",
    "till",
    "born",
    "founded",
    "established",
    "since",
    "anniversary",
    "ago",
    "decade",
    "decades",
    "century",
];

/// The date of a byline or date line on top of `body` (in its first [`TOP_LINES`] lines),
/// else of a `Published:` line anywhere in it; a date in digits is read in the order of
/// `lang`, the article's language ([`DigitOrder`]).
pub fn byline_date(body: &str, lang: &str) -> Option<DateTime<Utc>> {
    let order = DigitOrder::of_language(lang);
    let on_line = |re: &TextRegex, line: &str| {
        let line = line.trim();
        if line.len() > LINE_BYTES {
            return None;
        }
        date_of(&re.on(line).captures(line)?, order)
    };
    // A headline may come first; a line that is a sentence (or too long for a top
    // line) starts the story, and a byline after it is some quoted author's.
    // A date line may end with a period of its own (`9 февраля 2016 г.`): a line is a
    // sentence only when it is no date line.
    let mut top = None;
    for line in body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(TOP_LINES)
    {
        if line.trim().len() > LINE_BYTES {
            break;
        }
        top = on_line(&BYLINE_LINE, line);
        if top.is_some() || line.trim().ends_with(['.', '!', '?']) {
            break;
        }
    }
    top.or_else(|| {
        // Only a line starting with a label can match: test that before the regex.
        body.lines()
            .filter(|l| {
                let head = l.trim_start().get(..4).unwrap_or_default();
                head.eq_ignore_ascii_case("publ")
                    || head.eq_ignore_ascii_case("post")
                    || head.eq_ignore_ascii_case("firs")
            })
            .find_map(|l| on_line(&LABELLED_LINE, l))
    })
}

/// Weak: the day a lead gives for its news, in its first sentence (which starts at `start`,
/// after any dateline): a full date that opens the sentence (`On 3 March 2005, …`,
/// `March 3, 2005 — …`) or follows `on` (`… said on Thursday, 3 March 2005`). Not when the
/// sentence speaks of the future or of somebody's birth (`will vote on`, `due on`, `born
/// on`; see [`NOT_THE_NEWS`]), when the year is a clock time (`1 March 1945 GMT`), nor when
/// the story mentions a later year (so the date is history: `On 11 September 2001 …` in a
/// story that goes on to 2004).
pub fn lead_date(body: &str, start: usize) -> Option<DateTime<Utc>> {
    let rest = body.get(start..)?.trim_start();
    // A byline or date line on top is not the lead.
    let mut lines = rest.lines();
    let lead = loop {
        let line = lines.next()?;
        let trimmed = line.trim();
        let is_byline = trimmed.len() <= LINE_BYTES && BYLINE_LINE.on(trimmed).is_match(trimmed);
        if !(trimmed.is_empty() || is_byline) {
            break trimmed;
        }
    };
    let sentence = first_sentence(lead);
    let found = DATE_IN_LEAD
        .on(sentence)
        .captures_iter(sentence)
        .find_map(|c| {
            let whole = c.get(0)?;
            let before = sentence[..whole.start()].trim_end();
            let in_lead_position = before.is_empty()
                || before
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("on"));
            if !in_lead_position
                || speaks_of_another_day(before)
                || is_clock_time(&sentence[whole.end()..])
            {
                return None;
            }
            date_of(&c, DigitOrder::Either)
        })?;
    let year = found.format("%Y").to_string().parse::<i32>().ok()?;
    (!mentions_a_later_year(body, year)).then_some(found)
}

/// The first sentence of `paragraph`: up to a period, question or exclamation mark followed
/// by a space and a capital, unless the period ends an abbreviation or initial (`Mr.`,
/// `Jan.`, `U.S.`), and at most [`LEAD_BYTES`].
fn first_sentence(paragraph: &str) -> &str {
    let mut end = paragraph.len().min(LEAD_BYTES);
    while !paragraph.is_char_boundary(end) {
        end -= 1;
    }
    let text = &paragraph[..end];
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(['.', '?', '!']) {
        let next_is_capital = text[i + 1..]
            .strip_prefix(' ')
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase);
        if !next_is_capital {
            continue;
        }
        let word_len = bytes[..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let word = &bytes[i - word_len..i];
        // `Mr.`, `Jan.`, `Inc.`, the `S.` of `U.S.`; not `won.` or `2005.`.
        let abbreviation = bytes[i] == b'.'
            && word_len > 0
            && ((word_len <= 3 && word[0].is_ascii_uppercase())
                || bytes[..i - word_len].last() == Some(&b'.'));
        if !abbreviation {
            return &text[..i];
        }
    }
    text
}

/// Does the text before a lead date make it a day other than the news's?
fn speaks_of_another_day(before: &str) -> bool {
    before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| {
            NOT_THE_NEWS.iter().any(|n| w.eq_ignore_ascii_case(n))
                || w.to_ascii_lowercase().ends_with("'ll")
        })
}

/// Is a date's four-digit "year" a clock time, as the text after it says (`1945 GMT`,
/// `2000 hrs`, `1830 local time`)?
pub(crate) fn is_clock_time(after: &str) -> bool {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let word = word.to_ascii_lowercase();
    [
        "gmt", "bst", "utc", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt", "hrs",
        "hours", "h", "local",
    ]
    .contains(&word.as_str())
}

/// Does `body` mention a year after `year` (a word of four digits, not a clock time)?
fn mentions_a_later_year(body: &str, year: i32) -> bool {
    YEAR_WORD.on(body).find_iter(body).any(|m| {
        m.as_str().parse::<i32>().is_ok_and(|y| y > year) && !is_clock_time(&body[m.end()..])
    })
}

/// The day a [`full_date`] or [`line_date`] match names, if it is a real one in [`YEARS`];
/// one in digits with the year last is read in `order`.
fn date_of(c: &regex::Captures, order: DigitOrder) -> Option<DateTime<Utc>> {
    let digits;
    let (y, m, d) = if let Some(y) = c.name("y1") {
        (y.as_str(), month_number(&c["m1"])?, &c["d1"])
    } else if let Some(y) = c.name("y2") {
        (y.as_str(), month_number(&c["m2"])?, &c["d2"])
    } else if let Some(y) = c.name("y4") {
        if c["s4"] != c["t4"] {
            return None;
        }
        let number = |name: &str| ascii_digits(&c[name]).parse::<u32>().ok();
        let (month, day) = day_and_month(number("a4")?, number("b4")?, &c["s4"], order)?;
        digits = day.to_string();
        (y.as_str(), month, digits.as_str())
    } else {
        (c.name("y3")?.as_str(), c["m3"].parse().ok()?, &c["d3"])
    };
    let year: i32 = ascii_digits(y).parse().ok()?;
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, m, ascii_digits(d).parse().ok()?).map(midnight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_in_the_other_languages() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(midnight);
        for (body, expected) in [
            ("3 mai 2016\n\nLe texte.", day(2016, 5, 3)),
            ("3. Mai 2016\n\nDer Text.", day(2016, 5, 3)),
            ("12 de marzo de 2019\n\nEl texto.", day(2019, 3, 12)),
            ("4 maggio 2016\n\nIl testo.", day(2016, 5, 4)),
            ("15 de outubro de 2019\n\nO texto.", day(2019, 10, 15)),
            ("4 mei 2016\n\nDe tekst.", day(2016, 5, 4)),
            ("24 Haziran 2018\n\nMetin.", day(2018, 6, 24)),
            ("9 февраля 2016 г.\n\nТекст.", day(2016, 2, 9)),
            ("12 نيسان 2019\n\nالنص.", day(2019, 4, 12)),
            ("12 أبريل 2019\n\nالنص.", day(2019, 4, 12)),
            ("٤ أيار/مايو ٢٠١٦\n\nالنص.", day(2016, 5, 4)),
            ("Mittwoch, 4. Mai 2016\n\nDer Text.", day(2016, 5, 4)),
            ("miércoles, 4 de mayo de 2016\n\nEl texto.", day(2016, 5, 4)),
            ("الأربعاء، 4 أيار/مايو 2016\n\nالنص.", day(2016, 5, 4)),
            ("17 нояб. 2022\n\nТекст.", day(2022, 11, 17)),
            ("12 Nis 2022\n\nMetin.", day(2022, 4, 12)),
            ("di 14 juni 2022\n\nDe tekst.", day(2022, 6, 14)),
            ("10 غشت 2021\n\nالنص.", day(2021, 8, 10)),
            ("Jeudi 1er octobre 2020\n\nLe texte.", day(2020, 10, 1)),
        ] {
            assert_eq!(byline_date(body, "en"), expected, "{body}");
        }
    }

    #[test]
    fn date_lines_in_digits_on_top() {
        let date = |body: &str, lang: &str| day(byline_date(body, lang));
        assert_eq!(
            date("Titre\n08/10/2019\n\nLe texte.", "fr").as_deref(),
            Some("2019-10-08")
        );
        assert_eq!(
            date("الثلاثاء 14-6-2022\n\nالنص.", "ar").as_deref(),
            Some("2022-06-14")
        );
        assert_eq!(
            date("Published: 25/12/2019\n\nText.", "en").as_deref(),
            Some("2019-12-25")
        );
        assert_eq!(date("08/10/2019\n\nText.", "en"), None);
        // Numbers that are no date line: a score, a fraction, a date in a sentence.
        assert_eq!(date("Uruguay 0-1 Argentina\n\nTexto.", "es"), None);
        assert_eq!(date("14/6\n\nTexte.", "fr"), None);
        assert_eq!(date("Le 08/10/2019, la maternité a fermé.", "fr"), None);
        // A lead sentence's date in digits is no lead date.
        assert_eq!(lead_date("Le 08/10/2019, la maternité a fermé.", 0), None);
    }

    fn day(s: Option<DateTime<Utc>>) -> Option<String> {
        s.map(|d| d.date_naive().to_string())
    }

    #[test]
    fn bylines_and_date_lines_on_top() {
        for (body, expected) in [
            (
                "By Jane Smith, 3 March 2005\n\nShares rose.",
                Some("2005-03-03"),
            ),
            (
                "By JANE SMITH | March 3, 2005 10:00 GMT\nShares rose.",
                Some("2005-03-03"),
            ),
            (
                "By Jane Smith and Ali bin Omar\nThursday 3rd March 2005\n\nText.",
                Some("2005-03-03"),
            ),
            (
                "Published: 3 March 2005\n\nShares rose.",
                Some("2005-03-03"),
            ),
            (
                "Posted on March 3, 2005 at 9:15 am\n\nShares rose.",
                Some("2005-03-03"),
            ),
            ("2005-03-03\n\nShares rose.", Some("2005-03-03")),
            (
                "Title\n\nBy Staff Reporter - Tuesday, 1 March 2005\n\nText.",
                Some("2005-03-01"),
            ),
            ("By Jane Smith\n\nShares rose on 3 March 2005.", None),
            ("By 15 July 2006 the firm must pay.", None),
            ("Shares rose.\n\nBy Jane Smith, 3 March 2005", None),
        ] {
            assert_eq!(
                day(byline_date(body, "en")).as_deref(),
                expected,
                "{body:?}"
            );
        }
    }

    #[test]
    fn a_published_line_dates_the_story_wherever_it_is() {
        let body = "Tram drivers stopped work.\n\nMore text here.\n\nPublished: 14 October 2013";
        assert_eq!(day(byline_date(body, "en")).as_deref(), Some("2013-10-14"));
        let updated = "Tram drivers stopped work.\n\nUpdated: 14 October 2013";
        assert_eq!(byline_date(updated, "en"), None);
    }

    #[test]
    fn a_clock_time_is_never_a_year() {
        // BBC fixtures: a date, then the kick-off time on the next line.
        assert_eq!(
            byline_date("Tuesday, 1 March\n\n1945 GMT\n\nKent v Surrey", "en"),
            None
        );
        assert_eq!(
            byline_date("Tuesday, 1 March 1945 GMT\n\nKent v Surrey", "en"),
            None
        );
        assert_eq!(
            lead_date("The match kicks off on 5 February 2000 GMT.", 0),
            None
        );
        assert!(is_clock_time(" GMT on BBC One"));
        assert!(!is_clock_time(", when the war ended"));
    }

    #[test]
    fn lead_dates_in_lead_position() {
        for (body, expected) in [
            ("On 3 March 2005, shares rose.", Some("2005-03-03")),
            (
                "Shares rose on Thursday, 3 March 2005, traders said.",
                Some("2005-03-03"),
            ),
            ("March 3, 2005 — Shares rose.", Some("2005-03-03")),
            (
                "Scientists measured the glacier on 2 August 2012.",
                Some("2012-08-02"),
            ),
            // Not in lead position: after another word than `on`.
            (
                "Shares rose to a high last seen in March 2001 and 3 March 2003.",
                None,
            ),
            // Not in the first sentence.
            ("Shares rose. Trading began on 3 March 2005.", None),
        ] {
            assert_eq!(day(lead_date(body, 0)).as_deref(), expected, "{body:?}");
        }
        let wire = "LONDON (Reuters) - Shares rose on 3 March 2005.";
        assert_eq!(day(lead_date(wire, 17)).as_deref(), Some("2005-03-03"));
    }

    #[test]
    fn birth_dates_are_not_the_news() {
        assert_eq!(
            lead_date("Arthur Hailey, born on 5 April 1920, has died.", 0),
            None
        );
        let bbc = "Novelist Arthur Hailey has died at 84.\n\nBorn in Luton on 5 April 1920, he wrote Hotel.";
        assert_eq!(lead_date(bbc, 0), None);
        assert_eq!(byline_date(bbc, "en"), None);
    }

    #[test]
    fn deadlines_are_not_the_news() {
        for body in [
            "The firm must repay the loan by 15 July 2006.",
            "The firm will repay the loan on 15 July 2006.",
            "Repayment is due on 15 July 2006, the bank said.",
            "The vote is scheduled to take place on 19 May 2006.",
            "They'll vote on 19 May 2006.",
        ] {
            assert_eq!(lead_date(body, 0), None, "{body}");
        }
    }

    #[test]
    fn historical_dates_are_not_the_news() {
        let body = "On 11 September 2001, hijackers flew planes into the towers.\n\nThree years on, in 2004, the inquiry reported.";
        assert_eq!(lead_date(body, 0), None);
        let anniversary = "Richey Edwards vanished 10 years ago, on 1 February 1995.";
        assert_eq!(lead_date(anniversary, 0), None);
        // A later year that is a clock time is no year.
        let kickoff = "On 5 February 2005, Wales beat England.\n\nThe next match is at 2015 GMT.";
        assert_eq!(day(lead_date(kickoff, 0)).as_deref(), Some("2005-02-05"));
    }

    #[test]
    fn abbreviations_do_not_end_the_first_sentence() {
        assert_eq!(
            first_sentence("Mr. Smith of the U.S. Treasury spoke on Jan. 5, 2005. Then more."),
            "Mr. Smith of the U.S. Treasury spoke on Jan. 5, 2005"
        );
        assert_eq!(
            day(lead_date("Mr. Smith spoke on Jan. 5, 2005. Then more.", 0)).as_deref(),
            Some("2005-01-05")
        );
    }
}
