//! Person names that look like places: "John Kerry", "President Jordan", "Paris Hilton".

use super::super::gazetteer::{Entry, Gazetteer};
use super::candidates::Candidate;
use super::tokens::{Gap, Style, Token};
use super::words::{FIRST_NAME_PLACES, FUNCTION_WORDS, HONORIFICS, PLACE_FOLLOWERS, QUALIFIERS};

pub(super) fn is_adjectival(candidate: &Candidate) -> bool {
    candidate
        .entries
        .iter()
        .all(|e| matches!(e, Entry::Demonym(_) | Entry::Ignore | Entry::Region(_)))
}

pub(super) fn mark_person_names(gaz: &Gazetteer, tokens: &[Token], candidates: &mut [Candidate]) {
    let mut previous_last: Option<usize> = None;
    for candidate in candidates.iter_mut() {
        let first = &tokens[candidate.first];
        let previous_is_place = previous_last.is_some_and(|last| last + 1 == candidate.first);
        previous_last = Some(candidate.last);
        if first.style() == Style::Caps || candidate.entries.contains(&Entry::Ignore) {
            continue;
        }
        let prev = candidate
            .first
            .checked_sub(1)
            .map(|k| &tokens[k])
            .filter(|_| first.gap == Gap::Space);
        if let Some(prev) = prev {
            if prev.capitalised() && prev.lower_is_any(HONORIFICS) {
                candidate.person = true;
                candidate.surname = candidate.first == candidate.last;
                continue;
            }
            let after_name = first.style() == Style::Normal
                && prev.title_case()
                && !prev.possessive
                && !previous_is_place
                && !prev.lower_is_any(QUALIFIERS)
                && !prev.is_calendar_name()
                && (!prev.sentence_start || !prev.lower_is_any(FUNCTION_WORDS));
            if after_name && !is_adjectival(candidate) {
                candidate.person = true;
                candidate.surname = candidate.first == candidate.last;
                continue;
            }
        }
        // "Paris Hilton", "Jordan Spieth": a first-name-like place before a name.
        let next = tokens
            .get(candidate.last + 1)
            .filter(|t| t.gap == Gap::Space);
        // Countries and demonyms are exempt unless they are first names too: "Russia
        // Today" is Russia, "Elgin Blenders" is no city.
        let first_name_like = FIRST_NAME_PLACES.contains(&candidate.key)
            || candidate.entries.iter().all(|e| {
                matches!(
                    e,
                    Entry::City(_) | Entry::CitySecondary(_) | Entry::Region(_)
                )
            });
        if let Some(next) = next
            && candidate.first == candidate.last
            && first_name_like
            && first.style() == Style::Normal
            && next.title_case()
            && !next.lower_is_any(PLACE_FOLLOWERS)
            && !next.is_calendar_name()
            && gaz.lookup(next.text).is_empty()
        {
            candidate.person = true;
        }
    }
    // One sense per discourse: a surname stays a surname.
    let surnames: Vec<&str> = candidates
        .iter()
        .filter(|c| c.surname)
        .map(|c| c.key)
        .collect();
    for candidate in candidates.iter_mut() {
        if candidate.first == candidate.last && surnames.contains(&candidate.key) {
            candidate.person = true;
        }
    }
}
