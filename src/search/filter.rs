//! Result filters given as flags: `--from`/`--to` dates, `--date-source`, `--source`,
//! `--location` places and `--location-basis`.

use crate::article::{Basis, DateSource};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use std::fmt;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};

/// Which end of a date range a flag gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    From,
    To,
}

/// A date flag that could not be read, or two that do not make a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateFlagError {
    Unreadable {
        flag: &'static str,
        value: String,
        reason: String,
    },
    /// `--to` ends before `--from` starts.
    Inverted { from: String, to: String },
}

impl fmt::Display for DateFlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateFlagError::Unreadable {
                flag,
                value,
                reason,
            } => write!(
                f,
                "cannot parse date \"{value}\" in {flag}: {reason} (use YYYY, YYYY-MM or YYYY-MM-DD)"
            ),
            DateFlagError::Inverted { from, to } => write!(
                f,
                "the dates are the wrong way round: --to {to} ends before --from {from} starts; swap them"
            ),
        }
    }
}

impl std::error::Error for DateFlagError {}

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    /// First instant included.
    pub start: Option<DateTime<Utc>>,
    /// First instant after the range.
    pub end_exclusive: Option<DateTime<Utc>>,
}

impl DateRange {
    /// Build from the `--from` and `--to` flag values.
    pub fn from_flags(from: Option<&str>, to: Option<&str>) -> Result<DateRange, DateFlagError> {
        let start = from.map(|v| parse_bound(v, End::From)).transpose()?;
        let end_exclusive = to.map(|v| parse_bound(v, End::To)).transpose()?;
        if let (Some(s), Some(e)) = (start, end_exclusive)
            && s >= e
        {
            return Err(DateFlagError::Inverted {
                from: from.unwrap_or_default().trim().to_string(),
                to: to.unwrap_or_default().trim().to_string(),
            });
        }
        Ok(DateRange {
            start,
            end_exclusive,
        })
    }

    pub fn is_open(&self) -> bool {
        self.start.is_none() && self.end_exclusive.is_none()
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → the first instant of that period (`From`) or the
/// first instant after it (`To`), so that `--to 2016-04` includes all of April 30.
pub fn parse_bound(value: &str, end: End) -> Result<DateTime<Utc>, DateFlagError> {
    let flag = match end {
        End::From => "--from",
        End::To => "--to",
    };
    let err = |reason: &str| DateFlagError::Unreadable {
        flag,
        value: value.to_string(),
        reason: reason.to_string(),
    };
    // A time of day would otherwise be read as a malformed day ("the day must be 2
    // digits"); the index keeps days, so say that instead.
    if let Some((day, _)) = value.trim().split_once(['T', 't', ' ']) {
        return Err(match parse_bound(day, end) {
            Ok(_) => err(&format!(
                "dates are whole days, without a time of day: write {day}"
            )),
            Err(DateFlagError::Unreadable { reason, .. }) => err(&reason),
            Err(inverted) => inverted,
        });
    }
    let parts: Vec<&str> = value.trim().split('-').collect();
    let number = |s: &str, len: usize, what: &str| -> Result<u32, DateFlagError> {
        if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(&format!("{what} must be {len} digits")));
        }
        s.parse()
            .map_err(|_| err(&format!("{what} is not a number")))
    };
    let year = number(parts[0], 4, "the year")? as i32;
    let (month, day) = match parts.len() {
        1 => (None, None),
        2 => (Some(number(parts[1], 2, "the month")?), None),
        3 => (
            Some(number(parts[1], 2, "the month")?),
            Some(number(parts[2], 2, "the day")?),
        ),
        _ => return Err(err("too many parts")),
    };
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(err("month must be 01–12"));
    }
    let first = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
        .ok_or_else(|| err("that day does not exist in that month"))?;
    let bound = match (end, month, day) {
        (End::From, ..) => Some(first),
        (End::To, None, _) => NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
        (End::To, Some(_), None) => first.checked_add_months(Months::new(1)),
        (End::To, Some(_), Some(_)) => first.succ_opt(),
    }
    .ok_or_else(|| err("date out of range"))?;
    Ok(bound.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
}

/// Articles whose `field` (a raw-tokenized field: `source`, `date_source`) is one of
/// `sources` (exact match on the stored value); `None` when none is asked for. Like every
/// filter it does not change the ranking.
pub fn source_filter(field: Field, sources: &[String]) -> Option<Box<dyn Query>> {
    any_term(
        sources
            .iter()
            .map(|source| Term::from_field_text(field, source.trim()))
            .collect(),
    )
}

/// Articles dated by one of `sources` (`--date-source`); `None` when none is asked for.
/// An undated article has no source, so it never passes.
pub fn date_source_filter(field: Field, sources: &[DateSource]) -> Option<Box<dyn Query>> {
    let names: Vec<String> = sources.iter().map(|s| s.as_str().to_string()).collect();
    source_filter(field, &names)
}

/// Articles with a place in `field` at or under one of the facet paths `places` (`/Syria`
/// matches `/Syria/Aleppo/Aleppo` too); `None` when no place is asked for.
pub fn place_filter(field: Field, places: &[String]) -> Option<Box<dyn Query>> {
    let terms = places.iter().filter_map(|p| Facet::from_text(p).ok());
    any_facet(field, terms.collect())
}

/// `--location-basis`: articles about a place at or under one of `places` (any place,
/// when none is asked for) that was chosen on one of `bases`. The basis is that of the
/// place matched, not of any place of the article: a story about Iraq by its headline and
/// about Syria by repeated mentions passes `--location Syria --location-basis headline`
/// only through Iraq, so not at all. `location_basis` holds each about place under its
/// basis's name (`/headline/Iraq`), whose ancestors are terms too. `None` when no basis is
/// asked for.
pub fn based_place_filter(
    location_basis: Field,
    places: &[String],
    bases: &[Basis],
) -> Option<Box<dyn Query>> {
    let mut terms = Vec::new();
    for basis in bases {
        let root = format!("/{}", basis.as_str());
        if places.is_empty() {
            terms.extend(Facet::from_text(&root).ok());
        }
        for place in places {
            terms.extend(Facet::from_text(&format!("{root}{place}")).ok());
        }
    }
    any_facet(location_basis, terms)
}

/// Articles holding any of `facets` in `field`, or under one; a filter, never a score.
fn any_facet(field: Field, facets: Vec<Facet>) -> Option<Box<dyn Query>> {
    any_term(facets.iter().map(|f| Term::from_facet(field, f)).collect())
}

/// Articles holding any of `terms`; a filter, never a score. `None` without terms.
fn any_term(terms: Vec<Term>) -> Option<Box<dyn Query>> {
    if terms.is_empty() {
        return None;
    }
    let any: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|term| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    Some(Box::new(BoostQuery::new(
        Box::new(BooleanQuery::new(any)),
        0.0,
    )))
}

/// Articles in one of the languages `langs` (codes as stored: `fr`, `und`); `None` when no
/// language is asked for. A language is an exact term like a source.
pub fn lang_filter(field: Field, langs: &[String]) -> Option<Box<dyn Query>> {
    source_filter(field, langs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn to_month_includes_its_last_day() {
        assert_eq!(
            parse_bound("2016-04", End::To).unwrap(),
            ymd("2016-05-01T00:00:00Z")
        );
        assert_eq!(
            parse_bound("2016-12", End::To).unwrap(),
            ymd("2017-01-01T00:00:00Z")
        );
    }

    #[test]
    fn to_year_and_day_are_inclusive() {
        assert_eq!(
            parse_bound("2016", End::To).unwrap(),
            ymd("2017-01-01T00:00:00Z")
        );
        assert_eq!(
            parse_bound("2016-02-29", End::To).unwrap(),
            ymd("2016-03-01T00:00:00Z")
        );
    }

    #[test]
    fn from_is_first_instant() {
        assert_eq!(
            parse_bound("2016-04", End::From).unwrap(),
            ymd("2016-04-01T00:00:00Z")
        );
    }

    #[test]
    fn bad_dates_say_what_to_fix() {
        let e = parse_bound("2016-13-45", End::From).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot parse date \"2016-13-45\" in --from: month must be 01–12 (use YYYY, YYYY-MM or YYYY-MM-DD)"
        );
        assert!(parse_bound("2015-02-29", End::To).is_err());
        assert!(parse_bound("April 2016", End::To).is_err());
        assert!(parse_bound("16-04", End::To).is_err());
        assert!(parse_bound("", End::To).is_err());
    }

    #[test]
    fn a_time_of_day_is_refused_with_the_day_to_write() {
        for value in [
            "1987-03-31T12:00",
            "1987-03-31 12:00",
            "1987-03-31T00:00:00Z",
        ] {
            assert_eq!(
                parse_bound(value, End::To).unwrap_err().to_string(),
                format!(
                    "cannot parse date \"{value}\" in --to: dates are whole days, without a time of day: write 1987-03-31 (use YYYY, YYYY-MM or YYYY-MM-DD)"
                )
            );
        }
        // A bad day before the time is reported as such.
        assert_eq!(
            parse_bound("1987-02-30T12:00", End::From)
                .unwrap_err()
                .to_string(),
            "cannot parse date \"1987-02-30T12:00\" in --from: that day does not exist in that month (use YYYY, YYYY-MM or YYYY-MM-DD)"
        );
    }

    #[test]
    fn reversed_range_is_an_error() {
        assert_eq!(
            DateRange::from_flags(Some("2016-05"), Some("2016-04"))
                .unwrap_err()
                .to_string(),
            "the dates are the wrong way round: --to 2016-04 ends before --from 2016-05 starts; swap them"
        );
        assert_eq!(
            DateRange::from_flags(Some("2016-04"), Some("2016-04")).unwrap(),
            DateRange {
                start: Some(ymd("2016-04-01T00:00:00Z")),
                end_exclusive: Some(ymd("2016-05-01T00:00:00Z")),
            }
        );
    }
}
