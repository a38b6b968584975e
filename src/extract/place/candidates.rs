//! Candidate place names in the tokens (the longest phrase the gazetteer knows at each
//! capitalised word) and their resolution to places, weighing the evidence the article
//! gives (countries named, states, the dateline).

use super::super::gazetteer::{
    BIG_CITY, Entry, FastMap, FastSet, Gazetteer, Place, WORD_LANGUAGES, WORLD_CITY,
};
use super::people::FUNCTION;
use super::tokens::{Gap, Style, Token};
use super::words::{
    COMPANY_WORDS, CONNECTORS, HOME_COUNTRIES, INSTITUTIONS, LOOKALIKE_CITIES, SHORT_NAMES,
};
use std::borrow::Cow;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) key: &'static str,
    pub(super) entries: &'static [Entry],
    /// Part of a person's name (rejected).
    pub(super) person: bool,
    /// A surname: later bare uses of the word are the person too.
    pub(super) surname: bool,
}

/// Append the lookup key of one token to `key`: what [`normalize_key`](super::super::gazetteer::normalize_key) makes of it, since
/// a token holds no space, hyphen or underscore.
pub(super) fn push_token_key(key: &mut String, word: &str) {
    if word.is_ascii() {
        key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        for c in word.chars() {
            super::super::gazetteer::push_key_char(key, c);
        }
    }
}

/// The place names in `tokens`: at each capitalised token, the longest phrase the
/// gazetteer knows. Phrases grow a word at a time and stop as soon as no name starts
/// with the words so far, so most tokens cost one hash lookup and no allocation.
pub(super) fn find_candidates(gaz: &'static Gazetteer, tokens: &[Token]) -> Vec<Candidate> {
    let max_words = gaz.longest_name_words().clamp(1, 8);
    let mut candidates = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].capitalised() {
            i += 1;
            continue;
        }
        key.clear();
        let mut found = None;
        for n in 1..=max_words.min(tokens.len() - i) {
            let token = &tokens[i + n - 1];
            if n > 1 {
                // A name runs on over spaces and hyphens, through capitalised words and
                // connectors (`Rio de Janeiro`), never past a possessive.
                let joined = matches!(token.gap, Gap::Space | Gap::Hyphen)
                    && !tokens[i + n - 2].possessive
                    && (token.capitalised() || CONNECTORS.contains(&token.text));
                if !joined {
                    break;
                }
                key.push(' ');
            }
            push_token_key(&mut key, token.text);
            let Some(phrase) = gaz.lookup_phrase(&key) else {
                break;
            };
            // A connector may not end a name; a region name that is not read in running
            // text is no name here.
            let in_text = phrase
                .entries
                .iter()
                .any(|e| !matches!(e, Entry::Region(_)));
            if in_text && token.capitalised() {
                found = Some((n, phrase.key, phrase.entries));
            }
            if !phrase.continues {
                break;
            }
        }
        match found {
            Some((n, key, entries)) => {
                candidates.push(Candidate {
                    first: i,
                    last: i + n - 1,
                    key,
                    entries,
                    person: false,
                    surname: false,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    candidates
}

/// Words of first-level region names that say nothing of where a region is: a word that
/// regions share is read in text only when it names a place (`Darfur`, not `Northern`).
const REGION_NAME_WORDS: &[&str] = &[
    "north",
    "northern",
    "south",
    "southern",
    "east",
    "eastern",
    "west",
    "western",
    "central",
    "upper",
    "lower",
    "middle",
    "greater",
    "great",
    "new",
    "old",
    "saint",
    "santa",
    "province",
    "region",
    "oblast",
    "governorate",
    "district",
    "state",
    "territory",
    "capital",
    "autonomous",
    "republic",
    "special",
    "city",
    "federal",
    "county",
    "prefecture",
    "municipality",
    "department",
    "islands",
    "island",
    "coast",
    "highlands",
    "lowlands",
    "mountain",
    "mountains",
    "valley",
    "river",
    "lake",
    "sea",
    "krai",
    "kray",
    "okrug",
    "voivodeship",
    "division",
    "emirate",
    "parish",
    "corporation",
    "aimak",
    "monte",
];

/// Words that two first-level regions or more of one country, and no other, share in
/// their names, and that are no name the gazetteer knows: `darfur` (Northern, Southern,
/// Western and Eastern Darfur) and `kordofan` → Sudan, `sulawesi` → Indonesia. A region
/// that news names by such a word is divided in GeoNames' admin data.
fn region_words(gaz: &Gazetteer) -> &FastMap<String, u16> {
    static MAP: OnceLock<FastMap<String, u16>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut seen: FastMap<String, (u16, usize)> = FastMap::default();
        let mut shared_abroad: FastSet<String> = FastSet::default();
        for state in gaz.states.iter() {
            let key = super::super::gazetteer::normalize_key(&state.name);
            let words: FastSet<&str> = key.split(' ').collect();
            for word in words {
                if word.chars().filter(|c| c.is_alphabetic()).count() < 4
                    || REGION_NAME_WORDS.contains(&word)
                {
                    continue;
                }
                match seen.get_mut(word) {
                    Some((country, n)) if *country == state.country => *n += 1,
                    Some(_) => {
                        shared_abroad.insert(word.to_string());
                    }
                    None => {
                        seen.insert(word.to_string(), (state.country, 1));
                    }
                }
            }
        }
        seen.into_iter()
            .filter(|(word, (_, n))| {
                *n >= 2 && !shared_abroad.contains(word) && gaz.lookup_key(word).is_empty()
            })
            .map(|(word, (country, _))| (word, country))
            .collect()
    })
}

/// Words of divided regions ([`region_words`]) standing alone in the text (`in Darfur`,
/// not a word of a longer name), outside every candidate: `(country, token)`.
pub(super) fn find_region_words(
    gaz: &Gazetteer,
    tokens: &[Token],
    candidates: &[Candidate],
) -> Vec<(u16, usize)> {
    let words = region_words(gaz);
    let mut found = Vec::new();
    let mut key = String::new();
    let mut next_candidate = 0;
    let name_word = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.capitalised() && !t.lower_is_in(&FUNCTION))
    };
    for (i, token) in tokens.iter().enumerate() {
        while candidates.get(next_candidate).is_some_and(|c| c.last < i) {
            next_candidate += 1;
        }
        if !token.title_case() || candidates.get(next_candidate).is_some_and(|c| c.first <= i) {
            continue;
        }
        key.clear();
        push_token_key(&mut key, token.text);
        let Some(country) = words.get(key.as_str()) else {
            continue;
        };
        let joined_before = !token.sentence_start
            && matches!(token.gap, Gap::Space | Gap::Hyphen)
            && !tokens[i - 1].possessive
            && name_word(i - 1);
        let joined_after = !token.possessive
            && tokens
                .get(i + 1)
                .is_some_and(|t| matches!(t.gap, Gap::Space | Gap::Hyphen) && !t.sentence_start)
            && name_word(i + 1);
        if !joined_before && !joined_after {
            found.push((*country, i));
        }
    }
    found
}

/// An institution named in the text ("Downing Street", "the Kremlin") and its country.
#[derive(Debug, Clone, Copy)]
pub(super) struct Institution {
    pub(super) country: u16,
    pub(super) first: usize,
    pub(super) last: usize,
}

/// Institution names by first word: `(all words, country code)`, longest first.
type InstitutionIndex = FastMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>;

/// [`INSTITUTIONS`] by first word.
fn institutions_by_first_word() -> &'static InstitutionIndex {
    static MAP: OnceLock<InstitutionIndex> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: FastMap<&str, Vec<(Vec<&str>, &str)>> = FastMap::default();
        for (name, code) in INSTITUTIONS {
            let words: Vec<&str> = name.split(' ').collect();
            map.entry(words[0]).or_default().push((words, code));
        }
        for phrases in map.values_mut() {
            phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        map
    })
}

/// The institutions of [`INSTITUTIONS`] in `tokens`. A one-word name right after a
/// capitalised word is part of another name ("Creative Commons") and does not count.
pub(super) fn find_institutions(gaz: &Gazetteer, tokens: &[Token]) -> Vec<Institution> {
    let map = institutions_by_first_word();
    let mut found = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if !token.capitalised() {
            i += 1;
            continue;
        }
        key.clear();
        push_token_key(&mut key, token.text);
        let Some(phrases) = map.get(key.as_str()) else {
            i += 1;
            continue;
        };
        let matched = phrases.iter().find(|(words, _)| {
            words.iter().enumerate().skip(1).all(|(k, word)| {
                tokens.get(i + k).is_some_and(|t| {
                    matches!(t.gap, Gap::Space | Gap::Hyphen)
                        && !tokens[i + k - 1].possessive
                        && t.text.eq_ignore_ascii_case(word)
                })
            })
        });
        // "Creative Commons", "Trade and Labour", "Whitehall Corp": part of another name.
        let inside_other_name = |words: &Vec<&str>| {
            // "In October Tory leader …": a month or weekday is no name.
            let before = |k: usize| {
                tokens[k].capitalised()
                    && !tokens[k].possessive
                    && !tokens[k].lower_is_in(&FUNCTION)
                    && !tokens[k].is_calendar_name()
            };
            let joined = token.gap == Gap::Space && !token.sentence_start;
            let after_name = joined && words.len() == 1 && i.checked_sub(1).is_some_and(before);
            // "Ireland and Munster": a list of places is no name.
            let country = |k: usize| {
                gaz.lookup(tokens[k].text)
                    .iter()
                    .any(|e| matches!(e, Entry::Country(_) | Entry::CountryAlias(_)))
            };
            let after_connector = joined
                && i.checked_sub(2).is_some_and(|k| {
                    tokens[k + 1].lower_is_any(&["and", "of", "&"]) && before(k) && !country(k)
                });
            let company = tokens
                .get(i + words.len())
                .is_some_and(|t| t.gap == Gap::Space && t.lower_is_any(COMPANY_WORDS));
            after_name || after_connector || company
        };
        match matched {
            Some((words, code)) if !inside_other_name(words) => {
                if let Some(country) = gaz.country_by_code(code) {
                    found.push(Institution {
                        country,
                        first: i,
                        last: i + words.len() - 1,
                    });
                }
                i += words.len();
            }
            _ => i += 1,
        }
    }
    found
}

/// The entries of a candidate, with the longer-named cities its name is a short form of
/// ("Newcastle": Newcastle upon Tyne too).
fn entries_with_short_forms(
    gaz: &'static Gazetteer,
    candidate: &Candidate,
) -> Cow<'static, [Entry]> {
    let Some((_, full)) = SHORT_NAMES
        .iter()
        .find(|(short, _)| *short == candidate.key)
    else {
        return Cow::Borrowed(candidate.entries);
    };
    let mut entries = candidate.entries.to_vec();
    entries.extend(
        gaz.lookup_key(full)
            .iter()
            .filter(|e| matches!(e, Entry::City(_)))
            .copied(),
    );
    Cow::Owned(entries)
}

/// Resolve the surviving candidates to places: `(place, first token, last token)`.
/// `context` holds countries the story points to without naming them (its institutions);
/// `lang` is the article's language bit ([`language_bit`](super::super::gazetteer::language_bit)).
pub(super) fn resolve_candidates(
    gaz: &'static Gazetteer,
    tokens: &[Token],
    candidates: &[Candidate],
    dateline: Option<Place>,
    context: &[u16],
    lang: u16,
) -> Vec<(Place, usize, usize)> {
    let live: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| !c.person && !c.entries.contains(&Entry::Ignore))
        .collect();
    let entries: Vec<Cow<'static, [Entry]>> = live
        .iter()
        .map(|c| entries_with_short_forms(gaz, c))
        .collect();
    let direct_country = |c: &Candidate| {
        c.entries.iter().find_map(|e| match e {
            Entry::Country(k) | Entry::CountryAlias(k) | Entry::Demonym(k) => Some(*k),
            _ => None,
        })
    };

    let state_of = |c: &Candidate| {
        c.entries.iter().find_map(|e| match e {
            Entry::State(s) => Some(*s),
            _ => None,
        })
    };
    // Evidence: countries named outright, and the dateline's country.
    let mut named: FastSet<u16> = live.iter().filter_map(|c| direct_country(c)).collect();
    named.extend(dateline.map(|p| gaz.country_of(p)));
    named.extend(context);
    // The country each name points to on its own (its country, its state's, its heaviest
    // city's): an ambiguous name leans to the countries the story's other names point to.
    let default_country = |k: usize| -> Option<u16> {
        if let Some(country) = direct_country(live[k]) {
            return Some(country);
        }
        if let Some(s) = state_of(live[k]) {
            return Some(gaz.states[s as usize].country);
        }
        gaz.best_city(&entries[k], |_| true, |_| 1)
            .map(|c| gaz.cities[c as usize].country)
    };
    let defaults: Vec<Option<(&str, u16)>> = (0..live.len())
        .map(|k| default_country(k).map(|c| (live[k].key, c)))
        .collect();
    // Distinct names pointing to each country, counted once a story.
    let mut distinct: Vec<(&str, u16)> = defaults.iter().flatten().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let mut pointing: FastMap<u16, u64> = FastMap::default();
    for (_, country) in &distinct {
        *pointing.entry(*country).or_default() += 1;
    }
    let support = |key: &str, country: u16| -> u64 {
        let others = pointing.get(&country).copied().unwrap_or(0);
        let own = u64::from(distinct.binary_search(&(key, country)).is_ok());
        (others - own).min(3)
    };
    let georgia = gaz.lookup_key("georgia").iter().find_map(|e| match e {
        Entry::State(s) => Some(*s),
        _ => None,
    });
    let mut states: FastSet<u16> = live
        .iter()
        .filter(|c| direct_country(c).is_none())
        .filter_map(|c| state_of(c))
        .collect();
    let us = gaz.united_states();
    let in_us = |s: u16| Some(gaz.states[s as usize].country) == us;
    let needs_country = |s: u16| gaz.states[s as usize].needs_country;
    // "Georgia" is the country unless the article is about US places.
    let us_context = states.iter().any(|s| Some(*s) != georgia && in_us(*s))
        || live
            .iter()
            .any(|c| c.key == "atlanta" || c.key == "savannah" || is_state_phrase(tokens, c));
    // Only a story that names Georgia has the state to back its cities ("Athens").
    let names_georgia = live.iter().any(|c| c.key == "georgia");
    if us_context
        && names_georgia
        && let Some(georgia) = georgia
    {
        states.insert(georgia);
    }
    if let Some(Place::State(s)) = dateline {
        states.insert(s);
    }
    // `Houston, Tex.`: an abbreviation after a comma backs the state's cities.
    states.extend(
        candidates
            .iter()
            .filter(|c| tokens[c.first].after_comma)
            .filter_map(|c| {
                c.entries.iter().find_map(|e| match e {
                    Entry::StateAbbreviation(s) => Some(*s),
                    _ => None,
                })
            }),
    );
    let dateline_region = dateline.and_then(|p| gaz.region_of(p)).map(|s| {
        (
            gaz.states[s as usize].country,
            gaz.states[s as usize].code.as_ref(),
        )
    });
    let state_codes: FastSet<(u16, &str)> = states
        .iter()
        .map(|s| {
            (
                gaz.states[*s as usize].country,
                gaz.states[*s as usize].code.as_ref(),
            )
        })
        .chain(dateline_region)
        .collect();
    // A region that needs its country named is no evidence for it.
    named.extend(
        states
            .iter()
            .filter(|s| !needs_country(**s))
            .map(|s| gaz.states[*s as usize].country),
    );

    // Cities in two rounds: big cities first, so their countries back small ones.
    let mut backed = named.clone();
    let mut chosen: Vec<Option<Place>> = vec![None; live.len()];
    for round in 0..2 {
        for (k, candidate) in live.iter().enumerate() {
            if chosen[k].is_some() {
                continue;
            }
            // A name that is also a smaller city of a named country waits for the second
            // round, where that city can stand ("Gloucester" in an English rugby story).
            let small_named = entries[k].iter().any(|e| match e {
                Entry::City(c) | Entry::CityAlias(c) => {
                    let city = &gaz.cities[*c as usize];
                    city.population < BIG_CITY && named.contains(&city.country)
                }
                _ => false,
            });
            if round == 0 && small_named {
                continue;
            }
            let first = &tokens[candidate.first];
            let is_georgia = state_of(candidate).is_some_and(|s| Some(s) == georgia);
            let wants_state = state_of(candidate).is_some()
                && (is_state_phrase(tokens, candidate) || (is_georgia && us_context));
            if let Some(country) = direct_country(candidate)
                && !wants_state
            {
                chosen[k] = Some(Place::Country(country));
                continue;
            }
            // Among the credible cities of the name, those in a named country (or US
            // state) win over more populous ones elsewhere.
            let lookalike = LOOKALIKE_CITIES.contains(&candidate.key);
            let accepted_city = gaz.best_city(
                &entries[k],
                |c| {
                    !wants_state
                        && !gaz.cities[c as usize].never_in_text
                        && city_is_credible(
                            gaz,
                            c,
                            first,
                            round,
                            &named,
                            &backed,
                            &state_codes,
                            dateline,
                            lookalike,
                            lang,
                        )
                },
                |c| {
                    let city = &gaz.cities[c as usize];
                    if !city.admin1.is_empty()
                        && state_codes.contains(&(city.country, city.admin1.as_ref()))
                    {
                        100
                    } else if named.contains(&city.country) {
                        20
                    } else {
                        1 + 3 * support(candidate.key, city.country)
                    }
                },
            );
            let state = state_of(candidate);
            // A province named like a foreign city ("Ontario", California) is the province
            // unless the city's own state is named.
            let province_wins = |c: u32, s: u16| {
                let city = &gaz.cities[c as usize];
                !in_us(s)
                    && !needs_country(s)
                    && city.country != gaz.states[s as usize].country
                    && !state_codes.contains(&(city.country, city.admin1.as_ref()))
            };
            let place = match (accepted_city, state) {
                (Some(c), Some(s))
                    if (gaz.cities[c as usize].population < BIG_CITY || province_wins(c, s))
                        && !matches!(dateline, Some(Place::City(d)) if d == c) =>
                {
                    Some(Place::State(s))
                }
                (Some(c), _) => Some(Place::City(c)),
                (None, Some(s))
                    if (round == 1 || wants_state)
                        && (!needs_country(s)
                            || backed.contains(&gaz.states[s as usize].country)) =>
                {
                    Some(Place::State(s))
                }
                _ => None,
            };
            if let Some(place) = place {
                if round == 0 {
                    backed.insert(gaz.country_of(place));
                }
                chosen[k] = Some(place);
            }
        }
    }
    live.iter()
        .zip(chosen)
        .filter_map(|(c, p)| p.map(|p| (p, c.first, c.last)))
        .collect()
}

/// Whether a city mention can stand: see the module docs for the rules.
#[allow(clippy::too_many_arguments)]
pub(super) fn city_is_credible(
    gaz: &Gazetteer,
    city: u32,
    first: &Token,
    round: usize,
    named: &FastSet<u16>,
    backed: &FastSet<u16>,
    state_codes: &FastSet<(u16, &str)>,
    dateline: Option<Place>,
    lookalike: bool,
    lang: u16,
) -> bool {
    if dateline == Some(Place::City(city)) {
        return true;
    }
    let info = &gaz.cities[city as usize];
    let big = info.population >= BIG_CITY;
    let english_word = info.common_word && !in_home_country(gaz, info.country, lang);
    let common_word = english_word || info.common_in & lang != 0 || lookalike;
    match first.style() {
        Style::Caps => {
            return (info.population >= WORLD_CITY || info.capital) && !common_word;
        }
        Style::Headline => return big && !common_word,
        Style::Normal => {}
    }
    let us = gaz.united_states();
    let in_named_state =
        || Some(info.country) == us && state_codes.contains(&(info.country, info.admin1.as_ref()));
    if common_word {
        let corroborated = if Some(info.country) == us {
            in_named_state()
        } else {
            named.contains(&info.country)
        };
        return corroborated && !first.sentence_start;
    }
    if big {
        return true;
    }
    if round == 0 {
        return false;
    }
    if Some(info.country) == us {
        return in_named_state();
    }
    backed.contains(&info.country)
}

/// Whether `country` is one where the article language `lang` (a bit of
/// [`WORD_LANGUAGES`]) is official: its cities are names there, whatever they mean in English.
fn in_home_country(gaz: &Gazetteer, country: u16, lang: u16) -> bool {
    let Some(language) = WORD_LANGUAGES
        .iter()
        .zip(0..)
        .find_map(|(l, k)| (lang == 1 << k).then_some(*l))
    else {
        return false;
    };
    let code = gaz.countries[country as usize].code.as_ref();
    HOME_COUNTRIES
        .iter()
        .any(|(l, codes)| *l == language && codes.contains(&code))
}

/// "state of Georgia", "Washington state": the name is the state.
pub(super) fn is_state_phrase(tokens: &[Token], candidate: &Candidate) -> bool {
    let state_of = candidate
        .first
        .checked_sub(2)
        .is_some_and(|k| tokens[k].lower_is_any(&["state"]) && tokens[k + 1].lower_is_any(&["of"]));
    state_of
        || tokens
            .get(candidate.last + 1)
            .is_some_and(|t| t.lower_is_any(&["state"]))
}
