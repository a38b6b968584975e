//! Datelines: the `GENEVA (Reuters) -` or `ALEPPO, Syria (AP) —` that opens a wire story,
//! and the forms other languages' agencies use: `GENÈVE, 3 mai 2016 (AFP) -`, `Ginebra, 4
//! may (EFE).-`, `Berlin, 26. September 2021 (dpa) -`, `(ANSA) - ROMA, 3 MAG -`, `МОСКВА,
//! 9 февраля. /ТАСС/.`, `МОСКВА, 9 фев — РИА Новости.`, `İSTANBUL (AA) -`, `بيروت، 5
//! آب/أغسطس 2020 (أ ف ب) -`, `الدوحة في 18 ديسمبر /قنا/`, `بيروت - أ ف ب:`.

use super::date::TextRegex;
use super::date::ascii_digits;
use super::date::calendar::{
    ascii_month_pattern, ascii_weekday_pattern, month_by_prefix, month_number, month_pattern,
    weekday_pattern,
};
use std::sync::LazyLock;

/// A dateline found at the start of an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place as written: `GENEVA`, `NEW YORK`, `Geneva`, `МОСКВА`, `الدوحة`, `İZMİR`
    /// (the gazetteer's keys fold Turkish `İ` as Turkish does: see `push_key_char`).
    pub place: String,
    /// A country or state after a comma (`Syria` in `ALEPPO, Syria (AP) —`), or in
    /// parentheses before the date (`México` in EFE's `Mérida (México), 20 nov (EFE).-`).
    pub qualifier: Option<String>,
    /// Byte offset in the body just after the dateline and its dash.
    pub end: usize,
    /// Month (1–12) and day of a date in the dateline (`NEW YORK, Feb 26 -`), if any.
    pub month_day: Option<(u32, u32)>,
    /// The year, when the dateline's date has one (`GENEVA, April 28, 2016 -`).
    pub year: Option<i32>,
}

/// A month name, perhaps abbreviated with a period (`Sept.`); for ASCII text, only the
/// names written in ASCII.
fn month(ascii: bool) -> String {
    let names = if ascii {
        ascii_month_pattern()
    } else {
        month_pattern()
    };
    format!(r"{names}\.?")
}

/// A weekday name, perhaps abbreviated with a period (`Thu.`).
fn weekday(ascii: bool) -> String {
    let names = if ascii {
        ascii_weekday_pattern()
    } else {
        weekday_pattern()
    };
    format!(r"{names}\.?")
}

/// `unicode` in the pattern for all text, nothing in the one for ASCII text: a piece that
/// needs a non-ASCII character to match.
fn non_ascii(ascii: bool, unicode: &str) -> &str {
    if ascii { "" } else { unicode }
}

/// Any character but `chars` (`[^)\n]`); for ASCII text, any ASCII one, which is one byte
/// range to the regex engine instead of the many a class of all Unicode takes.
fn any_but(ascii: bool, chars: &str) -> String {
    if ascii {
        format!(r"[\x00-\x7F&&[^{chars}]]")
    } else {
        format!("[^{chars}]")
    }
}

/// A dateline's date, with or without its year, month first (`Feb 26`, `April 28, 2016`:
/// groups `m1 d1 y1`) or day first (`26 February`, `26. September 2021`, `4 may`, `3 MAG`,
/// `9 февраля`, `5 آب/أغسطس 2020` with a month in both its Arabic names, `1er octobre 2021`:
/// `d2 m2 y2`).
fn date_pattern(ascii: bool) -> String {
    let weekday = weekday(ascii);
    let month = if ascii {
        ascii_month_pattern()
    } else {
        month_pattern()
    };
    let year_word = non_ascii(ascii, r"(?:\s*(?:г\.|г\b|года\b|م\b))?");
    // ASCII text needs no Unicode case folding (`ſ` for `s`, `K` for `k`): without it,
    // each letter is a smaller class.
    let case = if ascii { "i-u" } else { "i" };
    format!(
        r"(?{case}:(?:{weekday},?\s+)?(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|º|°|\.)?\s+(?:de\s+)?(?P<m2>{month})(?:\s*/\s*{month})?\.?(?:,?\s+(?:de\s+)?(?P<y2>\d{{4}}){year_word})?))"
    )
}

/// Agencies named after the dateline's dash (`МОСКВА, 9 фев — РИА Новости.`, `بيروت - أ ف
/// ب:`, `دمشق-سانا`) or alone before it (`Москва. 9 февраля. ИНТЕРФАКС -`): only these
/// names, as any other word after a dash is the story's first.
const AGENCIES_BY_NAME: &[&str] = &[
    "РИА Новости",
    "РИА \"Новости\"",
    "ИТАР-ТАСС",
    "ТАСС",
    "Интерфакс",
    "ИНТЕРФАКС",
    "INTERFAX.RU",
    "Прайм",
    "Рейтер",
    "أ ف ب",
    "ا ف ب",
    "رويترز",
    "د ب أ",
    "أ ب",
    "قنا",
    "كونا",
    "واس",
    "وام",
    "أ ش أ",
    "سانا",
    "وات",
    "بترا",
    "ومع",
    "الأناضول",
    "شينخوا",
    "سبأ",
    "AFP",
    "Reuters",
    "EFE",
    "ANSA",
];

/// The dateline: an optional agency first (`(ANSA) -`); the place in capitals, in title
/// case (with `de`, `am`, `на` … between words) or in Arabic script; a qualifier; a date
/// after a comma (`,` or `،`), a period or `في`; KUNA's `- 9 - 2`; and the agency with
/// its end: `(AFP) -`, `(EFE).-`, `/ТАСС/.`, `/ وام /` (or WAM's `فبراير/ وام/`, the slash
/// on the date), `— РИА Новости.` (perhaps with a
/// reporter's name: `— РИА Новости, Иван Петров.`), `- أ ف ب:`, `- (AFP) -`, or a dash alone.
fn dateline_pattern(ascii: bool) -> String {
    let caps_word = r"\p{Lu}[\p{Lu}.'’]*";
    let title_word = r"\p{Lu}[\p{L}.'’]*";
    let connector = format!(
        r"(?:de|da|do|dos|das|del|di|la|le|les|los|las|al|el|am|an|der|au|sur|upon|of|the|na{})",
        non_ascii(ascii, "|на")
    );
    let arabic_word = r"[\p{Arabic}&&\p{L}][\p{Arabic}&&[\p{L}\p{M}]]*";
    let arabic_place = non_ascii(
        ascii,
        &format!(r"|(?P<arabic>{arabic_word}(?:\s{arabic_word}){{0,2}})"),
    )
    .to_string();
    let dash = r"(?:--|[-–—])";
    let named = AGENCIES_BY_NAME
        .iter()
        .filter(|a| !ascii || a.is_ascii())
        .map(|a| regex::escape(a))
        .collect::<Vec<_>>()
        .join("|");
    let (no_paren, no_slash) = (any_but(ascii, r")\n"), any_but(ascii, r"/\n"));
    let no_stop = any_but(ascii, r".:\n");
    let tail = format!(
        r"(?:\s*(?P<agency>\({no_paren}{{1,40}}\))\s*(?:\.?\s*{dash}|[.:])|\s*/\s*(?P<slash>\p{{L}}{no_slash}{{0,59}}?)\s*/\s*(?:[.:]|{dash})?|\s*{dash}\s*(?P<named>{named})(?:,{no_stop}{{1,40}}[.:]|\s*[.:]|\s*{dash}|\s)|\s*{dash}\s*(?P<dashed>\({no_paren}{{1,40}}\))\s*(?:[.:]|{dash})?|\s*(?P<bare>{named})\s*{dash}|\s*\.?\s*{dash})"
    );
    format!(
        r"^\s*(?:(?P<lead>\({no_paren}{{1,20}}\))\s*{dash}\s*)?(?P<place>{caps_word}(?:[ /-]{caps_word}){{0,3}}|{title_word}(?:[ /-](?:{title_word}|{connector})){{0,4}}{arabic_place})(?:\s*\((?P<pqual>{title_word}(?:\s{title_word}){{0,2}})\))?(?:,\s*(?P<qual>{title_word}(?:\s{title_word}){{0,2}}))?(?:(?:\s*[,{comma}.]\s*|\s+){fi}(?P<date>{date}))?(?:\s*-\s*(?P<kday>\d{{1,2}})\s*-\s*(?P<kmonth>\d{{1,2}}))?{tail}[ \t]*",
        date = date_pattern(ascii),
        comma = non_ascii(ascii, "،"),
        fi = non_ascii(ascii, r"(?:في\s+)?"),
    )
}

static DATELINE: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::with_ascii_form(&dateline_pattern(false), &dateline_pattern(true))
        .expect("the dateline pattern is a valid regex")
});

/// A line that holds only a date (`April 28, 2016`, `2016-04-28`, `Thursday 28 April 2016`).
fn date_only_pattern(ascii: bool) -> String {
    let (weekday, month) = (weekday(ascii), month(ascii));
    format!(
        r"^\s*(?:{date}|(?i:{weekday},?\s+{month}\s+\d{{1,2}},?\s+\d{{4}})|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+Z?)?|(?:{weekday}[,،]?\s+)?\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})\s*$",
        date = date_pattern(ascii)
    )
}

static DATE_ONLY_LINE: LazyLock<TextRegex> = LazyLock::new(|| {
    TextRegex::with_ascii_form(&date_only_pattern(false), &date_only_pattern(true))
        .expect("the date-line pattern is a valid regex")
});

/// The longest line that can hold only a date (`Thursday, 28 April 2016 14:30 UTC`).
const DATE_LINE_BYTES: usize = 120;

/// How far into a story a dateline can end: five place words, a qualifier, a date, an
/// agency of up to 60 characters and the dash fit in well under this.
const DATELINE_BYTES: usize = 400;

/// A place in Arabic script, which has no capitals to tell a name, may stand alone before
/// a dash (`جنيف - …`) in up to this many words; with a date or an agency, in up to three.
const BARE_ARABIC_WORDS: usize = 2;

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
/// an all-caps one (`GENEVA —`) does not, nor does a short Arabic one (`جنيف -`).
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
    let groups = match wire_shape(text) {
        Some(groups) => groups,
        None => {
            let Some(found) = DATELINE.on(text).captures(text) else {
                return parse_wire_dateline(text).map(|d| Dateline {
                    end: offset + d.end,
                    ..d
                });
            };
            Groups::of(text, &found)?
        }
    };
    if groups.glued_slash && !groups.date {
        return parse_wire_dateline(text).map(|d| Dateline {
            end: offset + d.end,
            ..d
        });
    }
    groups.dateline(offset)
}

/// The groups of a [`DATELINE`] match that make the dateline.
#[derive(Debug, PartialEq, Eq)]
struct Groups<'t> {
    place: &'t str,
    arabic: bool,
    pqual: Option<&'t str>,
    qual: Option<&'t str>,
    /// The month, day and year of the date (`m1 d1 y1` or `m2 d2 y2`); `date` is whether
    /// the date group matched at all.
    date: bool,
    month: Option<&'t str>,
    day: Option<&'t str>,
    year: Option<&'t str>,
    /// Any of the agency groups matched (`lead agency slash named dashed bare`).
    agency: bool,
    /// The agency between slashes has its first slash glued to the word before it: WAM's
    /// `فبراير/ وام/` puts it on the date; on a name it joins names
    /// (`Berlin/Brandenburg/Sachsen`), so without a date it is no agency.
    glued_slash: bool,
    kday: Option<&'t str>,
    kmonth: Option<&'t str>,
    /// The end of the whole match.
    end: usize,
}

impl<'t> Groups<'t> {
    /// The groups of `found`, a match in `text`.
    fn of(text: &str, found: &regex::Captures<'t>) -> Option<Groups<'t>> {
        let group = |name: &str| found.name(name).map(|m| m.as_str());
        let (month, day, year) = if let Some(month) = group("m1") {
            (Some(month), group("d1"), group("y1"))
        } else if let Some(month) = group("m2") {
            (Some(month), group("d2"), group("y2"))
        } else {
            (None, None, None)
        };
        let glued_slash = found.name("slash").is_some_and(|slash| {
            text[..slash.start()]
                .trim_end()
                .strip_suffix('/')
                .is_some_and(|before| !before.ends_with(char::is_whitespace))
        });
        Some(Groups {
            place: group("place")?,
            arabic: group("arabic").is_some(),
            pqual: group("pqual"),
            qual: group("qual"),
            date: group("date").is_some(),
            month,
            day,
            year,
            agency: ["lead", "agency", "slash", "named", "dashed", "bare"]
                .iter()
                .any(|group| found.name(group).is_some()),
            glued_slash,
            kday: group("kday"),
            kmonth: group("kmonth"),
            end: found.get(0)?.end(),
        })
    }

    /// The dateline these groups make, for an opening at `offset` in the body.
    fn dateline(&self, offset: usize) -> Option<Dateline> {
        let mut place = self.place.trim();
        if self.arabic {
            // `الدوحة في 18 ديسمبر`: `في` ("on") leads to the date, and is no part of the name.
            place = place.strip_suffix("في").map_or(place, str::trim_end);
        }
        // `GENEVA (Reuters) -`: a capitalised word in parentheses with no date after it is
        // the agency, not a qualifier like EFE's `Mérida (México), 20 nov`.
        let paren_qualifier = self.pqual.filter(|_| self.date || self.agency);
        let has_agency = self.agency || (self.pqual.is_some() && paren_qualifier.is_none());
        let all_caps = !self.arabic && !place.chars().any(char::is_lowercase);
        if place.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return None;
        }
        let bare_ok = if self.arabic {
            place.split_whitespace().count() <= BARE_ARABIC_WORDS
        } else {
            all_caps
        };
        if !bare_ok && !self.date && !has_agency {
            return None;
        }
        // KUNA's `الكويت - 9 - 2 (كونا) --` has its date as two numbers, day then month.
        let kuna = match (self.kday, self.kmonth) {
            (Some(day), Some(month)) if has_agency => {
                let number = |n: &str| ascii_digits(n).parse::<u32>().ok();
                Some((number(month)?, number(day)?))
            }
            (Some(_), _) => return None,
            _ => None,
        };
        let (month_day, year) = if self.date {
            self.date_parts()
        } else {
            (
                kuna.filter(|&(m, d)| (1..=12).contains(&m) && (1..=31).contains(&d)),
                None,
            )
        };
        // `Москва. 9 февраля.`: a period after a one-period word ends the name; `D.C.` keeps it.
        let place = place.trim_end_matches(['-', ' ']);
        let last_word = place.rsplit([' ', '-', '/']).next().unwrap_or_default();
        let place = match place.strip_suffix('.') {
            Some(cut) if last_word.matches('.').count() == 1 => cut,
            _ => place,
        };
        Some(Dateline {
            place: place.to_string(),
            qualifier: paren_qualifier.or(self.qual).map(|q| q.trim().to_string()),
            end: offset + self.end,
            month_day,
            year,
        })
    }

    /// The month and day of the dateline's [`date_pattern`] match, and its year if written.
    fn date_parts(&self) -> (Option<(u32, u32)>, Option<i32>) {
        let Some(month) = self.month else {
            return (None, None);
        };
        let number = |m: Option<&str>| m.and_then(|m| ascii_digits(m).parse().ok());
        let day = number(self.day).filter(|d: &u32| (1..=31).contains(d));
        let month_day = month_number(month).zip(day);
        let year = number(self.year).and_then(|y: u32| i32::try_from(y).ok());
        (month_day, month_day.and(year))
    }
}

/// The groups [`DATELINE`] gives an ASCII opening of the commonest wire shape, found without
/// the regex: a place of up to four words in capitals, perhaps a qualifier of up to three
/// capitalised words after a comma, a month name and a day, and a dash (`NEW YORK, Feb 26 -`,
/// `PORTLAND, Ore., Feb 26 -`, `RICHMOND, Va. Feb 26 -`). Running the regex with its
/// captures costs far more than reading these few words. `None` for anything else, also
/// where the regex might read the words differently: a digit, `(` or an agency's name after
/// the dash (a KUNA date or the agency of `- (AFP) -`), a double dash, any other spacing.
fn wire_shape(text: &str) -> Option<Groups<'_>> {
    if !text.is_ascii() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    // Words of capitals separated by single spaces (the regex's `caps_word`s, which take
    // all of them: up to four), then a comma.
    let mut words = 0;
    loop {
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_uppercase) {
            at += 1;
        }
        if at == start {
            return None;
        }
        words += 1;
        match bytes.get(at) {
            Some(b' ') if words < 4 => at += 1,
            Some(b',') => break,
            _ => return None,
        }
    }
    let place = &text[..at];
    // `, ` then capitalised words (the qualifier) or the month; the month is the word
    // before the day.
    if bytes.get(at + 1) != Some(&b' ') {
        return None;
    }
    at += 2;
    let mut title_words: Vec<(usize, usize)> = Vec::new();
    let mut comma_after_qualifier = false;
    loop {
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) || bytes.get(at) == Some(&b'.') {
            at += 1;
        }
        if at == start || title_words.len() == 4 {
            return None;
        }
        title_words.push((start, at));
        match bytes.get(at) {
            Some(b' ') if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => break,
            Some(b' ') => at += 1,
            Some(b',') if !comma_after_qualifier && bytes.get(at + 1) == Some(&b' ') => {
                comma_after_qualifier = true;
                at += 2;
            }
            _ => return None,
        }
    }
    let (month_start, month_end) = title_words.pop()?;
    let month = &text[month_start..month_end];
    if !month.bytes().all(|b| b.is_ascii_alphabetic()) || month_number(month).is_none() {
        return None;
    }
    let qual = match (title_words.first(), title_words.last()) {
        (Some(&(start, _)), Some(&(_, end))) => {
            let qual = &text[start..end];
            // The qualifier is the regex's `title_word`s: each capitalised, up to three, and
            // a comma only after the last of them.
            let separator_ok = if comma_after_qualifier {
                bytes[end] == b',' && !qual.contains(',')
            } else {
                bytes[end] == b' '
            };
            let capitalised = title_words
                .iter()
                .all(|&(s, _)| bytes[s].is_ascii_uppercase());
            if !separator_ok || !capitalised || title_words.len() > 3 {
                return None;
            }
            Some(qual)
        }
        _ => None,
    };
    if qual.is_none() && comma_after_qualifier {
        return None;
    }
    // The day: one or two digits, spaces, a single dash.
    at = month_end;
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    let day_start = at;
    while bytes.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    if !(1..=2).contains(&(at - day_start)) {
        return None;
    }
    let day = &text[day_start..at];
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    if bytes.get(at) != Some(&b'-') || bytes.get(at + 1) == Some(&b'-') {
        return None;
    }
    at += 1;
    let after_dash = text[at..].trim_start();
    let agency_next = AGENCIES_BY_NAME
        .iter()
        .any(|agency| agency.is_ascii() && after_dash.starts_with(agency));
    if agency_next
        || after_dash
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'(' | b'/' | b'-'))
    {
        return None;
    }
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    Some(Groups {
        place,
        arabic: false,
        pqual: None,
        qual,
        date: true,
        month: Some(month),
        day: Some(day),
        year: None,
        agency: false,
        glued_slash: false,
        kday: None,
        kmonth: None,
        end: at,
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

#[cfg(test)]
mod tests;
