//! Places: the dateline place, the places a story is about, and every place mentioned,
//! as hierarchical facet paths, country → first-level region → city
//! (`/Syria/Aleppo/Aleppo`, `/United States/Texas`).
//!
//! Place names are capitalised phrases of one to a few words looked up in the embedded
//! [gazetteer](super::gazetteer), together with aliases ("U.S.", "Britain") and demonyms
//! ("Syrian"). Precision rules keep person names and common words out:
//! - a name right after a capitalised word that is not a place, qualifier ("North") or
//!   sentence-initial function word is part of a person's name ("John Kerry", "Michael
//!   Jordan"), as is a name after an honorific ("President", "Mr."); once a word is seen
//!   as a surname, the whole article reads it so ("Jordan scored");
//! - first-name-like places ("Jordan", "Paris") followed by a capitalised word are a
//!   first name ("Paris Hilton");
//! - cities that are common words ("Nice", "Reading") need their country named in the
//!   article (or the dateline) and never count at the start of a sentence; small cities
//!   (under 150,000 people) need their country named, US ones their state;
//! - ALL-CAPS and Title Case headlines match only countries, aliases, states and big cities.
//!
//! - a region outside the US, the UK, Canada and Australia ("Bavaria") counts only when its
//!   country is named or backed, like a small city; regions named like a city or a
//!   common word are never read in text.
//!
//! A city or region mention implies its country: both paths are listed, city first (the
//! region of a city is implied by the facet hierarchy itself).

use super::compiled::gazetteer;
use super::dateline::{Dateline, parse_dateline};
use super::gazetteer::{
    BIG_CITY, Entry, FastMap, FastSet, Gazetteer, Place, WORLD_CITY, normalize_key,
};
use std::cell::Cell;
use std::sync::OnceLock;

/// The places found in one article, as facet paths.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    /// The dateline place, e.g. `/Switzerland/Geneva`.
    pub dateline: Option<String>,
    /// Places the story is about: dateline, headline, lead, places mentioned at least
    /// twice (a city mention counts for its country too) and metadata places.
    pub about: Vec<String>,
    /// Every place mentioned anywhere, in first-mention order; a city is followed by
    /// its country.
    pub mentions: Vec<String>,
}

/// Mentions (a city counting for its country too) that make a place salient on their own:
/// measured on the Reuters-21578 development split (`examples/eval.rs`), two mentions
/// let in too many passing references.
const REPEATED: usize = 3;

/// Words after a country name that make it a currency, not a place: `U.S. dlrs`.
const CURRENCY_WORDS: &[&str] = &[
    "dlr",
    "dlrs",
    "dollar",
    "dollars",
    "franc",
    "francs",
    "mark",
    "marks",
    "yen",
    "pound",
    "pounds",
    "sterling",
    "crown",
    "crowns",
    "guilder",
    "guilders",
    "lira",
    "lire",
    "peso",
    "pesos",
    "rand",
    "currency",
    "cents",
    "cent",
    "ringgit",
    "rupee",
    "rupees",
    "shilling",
    "shillings",
    "schilling",
    "schillings",
    "krona",
    "kronor",
    "krone",
    "kroner",
    "escudo",
    "escudos",
    "peseta",
    "pesetas",
    "won",
    "yuan",
    "riyal",
    "riyals",
    "dinar",
    "dinars",
];

/// Find the places of an article from its title, body and metadata place names.
pub fn extract_places(title: Option<&str>, body: &str, metadata: &[String]) -> Places {
    extract_places_after(title, body, parse_dateline(body).as_ref(), metadata)
}

/// [`extract_places`] for a body whose opening dateline has been parsed already.
pub fn extract_places_after(
    title: Option<&str>,
    body: &str,
    dateline: Option<&Dateline>,
    metadata: &[String],
) -> Places {
    let gaz = gazetteer();
    let dateline_place = dateline.and_then(|d| resolve_dateline(gaz, d));
    let body_start = dateline.map_or(0, |d| d.end);
    let lead_end = body_start + lead_len(&body[body_start..]);

    // About one token in six bytes of English: reserve once rather than grow.
    let mut tokens = Vec::with_capacity((title.map_or(0, str::len) + body.len()) / 5 + 8);
    if let Some(title) = title {
        let style = if is_shouting(title) {
            Style::Caps
        } else if is_headline_case(title) {
            Style::Headline
        } else {
            Style::Normal
        };
        tokenize(title, 0, &|_| Zone::Title, style, &mut tokens);
    }
    let title_tokens = tokens.len();
    let zone_of = |offset: usize| {
        if offset < lead_end {
            Zone::Lead
        } else {
            Zone::Body
        }
    };
    tokenize(
        &body[body_start..],
        body_start,
        &zone_of,
        Style::Normal,
        &mut tokens,
    );

    let mut candidates = find_candidates(gaz, &tokens);
    resolve_line_styles(&tokens, &candidates);
    mark_person_names(gaz, &tokens, &mut candidates);
    let found = resolve_candidates(gaz, &tokens, &candidates, dateline_place);

    // Mentions in reading order: the title, the dateline, then the body. A country named
    // only as a currency ("U.S. dlrs", "Swiss francs") is mentioned but not salient.
    let mut ordered: Vec<(Place, Zone, bool)> = Vec::new();
    let (in_title, in_body): (Vec<_>, Vec<_>) = found
        .iter()
        .partition(|(_, first, _)| *first < title_tokens);
    let entry = |(place, first, last): &(Place, usize, usize)| {
        let currency = matches!(place, Place::Country(_))
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.lower_is_any(CURRENCY_WORDS));
        (*place, tokens[*first].zone, !currency)
    };
    ordered.extend(in_title.into_iter().map(entry));
    if let Some(place) = dateline_place {
        ordered.push((place, Zone::Dateline, true));
    }
    ordered.extend(in_body.into_iter().map(entry));

    let mut counts: FastMap<Place, usize> = FastMap::default();
    for (place, _, salient) in &ordered {
        for p in with_country(gaz, *place).filter(|_| *salient) {
            *counts.entry(p).or_default() += 1;
        }
    }
    let mut mentions = Vec::new();
    let mut about_places = Vec::new();
    for (place, zone, salient) in &ordered {
        let featured = *zone != Zone::Body && *salient;
        for p in with_country(gaz, *place) {
            push_unique(&mut mentions, p);
            if featured || counts.get(&p).copied().unwrap_or(0) >= REPEATED {
                push_unique(&mut about_places, p);
            }
        }
    }
    // `about` keeps first-mention order, then metadata-only places.
    let mut about: Vec<String> = mentions
        .iter()
        .filter(|p| about_places.contains(p))
        .map(|p| gaz.path(*p))
        .collect();
    for name in metadata {
        if let Some(place) = resolve(gaz, name) {
            for p in with_country(gaz, place) {
                let path = gaz.path(p);
                if !about.contains(&path) {
                    about.push(path);
                }
            }
        }
    }
    Places {
        dateline: dateline_place.map(|p| gaz.path(p)),
        about,
        mentions: mentions.iter().map(|p| gaz.path(*p)).collect(),
    }
}

/// Resolve a user-typed place ("Syria", "U.S.", "Aleppo", "Bavaria", "Paris, France",
/// "Munich, Bavaria", "west-germany", "/Syria/Aleppo/Aleppo") to its facet path; `None`
/// when unknown. An ambiguous city name picks the most populous city (capitals first).
/// Facet paths are accepted in the form of newsdex before regions, `/Country/City`, too:
/// `/Syria/Aleppo` gives `/Syria/Aleppo/Aleppo` (a city wins over a region of the same
/// name), `/Germany/Bavaria` the region.
///
/// Reads the lookup table `build.rs` precomputes from the gazetteer (an `fst::Map`
/// embedded in the binary and opened in place), so a search start-up resolves a name in
/// microseconds without parsing the gazetteer; it gives what [`resolve`] gives.
pub fn resolve_place(name: &str) -> Option<String> {
    match place_index() {
        Some(index) => resolve_indexed(index, name),
        None => {
            let gaz = gazetteer();
            resolve(gaz, name).map(|p| gaz.path(p))
        }
    }
}

static PLACE_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.fst"));
static PLACE_PATHS: &str = include_str!(concat!(env!("OUT_DIR"), "/place_paths.txt"));

/// The precomputed name → facet path table; `None` only if the embedded bytes are bad.
fn place_index() -> Option<&'static fst::Map<&'static [u8]>> {
    static INDEX: OnceLock<Option<fst::Map<&'static [u8]>>> = OnceLock::new();
    INDEX.get_or_init(|| fst::Map::new(PLACE_FST).ok()).as_ref()
}

/// The facet path stored under `namespace` and the normalised `name` (see `build.rs`).
fn indexed_path(
    index: &fst::Map<&'static [u8]>,
    namespace: &str,
    name: &str,
) -> Option<&'static str> {
    let key = format!("{namespace}\x1f{}", normalize_key(name));
    let offset = usize::try_from(index.get(key)?).ok()?;
    PLACE_PATHS.get(offset..)?.split('\n').next()
}

/// [`resolve`] over the precomputed table.
fn resolve_indexed(index: &fst::Map<&'static [u8]>, name: &str) -> Option<String> {
    let name = name.trim();
    let get = |namespace: &str, name: &str| indexed_path(index, namespace, name);
    if let Some(path) = name.strip_prefix('/') {
        let parts: Vec<&str> = path
            .split('/')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let country = get("C", parts.first()?)?;
        return match parts.as_slice() {
            [_] => Some(country.to_string()),
            [_, place] => get(&country.to_lowercase(), place).map(str::to_string),
            [_, region, place] => {
                let region = get(&format!("R{}", country.to_lowercase()), region)?;
                get(&region.to_lowercase(), place).map(str::to_string)
            }
            _ => None,
        };
    }
    if let Some((place, qualifier)) = name.rsplit_once(',') {
        let (place, qualifier) = (place.trim(), qualifier.trim());
        if let Some(region) = get("C", qualifier).or_else(|| get("S", qualifier)) {
            return Some(
                get(&region.to_lowercase(), place)
                    .unwrap_or(region)
                    .to_string(),
            );
        }
        return resolve_indexed(index, place);
    }
    get("n", name).map(str::to_string)
}

fn resolve(gaz: &Gazetteer, name: &str) -> Option<Place> {
    let name = name.trim();
    if let Some(path) = name.strip_prefix('/') {
        let parts: Vec<&str> = path
            .split('/')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let country = country_named(gaz, parts.first()?)?;
        return match parts.as_slice() {
            [_] => Some(Place::Country(country)),
            [_, place] => place_in(gaz, place, |c| c == country),
            [_, region, place] => {
                let region = region_named(gaz, region, |c| c == country)?;
                city_in_region(gaz, place, region).map(Place::City)
            }
            _ => None,
        };
    }
    if let Some((place, qualifier)) = name.rsplit_once(',') {
        return resolve_qualified(gaz, place.trim(), qualifier.trim());
    }
    let entries = gaz.lookup(name);
    if entries.contains(&Entry::Ignore) {
        return None;
    }
    entries
        .iter()
        .find_map(|e| match e {
            Entry::Country(c) | Entry::CountryAlias(c) => Some(Place::Country(*c)),
            _ => None,
        })
        .or_else(|| gaz.best_city(entries, |_| true, |_| 1).map(Place::City))
        .or_else(|| {
            entries.iter().find_map(|e| match e {
                Entry::Demonym(c) => Some(Place::Country(*c)),
                Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) => {
                    Some(Place::State(*s))
                }
                _ => None,
            })
        })
}

/// The first region called `name` (or abbreviated so) whose country passes `in_country`.
fn region_named(gaz: &Gazetteer, name: &str, in_country: impl Fn(u16) -> bool) -> Option<u16> {
    gaz.lookup(name).iter().find_map(|e| match e {
        Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s)
            if in_country(gaz.states[*s as usize].country) =>
        {
            Some(*s)
        }
        _ => None,
    })
}

/// The best city called `place` in a region.
fn city_in_region(gaz: &Gazetteer, place: &str, region: u16) -> Option<u32> {
    gaz.best_city(
        gaz.lookup(place),
        |c| gaz.cities[c as usize].region == Some(region),
        |_| 1,
    )
}

/// The country a name (or alias) denotes.
fn country_named(gaz: &Gazetteer, name: &str) -> Option<u16> {
    gaz.lookup(name).iter().find_map(|e| match e {
        Entry::Country(c) | Entry::CountryAlias(c) => Some(*c),
        _ => None,
    })
}

/// A city or state called `name` whose country passes `in_country`.
fn place_in(gaz: &Gazetteer, name: &str, in_country: impl Fn(u16) -> bool) -> Option<Place> {
    let entries = gaz.lookup(name);
    gaz.best_city(
        entries,
        |c| in_country(gaz.cities[c as usize].country),
        |_| 1,
    )
    .map(Place::City)
    .or_else(|| {
        entries.iter().find_map(|e| match e {
            Entry::State(s) | Entry::Region(s) if in_country(gaz.states[*s as usize].country) => {
                Some(Place::State(*s))
            }
            _ => None,
        })
    })
}

/// `CITY, Country` or `CITY, Region`: the second part picks among same-named cities.
fn resolve_qualified(gaz: &Gazetteer, place: &str, qualifier: &str) -> Option<Place> {
    if let Some(country) = country_named(gaz, qualifier) {
        return place_in(gaz, place, |c| c == country).or(Some(Place::Country(country)));
    }
    if let Some(state) = region_named(gaz, qualifier, |_| true) {
        let city = city_in_region(gaz, place, state);
        return Some(city.map_or(Place::State(state), Place::City));
    }
    resolve(gaz, place)
}

/// The dateline place: `CITY, Country` uses the country; a bare name prefers a city
/// (capital or most populous), then a country, then a state.
fn resolve_dateline(gaz: &Gazetteer, dateline: &Dateline) -> Option<Place> {
    // Wire copy drops the period of state abbreviations (`Mass`, `N.H`, `N.Y,`).
    let qualifier = dateline.qualifier.as_deref().and_then(|q| {
        let q = q.trim().trim_end_matches([',', '.']);
        [q.to_string(), format!("{q}.")].into_iter().find(|q| {
            gaz.lookup(q).iter().any(|e| {
                matches!(
                    e,
                    Entry::Country(_)
                        | Entry::CountryAlias(_)
                        | Entry::State(_)
                        | Entry::StateAbbreviation(_)
                        | Entry::Region(_)
                )
            })
        })
    });
    // `DALLAS/FORT WORTH`: the first of two places.
    let place = dateline.place.split('/').next().unwrap_or_default().trim();
    if let Some(qualifier) = qualifier {
        return resolve_qualified(gaz, place, &qualifier);
    }
    let entries = gaz.lookup(place);
    if entries.contains(&Entry::Ignore) {
        return None;
    }
    gaz.best_city(entries, |_| true, |_| 1)
        .map(Place::City)
        .or_else(|| {
            entries.iter().find_map(|e| match e {
                Entry::Country(c) | Entry::CountryAlias(c) => Some(Place::Country(*c)),
                Entry::State(s) | Entry::Region(s) => Some(Place::State(*s)),
                _ => None,
            })
        })
}

/// The place and, for a city or state, its country.
fn with_country(gaz: &Gazetteer, place: Place) -> impl Iterator<Item = Place> {
    let country = match place {
        Place::Country(_) => None,
        _ => Some(Place::Country(gaz.country_of(place))),
    };
    std::iter::once(place).chain(country)
}

fn push_unique(list: &mut Vec<Place>, place: Place) {
    if !list.contains(&place) {
        list.push(place);
    }
}

// ---------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Title,
    Dateline,
    Lead,
    Body,
}

/// How the text around a token is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Normal,
    /// Title Case headline: every word is capitalised, so capitals prove nothing.
    Headline,
    /// ALL CAPS: only countries, aliases, states and world cities count.
    Caps,
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Whitespace within a paragraph: the two may form one name.
    Space,
    /// A hyphen: `Port-au-Prince`, `U.S.-Russian`.
    Hyphen,
    /// Punctuation or a paragraph break.
    Other,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    /// The word, without a possessive `'s`.
    text: &'a str,
    possessive: bool,
    gap: Gap,
    /// A comma separates it from the word before (`Houston, Tex.`).
    after_comma: bool,
    sentence_start: bool,
    /// The style, unless `shouting_line` may still make it `Caps`: read it with
    /// [`Token::style`].
    style: Cell<Style>,
    /// The line of a `Normal` word, not yet checked for ALL CAPS: only candidate names
    /// need their style, so most lines are never checked.
    shouting_line: Cell<Option<&'a str>>,
    zone: Zone,
}

impl Token<'_> {
    /// How the text around the word is capitalised (an ALL-CAPS line is `Caps`).
    fn style(&self) -> Style {
        if let Some(line) = self.shouting_line.take()
            && is_shouting(line)
        {
            self.style.set(Style::Caps);
        }
        self.style.get()
    }

    fn capitalised(&self) -> bool {
        match self.text.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => self.text.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Capitalised with lower-case letters after: `John`, not `UN` or `john`.
    fn title_case(&self) -> bool {
        self.capitalised() && self.text.chars().any(char::is_lowercase)
    }

    fn all_caps(&self) -> bool {
        if self.text.is_ascii() {
            let bytes = self.text.as_bytes();
            return !bytes.iter().any(u8::is_ascii_lowercase)
                && bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 2;
        }
        !self.text.chars().any(char::is_lowercase)
            && self.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }

    /// The word in lower case without a final period is one of `words` (lower-case
    /// ASCII): `Mr.` is `mr`.
    fn lower_is_any(&self, words: &[&str]) -> bool {
        let word = self.text.trim_end_matches('.');
        if word.is_ascii() {
            words.iter().any(|w| w.eq_ignore_ascii_case(word))
        } else {
            words.contains(&word.to_lowercase().as_str())
        }
    }
}

/// Abbreviations that keep their period (so it ends no sentence).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Prof",
    "Ft", "Mt", "Jr", "Sr", "Messrs", "Adm", "Maj", "Cmdr", "Rev", "Pres", "Supt",
];

/// The character at byte `at` of `text` (a char boundary) and its length in bytes.
#[inline]
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let &byte = text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The offset just after the line that holds byte `at`, or `text.len()`.
fn next_line_start(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |n| at + n + 1)
}

/// Split `text` into word tokens; `base` is its offset in the article body.
///
/// Walks the text once by byte offset (ASCII without decoding), so a story costs no
/// per-character allocation.
fn tokenize<'a>(
    text: &'a str,
    base: usize,
    zone_of: &dyn Fn(usize) -> Zone,
    style: Style,
    out: &mut Vec<Token<'a>>,
) {
    let bytes = text.as_bytes();
    let mut next_line_check = next_line_start(text, 0);
    let mut line = line_at(text, 0, next_line_check);
    let mut prev_end = 0;
    let mut first = true;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() && byte != b'<' {
            at += 1;
            continue;
        }
        let Some((c, c_len)) = char_at(text, at) else {
            break;
        };
        if c == '<' {
            // A ticker or code in angle brackets (`ROCKWELL <ROK>`) names no place.
            let close = text[at + 1..]
                .char_indices()
                .take(16)
                .find(|(_, c)| *c == '>' || c.is_whitespace() && *c != ' ');
            if let Some((k, '>')) = close {
                at += k + 2;
                continue;
            }
        }
        if !c.is_alphanumeric() {
            at += c_len;
            continue;
        }
        let start = at;
        let mut segment = 0;
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii_alphanumeric() {
                segment += 1;
                at += 1;
                continue;
            }
            if byte.is_ascii() && byte != b'\'' && byte != b'.' {
                break;
            }
            let Some((c, c_len)) = char_at(text, at) else {
                break;
            };
            let next_alpha = || char_at(text, at + c_len).is_some_and(|(n, _)| n.is_alphabetic());
            if c.is_alphanumeric() {
                segment += 1;
                at += c_len;
            } else if matches!(c, '\'' | '’') && next_alpha() {
                at += c_len;
            } else if c == '.' && segment <= 2 && next_alpha() {
                segment = 0;
                at += 1;
            } else {
                break;
            }
        }
        let mut word = &text[start..at];
        if bytes.get(at) == Some(&b'.')
            && (word.bytes().any(|b| b == b'.') || ABBREVIATIONS.contains(&word))
        {
            at += 1;
            word = &text[start..at];
        }
        let mut possessive = false;
        if word.ends_with(['s', 'S']) {
            for suffix in ["'s", "’s", "'S", "’S"] {
                if let Some(stem) = word.strip_suffix(suffix) {
                    word = stem;
                    possessive = true;
                }
            }
        }
        if start >= next_line_check && next_line_check < text.len() {
            let mut line_start = next_line_check;
            next_line_check = next_line_start(text, line_start);
            while start >= next_line_check && next_line_check < text.len() {
                line_start = next_line_check;
                next_line_check = next_line_start(text, line_start);
            }
            line = line_at(text, line_start, next_line_check);
        }
        let separator = &text[prev_end..start];
        let (gap, sentence_start, after_comma) = if !first && matches!(separator, " " | "\n") {
            (Gap::Space, false, false)
        } else if separator.is_ascii() {
            // What the general case below computes, byte by byte.
            let sep = separator.as_bytes();
            let is_space = |b: &u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
            let blank_line = sep.iter().filter(|&&b| b == b'\n').count() >= 2;
            let gap = if first || blank_line {
                Gap::Other
            } else if sep.iter().all(is_space) {
                Gap::Space
            } else if sep == b"-" {
                Gap::Hyphen
            } else {
                Gap::Other
            };
            let sentence_start = first
                || blank_line
                || sep
                    .iter()
                    .any(|b| matches!(b, b'.' | b'!' | b'?' | b':' | b';' | b'"'));
            let comma = sep
                .iter()
                .position(|b| !is_space(b))
                .is_some_and(|k| sep[k] == b',' && sep[k + 1..].iter().all(is_space));
            (gap, sentence_start, comma)
        } else {
            let blank_line = separator.matches('\n').count() >= 2;
            let gap = if first || blank_line {
                Gap::Other
            } else if separator.chars().all(char::is_whitespace) {
                Gap::Space
            } else if matches!(separator, "-" | "‐" | "–") {
                Gap::Hyphen
            } else {
                Gap::Other
            };
            let sentence_start = first
                || blank_line
                || separator
                    .chars()
                    .any(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '"' | '“' | '”'));
            (gap, sentence_start, separator.trim() == ",")
        };
        let token = Token {
            text: word,
            possessive,
            gap,
            after_comma,
            sentence_start,
            style: Cell::new(style),
            shouting_line: Cell::new(None),
            zone: zone_of(base + start),
        };
        // An all-caps word in ordinary text ("ALEPPO", "NATO") is read like a caps line.
        if token.all_caps() {
            token.style.set(Style::Caps);
        } else if style == Style::Normal {
            // ALL CAPS lines are `Caps` whatever `style`.
            token.shouting_line.set(Some(line));
        }
        out.push(token);
        prev_end = at;
        first = false;
    }
}

/// The line of `text` from `start` to `next` (the start of the next line, or the end).
fn line_at(text: &str, start: usize, next: usize) -> &str {
    let line = &text[start..next];
    line.strip_suffix('\n').unwrap_or(line)
}

/// Settle the style of the words that start candidate names, checking each line once
/// (a one-line story can hold hundreds of names).
fn resolve_line_styles(tokens: &[Token], candidates: &[Candidate]) {
    let mut checked: Option<(&str, bool)> = None;
    for candidate in candidates {
        let token = &tokens[candidate.first];
        let Some(line) = token.shouting_line.take() else {
            continue;
        };
        let shouting = match checked {
            Some((last, shouting)) if std::ptr::eq(last, line) => shouting,
            _ => is_shouting(line),
        };
        checked = Some((line, shouting));
        if shouting {
            token.style.set(Style::Caps);
        }
    }
}

/// Mostly upper-case letters (`U.S. OIL PRICES RISE`).
fn is_shouting(text: &str) -> bool {
    let (letters, upper) = if text.is_ascii() {
        // Shouting needs four capitals for every small letter: stop as soon as even an
        // all-capital rest could not make up for the small letters seen.
        let (mut upper, mut lower) = (0, 0);
        let mut rest = text.len();
        for chunk in text.as_bytes().chunks(32) {
            rest -= chunk.len();
            upper += chunk.iter().filter(|b| b.is_ascii_uppercase()).count();
            lower += chunk.iter().filter(|b| b.is_ascii_lowercase()).count();
            if lower * 4 > upper + rest {
                return false;
            }
        }
        (upper + lower, upper)
    } else {
        text.chars().fold((0, 0), |(letters, upper), c| {
            (
                letters + usize::from(c.is_alphabetic()),
                upper + usize::from(c.is_uppercase()),
            )
        })
    };
    letters >= 6 && upper * 10 >= letters * 8
}

/// Title Case (`Kerry Arrives In Geneva For Syria Talks`): most longer words capitalised.
fn is_headline_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3 && capitalised * 10 >= words.len() * 7
}

/// Sentences of the first paragraph that make up the lead: the first sentence says what
/// the story is about; the second already drifts (Reuters-21578 development split).
const LEAD_SENTENCES: usize = 1;

/// Where the paragraph starting at `from` ends: at the first blank line, else at the
/// first indented line (`\n    `, as wire copy marks paragraphs), else at the end.
fn paragraph_end(text: &str, from: usize) -> usize {
    let mut indented = None;
    let mut at = from;
    while let Some(n) = text[at..].find('\n') {
        let newline = at + n;
        let next = &text.as_bytes()[newline + 1..];
        if next.first() == Some(&b'\n') {
            return newline;
        }
        if indented.is_none() && next.starts_with(b"    ") {
            indented = Some(newline);
        }
        at = newline + 1;
    }
    indented.unwrap_or(text.len())
}

/// Bytes of the lead: the first paragraph, at most [`LEAD_SENTENCES`] sentences.
fn lead_len(text: &str) -> usize {
    let trimmed_start = text.len() - text.trim_start().len();
    let paragraph_end = paragraph_end(text, trimmed_start);
    let paragraph = &text[..paragraph_end];
    let mut sentences = 0;
    for (at, c) in paragraph.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let followed_by_space = paragraph[at + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
        if !followed_by_space {
            continue;
        }
        let word_start = paragraph[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
            .last()
            .map_or(at, |(k, _)| k);
        let word_before = &paragraph[word_start..at];
        let abbreviation = word_before.chars().count() == 1
            || word_before.contains('.')
            || ABBREVIATIONS.contains(&word_before);
        if !abbreviation {
            sentences += 1;
            if sentences == LEAD_SENTENCES {
                return at + 1;
            }
        }
    }
    paragraph_end
}

// ---------------------------------------------------------------------------------
// Candidates

#[derive(Debug, Clone)]
struct Candidate {
    first: usize,
    last: usize,
    key: &'static str,
    entries: &'static [Entry],
    /// Part of a person's name (rejected).
    person: bool,
    /// A surname: later bare uses of the word are the person too.
    surname: bool,
}

/// Lower-case words allowed inside a multi-word name (`Rio de Janeiro`).
const CONNECTORS: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "la", "le", "les", "al", "el", "am", "an", "au", "aux",
    "du", "des", "di", "of", "the", "and", "upon", "on", "sur", "y", "ez", "es", "en",
];

/// Append the lookup key of one token to `key`: what [`normalize_key`] makes of it, since
/// a token holds no space, hyphen or underscore.
fn push_token_key(key: &mut String, word: &str) {
    if word.is_ascii() {
        key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        for c in word.chars() {
            match c {
                '’' | 'ʼ' => key.push('\''),
                _ => key.extend(c.to_lowercase()),
            }
        }
    }
}

/// The place names in `tokens`: at each capitalised token, the longest phrase the
/// gazetteer knows. Phrases grow a word at a time and stop as soon as no name starts
/// with the words so far, so most tokens cost one hash lookup and no allocation.
fn find_candidates(gaz: &'static Gazetteer, tokens: &[Token]) -> Vec<Candidate> {
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

/// Titles and honorifics: the capitalised word after one is a person.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "minister",
    "secretary",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "general",
    "gen",
    "admiral",
    "adm",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "sheik",
    "emir",
    "sultan",
    "pope",
    "cardinal",
    "bishop",
    "father",
    "rev",
    "reverend",
    "rabbi",
    "imam",
    "ayatollah",
    "judge",
    "justice",
    "chancellor",
    "premier",
    "mayor",
    "ambassador",
    "envoy",
    "lord",
    "lady",
    "sir",
    "dame",
    "chairman",
    "chairwoman",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "coach",
    "messrs",
    "saint",
];

/// Capitalised words before a place that do not make it a person's name.
const QUALIFIERS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "greater",
    "new",
    "old",
    "upper",
    "lower",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "inner",
    "outer",
    "mount",
    "metropolitan",
    "downtown",
    "rural",
    "coastal",
    "occupied",
    "mainland",
    "neighbouring",
    "neighboring",
    "nazi",
    "communist",
    "imperial",
    "ottoman",
    "ancient",
    "modern",
    "independent",
    "rebel",
    "federal",
    "democratic",
    "peoples",
    "republic",
    "kingdom",
    "state",
    "province",
    "city",
    "capital",
    "war",
    "postwar",
    "wartime",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "pro",
    "anti",
    "ex",
    "non",
];

/// Sentence-initial words that are capitalised only because they start the sentence.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "at",
    "on",
    "from",
    "to",
    "by",
    "with",
    "for",
    "of",
    "as",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "yet",
    "while",
    "if",
    "when",
    "after",
    "before",
    "since",
    "unlike",
    "like",
    "besides",
    "both",
    "neither",
    "either",
    "despite",
    "although",
    "though",
    "because",
    "unless",
    "until",
    "during",
    "across",
    "inside",
    "outside",
    "near",
    "throughout",
    "within",
    "against",
    "between",
    "among",
    "over",
    "under",
    "into",
    "onto",
    "toward",
    "towards",
    "around",
    "beyond",
    "through",
    "including",
    "without",
    "about",
    "above",
    "below",
    "behind",
    "beside",
    "except",
    "regarding",
    "here",
    "there",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "all",
    "some",
    "many",
    "most",
    "each",
    "every",
    "no",
    "not",
    "once",
    "why",
    "how",
    "what",
    "which",
    "who",
    "whether",
    "also",
    "even",
    "only",
    "then",
    "meanwhile",
    "still",
    "however",
    "moreover",
    "thus",
    "instead",
    "indeed",
    "perhaps",
    "now",
    "today",
    "yesterday",
    "last",
    "next",
    "according",
    "via",
    "amid",
    "where",
    "more",
    "other",
    "another",
    "such",
    "whereas",
    "did",
    "does",
    "do",
    "is",
    "was",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "has",
    "have",
    "had",
    "let",
    "unlike",
    "nearby",
    "outside",
    "beyond",
    "even",
    "if",
    "once",
    "upon",
];

/// Places that are also common first names: before a capitalised word they are one.
const FIRST_NAME_PLACES: &[&str] = &[
    "jordan",
    "georgia",
    "chad",
    "israel",
    "paris",
    "victoria",
    "florence",
    "sydney",
    "austin",
    "lincoln",
    "madison",
    "charlotte",
    "chelsea",
    "dallas",
    "houston",
    "phoenix",
    "jackson",
    "kingston",
    "orlando",
    "eugene",
    "tyler",
    "regina",
    "adelaide",
    "camden",
    "salem",
    "marion",
    "columbia",
    "troy",
    "hamilton",
    "chester",
    "aurora",
    "india",
    "china",
    "kenya",
    "america",
    "virginia",
    "carolina",
    "dakota",
    "savannah",
    "cheyenne",
    "sofia",
    "valencia",
    "lorraine",
    "beverly",
    "shelby",
    "brooklyn",
    "denver",
    "florida",
    "montana",
    "nevada",
    "indiana",
    "alexandria",
    "israel",
    "lima",
    "washington",
    "york",
];

/// Capitalised words that may follow a first-name-like place without making it a name.
const PLACE_FOLLOWERS: &[&str] = &[
    "river",
    "valley",
    "sea",
    "gulf",
    "bay",
    "province",
    "governorate",
    "region",
    "state",
    "city",
    "county",
    "airport",
    "street",
    "square",
    "capital",
    "government",
    "army",
    "navy",
    "police",
    "forces",
    "embassy",
    "ministry",
    "parliament",
    "congress",
    "senate",
    "times",
    "post",
    "journal",
    "herald",
    "news",
    "daily",
    "telegraph",
    "tribune",
    "exchange",
    "agreement",
    "accord",
    "accords",
    "talks",
    "conference",
    "summit",
    "university",
    "college",
    "hospital",
    "museum",
    "international",
    "team",
    "national",
    "democrats",
    "republicans",
    "party",
    "defense",
    "defence",
    "foreign",
    "prime",
    "president",
    "king",
    "queen",
    "crown",
    "prince",
    "stock",
    "central",
    "federal",
    "supreme",
    "court",
    "club",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "and",
    "but",
    "or",
    "the",
];

fn is_adjectival(candidate: &Candidate) -> bool {
    candidate
        .entries
        .iter()
        .all(|e| matches!(e, Entry::Demonym(_) | Entry::Ignore | Entry::Region(_)))
}

fn mark_person_names(gaz: &Gazetteer, tokens: &[Token], candidates: &mut [Candidate]) {
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

/// Resolve the surviving candidates to places: `(place, first token, last token)`.
fn resolve_candidates(
    gaz: &Gazetteer,
    tokens: &[Token],
    candidates: &[Candidate],
    dateline: Option<Place>,
) -> Vec<(Place, usize, usize)> {
    let live: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| !c.person && !c.entries.contains(&Entry::Ignore))
        .collect();
    let direct_country = |c: &Candidate| {
        c.entries.iter().find_map(|e| match e {
            Entry::Country(k) | Entry::CountryAlias(k) | Entry::Demonym(k) => Some(*k),
            _ => None,
        })
    };

    // Evidence: countries named outright, and the dateline's country.
    let mut named: FastSet<u16> = live.iter().filter_map(|c| direct_country(c)).collect();
    named.extend(dateline.map(|p| gaz.country_of(p)));
    let state_of = |c: &Candidate| {
        c.entries.iter().find_map(|e| match e {
            Entry::State(s) => Some(*s),
            _ => None,
        })
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
    if us_context && let Some(georgia) = georgia {
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
            let accepted_city = gaz.best_city(
                candidate.entries,
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
                        1
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
fn city_is_credible(
    gaz: &Gazetteer,
    city: u32,
    first: &Token,
    round: usize,
    named: &FastSet<u16>,
    backed: &FastSet<u16>,
    state_codes: &FastSet<(u16, &str)>,
    dateline: Option<Place>,
) -> bool {
    if dateline == Some(Place::City(city)) {
        return true;
    }
    let info = &gaz.cities[city as usize];
    let big = info.population >= BIG_CITY;
    match first.style() {
        Style::Caps => {
            return (info.population >= WORLD_CITY || info.capital) && !info.common_word;
        }
        Style::Headline => return big && !info.common_word,
        Style::Normal => {}
    }
    let us = gaz.united_states();
    let in_named_state =
        || Some(info.country) == us && state_codes.contains(&(info.country, info.admin1.as_ref()));
    if info.common_word {
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

/// "state of Georgia", "Washington state": the name is the state.
fn is_state_phrase(tokens: &[Token], candidate: &Candidate) -> bool {
    let state_of = candidate
        .first
        .checked_sub(2)
        .is_some_and(|k| tokens[k].lower_is_any(&["state"]) && tokens[k + 1].lower_is_any(&["of"]));
    state_of
        || tokens
            .get(candidate.last + 1)
            .is_some_and(|t| t.lower_is_any(&["state"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentions(body: &str) -> Vec<String> {
        extract_places(None, body, &[]).mentions
    }

    fn has(list: &[String], path: &str) -> bool {
        list.iter().any(|p| p == path)
    }

    #[test]
    fn kerry_is_a_person_not_county_kerry() {
        let found = mentions("U.S. Secretary of State John Kerry arrived in Geneva Sunday.");
        assert_eq!(
            found,
            [
                "/United States",
                "/Switzerland/Geneva/Geneva",
                "/Switzerland"
            ]
        );
    }

    #[test]
    fn demonym_names_its_country() {
        assert_eq!(mentions("Syrian government forces advanced."), ["/Syria"]);
    }

    #[test]
    fn hyphenated_demonyms_name_both_countries() {
        assert_eq!(
            mentions("The U.S.-Russian ceasefire held."),
            ["/United States", "/Russia"]
        );
    }

    #[test]
    fn possessive_country_before_a_title() {
        let found = mentions("Jordan's Foreign Minister Nasser Judeh met his counterparts.");
        assert_eq!(found, ["/Jordan"]);
    }

    #[test]
    fn person_named_like_a_country_is_no_place() {
        assert!(mentions("Michael Jordan scored 40 points.").is_empty());
        assert!(mentions("Michael Jordan scored. Later Jordan rested.").is_empty());
    }

    #[test]
    fn honorific_makes_a_person() {
        assert!(mentions("Mr. Paris declined to comment.").is_empty());
        assert!(mentions("They met President Chad on Monday.").is_empty());
    }

    #[test]
    fn first_name_like_place_before_a_name_is_a_person() {
        assert!(mentions("Paris Hilton arrived late.").is_empty());
    }

    #[test]
    fn common_word_cities_need_their_country() {
        assert!(mentions("Nice work. Reading is fun, and Mobile phones sold well.").is_empty());
        assert!(mentions("They took a Bath. Split the bill.").is_empty());
        assert_eq!(
            mentions("France mourned the victims in Nice on Friday."),
            ["/France", "/France/Provence-Alpes-Côte d'Azur/Nice"]
        );
    }

    #[test]
    fn small_city_needs_its_country() {
        assert!(mentions("The Manbij deal was signed.").is_empty());
        assert_eq!(
            mentions("Syria said Manbij fell."),
            ["/Syria", "/Syria/Aleppo/Manbij"]
        );
    }

    #[test]
    fn big_city_stands_alone() {
        assert_eq!(
            mentions("Talks in Aleppo stalled."),
            ["/Syria/Aleppo/Aleppo", "/Syria"]
        );
    }

    #[test]
    fn ambiguous_city_prefers_the_named_country() {
        let found = mentions("In Virginia, Alexandria officials said the river flooded.");
        assert!(
            has(&found, "/United States/Virginia/Alexandria"),
            "{found:?}"
        );
        assert!(has(
            &mentions("Alexandria is in Egypt."),
            "/Egypt/Alexandria/Alexandria"
        ));
        assert_eq!(
            mentions("Bankers in London were calm."),
            ["/United Kingdom/England/London", "/United Kingdom"]
        );
    }

    #[test]
    fn georgia_is_the_country_unless_us_context() {
        assert_eq!(
            mentions("Russia and Georgia signed a truce."),
            ["/Russia", "/Georgia"]
        );
        let us = mentions("Voters in Atlanta, Georgia, and in Texas went to the polls.");
        assert!(has(&us, "/United States/Georgia"), "{us:?}");
        assert!(!has(&us, "/Georgia"), "{us:?}");
    }

    #[test]
    fn us_state_is_no_country() {
        assert_eq!(
            mentions("Texas passed the law."),
            ["/United States/Texas", "/United States"]
        );
    }

    #[test]
    fn standalone_region_names_its_country() {
        assert_eq!(
            mentions("Ontario cut its forecast."),
            ["/Canada/Ontario", "/Canada"]
        );
        assert_eq!(
            mentions("Voters in Scotland were split."),
            ["/United Kingdom/Scotland", "/United Kingdom"]
        );
    }

    #[test]
    fn foreign_region_needs_its_country() {
        assert!(mentions("Bavaria cut its forecast.").is_empty());
        assert_eq!(
            mentions("Bavaria, the richest German state, cut its forecast."),
            ["/Germany/Bavaria", "/Germany"]
        );
    }

    #[test]
    fn region_named_like_its_city_is_the_city() {
        assert_eq!(
            mentions("Shelling hit Aleppo in Syria."),
            ["/Syria/Aleppo/Aleppo", "/Syria"]
        );
    }

    #[test]
    fn city_in_a_named_region_wins() {
        let found = mentions("In Bavaria, in southern Germany, Munich officials said so.");
        assert!(has(&found, "/Germany/Bavaria/Munich"), "{found:?}");
    }

    #[test]
    fn multi_word_names_match_whole() {
        assert_eq!(
            mentions("Saudi Arabia and New York officials met in Rio de Janeiro."),
            [
                "/Saudi Arabia",
                "/United States/New York/New York City",
                "/United States",
                "/Brazil/Rio de Janeiro/Rio de Janeiro",
                "/Brazil"
            ]
        );
    }

    #[test]
    fn word_lists_are_lower_case_ascii() {
        // `Token::lower_is_any` compares ASCII words case-insensitively against them.
        for list in [
            HONORIFICS,
            QUALIFIERS,
            FUNCTION_WORDS,
            PLACE_FOLLOWERS,
            CURRENCY_WORDS,
        ] {
            for word in list {
                assert!(word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
            }
        }
    }

    #[test]
    fn phrase_scan_finds_names_through_connectors_and_prefixes() {
        assert_eq!(
            mentions("Flights from Rio de Janeiro and New York resumed; New Zealand too."),
            [
                "/Brazil/Rio de Janeiro/Rio de Janeiro",
                "/Brazil",
                "/United States/New York/New York City",
                "/United States",
                "/New Zealand"
            ]
        );
        // A connector never ends a name; the words before it still count.
        assert_eq!(mentions("Syria de facto ruled."), ["/Syria"]);
    }

    #[test]
    fn regions_are_not_countries() {
        assert!(mentions("Growth in Latin America slowed.").is_empty());
    }

    #[test]
    fn all_caps_headline_matches_countries_only() {
        let places = extract_places(Some("U.S. OIL PRICES RISE ON IRAN NEWS"), "", &[]);
        assert_eq!(places.mentions, ["/United States", "/Iran"]);
        let places = extract_places(Some("MCDONALD'S UP ON REAFFIRMED RECOMMENDATION"), "", &[]);
        assert!(places.mentions.is_empty(), "{:?}", places.mentions);
    }

    #[test]
    fn dateline_place_resolves_big_city() {
        let dateline = |body: &str| extract_places(None, body, &[]).dateline;
        assert_eq!(
            dateline("WASHINGTON, April 3 (Reuters) - The Fed said."),
            Some("/United States/District of Columbia/Washington, D.C.".to_string())
        );
        assert_eq!(
            dateline("PARIS, Jan 5 – Prices fell."),
            Some("/France/Île-de-France/Paris".to_string())
        );
        assert_eq!(
            dateline("SALVADOR, Feb 26 - Showers continued."),
            Some("/Brazil/Bahia/Salvador".to_string())
        );
        assert_eq!(
            dateline("LONDON (Reuters) - Shares fell."),
            Some("/United Kingdom/England/London".to_string())
        );
        assert_eq!(
            dateline("GENEVA — Talks resumed."),
            Some("/Switzerland/Geneva/Geneva".to_string())
        );
    }

    #[test]
    fn dateline_qualifier_disambiguates() {
        let dateline = |body: &str| extract_places(None, body, &[]).dateline;
        assert_eq!(
            dateline("ALEPPO, Syria (AP) — Shelling continued."),
            Some("/Syria/Aleppo/Aleppo".to_string())
        );
        assert_eq!(
            dateline("PARIS, Texas (AP) — A storm hit."),
            Some("/United States/Texas/Paris".to_string())
        );
        assert_eq!(
            dateline("GENEVA, Ill. (AP) — Snow fell."),
            Some("/United States/Illinois/Geneva".to_string())
        );
    }

    #[test]
    fn wire_dateline_state_without_period() {
        let dateline = |body: &str| extract_places(None, body, &[]).dateline;
        assert_eq!(
            dateline("BIRMINGHAM, Ala, March 6 - A bank said."),
            Some("/United States/Alabama/Birmingham".to_string())
        );
        assert_eq!(
            dateline("CANTON, Mass, March 4 - A unit said."),
            Some("/United States/Massachusetts/Canton".to_string())
        );
        assert_eq!(
            dateline("BERNE, March 2 - The Swiss said."),
            Some("/Switzerland/Bern/Bern".to_string())
        );
        assert_eq!(
            dateline("DALLAS/FORT WORTH, Texas, March 3 - An airline said."),
            Some("/United States/Texas/Dallas".to_string())
        );
    }

    #[test]
    fn tickers_and_currencies_are_not_salient() {
        let places = extract_places(
            Some("ROCKWELL <ROK> GETS CONTRACT"),
            "TAIPEI, Feb 27 - Assets rose to 6.28 billion U.S. Dlrs, the bank said.",
            &[],
        );
        assert_eq!(places.about, ["/Taiwan/Taiwan/Taipei", "/Taiwan"]);
        assert_eq!(
            places.mentions,
            ["/Taiwan/Taiwan/Taipei", "/Taiwan", "/United States"]
        );
    }

    #[test]
    fn dateline_common_word_city_counts() {
        let places = extract_places(None, "NICE, France (AP) — Crowds gathered.", &[]);
        assert_eq!(
            places.dateline.as_deref(),
            Some("/France/Provence-Alpes-Côte d'Azur/Nice")
        );
        assert_eq!(
            places.mentions,
            ["/France/Provence-Alpes-Côte d'Azur/Nice", "/France"]
        );
    }

    #[test]
    fn about_holds_dateline_lead_title_and_repeats() {
        let body = "GENEVA — Diplomats met on Syria. Nothing was agreed.\n\n\
                    Later, an official from Egypt spoke. Iraq was not invited. \
                    Iraq said it did not mind. Iraq is a neighbour.";
        let places = extract_places(Some("Talks stall"), body, &["Jordan".to_string()]);
        assert_eq!(
            places.mentions,
            [
                "/Switzerland/Geneva/Geneva",
                "/Switzerland",
                "/Syria",
                "/Egypt",
                "/Iraq"
            ]
        );
        assert_eq!(
            places.about,
            [
                "/Switzerland/Geneva/Geneva",
                "/Switzerland",
                "/Syria",
                "/Iraq",
                "/Jordan"
            ]
        );
    }

    #[test]
    fn metadata_slugs_resolve() {
        let places = extract_places(
            None,
            "",
            &[
                "usa".into(),
                "west-germany".into(),
                "/Syria/Aleppo/Aleppo".into(),
            ],
        );
        assert_eq!(
            places.about,
            [
                "/United States",
                "/Germany",
                "/Syria/Aleppo/Aleppo",
                "/Syria"
            ]
        );
    }

    #[test]
    fn resolve_place_handles_names_aliases_and_paths() {
        assert_eq!(resolve_place("Syria").as_deref(), Some("/Syria"));
        assert_eq!(resolve_place("U.S.").as_deref(), Some("/United States"));
        assert_eq!(resolve_place("Britain").as_deref(), Some("/United Kingdom"));
        assert_eq!(
            resolve_place("aleppo").as_deref(),
            Some("/Syria/Aleppo/Aleppo")
        );
        assert_eq!(
            resolve_place("ALEPPO").as_deref(),
            Some("/Syria/Aleppo/Aleppo")
        );
        assert_eq!(
            resolve_place("/Syria/Aleppo/Aleppo").as_deref(),
            Some("/Syria/Aleppo/Aleppo")
        );
        // The two-level form of newsdex before regions still finds the city.
        assert_eq!(
            resolve_place("/Syria/Aleppo").as_deref(),
            Some("/Syria/Aleppo/Aleppo")
        );
        assert_eq!(
            resolve_place("/United States/New York City").as_deref(),
            Some("/United States/New York/New York City")
        );
        assert_eq!(
            resolve_place(" /syria/ aleppo ").as_deref(),
            Some("/Syria/Aleppo/Aleppo")
        );
        assert_eq!(
            resolve_place("Zurich").as_deref(),
            Some("/Switzerland/Zurich/Zürich")
        );
        assert_eq!(
            resolve_place("Paris, Texas").as_deref(),
            Some("/United States/Texas/Paris")
        );
        assert_eq!(resolve_place("soviet-union").as_deref(), Some("/Russia"));
        // Regions: by name, by path, and as the qualifier of a city.
        assert_eq!(
            resolve_place("Bavaria").as_deref(),
            Some("/Germany/Bavaria")
        );
        assert_eq!(
            resolve_place("/Germany/Bavaria").as_deref(),
            Some("/Germany/Bavaria")
        );
        assert_eq!(
            resolve_place("Munich, Bavaria").as_deref(),
            Some("/Germany/Bavaria/Munich")
        );
        assert_eq!(
            resolve_place("/United States/New York").as_deref(),
            Some("/United States/New York/New York City"),
            "a city wins over the region of its name, as in the two-level form"
        );
        assert_eq!(
            resolve_place("New York, New York").as_deref(),
            Some("/United States/New York/New York City")
        );
        assert_eq!(
            resolve_place("Texas").as_deref(),
            Some("/United States/Texas")
        );
        assert_eq!(resolve_place("/Syria/Aleppo/Nowhere"), None);
        assert_eq!(resolve_place("/Syria/Narnia/Aleppo"), None);
        assert_eq!(resolve_place("Georgia").as_deref(), Some("/Georgia"));
        assert_eq!(resolve_place("Narnia"), None);
        assert_eq!(resolve_place(""), None);
        assert_eq!(resolve_place("/Narnia"), None);
    }

    #[test]
    fn precomputed_lookup_agrees_with_the_gazetteer() {
        let gaz = gazetteer();
        let index = place_index().expect("the embedded place table opens");
        let slow = |name: &str| resolve(gaz, name).map(|p| gaz.path(p));
        let mut checked = 0;
        for name in gaz.names() {
            assert_eq!(resolve_indexed(index, name), slow(name), "{name}");
            checked += 1;
        }
        for (k, city) in gaz.cities.iter().enumerate().step_by(7) {
            let country = &gaz.countries[city.country as usize].name;
            let state = city.region.map(|s| &gaz.states[s as usize]);
            let mut forms = vec![
                gaz.path(Place::City(k as u32)),
                format!("{}, {country}", city.name),
                format!("/{}/{}", country.to_uppercase(), city.name),
            ];
            if let Some(state) = state {
                forms.push(format!("{}, {}", city.name, state.name));
                forms.push(format!("{}, {}.", city.name, state.code));
                forms.push(format!("/{country}/{}", state.name));
                forms.push(format!("/{country}/{}/{}", state.name, city.name));
                forms.push(format!("/{country}/{}/Nowhere", state.name));
            }
            for form in forms {
                assert_eq!(resolve_indexed(index, &form), slow(&form), "{form}");
                checked += 1;
            }
        }
        assert!(checked > 50_000, "{checked}");
    }

    #[test]
    fn reference_story_places() {
        // `../shared` beside the checkout, where CI puts it; skipped when it is absent.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/geneva-2016/kerry-geneva.txt"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} not found");
            return;
        };
        let places = extract_places(None, &text, &[]);
        for want in [
            "/Syria/Aleppo/Aleppo",
            "/Syria/Dimashq/Damascus",
            "/Syria/Latakia/Latakia",
            "/Syria",
            "/Switzerland/Geneva/Geneva",
            "/Switzerland",
            "/Russia",
            "/Jordan",
            "/Saudi Arabia",
            "/United States",
        ] {
            assert!(
                has(&places.mentions, want),
                "missing {want}: {:?}",
                places.mentions
            );
        }
        let all = places
            .mentions
            .iter()
            .chain(&places.about)
            .chain(&places.dateline);
        assert!(
            all.clone().all(|p| !p.starts_with("/Ireland")),
            "{:?}",
            places
        );
    }
}
