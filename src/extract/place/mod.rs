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
    /// Places the story is about: dateline, headline, lead, places mentioned at least
    /// twice (a city mention counts for its country too) and metadata places.
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
    mark_person_names(gaz, &tokens, &mut candidates);
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
    let mut mentions = Vec::new();
    let mut about_places: Vec<(Place, Basis)> = Vec::new();
    for mention in &ordered {
        let featured = mention.zone != Zone::Body
            && mention.salient
            && !listed_party(mention)
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
    Places {
        dateline: dateline_place.map(|p| gaz.path(p)),
        about,
        mentions: mentions.iter().map(|p| gaz.path(*p)).collect(),
        basis,
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
mod tests {
    use super::*;

    pub(super) fn mentions(body: &str) -> Vec<String> {
        extract_places(None, body, &[]).mentions
    }

    pub(super) fn has(list: &[String], path: &str) -> bool {
        list.iter().any(|p| p == path)
    }

    fn about(title: &str, body: &str) -> Vec<String> {
        extract_places(Some(title), body, &[]).about
    }

    fn nowhere_in(list: &[String], country: &str) -> bool {
        list.iter().all(|p| !p.starts_with(country))
    }

    #[test]
    fn club_named_like_a_town_takes_the_town_its_rivals_point_to() {
        let found = mentions("Newcastle beat Bolton 2-1 at St James' Park on Saturday.");
        assert!(
            has(&found, "/United Kingdom/England/Newcastle upon Tyne"),
            "{found:?}"
        );
        assert!(nowhere_in(&found, "/Australia"), "{found:?}");
        let found = mentions("Leeds United lost again; the Premiership side fell to Newcastle.");
        assert!(nowhere_in(&found, "/Australia"), "{found:?}");
        // A smaller town of a named country beats a bigger namesake abroad.
        let found = mentions("England's rugby side met Gloucester at Kingsholm.");
        assert!(
            has(&found, "/United Kingdom/England/Gloucester"),
            "{found:?}"
        );
    }

    #[test]
    fn club_named_after_its_town_is_the_town() {
        let found = mentions("Fans of Bristol Rovers protested outside the ground.");
        assert!(has(&found, "/United Kingdom"), "{found:?}");
    }

    #[test]
    fn party_after_a_month_is_the_party() {
        let places = extract_places(
            Some("Debate refused"),
            "He declined again.\n\nIn June Tory leaders said so. The Tories would not relent.",
            &[],
        );
        assert_eq!(places.about, ["/United Kingdom"]);
    }

    #[test]
    fn nationality_in_the_lead_yields_to_a_place_named() {
        // The carmaker's nationality is no place of the story: the town named is.
        let places = extract_places(
            Some("Carmaker adds jobs"),
            "Swedish carmaker Volvo will add 300 jobs at its plant in Leeds.",
            &[],
        );
        assert_eq!(
            places.about,
            ["/United Kingdom/England/Leeds", "/United Kingdom"]
        );
        assert!(has(&places.mentions, "/Sweden"), "{places:?}");
        // With no place of its own, the story is about the firm's country.
        let places = extract_places(
            Some("Carmaker adds jobs"),
            "Swedish carmaker Volvo will add 300 jobs.",
            &[],
        );
        assert_eq!(places.about, ["/Sweden"]);
    }

    #[test]
    fn nationalities_of_people_do_not_add_up() {
        let body = "The meeting opened on Friday in Leeds.\n\n\
                    Kenyan runner Paul Kibet won the 3,000m. Kenyan Joseph Ruto was second. \
                    Another Kenyan, Peter Oduya, was third. The crowd in Leeds cheered.";
        let places = extract_places(Some("Indoor meeting"), body, &[]);
        assert!(nowhere_in(&places.about, "/Kenya"), "{places:?}");
        assert!(has(&places.mentions, "/Kenya"), "{places:?}");
    }

    #[test]
    fn a_list_in_one_sentence_counts_once() {
        let body = "The firm is based in Leeds and sells across Britain.\n\n\
                    It has depots in Lyon, Lille and Nantes. Britain is its main market.";
        let places = extract_places(Some("Firm expands"), body, &[]);
        assert!(nowhere_in(&places.about, "/France"), "{places:?}");
    }

    #[test]
    fn one_passing_mention_is_no_fallback() {
        let body = "The software runs on phones.\n\nIt was licensed from a US-based firm.";
        assert!(about("Search tool launched", body).is_empty());
        let body = "The software runs on phones.\n\nIt was licensed from a US firm. \
                    The US market is its first.";
        let places = extract_places(Some("Search tool launched"), body, &[]);
        assert_eq!(places.about, ["/United States"]);
        assert_eq!(places.basis, [Basis::Fallback]);
    }

    #[test]
    fn event_in_a_capital_is_the_capital() {
        let found = mentions("Radcliffe dropped out of the marathon at the Athens Olympics.");
        assert!(has(&found, "/Greece"), "{found:?}");
        assert!(nowhere_in(&found, "/United States"), "{found:?}");
        // A US place elsewhere in the story does not make Athens the Georgia town.
        let found = mentions("She won in New York. It made up for the disappointment of Athens.");
        assert!(has(&found, "/Greece/Attica/Athens"), "{found:?}");
    }

    #[test]
    fn role_word_before_a_name_makes_a_person() {
        let places = extract_places(
            Some("Roddick splits from coach Gilbert"),
            "Andy Roddick has parted company with his coach Brad Gilbert. Gilbert said little.",
            &[],
        );
        assert!(places.mentions.is_empty(), "{places:?}");
        assert!(mentions("The striker Milan Baros scored twice.").is_empty());
        // A role word before a country leaves it a country.
        assert_eq!(mentions("They beat host Australia."), ["/Australia"]);
    }

    #[test]
    fn common_noun_city_needs_its_state() {
        assert!(mentions("Fans queued for the Order of the Phoenix at midnight.").is_empty());
        assert!(mentions("The Phoenix consortium bought the carmaker.").is_empty());
        let found = mentions("In Arizona, Phoenix officials said the heat broke records.");
        assert!(has(&found, "/United States/Arizona/Phoenix"), "{found:?}");
    }

    #[test]
    fn companies_and_titles_named_like_towns_are_no_places() {
        assert!(mentions("Nokia said sales rose. Toyota raised its forecast.").is_empty());
        assert!(mentions("Norwich Union cut jobs; Newmarket Films made the movie.").is_empty());
        assert!(mentions("The Prince of Wales met the Archbishop of Canterbury.").is_empty());
        assert!(mentions("Lord Nicholls of Birkenhead gave the ruling.").is_empty());
        // A country after a title is still the country.
        assert_eq!(mentions("The King of Jordan spoke."), ["/Jordan"]);
    }

    #[test]
    fn possessive_city_before_a_name_is_the_city() {
        assert_eq!(
            mentions("Crowds filled London's Tate Modern."),
            ["/United Kingdom/England/London", "/United Kingdom"]
        );
    }

    #[test]
    fn story_without_a_featured_place_is_about_its_leading_country() {
        let body = "Ministers met on Monday to discuss the plan.\n\n\
                    Later the Tories said MPs would vote against it. The cost is £2bn.";
        assert_eq!(about("Plan delayed", body), ["/United Kingdom"]);
        // A tie leaves it about nowhere.
        let body = "Ministers met on Monday.\n\nThen France and Spain said no.";
        assert!(about("Plan delayed", body).is_empty());
    }

    #[test]
    fn nationalities_vote_for_a_story_with_no_place_of_its_own() {
        // "British politics" and "the Labour Party" outweigh one slum in Kenya.
        let body = "The memory that drives him is of a girl he met.\n\n\
                    Schoolgirls of Kenya's largest slum sang for him. He is a pivotal \
                    figure in British politics. The Labour Party is happier now.";
        let places = extract_places(Some("The memory driving his mission"), body, &[]);
        assert_eq!(places.about, ["/United Kingdom"]);
        assert_eq!(places.basis, [Basis::Fallback]);
        // An adjective alone is no place: a language is not where the story is.
        let body = "The codes are hard to read.\n\n\
                    A Russian letter looks like a Latin one. The Russian alphabet differs. \
                    The firm is in Paris.";
        assert!(about("Domain scam fear", body).is_empty());
    }

    #[test]
    fn table_lines_count_for_no_place() {
        // A fixture list names every team of the group again and again, and says nothing.
        let body = "Ireland will close their campaign at home in October.\n\n\
                    Republic of Ireland v Cyprus; France v Israel.\n\n\
                    Israel v Cyprus; France v Republic of Ireland.\n\n\
                    Cyprus v France; Israel v Republic of Ireland.";
        assert_eq!(about("Irish finish with home game", body), ["/Ireland"]);
        // A sentence that says something of them still counts.
        let body = "Ireland will close their campaign at home in October.\n\n\
                    Israel beat Cyprus. Israel lost to France. Israel drew with Cyprus.";
        assert_eq!(
            about("Irish finish with home game", body),
            ["/Ireland", "/Israel"]
        );
    }

    #[test]
    fn a_region_geonames_divides_is_its_countrys() {
        // Darfur is four states of Sudan in GeoNames, none of them named `Darfur`.
        let body = "Aid agencies warned on Monday of hunger in the camps.\n\n\
                    Sudan denies the charge. Refugees from Darfur fled to Chad. Fighting in \
                    Darfur goes on. Rebels in Darfur said so.";
        let places = extract_places(Some("Aid agencies warn of hunger"), body, &[]);
        assert!(has(&places.about, "/Sudan"), "{places:?}");
        // Only once its country is named: `Java` alone may be a language.
        assert!(mentions("Java runs on most phones. Java is free.").is_empty());
        assert_eq!(
            mentions("Sumatra and Java, Indonesia, felt the quake."),
            ["/Indonesia"]
        );
        // A word of a longer name is that name's.
        assert!(mentions("The Darfur Peace Agreement was signed.").is_empty());
    }

    #[test]
    fn a_nationality_after_a_town_is_a_clubs_name() {
        let places = extract_places(
            Some("London Irish 19-33 Wasps"),
            "Wasps sank London Irish with three tries.\n\n\
             Irish replied with three penalties. The Irish defence held for an hour.",
            &[],
        );
        assert!(nowhere_in(&places.mentions, "/Ireland"), "{places:?}");
        assert!(has(&places.about, "/United Kingdom"), "{places:?}");
        // A town's people of another country are still that country's.
        assert!(has(
            &mentions("Irish fans filled London on Sunday."),
            "/Ireland"
        ));
    }

    #[test]
    fn a_sources_nationality_is_no_place_of_the_story() {
        let places = extract_places(
            Some("Laptop is 'greatest gadget'"),
            "The Powerbook has been chosen as the greatest gadget by US magazine Mobile PC.",
            &[],
        );
        assert!(places.about.is_empty(), "{places:?}");
        assert_eq!(places.mentions, ["/United States"]);
        let body = "The striker apologised on Monday.\n\n\
                    He was quoted in a French newspaper. He blamed the French press. \
                    The French media ran the story again.";
        assert!(about("Striker apologises", body).is_empty());
    }

    #[test]
    fn national_institutions_point_to_their_country() {
        assert_eq!(
            about(
                "Labour plans pay rise",
                "Ministers said MPs would vote on the plan, Downing Street confirmed."
            ),
            ["/United Kingdom"]
        );
        assert_eq!(mentions("The Kremlin denied the report."), ["/Russia"]);
        // A place inside an institution's name is the institution.
        assert_eq!(
            mentions("Westminster voted. Scotland Yard made arrests."),
            ["/United Kingdom"]
        );
        // A one-word institution inside another name is not one.
        assert!(mentions("The photos carry a Creative Commons licence.").is_empty());
    }

    #[test]
    fn governments_listed_together_are_parties_not_places() {
        let places = extract_places(
            Some("UN asks Washington and Moscow to save truce in Aleppo"),
            "GENEVA, May 4 (Reuters) - The UN envoy for Syria asked the United States and \
             Russia on Wednesday to restore the truce in Aleppo.",
            &[],
        );
        assert!(nowhere_in(&places.about, "/United States"), "{places:?}");
        assert!(nowhere_in(&places.about, "/Russia"), "{places:?}");
        assert!(has(&places.about, "/Syria"), "{places:?}");
        assert!(has(&places.about, "/Switzerland"), "{places:?}");
        assert!(has(&places.mentions, "/United States"), "{places:?}");
        assert!(has(&places.mentions, "/Russia"), "{places:?}");
        // A list that holds the dateline's country is the story's own.
        let places = extract_places(
            Some("Truce in Karabakh: Azerbaijan and Armenia agree"),
            "BAKU, Nov 10 (Reuters) - Azerbaijan and Armenia agreed to stop fighting.",
            &[],
        );
        assert!(has(&places.about, "/Armenia"), "{places:?}");
        // A headline with no place of its own keeps the countries it lists.
        assert_eq!(
            about(
                "Russia and Georgia sign truce",
                "The two sides met on Monday."
            ),
            ["/Russia", "/Georgia"]
        );
    }

    #[test]
    fn uk_broadcasters_awards_and_munster_point_to_their_country() {
        let body = "The winners will be shown on BBC One on Wednesday.\n\n\
                    A sketch from ITV's comedy came second.";
        assert_eq!(about("Top TV moment named", body), ["/United Kingdom"]);
        assert_eq!(
            about(
                "Singer up for three awards",
                "She is nominated in three categories at the Brit Awards."
            ),
            ["/United Kingdom"]
        );
        // The Irish rugby province, not the German city.
        let found = mentions("Ireland and Munster lock Paul O'Connell was named.");
        assert_eq!(found, ["/Ireland"]);
    }

    #[test]
    fn a_place_after_a_country_is_no_name() {
        // "beat France" is no "US tycoon Malcolm Glazer": both are places of the story.
        let body = "The match was played on Saturday.\n\nGermany beat France 2-0. Germany \
                    lead the group. Germany meet Spain next.";
        assert_eq!(about("Cup round-up", body), ["/Germany"]);
        // The place a headline lists governments against stays the story's own.
        let places = extract_places(
            Some("Syria talks open in Astana under the mediation of Russia, Turkey and Iran"),
            "The meeting opened on Monday.",
            &[],
        );
        assert_eq!(
            places.about,
            ["/Syria", "/Kazakhstan/Astana/Astana", "/Kazakhstan"]
        );
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
    fn names_in_scripts_without_capitals_are_read() {
        let found = mentions("قصفت الطائرات مدينة حلب في شمال سوريا.");
        assert!(has(&found, "/Syria/Aleppo/Aleppo"), "{found:?}");
        let found = mentions("Переговоры в Женеве зашли в тупик, заявили в Женева.");
        assert!(has(&found, "/Switzerland/Geneva/Geneva"), "{found:?}");
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
    #[ignore = "reads ../shared/corpora beside the checkout (not part of the repository): run with `cargo test -- --ignored`"]
    fn reference_story_places() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/geneva-2016/kerry-geneva.txt"
        );
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read the reference story {path}: {e}"));
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
