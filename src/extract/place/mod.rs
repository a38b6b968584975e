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
//!
//! The rules propose the places a story is about; [`about`] weighs each country they could
//! choose once more with a model trained on labelled development stories, and decides.

mod about;
mod basis;
mod candidates;
mod inflect;
mod people;
mod resolve;
mod table;
mod tokens;
mod words;

use super::compiled::gazetteer;
use super::dateline::{Dateline, parse_dateline};
use super::gazetteer::{FastMap, FastSet, Gazetteer, Place, language_bit};
use super::language::article_language;
pub use about::FEATURES as ABOUT_FEATURES;
pub use basis::Basis;
use candidates::{find_candidates, find_institutions, find_region_words, resolve_candidates};
use people::{CountryUse, country_use, mark_person_names};
use resolve::{resolve_dateline, resolve_name};
use table::{place_index, resolve_indexed};
use tokens::{Style, Zone, is_headline_case, is_shouting, lead_len, resolve_line_styles, tokenize};
use words::{CURRENCY_WORDS, SOURCE_WORDS};

/// The places found in one article, as facet paths.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    /// The dateline place, e.g. `/Switzerland/Geneva`.
    pub dateline: Option<String>,
    /// Places the story is about: dateline, headline, lead, places mentioned in three
    /// sentences or more (a city mention counts for its country too), as the about model
    /// weighs them, and metadata places.
    pub about: Vec<String>,
    /// Every place mentioned anywhere, in first-mention order; a city is followed by
    /// its country.
    pub mentions: Vec<String>,
    /// Why each place of `about` is there (same order): the strongest evidence for it.
    pub basis: Vec<Basis>,
}

/// Mentions (a city counting for its country too) that make a place salient on their own:
/// measured on the Reuters-21578 development split (`examples/eval/main.rs`), two mentions
/// let in too many passing references.
const REPEATED: usize = 3;

/// Sentences (with `£` as one more) that must point to the one country of a story that
/// features no place.
const FALLBACK_EVIDENCE: usize = 2;

/// Find the places of an article from its title, body and metadata place names, read in
/// the language detected from the text (as the indexer detects it).
pub fn extract_places(title: Option<&str>, body: &str, metadata: &[String]) -> Places {
    let lang = article_language(None, title, body);
    extract_places_after(title, body, parse_dateline(body).as_ref(), metadata, lang)
}

/// [`extract_places`] for a body whose opening dateline has been parsed already, in the
/// article's language `lang` (an ISO 639-1 code such as `fr`): a city named like a common
/// word of that language needs its country named.
pub fn extract_places_after(
    title: Option<&str>,
    body: &str,
    dateline: Option<&Dateline>,
    metadata: &[String],
    lang: &str,
) -> Places {
    read_places(
        title,
        body,
        dateline,
        metadata,
        lang,
        Some(about::Model::shipped()),
    )
    .0
}

/// The evidence the about-decision weighs for each country an article names (its facet
/// path, and one value per feature of [`ABOUT_FEATURES`]), as [`extract_places`] reads
/// the article: what `scripts/train_about.py` learns the decision from.
pub fn about_evidence(
    title: Option<&str>,
    body: &str,
    metadata: &[String],
    lang: &str,
) -> Vec<(String, Vec<f32>)> {
    let gaz = gazetteer();
    by_rules(title, body, metadata, lang)
        .1
        .into_iter()
        .map(|e| (gaz.path(Place::Country(e.country)), e.x.to_vec()))
        .collect()
}

/// The places the rules alone give an article (its dateline read from `body`), and the
/// evidence for each country it names.
fn by_rules(
    title: Option<&str>,
    body: &str,
    metadata: &[String],
    lang: &str,
) -> (Places, Vec<about::Evidence>) {
    read_places(
        title,
        body,
        parse_dateline(body).as_ref(),
        metadata,
        lang,
        None,
    )
}

/// The places of an article and the evidence for each country it names; `model`, when
/// given, decides which of them the story is about (else the rules alone do).
fn read_places(
    title: Option<&str>,
    body: &str,
    dateline: Option<&Dateline>,
    metadata: &[String],
    lang: &str,
    model: Option<&about::Model>,
) -> (Places, Vec<about::Evidence>) {
    let gaz = gazetteer();
    let lang = language_bit(lang);
    let dateline_place =
        dateline.and_then(|d| resolve_dateline(gaz, &d.place, d.qualifier.as_deref()));
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

    inflect::read_language_forms(&mut tokens, lang);
    let mut candidates = find_candidates(gaz, &tokens);
    // An institution's name wins over a place inside it ("Scotland Yard", "Westminster").
    let mut institutions = find_institutions(gaz, &tokens);
    if !institutions.is_empty() {
        candidates.retain(|c| {
            !institutions
                .iter()
                .any(|i| c.first <= i.last && i.first <= c.last)
        });
    }
    resolve_line_styles(&tokens, &candidates);
    mark_person_names(gaz, &tokens, &mut candidates, lang == language_bit("de"));
    let context: Vec<u16> = institutions.iter().map(|i| i.country).collect();
    let mut found = resolve_candidates(gaz, &tokens, &candidates, dateline_place, &context, lang);
    if dateline_place.is_some() {
        // Under a dateline an institution only backs a country the story names: alone it
        // may be a namesake (Canada's House of Commons, New Zealand's Labour).
        let named: Vec<u16> = found
            .iter()
            .map(|(p, _, _)| gaz.country_of(*p))
            .chain(dateline_place.map(|p| gaz.country_of(p)))
            .collect();
        institutions.retain(|i| named.contains(&i.country));
    }
    if !institutions.is_empty() {
        found.extend(
            institutions
                .iter()
                .map(|i| (Place::Country(i.country), i.first, i.last)),
        );
        found.sort_by_key(|(_, first, _)| *first);
    }
    // A region GeoNames divides (`Darfur`: Northern, Southern … Darfur) is its country's,
    // once the story names that country, like any region outside the biggest English-
    // speaking countries ("Java" alone may be a language).
    if !found.is_empty() || dateline_place.is_some() {
        let named: Vec<u16> = found
            .iter()
            .map(|(p, _, _)| gaz.country_of(*p))
            .chain(dateline_place.map(|p| gaz.country_of(p)))
            .collect();
        let regions: Vec<(Place, usize, usize)> = find_region_words(gaz, &tokens, &candidates)
            .into_iter()
            .filter(|(country, at)| {
                named.contains(country)
                    && !institutions.iter().any(|i| i.first <= *at && *at <= i.last)
            })
            .map(|(country, at)| (Place::Country(country), at, at))
            .collect();
        if !regions.is_empty() {
            found.extend(regions);
            found.sort_by_key(|(_, first, _)| *first);
        }
    }

    // Mentions in reading order: the title, the dateline, then the body. A country named
    // only as a currency ("U.S. dlrs", "Swiss francs") is mentioned but not salient.
    let mut sentence = 0;
    let sentences: Vec<usize> = tokens
        .iter()
        .map(|t| {
            sentence += usize::from(t.sentence_start);
            sentence
        })
        .collect();
    let mut ordered: Vec<Mention> = Vec::new();
    let (in_title, in_body): (Vec<_>, Vec<_>) = found
        .iter()
        .partition(|(_, first, _)| *first < title_tokens);
    let entry = |(place, first, last): &(Place, usize, usize)| {
        let currency = matches!(place, Place::Country(_))
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.lower_is_any(CURRENCY_WORDS));
        // A source's nationality ("US magazine Mobile PC", "the French press") says who
        // reported, not where the story is.
        let source = matches!(place, Place::Country(_))
            && !tokens[*last].possessive
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.gap == tokens::Gap::Space && t.lower_is_any(SOURCE_WORDS));
        // A country named by an adjective of another language (`allemande`) is mentioned
        // but not salient either.
        let adjective = tokens[*first].adjective;
        // Under a dateline the story's place is known: an institution in its lead may be
        // another country's namesake (Canada's House of Commons), so it counts only by
        // repetition.
        let institution = || institutions.iter().any(|i| i.first == *first);
        let zone = if dateline_place.is_some() && institution() {
            Zone::Body
        } else {
            tokens[*first].zone
        };
        let usage =
            candidates
                .binary_search_by_key(first, |c| c.first)
                .map_or(CountryUse::Place, |k| {
                    country_use(&tokens, &candidates[k], |at| {
                        found.iter().any(|(_, first, _)| *first == at)
                    })
                });
        Mention {
            place: *place,
            zone,
            salient: !currency && !adjective && !source,
            sentence: sentences[*first],
            nationality: usage != CountryUse::Place,
            of_someone: usage == CountryUse::Nationality,
            partners: listed_with(gaz, &tokens, &found, *first, *last),
            listed: false,
        }
    };
    ordered.extend(in_title.into_iter().map(entry));
    if let Some(place) = dateline_place {
        ordered.push(Mention {
            place,
            zone: Zone::Dateline,
            salient: true,
            sentence: usize::MAX,
            nationality: false,
            of_someone: false,
            partners: Vec::new(),
            listed: false,
        });
    }
    ordered.extend(in_body.into_iter().map(entry));

    // A place counts once a sentence: a list of cities in one sentence is one mention.
    // Someone's nationality ("Spain's Felix Mantilla") does not count at all: a results
    // round-up names many. `place_counts` leaves out adjectives too ("Russian alphabet").
    // A line of a table (fixtures, results, a squad: "France v Israel; Cyprus v Faroe
    // Islands.") names places without saying anything of them: it counts for none.
    let tables = table_lines(&tokens, &found, &sentences);
    let mut counted: FastSet<(Place, usize, bool)> = FastSet::default();
    let mut counts: FastMap<Place, usize> = FastMap::default();
    let mut place_counts: FastMap<Place, usize> = FastMap::default();
    for mention in ordered
        .iter()
        .filter(|m| m.salient && !m.of_someone && !tables.contains(&m.sentence))
    {
        for p in with_country(gaz, mention.place) {
            if counted.insert((p, mention.sentence, false)) {
                *counts.entry(p).or_default() += 1;
            }
            if !mention.nationality && counted.insert((p, mention.sentence, true)) {
                *place_counts.entry(p).or_default() += 1;
            }
        }
    }
    // A nationality in the lead ("German car maker BMW") features its country only when
    // the story names no place of its own in its headline or lead, nor one again and again.
    let place_featured = ordered
        .iter()
        .any(|m| matches!(m.zone, Zone::Title | Zone::Lead) && m.salient && !m.nationality)
        || place_counts.values().any(|n| *n >= REPEATED);
    // Governments named together in a headline or lead ("UN asks Washington and Moscow to
    // save the truce in Aleppo", "talks mediated by Russia, Turkey and Iran") are parties to
    // a story that its headline places elsewhere: they are mentioned, not featured, unless
    // one of them is where the story is (its dateline or a headline place of its own).
    let located: Vec<u16> = ordered
        .iter()
        .filter(|m| m.zone == Zone::Title && m.partners.is_empty() && m.salient && !m.nationality)
        .map(|m| gaz.country_of(m.place))
        .collect();
    let dateline_country = dateline_place.map(|p| gaz.country_of(p));
    let listed_party = |m: &Mention| {
        let own = gaz.country_of(m.place);
        matches!(m.zone, Zone::Title | Zone::Lead)
            && !m.partners.is_empty()
            && !located.is_empty()
            && !located.contains(&own)
            && dateline_country != Some(own)
            && !m
                .partners
                .iter()
                .any(|c| located.contains(c) || dateline_country == Some(*c))
    };
    for mention in &mut ordered {
        mention.listed = listed_party(mention);
    }
    let mut mentions = Vec::new();
    let mut about_places: Vec<(Place, Basis)> = Vec::new();
    for mention in &ordered {
        let featured = mention.zone != Zone::Body
            && mention.salient
            && !mention.listed
            && !(mention.nationality && mention.zone == Zone::Lead && place_featured);
        for p in with_country(gaz, mention.place) {
            push_unique(&mut mentions, p);
            let basis = if featured {
                Basis::of_zone(mention.zone)
            } else if counts.get(&p).copied().unwrap_or(0) >= REPEATED {
                Basis::Repeated
            } else {
                continue;
            };
            match about_places.iter_mut().find(|(q, _)| *q == p) {
                Some((_, known)) => *known = (*known).min(basis),
                None => about_places.push((p, basis)),
            }
        }
    }
    // A story that features no place (none in its headline, dateline or lead, none named
    // three times) is about the one country its evidence points to most, in two sentences
    // at least: a UK politics story naming only "MPs", "the Tories" and "British politics",
    // a company story in pounds. Every sentence that names a country, an institution or a
    // nationality votes once for its country, but where some country is named as a place
    // the winner must be one of those named (or the UK by a sum in pounds): an adjective
    // alone ("the Russian alphabet") is no place of the story. A single passing mention
    // ("a US-based firm") is no evidence for a whole story.
    if about_places.is_empty() {
        let mut votes: FastMap<u16, usize> = FastMap::default();
        for (place, n) in &counts {
            if let Place::Country(c) = place {
                *votes.entry(*c).or_default() += n;
            }
        }
        let named = place_counts.keys().any(|p| matches!(p, Place::Country(_)));
        let pounds = body
            .contains('£')
            .then(|| gaz.country_by_code("GB"))
            .flatten();
        if let Some(uk) = pounds {
            *votes.entry(uk).or_default() += 1;
        }
        let best = votes.values().copied().max().unwrap_or(0);
        let mut leaders = votes.iter().filter(|(_, n)| **n == best);
        if let (Some((country, _)), None) = (leaders.next(), leaders.next())
            && best >= FALLBACK_EVIDENCE
            && (!named
                || place_counts.contains_key(&Place::Country(*country))
                || pounds == Some(*country))
        {
            about_places.push((Place::Country(*country), Basis::Fallback));
            push_unique(&mut mentions, Place::Country(*country));
        }
    }
    let evidence = about::evidence(&about::Story {
        gaz,
        ordered: &ordered,
        counts: &counts,
        place_counts: &place_counts,
        about: &about_places,
        dateline_country,
        institutions: &institutions,
        sentences: sentence,
        body,
    });
    if let Some(model) = model {
        for country in about::decide(gaz, model, &mut about_places, &evidence) {
            push_unique(&mut mentions, Place::Country(country));
        }
    }
    // `about` keeps first-mention order, then metadata-only places.
    let (mut about, mut basis): (Vec<String>, Vec<Basis>) = mentions
        .iter()
        .filter_map(|p| {
            let (_, basis) = about_places.iter().find(|(q, _)| q == p)?;
            Some((gaz.path(*p), *basis))
        })
        .unzip();
    for name in metadata {
        if let Some(place) = resolve_name(gaz, name) {
            for p in with_country(gaz, place) {
                let path = gaz.path(p);
                match about.iter().position(|a| *a == path) {
                    Some(k) => basis[k] = Basis::Metadata,
                    None => {
                        about.push(path);
                        basis.push(Basis::Metadata);
                    }
                }
            }
        }
    }
    let places = Places {
        dateline: dateline_place.map(|p| gaz.path(p)),
        about,
        mentions: mentions.iter().map(|p| gaz.path(*p)).collect(),
        basis,
    };
    (places, evidence)
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
/// microseconds without parsing the gazetteer; it gives what [`resolve_name`] gives over the gazetteer.
pub fn resolve_place(name: &str) -> Option<String> {
    match place_index() {
        Some(index) => resolve_indexed(index, name),
        None => {
            let gaz = gazetteer();
            resolve_name(gaz, name).map(|p| gaz.path(p))
        }
    }
}

/// One place found in the text, in reading order.
struct Mention {
    place: Place,
    zone: Zone,
    /// Not a currency ("U.S. dlrs"): it may make the story about the place.
    salient: bool,
    /// The sentence (or clause) it is in, counted from the title.
    sentence: usize,
    /// A nationality or adjective, no place: "German car maker BMW", "the Russian alphabet".
    nationality: bool,
    /// The nationality of someone named: "US tycoon Malcolm Glazer", "Belgian Kim Gevaert".
    of_someone: bool,
    /// The countries of the names it is listed with ("Washington and Moscow", "Russia,
    /// Turkey and Iran"), when it and they are countries or capitals.
    partners: Vec<u16>,
    /// One of governments listed together in a headline or lead, the story's own place
    /// being another's (see `listed_party` in [`read_places`]).
    listed: bool,
}

/// The place and, for a city or state, its country.
fn with_country(gaz: &Gazetteer, place: Place) -> impl Iterator<Item = Place> {
    let country = match place {
        Place::Country(_) => None,
        _ => Some(Place::Country(gaz.country_of(place))),
    };
    std::iter::once(place).chain(country)
}

/// Conjunctions that join names in a list, in the ten languages.
const CONJUNCTIONS: &[&str] = &["and", "et", "y", "e", "und", "en", "и", "ve", "ile", "&"];

/// Articles and prepositions repeated after a conjunction: `aux États-Unis et à la Russie`,
/// `aos Estados Unidos e à Rússia`.
const REPEATED_BEFORE_NAME: &[&str] = &[
    "à", "a", "al", "la", "le", "l", "den", "die", "the", "aux", "ao", "aos",
];

/// The countries of the names `first..=last` is listed with: "Washington and Moscow",
/// "Russia, Turkey and Iran", Arabic "موسكو وواشنطن". Only countries and capitals list
/// governments; a list of towns ("Odesa, Chornomorsk and Pivdennyi") is none.
fn listed_with(
    gaz: &Gazetteer,
    tokens: &[tokens::Token],
    found: &[(Place, usize, usize)],
    first: usize,
    last: usize,
) -> Vec<u16> {
    let government = |p: Place| match p {
        Place::Country(_) => true,
        Place::City(c) => gaz.cities[c as usize].capital,
        _ => false,
    };
    let Some(k) = found.iter().position(|(_, f, _)| *f == first) else {
        return Vec::new();
    };
    if !government(found[k].0) {
        return Vec::new();
    }
    let joined = |left_last: usize, right_first: usize| {
        let right = &tokens[right_first];
        (right_first == left_last + 1 && (right.after_comma || right.conjoined))
            || (right_first == left_last + 2 && tokens[left_last + 1].lower_is_any(CONJUNCTIONS))
            || (right_first == left_last + 3
                && tokens[left_last + 1].lower_is_any(CONJUNCTIONS)
                && tokens[left_last + 2].lower_is_any(REPEATED_BEFORE_NAME))
    };
    let mut partners = Vec::new();
    if let Some(next) = found.get(k + 1)
        && government(next.0)
        && joined(last, next.1)
    {
        partners.push(gaz.country_of(next.0));
    }
    if let Some(previous) = k.checked_sub(1).map(|j| &found[j])
        && government(previous.0)
        && joined(previous.2, first)
    {
        partners.push(gaz.country_of(previous.0));
    }
    let own = gaz.country_of(found[k].0);
    partners.retain(|c| *c != own);
    partners
}

/// Lower-case words a table line may hold between its names: "Ireland v Cyprus",
/// "Republic of Ireland", "Wales 2-1 Italy at Cardiff".
const TABLE_WORDS: &[&str] = &["v", "vs", "and", "of", "at", "&"];

/// The body sentences that are lines of a table: two places or more and no lower-case
/// word but [`TABLE_WORDS`], so no verb says anything of them (fixtures, results, squads).
fn table_lines(
    tokens: &[tokens::Token],
    found: &[(Place, usize, usize)],
    sentences: &[usize],
) -> FastSet<usize> {
    let mut places: FastMap<usize, usize> = FastMap::default();
    for (_, first, _) in found {
        if tokens[*first].zone == Zone::Body {
            *places.entry(sentences[*first]).or_default() += 1;
        }
    }
    let mut tables: FastSet<usize> = places
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(sentence, _)| sentence)
        .collect();
    if !tables.is_empty() {
        for (token, sentence) in tokens.iter().zip(sentences) {
            if token.text.starts_with(char::is_lowercase)
                && tables.contains(sentence)
                && !token.lower_is_any(TABLE_WORDS)
            {
                tables.remove(sentence);
            }
        }
    }
    tables
}

fn push_unique(list: &mut Vec<Place>, place: Place) {
    if !list.contains(&place) {
        list.push(place);
    }
}

#[cfg(test)]
mod tests;
