//! Plain-text articles: an optional headline and date line on top, then the body.
//!
//! Wire copy often starts straight with its lead, so a headline is only taken when the first
//! line clearly is one; when in doubt there is no title rather than a wrong one.

use super::{FormatError, Parsed};
use crate::article::{DateHint, HintSource, RawArticle};
use crate::extract::date::calendar::{month_pattern, weekday_pattern};
use regex::Regex;
use std::sync::LazyLock;

/// Longest line, in characters and in words, that can be a headline.
const MAX_HEADLINE_CHARS: usize = 200;
const MAX_HEADLINE_WORDS: usize = 20;

/// How many leading paragraphs may hold the headline and a date line.
const TOP_BLOCKS: usize = 3;

/// A top paragraph longer than this (lines or characters) is article text, not a header.
const MAX_HEADER_LINES: usize = 3;
const MAX_HEADER_CHARS: usize = 300;

/// A line longer than this was not hard-wrapped: it is a whole paragraph.
const UNWRAPPED_LINE_CHARS: usize = 120;

/// Abbreviations that may end a headline with a period ("… to buy Acme Inc.").
const ABBREVIATIONS: &[&str] = &[
    "inc.", "corp.", "co.", "ltd.", "plc.", "llc.", "jr.", "sr.", "st.", "bros.", "dr.", "mr.",
    "mrs.", "ms.", "gov.", "sen.", "rep.", "no.", "vs.", "ave.", "dept.", "intl.",
];

/// A line that is only a date, perhaps labelled ("Published: April 28, 2016", "Publié le 3 mai
/// 2016", "Stand: 03.05.2016 14:30 Uhr") or with a weekday or a time, in any language of the
/// month and weekday tables ("Mittwoch, 3. Mai 2016", "12 de marzo de 2019", "9 февраля 2016
/// г.", "الأربعاء، ٤ أيار/مايو ٢٠١٦", "3 Mayıs 2016 Salı", "di 14 juni 2022", "1er
/// octobre 2021"), or in digits: ISO, or with the year last ("03.05.2016", "08/10/2019",
/// "الثلاثاء 14-6-2022": which part is the day, the date reader decides by the language).
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let (month, weekday) = (month_pattern(), weekday_pattern());
    Regex::new(&format!(
        r"(?ix)^(?:(?:date|dated|published|posted|filed|stand|publié\s+le|mis\s+en\s+ligne\s+le|veröffentlicht(?:\s+am)?|publicado(?:\s+(?:el|em|a))?|pubblicato(?:\s+il)?|опубликовано|gepubliceerd(?:\s+op)?|yayınlanma(?:\s+tarihi)?|تاريخ\s+النشر|نشر\s+في)\s*:?\s+)?
        (?P<date>
            (?:{weekday}\.?[,،]?\s+)?{month}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
          | (?:{weekday}\.?[,،]?\s+)?\d{{1,2}}(?:st|nd|rd|th|er|º|°)?\.?\s+(?:of\s+|de\s+)?{month}(?:\s*/\s*{month})?\.?,?\s+(?:de\s+)?\d{{4}}(?:\s*(?:г\.|г|года|م))?(?:,?\s+{weekday})?
          | \d{{4}}-\d{{2}}-\d{{2}}(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
          | \d{{4}}/\d{{2}}/\d{{2}}
          | (?:{weekday}\.?[,،]?\s+)?\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}
          | \d{{1,2}}-{month}-\d{{4}}
        )
        (?P<time>[,|-]?\s+(?:at\s+|à\s+|um\s+|a\s+las\s+|alle\s+|às\s+|в\s+|saat\s+|om\s+|-\s+)?\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:\p{{L}}{{2,4}}\.?)?)?
        \s*$"
    ))
    .expect("static regex")
});

/// A dateline standing alone ("GENEVA —", "NEW YORK, MARCH 23 -") or an agency dateline
/// ("GENEVA (Reuters) - …"): the start of the lead, not a headline.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\p{Lu}[\p{Lu}\p{M}\d\s.,'’/-]*?(?:\s*\([^)]{1,30}\))?\s*(?:—|–|--|-)\s*$
        | ^\p{Lu}[\p{Lu}\p{M}\s.,'’/-]*\s*\((?:Reuters|AP|AFP|UPI|dpa|DPA|Xinhua|Bloomberg|CNN|IANS|PTI)\)",
    )
    .expect("static regex")
});

/// An initialism such as "U.S." or "U.K." ends in a period without ending a sentence.
static INITIALISM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\p{Lu}\.){2,}$").expect("static regex"));

/// Parse a plain-text file into one article.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks = paragraphs(&text);

    let date_line = take_date_line(&mut blocks);
    blocks.retain(|b| !b.is_empty());

    let title = match blocks.as_slice() {
        [first, _, ..] if first.len() == 1 && looks_like_headline(first[0]) => {
            Some(first[0].trim().to_owned())
        }
        _ => None,
    };
    let body_blocks = if title.is_some() {
        &blocks[1..]
    } else {
        &blocks[..]
    };
    let body = body_blocks
        .iter()
        .map(|b| render_paragraph(b))
        .collect::<Vec<_>>()
        .join("\n\n");
    if body.is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(Parsed {
        articles: vec![RawArticle {
            title,
            body,
            dates: date_line
                .map(|d| DateHint::written(HintSource::DateLine, d))
                .into_iter()
                .collect(),
            format: "txt",
            ..RawArticle::default()
        }],
        problems: Vec::new(),
    })
}

/// Lines grouped into paragraphs at blank lines; trailing whitespace removed.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Remove the first date-only line from the top of the article (the first or last line of
/// one of the short leading paragraphs) and return its date.
fn take_date_line(blocks: &mut [Vec<&str>]) -> Option<String> {
    for block in blocks.iter_mut().take(TOP_BLOCKS) {
        let chars: usize = block.iter().map(|l| l.len()).sum();
        if block.len() > MAX_HEADER_LINES || chars > MAX_HEADER_CHARS {
            return None;
        }
        let last = block.len().saturating_sub(1);
        for index in [0, last] {
            if let Some(c) = block.get(index).and_then(|l| DATE_LINE.captures(l.trim())) {
                let date = format!(
                    "{}{}",
                    &c["date"],
                    c.name("time").map_or("", |t| t.as_str())
                );
                block.remove(index);
                return Some(date);
            }
        }
    }
    None
}

/// Is this line (alone in its paragraph) a headline rather than the lead?
fn looks_like_headline(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if line.chars().count() > MAX_HEADLINE_CHARS
        || words.is_empty()
        || words.len() > MAX_HEADLINE_WORDS
    {
        return false;
    }
    // A sentence fragment starts in lower case; "iTunes …" and "$1m payoff …" do not count.
    let first_word = words[0];
    if first_word.starts_with(char::is_lowercase) && !first_word.chars().any(char::is_uppercase) {
        return false;
    }
    if line.ends_with([',', ';', '-', '—', '–']) {
        return false;
    }
    if line.ends_with('.') && !line.ends_with("...") {
        let last = words.last().copied().unwrap_or_default();
        let abbreviation =
            ABBREVIATIONS.contains(&last.to_lowercase().as_str()) || INITIALISM.is_match(last);
        // Wire headlines are set in capitals, and a lead sentence never is.
        let all_caps = words.len() > 1 && !line.chars().any(char::is_lowercase);
        if !abbreviation && !all_caps {
            return false;
        }
    }
    let lower = line.to_lowercase();
    if lower.starts_with("by ") || lower.starts_with("http://") || lower.starts_with("https://") {
        return false;
    }
    !DATELINE.is_match(line)
}

/// One paragraph's text. Hard-wrapped prose is joined into one line; a table (columns
/// aligned with runs of spaces or tabs) keeps its line breaks.
fn render_paragraph(lines: &[&str]) -> String {
    let tabular = lines.len() > 1
        && lines
            .iter()
            .any(|l| l.trim_start().contains("   ") || l.trim_start().contains('\t'));
    if tabular {
        return lines.join("\n");
    }
    // Lines far longer than any hard wrap are paragraphs written one per line.
    let one_per_line = lines.len() > 1
        && lines[..lines.len() - 1]
            .iter()
            .all(|l| l.chars().count() > UNWRAPPED_LINE_CHARS);
    if one_per_line {
        return lines
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        // "well-\nknown" was one word broken at its hyphen.
        let broken_word = out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && line.chars().next().is_some_and(char::is_lowercase);
        if !broken_word {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    impl RawArticle {
        fn date_line(&self) -> Option<&str> {
            match self.date_hint(HintSource::DateLine)? {
                crate::article::HintValue::Written(s) => Some(s),
                crate::article::HintValue::Instant(_) => None,
            }
        }
    }

    fn one(text: &str) -> RawArticle {
        let mut parsed = parse(text).expect("parses");
        assert_eq!(parsed.articles.len(), 1);
        assert!(parsed.problems.is_empty());
        parsed.articles.remove(0)
    }

    #[test]
    fn headline_then_blank_line_is_title() {
        let a = one(
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant rose.\n\nSecond paragraph.\n",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Ad sales boost Time Warner profit")
        );
        assert_eq!(
            a.body,
            "Quarterly profits at US media giant rose.\n\nSecond paragraph."
        );
        assert_eq!(a.format, "txt");
        assert_eq!(a.member, None);
    }

    #[test]
    fn reuters_headline_date_line_and_dateline() {
        let a = one(
            "MCDONALD'S <MCD> UP ON REAFFIRMED RECOMMENDATION\n\n23 March 1987\n\n\
             NEW YORK, MARCH 23 - McDonald's Corp rose 1-1/2 to 71 after\n\
             analyst Jane Doe reaffirmed a buy.\n Reuter\n",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("MCDONALD'S <MCD> UP ON REAFFIRMED RECOMMENDATION")
        );
        assert_eq!(a.date_line(), Some("23 March 1987"));
        assert_eq!(
            a.body,
            "NEW YORK, MARCH 23 - McDonald's Corp rose 1-1/2 to 71 after analyst Jane Doe reaffirmed a buy. Reuter"
        );
    }

    #[test]
    fn wire_lead_without_headline_has_no_title() {
        let a = one(
            "GENEVA (Reuters) - Swiss and EU negotiators resumed talks on Monday, officials said.\n\n\
             The talks had stalled in March.\n",
        );
        assert_eq!(a.title, None);
        assert!(a.body.starts_with("GENEVA (Reuters) - Swiss"));
    }

    #[test]
    fn lead_paragraph_running_on_has_no_title() {
        let a = one("Talks resumed in Geneva\non Monday after a pause.\n\nMore.");
        assert_eq!(a.title, None);
        assert_eq!(
            a.body,
            "Talks resumed in Geneva on Monday after a pause.\n\nMore."
        );
    }

    #[test]
    fn short_sentence_with_period_is_not_a_title() {
        let a = one("Talks resumed on Monday.\n\nThey had stalled.");
        assert_eq!(a.title, None);
    }

    #[test]
    fn headline_may_end_in_abbreviation() {
        let a = one("Acme to buy Widget Corp.\n\nThe deal was announced.");
        assert_eq!(a.title.as_deref(), Some("Acme to buy Widget Corp."));
        let b = one("Storms batter the U.S.\n\nWinds rose.");
        assert_eq!(b.title.as_deref(), Some("Storms batter the U.S."));
    }

    #[test]
    fn capitals_headline_may_end_in_period() {
        let a = one(
            "MERRILL MANDATED FOR IEL U.S. NOTE.\n\n03 March 1987\n\nLONDON, March 3 - Merrill said.",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("MERRILL MANDATED FOR IEL U.S. NOTE.")
        );
        assert_eq!(a.date_line(), Some("03 March 1987"));
    }

    #[test]
    fn missing_headline_before_date_line() {
        let a = one(
            "\n\n03 March 1987\n\nLONDON, March 3 - Merrill Lynch said it\nreceived a mandate.\n",
        );
        assert_eq!(a.title, None);
        assert_eq!(a.date_line(), Some("03 March 1987"));
        assert_eq!(
            a.body,
            "LONDON, March 3 - Merrill Lynch said it received a mandate."
        );
    }

    #[test]
    fn lone_dateline_is_not_a_title() {
        let a = one("GENEVA —\n\nSwiss negotiators resumed talks.");
        assert_eq!(a.title, None);
        assert_eq!(a.body, "GENEVA —\n\nSwiss negotiators resumed talks.");
    }

    #[test]
    fn long_first_line_is_not_a_title() {
        let long = "Word ".repeat(25);
        let a = one(&format!("{}\n\nSecond.", long.trim()));
        assert_eq!(a.title, None);
    }

    #[test]
    fn headline_may_start_with_symbol_or_camel_case() {
        let a = one("$1m payoff for former Shell boss\n\nShell is to pay $1m.");
        assert_eq!(a.title.as_deref(), Some("$1m payoff for former Shell boss"));
        let b = one("iTunes now selling Band Aid song\n\nIpod owners can now download it.");
        assert_eq!(b.title.as_deref(), Some("iTunes now selling Band Aid song"));
    }

    #[test]
    fn lower_case_fragment_is_not_a_title() {
        let a = one("and then the talks collapsed\n\nMore.");
        assert_eq!(a.title, None);
    }

    #[test]
    fn byline_is_not_a_title() {
        let a = one("By Jane Doe\n\nTalks resumed.");
        assert_eq!(a.title, None);
    }

    #[test]
    fn single_line_file_has_no_title() {
        let a = one("Quake hits Nepal");
        assert_eq!(a.title, None);
        assert_eq!(a.body, "Quake hits Nepal");
    }

    #[test]
    fn date_line_forms_are_taken_out_of_body() {
        for (line, date) in [
            ("April 28, 2016", "April 28, 2016"),
            ("2016-04-28", "2016-04-28"),
            ("Thursday, April 28, 2016", "Thursday, April 28, 2016"),
            ("Published: 28 Apr 2016 10:00 GMT", "28 Apr 2016 10:00 GMT"),
        ] {
            let a = one(&format!("Quake hits Nepal\n\n{line}\n\nThe lead."));
            assert_eq!(a.date_line(), Some(date), "{line}");
            assert_eq!(a.title.as_deref(), Some("Quake hits Nepal"), "{line}");
            assert_eq!(a.body, "The lead.", "{line}");
        }
    }

    #[test]
    fn date_lines_are_read_by_the_date_parser() {
        for line in [
            "23 March 1987",
            "Thursday, April 28, 2016",
            "Published: 28 Apr 2016 10:00 GMT",
            "Posted April 28, 2016 at 3:15 pm EDT",
            "26-FEB-1987",
            "2016-04-28T10:00:00Z",
            "2016/04/28",
        ] {
            let a = one(&format!("Headline\n\n{line}\n\nThe lead."));
            let date = a.date_line().unwrap_or_default();
            assert!(
                crate::extract::date::parse_date(date).is_some(),
                "{line:?} gave {date:?}"
            );
        }
    }

    #[test]
    fn date_lines_in_other_languages_give_their_day() {
        for (line, day) in [
            ("3. Mai 2016", "2016-05-03"),
            ("12 de marzo de 2019", "2019-03-12"),
            ("9 февраля 2016 г.", "2016-02-09"),
            ("14 GEN 2021", "2021-01-14"),
            // Two-word Arabic month names, alone and with their other name.
            ("١٥ كانون الثاني ٢٠٢٠", "2020-01-15"),
            ("6 تشرين الأول/أكتوبر 2019", "2019-10-06"),
            ("3 كانون الأول 2018", "2018-12-03"),
        ] {
            let a = one(&format!("Headline\n\n{line}\n\nThe lead."));
            assert_eq!(a.date_line(), Some(line), "{line}");
            let date = crate::extract::date::parse_date(line).map(|d| d.date_naive().to_string());
            assert_eq!(date.as_deref(), Some(day), "{line}");
        }
    }

    #[test]
    fn date_lines_with_weekdays_labels_and_times_in_other_languages() {
        for (line, kept, day) in [
            (
                "Mittwoch, 4. Mai 2016",
                "Mittwoch, 4. Mai 2016",
                "2016-05-04",
            ),
            ("mercredi 4 mai 2016", "mercredi 4 mai 2016", "2016-05-04"),
            (
                "miércoles, 4 de mayo de 2016",
                "miércoles, 4 de mayo de 2016",
                "2016-05-04",
            ),
            (
                "quarta-feira, 4 de maio de 2016",
                "quarta-feira, 4 de maio de 2016",
                "2016-05-04",
            ),
            (
                "mercoledì 4 maggio 2016",
                "mercoledì 4 maggio 2016",
                "2016-05-04",
            ),
            ("woensdag 4 mei 2016", "woensdag 4 mei 2016", "2016-05-04"),
            ("среда, 4 мая 2016 г.", "среда, 4 мая 2016 г.", "2016-05-04"),
            (
                "4 Mayıs 2016 Çarşamba",
                "4 Mayıs 2016 Çarşamba",
                "2016-05-04",
            ),
            (
                "الأربعاء، 4 أيار/مايو 2016",
                "الأربعاء، 4 أيار/مايو 2016",
                "2016-05-04",
            ),
            ("04.05.2016", "04.05.2016", "2016-05-04"),
            (
                "Stand: 04.05.2016 14:30 Uhr",
                "04.05.2016 14:30 Uhr",
                "2016-05-04",
            ),
            (
                "Publié le 4 mai 2016 à 14h30",
                "4 mai 2016 à 14h30",
                "2016-05-04",
            ),
            (
                "Publicado el 4 de mayo de 2016",
                "4 de mayo de 2016",
                "2016-05-04",
            ),
            (
                "Опубликовано: 4 мая 2016, 14:30",
                "4 мая 2016, 14:30",
                "2016-05-04",
            ),
        ] {
            let a = one(&format!("Headline\n\n{line}\n\nThe lead."));
            assert_eq!(a.date_line(), Some(kept), "{line}");
            assert_eq!(a.body, "The lead.", "{line}");
            let date = crate::extract::date::parse_date(kept).map(|d| d.date_naive().to_string());
            assert_eq!(date.as_deref(), Some(day), "{line}");
        }
        // A weekday and a date inside a sentence are no date line.
        let a = one("Headline\n\nAm Mittwoch, 4. Mai 2016, sprach er.\n\nThe lead.");
        assert_eq!(a.date_line(), None);
    }

    #[test]
    fn date_lines_in_digits_and_abbreviations_under_a_headline() {
        for (line, lang, day) in [
            ("08/10/2019", "fr", "2019-10-08"),
            ("12/11/2021", "es", "2021-11-12"),
            ("الثلاثاء 14-6-2022", "ar", "2022-06-14"),
            ("17 нояб. 2022", "ru", "2022-11-17"),
            ("12 Nis 2022", "tr", "2022-04-12"),
            ("di 14 juni 2022", "nl", "2022-06-14"),
            ("10 غشت 2021", "ar", "2021-08-10"),
            ("1er octobre 2021", "fr", "2021-10-01"),
        ] {
            // Not hard-wrapped into the headline: the date line is taken out.
            let a = one(&format!("Headline of the story\n{line}\n\nThe lead."));
            assert_eq!(a.title.as_deref(), Some("Headline of the story"), "{line}");
            assert_eq!(a.date_line(), Some(line), "{line}");
            let date = crate::extract::date::parse_date_line(line, lang);
            let date = date.map(|d| d.date_naive().to_string());
            assert_eq!(date.as_deref(), Some(day), "{line}");
        }
        // A score or a fraction under a headline is no date line.
        for line in ["Uruguay 0-1 Argentina", "14/6", "2-1"] {
            let a = one(&format!("Headline of the story\n\n{line}\n\nThe lead."));
            assert_eq!(a.date_line(), None, "{line}");
        }
    }

    #[test]
    fn date_line_under_headline_without_blank_line() {
        let a = one("Quake hits Nepal\nApril 25, 2015\n\nThe lead.");
        assert_eq!(a.title.as_deref(), Some("Quake hits Nepal"));
        assert_eq!(a.date_line(), Some("April 25, 2015"));
        assert_eq!(a.body, "The lead.");
    }

    #[test]
    fn date_line_before_headline() {
        let a = one("2015-04-25\n\nQuake hits Nepal\n\nThe lead.");
        assert_eq!(a.title.as_deref(), Some("Quake hits Nepal"));
        assert_eq!(a.date_line(), Some("2015-04-25"));
        assert_eq!(a.body, "The lead.");
    }

    #[test]
    fn date_inside_sentence_stays_in_body() {
        let a = one("On April 28, 2016 talks resumed.\n\nMore.");
        assert_eq!(a.date_line(), None);
        assert_eq!(a.body, "On April 28, 2016 talks resumed.\n\nMore.");
    }

    #[test]
    fn phrase_split_across_lines_stays_adjacent() {
        let a = one("Headline here\n\nThe central\nbank raised\r\nrates in a well-\nknown move.");
        assert_eq!(
            a.body,
            "The central bank raised rates in a well-known move."
        );
    }

    #[test]
    fn paragraphs_one_per_line_without_blank_lines() {
        let first = "U.S. Secretary of State John Kerry arrived in Geneva on Sunday in an urgent bid to revive a cease-fire that has all but fallen apart.";
        let second = "Officials said the priority is to end the violence.";
        let a = one(&format!("{first}\n{second}\n"));
        assert_eq!(a.title, None);
        assert_eq!(a.body, format!("{first}\n\n{second}"));
    }

    #[test]
    fn table_keeps_its_line_breaks() {
        let a = one("Results\n\n    Shr      1.20    1.10\n    Net      4.5     4.0\n\nEnd.");
        assert_eq!(
            a.body,
            "    Shr      1.20    1.10\n    Net      4.5     4.0\n\nEnd."
        );
    }

    #[test]
    fn empty_or_date_only_text_is_error() {
        assert_eq!(parse("").map(|p| p.articles.len()), Err(FormatError::Empty));
        assert_eq!(
            parse(" \n\n\t\n").map(|p| p.articles.len()),
            Err(FormatError::Empty)
        );
        assert_eq!(
            parse("April 28, 2016\n").map(|p| p.articles.len()),
            Err(FormatError::Empty)
        );
    }
}
