//! The names of months and weekdays, in one table each: every date regex, month lookup and
//! the place reader's calendar words read them.
//!
//! A row is one way of writing a name. Another language's names are more rows (its full
//! names and abbreviations, lower case); the regexes and lookups follow the tables. They
//! hold every name the Unicode CLDR gives the ten languages and their regional variants
//! (`data/calendar-cldr.tsv`, checked by a test), and the forms wire services type besides.

use std::sync::LazyLock;

/// How a row writes its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// `september`, `thursday`.
    Full,
    /// `sep`, `sept`, `thu`: written with or without a final period.
    Short,
}

use Spelling::{Full, Short};

/// Month names in lower case: (name, month 1–12, spelling). English first, then the other
/// languages newsdex reads dates in, with their CLDR abbreviations (`нояб`, `nis`, `juill`),
/// the abbreviations their wire services use (EFE's `mar`, ANSA's `MAG`, Lusa's `out`) and
/// ASCII spellings of accented names.
pub const MONTH_NAMES: &[(&str, u32, Spelling)] = &[
    ("january", 1, Full),
    ("jan", 1, Short),
    ("february", 2, Full),
    ("feb", 2, Short),
    ("march", 3, Full),
    ("mar", 3, Short),
    ("april", 4, Full),
    ("apr", 4, Short),
    ("may", 5, Full),
    ("june", 6, Full),
    ("jun", 6, Short),
    ("july", 7, Full),
    ("jul", 7, Short),
    ("august", 8, Full),
    ("aug", 8, Short),
    ("september", 9, Full),
    ("sept", 9, Short),
    ("sep", 9, Short),
    ("october", 10, Full),
    ("oct", 10, Short),
    ("november", 11, Full),
    ("nov", 11, Short),
    ("december", 12, Full),
    ("dec", 12, Short),
    // French
    ("janvier", 1, Full),
    ("janv", 1, Short),
    ("février", 2, Full),
    ("fevrier", 2, Full),
    ("févr", 2, Short),
    ("fevr", 2, Short),
    ("fév", 2, Short),
    ("mars", 3, Full),
    ("avril", 4, Full),
    ("avr", 4, Short),
    ("mai", 5, Full),
    ("juin", 6, Full),
    ("jui", 6, Short),
    ("juillet", 7, Full),
    ("juil", 7, Short),
    ("juill", 7, Short),
    ("août", 8, Full),
    ("aout", 8, Short),
    ("septembre", 9, Full),
    ("octobre", 10, Full),
    ("novembre", 11, Full),
    ("décembre", 12, Full),
    ("decembre", 12, Full),
    ("déc", 12, Short),
    // Spanish
    ("enero", 1, Full),
    ("ene", 1, Short),
    ("febrero", 2, Full),
    ("marzo", 3, Full),
    ("abril", 4, Full),
    ("abr", 4, Short),
    ("mayo", 5, Full),
    ("junio", 6, Full),
    ("julio", 7, Full),
    ("agosto", 8, Full),
    ("ago", 8, Short),
    ("septiembre", 9, Full),
    ("setiembre", 9, Full),
    ("octubre", 10, Full),
    ("noviembre", 11, Full),
    ("diciembre", 12, Full),
    ("dic", 12, Short),
    // German
    ("januar", 1, Full),
    ("jänner", 1, Full),
    ("jän", 1, Short),
    ("februar", 2, Full),
    ("märz", 3, Full),
    ("maerz", 3, Full),
    ("mär", 3, Short),
    ("juni", 6, Full),
    ("juli", 7, Full),
    ("oktober", 10, Full),
    ("okt", 10, Short),
    ("dezember", 12, Full),
    ("dez", 12, Short),
    // Italian
    ("gennaio", 1, Full),
    ("gen", 1, Short),
    ("febbraio", 2, Full),
    ("aprile", 4, Full),
    ("maggio", 5, Full),
    ("mag", 5, Short),
    ("giugno", 6, Full),
    ("giu", 6, Short),
    ("luglio", 7, Full),
    ("lug", 7, Short),
    ("settembre", 9, Full),
    ("set", 9, Short),
    ("ottobre", 10, Full),
    ("ott", 10, Short),
    ("dicembre", 12, Full),
    // Portuguese
    ("janeiro", 1, Full),
    ("fevereiro", 2, Full),
    ("fev", 2, Short),
    ("março", 3, Full),
    ("marco", 3, Full),
    ("maio", 5, Full),
    ("junho", 6, Full),
    ("julho", 7, Full),
    ("setembro", 9, Full),
    ("outubro", 10, Full),
    ("out", 10, Short),
    ("novembro", 11, Full),
    ("dezembro", 12, Full),
    // Dutch
    ("januari", 1, Full),
    ("februari", 2, Full),
    ("maart", 3, Full),
    ("mrt", 3, Short),
    ("mei", 5, Full),
    ("augustus", 8, Full),
    // Turkish
    ("ocak", 1, Full),
    ("oca", 1, Short),
    ("şubat", 2, Full),
    ("subat", 2, Full),
    ("şub", 2, Short),
    ("mart", 3, Full),
    ("nisan", 4, Full),
    ("nis", 4, Short),
    ("mayıs", 5, Full),
    ("mayis", 5, Full),
    ("haziran", 6, Full),
    ("haz", 6, Short),
    ("temmuz", 7, Full),
    ("tem", 7, Short),
    ("ağustos", 8, Full),
    ("agustos", 8, Full),
    ("ağu", 8, Short),
    ("eylül", 9, Full),
    ("eylul", 9, Full),
    ("eyl", 9, Short),
    ("ekim", 10, Full),
    ("eki", 10, Short),
    ("kasım", 11, Full),
    ("kasim", 11, Full),
    ("kas", 11, Short),
    ("aralık", 12, Full),
    ("aralik", 12, Full),
    ("ara", 12, Short),
    // Russian
    ("январь", 1, Full),
    ("января", 1, Full),
    ("янв", 1, Short),
    ("февраль", 2, Full),
    ("февраля", 2, Full),
    ("фев", 2, Short),
    ("февр", 2, Short),
    ("март", 3, Full),
    ("марта", 3, Full),
    ("мар", 3, Short),
    ("апрель", 4, Full),
    ("апреля", 4, Full),
    ("апр", 4, Short),
    ("май", 5, Full),
    ("мая", 5, Short),
    ("июнь", 6, Full),
    ("июня", 6, Short),
    ("июн", 6, Short),
    ("июль", 7, Full),
    ("июля", 7, Short),
    ("июл", 7, Short),
    ("август", 8, Full),
    ("августа", 8, Full),
    ("авг", 8, Short),
    ("сентябрь", 9, Full),
    ("сентября", 9, Full),
    ("сен", 9, Short),
    ("сент", 9, Short),
    ("октябрь", 10, Full),
    ("октября", 10, Full),
    ("окт", 10, Short),
    ("ноябрь", 11, Full),
    ("ноября", 11, Full),
    ("ноя", 11, Short),
    ("нояб", 11, Short),
    ("декабрь", 12, Full),
    ("декабря", 12, Full),
    ("дек", 12, Short),
    // Arabic
    ("كانون الثاني", 1, Full),
    ("يناير", 1, Full),
    ("شباط", 2, Full),
    ("فبراير", 2, Full),
    ("آذار", 3, Full),
    ("مارس", 3, Full),
    ("نيسان", 4, Full),
    ("أبريل", 4, Full),
    ("ابريل", 4, Full),
    ("أيار", 5, Full),
    ("مايو", 5, Full),
    ("حزيران", 6, Full),
    ("يونيو", 6, Full),
    ("يونيه", 6, Full),
    ("تموز", 7, Full),
    ("يوليو", 7, Full),
    ("يوليه", 7, Full),
    ("آب", 8, Full),
    ("أغسطس", 8, Full),
    ("اغسطس", 8, Full),
    ("أيلول", 9, Full),
    ("سبتمبر", 9, Full),
    ("تشرين الأول", 10, Full),
    ("أكتوبر", 10, Full),
    ("اكتوبر", 10, Full),
    ("تشرين الثاني", 11, Full),
    ("نوفمبر", 11, Full),
    ("كانون الأول", 12, Full),
    ("ديسمبر", 12, Full),
    // Arabic of the Maghreb: Morocco's (`غشت`), Mauritania's, and Algeria's and Tunisia's
    // from the French names (`جانفي`, `أوت`)
    ("جانفي", 1, Full),
    ("فيفري", 2, Full),
    ("إبريل", 4, Full),
    ("أفريل", 4, Full),
    ("افريل", 4, Full),
    ("ماي", 5, Full),
    ("جوان", 6, Full),
    ("يوليوز", 7, Full),
    ("جويلية", 7, Full),
    ("غشت", 8, Full),
    ("أغشت", 8, Full),
    ("اغشت", 8, Full),
    ("أوت", 8, Full),
    ("اوت", 8, Full),
    ("شتنبر", 9, Full),
    ("شتمبر", 9, Full),
    ("نونبر", 11, Full),
    ("دجنبر", 12, Full),
    ("دجمبر", 12, Full),
    // Levantine names written with a bare alef, as much text does
    ("اذار", 3, Full),
    ("ايار", 5, Full),
    ("ايلول", 9, Full),
];

/// Weekday names in lower case: (name, day 1–7 from Monday, spelling). English first, then
/// the other languages, whose date lines may open with the day (`Mittwoch, 3. Mai 2016`).
pub const WEEKDAY_NAMES: &[(&str, u32, Spelling)] = &[
    ("monday", 1, Full),
    ("mon", 1, Short),
    ("tuesday", 2, Full),
    ("tues", 2, Short),
    ("tue", 2, Short),
    ("wednesday", 3, Full),
    ("wed", 3, Short),
    ("thursday", 4, Full),
    ("thurs", 4, Short),
    ("thu", 4, Short),
    ("friday", 5, Full),
    ("fri", 5, Short),
    ("saturday", 6, Full),
    ("sat", 6, Short),
    ("sunday", 7, Full),
    ("sun", 7, Short),
    // French
    ("lundi", 1, Full),
    ("mardi", 2, Full),
    ("mercredi", 3, Full),
    ("jeudi", 4, Full),
    ("vendredi", 5, Full),
    ("samedi", 6, Full),
    ("dimanche", 7, Full),
    ("lun", 1, Short),
    ("mar", 2, Short),
    ("mer", 3, Short),
    ("jeu", 4, Short),
    ("ven", 5, Short),
    ("sam", 6, Short),
    ("dim", 7, Short),
    // Spanish
    ("lunes", 1, Full),
    ("martes", 2, Full),
    ("miércoles", 3, Full),
    ("miercoles", 3, Full),
    ("jueves", 4, Full),
    ("viernes", 5, Full),
    ("sábado", 6, Full),
    ("sabado", 6, Full),
    ("domingo", 7, Full),
    ("mié", 3, Short),
    ("mie", 3, Short),
    ("jue", 4, Short),
    ("vie", 5, Short),
    ("sáb", 6, Short),
    ("dom", 7, Short),
    // German
    ("montag", 1, Full),
    ("dienstag", 2, Full),
    ("mittwoch", 3, Full),
    ("donnerstag", 4, Full),
    ("freitag", 5, Full),
    ("samstag", 6, Full),
    ("sonnabend", 6, Full),
    ("sonntag", 7, Full),
    ("mo", 1, Short),
    ("di", 2, Short),
    ("mi", 3, Short),
    ("do", 4, Short),
    ("fr", 5, Short),
    ("sa", 6, Short),
    ("so", 7, Short),
    // Italian
    ("lunedì", 1, Full),
    ("lunedi", 1, Full),
    ("martedì", 2, Full),
    ("martedi", 2, Full),
    ("mercoledì", 3, Full),
    ("mercoledi", 3, Full),
    ("giovedì", 4, Full),
    ("giovedi", 4, Full),
    ("venerdì", 5, Full),
    ("venerdi", 5, Full),
    ("sabato", 6, Full),
    ("domenica", 7, Full),
    ("gio", 4, Short),
    ("sab", 6, Short),
    // Portuguese
    ("segunda-feira", 1, Full),
    ("terça-feira", 2, Full),
    ("terca-feira", 2, Full),
    ("quarta-feira", 3, Full),
    ("quinta-feira", 4, Full),
    ("sexta-feira", 5, Full),
    ("segunda", 1, Short),
    ("seg", 1, Short),
    ("terça", 2, Short),
    ("terca", 2, Short),
    ("ter", 2, Short),
    ("quarta", 3, Short),
    ("qua", 3, Short),
    ("quinta", 4, Short),
    ("qui", 4, Short),
    ("sexta", 5, Short),
    ("sex", 5, Short),
    // Dutch
    ("maandag", 1, Full),
    ("dinsdag", 2, Full),
    ("woensdag", 3, Full),
    ("donderdag", 4, Full),
    ("vrijdag", 5, Full),
    ("zaterdag", 6, Full),
    ("zondag", 7, Full),
    ("ma", 1, Short),
    ("wo", 3, Short),
    ("vr", 5, Short),
    ("za", 6, Short),
    ("zo", 7, Short),
    // Turkish
    ("pazartesi", 1, Full),
    ("salı", 2, Full),
    ("çarşamba", 3, Full),
    ("carsamba", 3, Full),
    ("perşembe", 4, Full),
    ("persembe", 4, Full),
    ("cuma", 5, Full),
    ("cumartesi", 6, Full),
    ("pazar", 7, Full),
    ("pzt", 1, Short),
    ("sal", 2, Short),
    ("çar", 3, Short),
    ("per", 4, Short),
    ("cum", 5, Short),
    ("cmt", 6, Short),
    ("paz", 7, Short),
    // Russian, with the accusative of `в среду`
    ("понедельник", 1, Full),
    ("вторник", 2, Full),
    ("среда", 3, Full),
    ("среду", 3, Full),
    ("четверг", 4, Full),
    ("пятница", 5, Full),
    ("пятницу", 5, Full),
    ("суббота", 6, Full),
    ("субботу", 6, Full),
    ("воскресенье", 7, Full),
    ("пн", 1, Short),
    ("вт", 2, Short),
    ("ср", 3, Short),
    ("чт", 4, Short),
    ("пт", 5, Short),
    ("сб", 6, Short),
    ("вс", 7, Short),
    // Arabic
    ("الاثنين", 1, Full),
    ("الإثنين", 1, Full),
    ("الثلاثاء", 2, Full),
    ("الأربعاء", 3, Full),
    ("الاربعاء", 3, Full),
    ("الخميس", 4, Full),
    ("الجمعة", 5, Full),
    ("السبت", 6, Full),
    ("الأحد", 7, Full),
    ("الاحد", 7, Full),
];

/// A regex group matching any month name of [`MONTH_NAMES`] (no final period), for
/// patterns compiled case-insensitively.
pub fn month_pattern() -> &'static str {
    static PATTERN: LazyLock<String> = LazyLock::new(|| alternation(MONTH_NAMES, false));
    &PATTERN
}

/// A regex group matching any weekday name of [`WEEKDAY_NAMES`] (no final period), for
/// patterns compiled case-insensitively.
pub fn weekday_pattern() -> &'static str {
    static PATTERN: LazyLock<String> = LazyLock::new(|| alternation(WEEKDAY_NAMES, false));
    &PATTERN
}

/// [`month_pattern`] for ASCII text: only the names written in ASCII (`mai`, not `août`).
pub fn ascii_month_pattern() -> &'static str {
    static PATTERN: LazyLock<String> = LazyLock::new(|| alternation(MONTH_NAMES, true));
    &PATTERN
}

/// [`weekday_pattern`] for ASCII text: only the names written in ASCII.
pub fn ascii_weekday_pattern() -> &'static str {
    static PATTERN: LazyLock<String> = LazyLock::new(|| alternation(WEEKDAY_NAMES, true));
    &PATTERN
}

/// `(?:september|sept|…)`: longer names first, so that a name is never cut short to an
/// abbreviation of it where both would match. The space of a two-word name (`كانون الثاني`)
/// is written `\s+`: it matches any spacing, and survives patterns compiled with `(?x)`,
/// which drop a literal space.
///
/// The names are written as a trie (`(?:s(?:ep(?:t(?:ember|embre|…)|)…)|…)`), which
/// matches what the plain list matches: names of different first letters never match at
/// one place, and within a branch the longer names still come first. A case-insensitive
/// list of names is no list of literals to the regex engine, so it would try each name in
/// turn at every place a dateline's date may start.
fn alternation(table: &[(&str, u32, Spelling)], ascii_only: bool) -> String {
    let mut names: Vec<&str> = table
        .iter()
        .map(|(name, ..)| *name)
        .filter(|name| !ascii_only || name.is_ascii())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let names: Vec<Vec<String>> = names
        .iter()
        .map(|n| {
            n.chars()
                .map(|c| match c {
                    ' ' => r"\s+".to_string(),
                    c => regex::escape(c.encode_utf8(&mut [0; 4])),
                })
                .collect()
        })
        .collect();
    let names: Vec<&[String]> = names.iter().map(Vec::as_slice).collect();
    trie(&names)
}

/// `names` (pieces of pattern, longest name first) as one group whose branches share
/// their first pieces. A name that ends here comes last, as it is the shortest.
fn trie(names: &[&[String]]) -> String {
    let mut branches: Vec<(&String, Vec<&[String]>)> = Vec::new();
    let mut ends_here = false;
    for name in names {
        let Some((first, rest)) = name.split_first() else {
            ends_here = true;
            continue;
        };
        match branches.iter_mut().find(|(head, _)| *head == first) {
            Some((_, rests)) => rests.push(rest),
            None => branches.push((first, vec![rest])),
        }
    }
    let mut alternatives: Vec<String> = branches
        .iter()
        .map(|(head, rests)| match rests.as_slice() {
            [rest] => format!("{head}{}", rest.concat()),
            _ => format!("{head}{}", trie(rests)),
        })
        .collect();
    if ends_here {
        alternatives.push(String::new());
    }
    format!("(?:{})", alternatives.join("|"))
}

/// The month (1–12) a name or abbreviation spells, in any case and spacing: `April`,
/// `SEPT`, `apr`, `كانون  الثاني`.
pub fn month_number(name: &str) -> Option<u32> {
    if name.contains(char::is_whitespace) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        return lookup(MONTH_NAMES, &name).map(|(_, month, _)| month);
    }
    lookup(MONTH_NAMES, name).map(|(_, month, _)| month)
}

/// How many rows of [`MONTH_NAMES`], from the first, are English.
const ENGLISH_MONTHS: usize = 24;

/// The month of the first English name that starts `word`, however the rest is spelt:
/// English wire copy types `Febuary` and `Sept`, and only the first letters are sure. Not
/// the other languages' names, whose abbreviations start common words (Turkish `ara`,
/// `kas`, `tem` start `Arabia`, `Kassel`, `Temple`).
pub fn month_by_prefix(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    MONTH_NAMES[..ENGLISH_MONTHS]
        .iter()
        .find(|(name, ..)| word.starts_with(name))
        .map(|(_, month, _)| *month)
}

/// Is `word` a month or weekday written in full (`March`, `Friday`), in any case?
pub fn is_full_calendar_name(word: &str) -> bool {
    [MONTH_NAMES, WEEKDAY_NAMES]
        .into_iter()
        .any(|table| lookup(table, word).is_some_and(|(_, _, s)| s == Full))
}

fn lookup<'t>(
    table: &'t [(&'t str, u32, Spelling)],
    word: &str,
) -> Option<(&'t str, u32, Spelling)> {
    let found = |w: &str| table.iter().find(|(name, ..)| name.eq_ignore_ascii_case(w));
    if word.is_ascii() {
        found(word)
    } else {
        found(&word.to_lowercase())
    }
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn month_names_and_abbreviations() {
        for (name, month) in [
            ("January", Some(1)),
            ("jan", Some(1)),
            ("MAY", Some(5)),
            ("june", Some(6)),
            ("Sept", Some(9)),
            ("sep", Some(9)),
            ("September", Some(9)),
            ("DEC", Some(12)),
            ("ja", None),
            ("janu", None),
            ("mayday", None),
            ("", None),
        ] {
            assert_eq!(month_number(name), month, "{name}");
        }
    }

    #[test]
    fn month_by_prefix_forgives_typos_after_the_abbreviation() {
        assert_eq!(month_by_prefix("Febuary"), Some(2));
        assert_eq!(month_by_prefix("MARCH"), Some(3));
        assert_eq!(month_by_prefix("Jul"), Some(7));
        assert_eq!(month_by_prefix("Mayo"), Some(5));
        assert_eq!(month_by_prefix("Ju"), None);
        assert_eq!(month_by_prefix("Monday"), None);
    }

    #[test]
    fn the_tables_hold_every_cldr_name_of_the_ten_languages() {
        // data/calendar-cldr.tsv, from scripts/calendar_names.py: every month and weekday
        // name CLDR gives the ten languages and their regional variants, in full and
        // abbreviated (`нояб`, `nis`, `di`, `غشت`, `juill`).
        let cldr = include_str!("../../../data/calendar-cldr.tsv");
        let mut rows = 0;
        for line in cldr.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, number, name, _locales] = fields[..] else {
                panic!("bad row {line:?}");
            };
            let table = match kind {
                "month" => MONTH_NAMES,
                "weekday" => WEEKDAY_NAMES,
                _ => panic!("bad kind {line:?}"),
            };
            let found = lookup(table, name).map(|(_, n, _)| n.to_string());
            assert_eq!(found.as_deref(), Some(number), "{kind} {name}");
            rows += 1;
        }
        assert!(rows > 300, "{rows}");
    }

    #[test]
    fn month_by_prefix_reads_english_names_only() {
        assert_eq!(MONTH_NAMES[ENGLISH_MONTHS - 1].0, "dec");
        assert_eq!(MONTH_NAMES[ENGLISH_MONTHS].0, "janvier");
        assert_eq!(month_by_prefix("Arabia"), None);
        assert_eq!(month_by_prefix("Kassel"), None);
        assert_eq!(month_by_prefix("Decmber"), Some(12));
    }

    #[test]
    fn every_month_and_weekday_has_a_full_name() {
        for (table, count) in [(MONTH_NAMES, 12), (WEEKDAY_NAMES, 7)] {
            for number in 1..=count {
                let full = table
                    .iter()
                    .filter(|(_, n, s)| *n == number && *s == Full)
                    .count();
                assert!(full >= 1, "{number}");
            }
            assert!(table.iter().all(|(_, n, _)| (1..=count).contains(n)));
            for (name, ..) in table {
                assert_eq!(name.to_lowercase(), *name);
            }
        }
    }

    #[test]
    fn full_calendar_names_only() {
        assert!(is_full_calendar_name("March"));
        assert!(is_full_calendar_name("friday"));
        assert!(is_full_calendar_name("MAY"));
        assert!(!is_full_calendar_name("Mar"));
        assert!(!is_full_calendar_name("Fri"));
        assert!(!is_full_calendar_name("Paris"));
    }

    /// The plain list of names the trie of [`alternation`] stands for.
    fn plain_alternation(table: &[(&str, u32, Spelling)]) -> String {
        let mut names: Vec<&str> = table.iter().map(|(name, ..)| *name).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        let names: Vec<String> = names.iter().map(|n| n.replace(' ', r"\s+")).collect();
        format!("(?:{})", names.join("|"))
    }

    #[test]
    fn name_tries_match_what_the_plain_lists_match() {
        for (table, trie) in [
            (MONTH_NAMES, month_pattern()),
            (WEEKDAY_NAMES, weekday_pattern()),
        ] {
            let trie = Regex::new(&format!("(?i)^{trie}")).unwrap();
            let plain = Regex::new(&format!("(?i)^{}", plain_alternation(table))).unwrap();
            for (name, ..) in table {
                let upper = name.to_uppercase();
                for text in [
                    name.to_string(),
                    format!("{name}."),
                    format!("{name} 9"),
                    format!("{name}x"),
                    upper.clone(),
                    format!("{upper}. 9"),
                    name.replace(' ', "  "),
                ] {
                    let found = |re: &Regex| re.find(&text).map(|m| m.as_str().to_string());
                    assert_eq!(found(&trie), found(&plain), "{text}");
                }
                assert_eq!(trie.find(name).map(|m| m.as_str()), Some(*name));
            }
        }
    }

    #[test]
    fn no_two_letters_of_the_names_are_one_letter_in_another_case() {
        // The tries rest on it: names of different first letters never match at one place.
        let mut letters: Vec<char> = [MONTH_NAMES, WEEKDAY_NAMES]
            .iter()
            .flat_map(|table| table.iter().flat_map(|(name, ..)| name.chars()))
            .collect();
        letters.sort_unstable();
        letters.dedup();
        for a in &letters {
            let re = Regex::new(&format!("(?i)^{}$", regex::escape(&a.to_string()))).unwrap();
            for b in letters.iter().filter(|b| *b != a) {
                assert!(!re.is_match(&b.to_string()), "{a} {b}");
            }
        }
    }

    #[test]
    fn patterns_prefer_the_whole_name() {
        let month = Regex::new(&format!("(?i)^{}", month_pattern())).unwrap();
        assert_eq!(month.find("September 9").unwrap().as_str(), "September");
        assert_eq!(month.find("Sept. 9").unwrap().as_str(), "Sept");
        assert_eq!(month.find("jun 9").unwrap().as_str(), "jun");
        let weekday = Regex::new(&format!("(?i)^{}", weekday_pattern())).unwrap();
        assert_eq!(weekday.find("Thursday,").unwrap().as_str(), "Thursday");
        assert_eq!(weekday.find("Thurs.").unwrap().as_str(), "Thurs");
        assert!(weekday.find("Thorsday").is_none());
    }
}
