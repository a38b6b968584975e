//! Person names that look like places: "John Kerry", "President Jordan", "Paris Hilton".

use super::super::gazetteer::{Entry, Gazetteer};
use super::candidates::Candidate;
use super::tokens::{Gap, Style, Token, WordSet};
use super::words::{
    BRAND_PLACES, COMPANY_WORDS, FIRST_NAME_PLACES, FUNCTION_WORDS, HONORIFICS, NOBLE_TITLES,
    PLACE_FOLLOWERS, QUALIFIERS, ROLE_WORDS,
};
use std::sync::LazyLock;

// The long word lists, as sets: a candidate's neighbours are tested against them.
pub(super) static FUNCTION: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(FUNCTION_WORDS));
static HONORIFIC: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(HONORIFICS));
static ROLE: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ROLE_WORDS));
static QUALIFIER: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(QUALIFIERS));
static PLACE_FOLLOWER: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PLACE_FOLLOWERS));

pub(super) fn is_adjectival(candidate: &Candidate) -> bool {
    candidate
        .entries
        .iter()
        .all(|e| matches!(e, Entry::Demonym(_) | Entry::Ignore | Entry::Region(_)))
}

/// The name is a country's, or an alias or demonym of one.
fn names_a_country(candidate: &Candidate) -> bool {
    candidate.entries.iter().any(|e| {
        matches!(
            e,
            Entry::Country(_) | Entry::CountryAlias(_) | Entry::Demonym(_)
        )
    })
}

/// A place after `TITLE of` or `TITLE Name of` ("Prince of Wales", "Lord Nicholls of
/// Birkenhead") is part of a title.
fn in_noble_title(tokens: &[Token], candidate: &Candidate) -> bool {
    let Some(of) = candidate.first.checked_sub(1) else {
        return false;
    };
    if !tokens[of].lower_is_any(&["of"]) || tokens[candidate.first].gap != Gap::Space {
        return false;
    }
    tokens[of.saturating_sub(3)..of]
        .iter()
        .rev()
        .take_while(|t| t.capitalised())
        .any(|t| t.lower_is_any(NOBLE_TITLES))
}

/// A company, brand or title named like a place: "Norwich Union", "the Phoenix
/// consortium", "Nokia", "Duke of Edinburgh".
fn is_company_or_title(tokens: &[Token], candidate: &Candidate) -> bool {
    if names_a_country(candidate) {
        return false;
    }
    if BRAND_PLACES.contains(&candidate.key) {
        return true;
    }
    let company_follows = !tokens[candidate.last].possessive
        && tokens
            .get(candidate.last + 1)
            .is_some_and(|t| t.gap == Gap::Space && t.lower_is_any(COMPANY_WORDS));
    company_follows || in_noble_title(tokens, candidate)
}

/// German articles, determiners and prepositions with the article: the capitalised word
/// after one is a noun (`der Provinz Limburg`, `die Stadt Valkenburg`, `seinen Heimathafen
/// Bremerhaven`), so the place after that noun is no surname.
const GERMAN_DETERMINERS: &[&str] = &[
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einen", "einer", "eines",
    "im", "am", "zum", "zur", "vom", "beim", "ins", "ans", "sein", "seine", "seinem", "seinen",
    "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer", "unser", "unsere", "unseren", "dieser",
    "diese", "diesem", "diesen", "jeder", "jede", "jedem",
];

/// Mark the candidates that are part of a person's name (see the module docs); `german`
/// when the article is German, where every noun is capitalised.
pub(super) fn mark_person_names(
    gaz: &Gazetteer,
    tokens: &[Token],
    candidates: &mut [Candidate],
    german: bool,
) {
    let mut previous_last: Option<usize> = None;
    let mut previous_city = false;
    for candidate in candidates.iter_mut() {
        let first = &tokens[candidate.first];
        let previous_is_place = previous_last.is_some_and(|last| last + 1 == candidate.first);
        let after_city = previous_is_place && previous_city;
        previous_last = Some(candidate.last);
        previous_city = !names_a_country(candidate)
            && candidate
                .entries
                .iter()
                .any(|e| matches!(e, Entry::City(_) | Entry::CityAlias(_)));
        if candidate.entries.contains(&Entry::Ignore) {
            continue;
        }
        if is_company_or_title(tokens, candidate) {
            candidate.person = true;
            continue;
        }
        if first.style() == Style::Caps {
            continue;
        }
        // "London Irish", "London Welsh": a nationality right after a town is the name of
        // a club or a society of that town, no nationality, and so is the nationality alone
        // in the rest of the story ("Irish replied with three penalties").
        if after_city
            && first.gap == Gap::Space
            && !tokens[candidate.first - 1].possessive
            && is_adjectival(candidate)
        {
            candidate.person = true;
            candidate.surname = candidate.first == candidate.last;
            continue;
        }
        let prev = candidate
            .first
            .checked_sub(1)
            .map(|k| &tokens[k])
            .filter(|_| first.gap == Gap::Space);
        if let Some(prev) = prev {
            // "President Chad", and in lower case "coach Gilbert", "striker Milan Baros".
            // Lower-case roles stand before countries too: "host Australia", "rival China".
            let title = if prev.capitalised() {
                prev.lower_is_in(&HONORIFIC)
            } else {
                !names_a_country(candidate) && prev.lower_is_in(&ROLE)
            };
            if title {
                candidate.person = true;
                candidate.surname = candidate.first == candidate.last;
                continue;
            }
            // A country's Russian case form is the complement of the word before it.
            let complement = first.declined && names_a_country(candidate);
            // A German noun after its article is no first name, and a country after a
            // German noun is its apposition (`Titelverteidiger Deutschland`, `Gastgeber
            // Russland`) unless the country is named like a person (`Jordan`, `Israel`).
            let noun = german
                && (candidate.first.checked_sub(2).is_some_and(|k| {
                    prev.gap == Gap::Space && tokens[k].lower_is_any(GERMAN_DETERMINERS)
                }) || (names_a_country(candidate)
                    && !FIRST_NAME_PLACES.contains(&candidate.key)));
            let after_name = first.style() == Style::Normal
                && !complement
                && !noun
                && prev.title_case()
                && !prev.possessive
                && !previous_is_place
                && !prev.lower_is_in(&QUALIFIER)
                && !prev.is_calendar_name()
                && (!prev.sentence_start || !prev.lower_is_in(&FUNCTION));
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
        // A possessive is no first name: "London's Tate" is London.
        // Nor is a word with a Turkish case suffix: "Batman'da Hasankeyf" is in Batman.
        if let Some(next) = next
            && candidate.first == candidate.last
            && !tokens[candidate.last].possessive
            && !tokens[candidate.last].suffixed
            && first_name_like
            && first.style() == Style::Normal
            && next.title_case()
            && !next.lower_is_in(&PLACE_FOLLOWER)
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

/// How a country name reads where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CountryUse {
    /// A place: "in Germany", "Germany said".
    Place,
    /// An adjective: "the German economy", "Palestinian interests".
    Adjective,
    /// The nationality of someone or something named next: "German car maker BMW",
    /// "US tycoon Malcolm Glazer", "Spain's Felix Mantilla", "Belgian Kim Gevaert".
    Nationality,
}

/// How `candidate`, a country, demonym or place name, is used. `starts_place` tells the
/// tokens that begin another place name: one is nobody's name ("Germany beat France").
pub(super) fn country_use(
    tokens: &[Token],
    candidate: &Candidate,
    starts_place: impl Fn(usize) -> bool,
) -> CountryUse {
    let demonym = is_adjectival(candidate);
    if !demonym && !names_a_country(candidate) {
        return CountryUse::Place;
    }
    let after = &tokens[candidate.last + 1..];
    let is_name = |t: &Token| {
        t.gap == Gap::Space
            && t.title_case()
            && !t.sentence_start
            && !t.is_calendar_name()
            && !t.lower_is_in(&FUNCTION)
    };
    let fallback = if demonym {
        CountryUse::Adjective
    } else {
        CountryUse::Place
    };
    if tokens[candidate.last].possessive {
        // "Spain's Felix Mantilla", not "Russia's second-largest brewer".
        return if after.first().is_some_and(is_name) {
            CountryUse::Nationality
        } else {
            fallback
        };
    }
    // "US tycoon Malcolm Glazer": one to three lower-case words, then a name; a demonym
    // right before a name of two words ("Belgian Kim Gevaert", not "Palestinian
    // Authority").
    let lower = after
        .iter()
        .take(4)
        .take_while(|t| {
            t.gap == Gap::Space
                && t.text.starts_with(|c: char| c.is_lowercase())
                && !t.lower_is_in(&FUNCTION)
        })
        .count();
    let next = candidate.last + 1;
    let named = match lower {
        0 => {
            demonym
                && after.len() >= 2
                && is_name(&after[0])
                && is_name(&after[1])
                && !starts_place(next)
        }
        1..=3 => after.get(lower).is_some_and(is_name) && !starts_place(next + lower),
        _ => false,
    };
    if named {
        CountryUse::Nationality
    } else {
        fallback
    }
}
