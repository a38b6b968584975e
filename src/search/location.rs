//! `--location`: what a place name the user typed stands for, said back to them.
//!
//! A name resolves, in this order, as a facet path (`/Syria/Aleppo/Aleppo`), a country or
//! its alias (`Syria`, `U.S.`, `Allemagne`), a named group of countries (`Europe`, `the EU`,
//! `Middle East`), a qualified place (`Newcastle, England`: the city, not all of England),
//! a bare place name, and last a name that sub-national regions share (`Darfur`: Sudan's
//! Darfur states; `Kashmir`: the Indian and Pakistani regions of that name).
//!
//! A bare name that several places bear picks the most prominent (population, capitals
//! first; see [`resolve_place`]) and keeps the others as alternatives. Once the index is
//! open, [`PlaceChoice::settle`] prefers, among them, the one the index holds the most
//! articles about: an archive that mentions Sale, England and never Salé, Morocco means
//! the former. Either way the choice is said on stderr and in JSON, so nobody filters on
//! a place they did not mean without being told.

use crate::extract::compiled::gazetteer;
use crate::extract::gazetteer::{Entry, Gazetteer, Place, normalize_key};
use crate::extract::place::resolve_place;
use crate::index::{IndexError, NewsIndex};
use crate::search::SearchRequest;
use serde::Serialize;
use tantivy::Term;
use tantivy::schema::Facet;

/// A named group of countries (a `G` record): a continent, "European Union", "Middle
/// East". Only `--location` reads groups; extraction never tags a story with one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryGroup {
    pub name: &'static str,
    /// Other names of the group ("EU", "the EU").
    pub alternates: Vec<&'static str>,
    /// ISO codes of its countries.
    pub members: Vec<&'static str>,
}

/// The groups of `data/groups.tsv`, written by `scripts/build_gazetteer.py` beside the
/// gazetteer from the same sources.
static GROUPS: &str = include_str!("../../data/groups.tsv");

/// Every group of [`GROUPS`].
pub fn country_groups() -> impl Iterator<Item = CountryGroup> {
    GROUPS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(
            |line| match line.split('\t').collect::<Vec<_>>().as_slice() {
                ["G", name, alternates, members] => Some(CountryGroup {
                    name,
                    alternates: alternates.split('|').filter(|a| !a.is_empty()).collect(),
                    members: members.split(' ').filter(|m| !m.is_empty()).collect(),
                }),
                _ => None,
            },
        )
}

/// Alternatives listed for an ambiguous name.
const ALTERNATIVES_LISTED: usize = 8;

/// What one `--location` value resolved to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceChoice {
    /// The name as the user typed it.
    pub given: String,
    /// The facet path it filters on, or the name of the group of places.
    pub resolved: String,
    /// For a group (`Europe`, `Darfur`), the facet paths of its places.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Other places of the same name, most prominent first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Why `resolved` won over the alternatives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen_by: Option<ChosenBy>,
}

/// How an ambiguous name was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChosenBy {
    /// The most populous of the places (capitals count four times).
    Prominence,
    /// The one the index holds the most articles about.
    Index,
}

impl PlaceChoice {
    /// The facet paths an article may carry to pass this filter.
    pub fn paths(&self) -> Vec<String> {
        if self.places.is_empty() {
            vec![self.resolved.clone()]
        } else {
            self.places.clone()
        }
    }

    /// Re-pick an ambiguous name by what the index holds: `held` counts the articles of a
    /// facet path. The most held of the candidates wins; with none held, prominence stands.
    pub fn settle(&mut self, held: impl Fn(&str) -> u64) {
        if self.alternatives.is_empty() || !self.places.is_empty() {
            return;
        }
        let current = held(&self.resolved);
        let best = self
            .alternatives
            .iter()
            .enumerate()
            .map(|(i, path)| (i, held(path)))
            .max_by_key(|&(i, count)| (count, std::cmp::Reverse(i)));
        if let Some((i, count)) = best
            && count > current
        {
            std::mem::swap(&mut self.resolved, &mut self.alternatives[i]);
            // Keep the alternatives in order of prominence: the displaced one goes back
            // to where it ranks, which is first (it was the most prominent).
            let displaced = self.alternatives.remove(i);
            self.alternatives.insert(0, displaced);
            self.chosen_by = Some(ChosenBy::Index);
        }
    }

    /// A note for stderr when the name was ambiguous or stands for a group.
    pub fn note(&self) -> Option<String> {
        if !self.places.is_empty() {
            return Some(format!(
                "--location {:?} means {} places: {}",
                self.given,
                self.places.len(),
                abbreviated(&self.places)
            ));
        }
        let why = match self.chosen_by? {
            ChosenBy::Prominence => "the most populous",
            ChosenBy::Index => "the one this index holds the most articles about",
        };
        Some(format!(
            "--location {:?} is ambiguous: using {} ({why}); also {}. Give a facet path or \"{}, Country\" to choose",
            self.given,
            self.resolved,
            abbreviated(&self.alternatives),
            self.given.trim()
        ))
    }
}

/// Settle the ambiguous `--location` names of `request` by what `index` holds (see
/// [`PlaceChoice::settle`]; an article counts when it mentions the place) and return the
/// notes to show the user.
pub fn settle_places(
    request: &mut SearchRequest,
    index: &NewsIndex,
) -> Result<Vec<String>, IndexError> {
    if request
        .place_choices
        .iter()
        .all(|c| c.alternatives.is_empty())
    {
        return Ok(request
            .place_choices
            .iter()
            .filter_map(PlaceChoice::note)
            .collect());
    }
    let searcher = index.reader()?.searcher();
    let mentions = index.schema.fields.mentions;
    let held = |path: &str| {
        Facet::from_text(path)
            .ok()
            .and_then(|facet| searcher.doc_freq(&Term::from_facet(mentions, &facet)).ok())
            .unwrap_or(0)
    };
    for choice in &mut request.place_choices {
        choice.settle(held);
    }
    request.places = request
        .place_choices
        .iter()
        .flat_map(PlaceChoice::paths)
        .collect();
    Ok(request
        .place_choices
        .iter()
        .filter_map(PlaceChoice::note)
        .collect())
}

/// The place filter in a line of text output: `/Germany/Lower Saxony/Hannover (for
/// "Hanover")`, `Europe (51 places)`.
pub fn filter_text(choices: &[PlaceChoice]) -> Option<String> {
    if choices.is_empty() {
        return None;
    }
    let each: Vec<String> = choices
        .iter()
        .map(|c| {
            if !c.places.is_empty() {
                format!("{} ({} places)", c.resolved, c.places.len())
            } else if c.given.trim() != c.resolved {
                format!("{} (for {:?})", c.resolved, c.given.trim())
            } else {
                c.resolved.clone()
            }
        })
        .collect();
    Some(each.join(" or "))
}

/// Up to five items, then how many more.
fn abbreviated(items: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

/// What `given` stands for; `None` for a name no place or group bears.
pub fn resolve_location(given: &str) -> Option<PlaceChoice> {
    let name = given.trim();
    let choice = |resolved: String| PlaceChoice {
        given: given.to_string(),
        resolved,
        places: Vec::new(),
        alternatives: Vec::new(),
        chosen_by: None,
    };
    // A path or `Place, Qualifier` names one place: the precomputed table answers it
    // without the gazetteer's name index.
    if name.starts_with('/') || name.contains(',') {
        return resolve_place(name).map(choice);
    }
    let gaz = gazetteer();
    let entries = gaz.lookup(name);
    if entries
        .iter()
        .any(|e| matches!(e, Entry::Country(_) | Entry::CountryAlias(_)))
    {
        return resolve_place(name).map(choice);
    }
    if let Some(places) = group_named(gaz, name) {
        return Some(PlaceChoice {
            places,
            ..choice(name.to_string())
        });
    }
    if let Some(path) = resolve_place(name) {
        let alternatives = same_name(gaz, entries, &path);
        let chosen_by = (!alternatives.is_empty()).then_some(ChosenBy::Prominence);
        return Some(PlaceChoice {
            alternatives,
            chosen_by,
            ..choice(path)
        });
    }
    let places = regions_sharing(gaz, name);
    (!places.is_empty()).then(|| PlaceChoice {
        places,
        ..choice(name.to_string())
    })
}

/// The countries of the group called `name` (or one of its other names).
fn group_named(gaz: &Gazetteer, name: &str) -> Option<Vec<String>> {
    let key = normalize_key(name);
    let key = key.strip_prefix("the ").unwrap_or(&key);
    let group = country_groups().find(|g| {
        std::iter::once(g.name)
            .chain(g.alternates.iter().copied())
            .any(|n| {
                let n = normalize_key(n);
                n.strip_prefix("the ").unwrap_or(&n) == key
            })
    })?;
    Some(
        group
            .members
            .iter()
            .filter_map(|code| gaz.country_by_code(code))
            .map(|c| gaz.path(Place::Country(c)))
            .collect(),
    )
}

/// The other places `entries` name besides `chosen`, most prominent first: cities by
/// weight, then regions.
fn same_name(gaz: &Gazetteer, entries: &[Entry], chosen: &str) -> Vec<String> {
    let mut cities: Vec<u32> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::City(c) | Entry::CityAlias(c) | Entry::CitySecondary(c) => Some(*c),
            _ => None,
        })
        .collect();
    cities.sort_by_key(|c| std::cmp::Reverse(gaz.city_weight(*c)));
    let regions = entries.iter().filter_map(|e| match e {
        Entry::State(s) | Entry::Region(s) => Some(Place::State(*s)),
        _ => None,
    });
    let mut paths: Vec<String> = Vec::new();
    for place in cities.into_iter().map(Place::City).chain(regions) {
        let path = gaz.path(place);
        if path != chosen && !paths.contains(&path) {
            paths.push(path);
        }
    }
    paths.truncate(ALTERNATIVES_LISTED);
    paths
}

/// The first-level regions whose name holds `name` as whole words (`Darfur` in
/// `Northern Darfur`, `Kashmir` in `Jammu and Kashmir`).
fn regions_sharing(gaz: &Gazetteer, name: &str) -> Vec<String> {
    let key = normalize_key(name);
    if key.chars().filter(|c| c.is_alphabetic()).count() < 4 {
        return Vec::new();
    }
    let padded = format!(" {key} ");
    (0..gaz.states.len())
        .filter(|&s| format!(" {} ", normalize_key(&gaz.states[s].name)).contains(&padded))
        .map(|s| gaz.path(Place::State(s as u16)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(name: &str) -> PlaceChoice {
        resolve_location(name).unwrap_or_else(|| panic!("{name} resolves"))
    }

    #[test]
    fn an_ambiguous_name_picks_the_most_populous_and_lists_the_others() {
        let hanover = resolved("Hanover");
        assert!(hanover.resolved.starts_with("/Germany/"), "{hanover:?}");
        assert!(hanover.resolved.ends_with("/Hannover"), "{hanover:?}");
        assert_eq!(hanover.chosen_by, Some(ChosenBy::Prominence));
        assert!(
            hanover
                .alternatives
                .iter()
                .any(|p| p.starts_with("/United States/Maryland/")),
            "{hanover:?}"
        );
        let note = hanover.note().unwrap();
        assert!(
            note.contains("ambiguous") && note.contains("Hannover"),
            "{note}"
        );
    }

    #[test]
    fn a_country_or_a_facet_path_is_never_ambiguous() {
        for name in ["Syria", "Jordan", "/Syria/Aleppo/Aleppo", "Allemagne"] {
            let choice = resolved(name);
            assert!(choice.alternatives.is_empty(), "{choice:?}");
            assert_eq!(choice.note(), None, "{name}");
        }
        assert_eq!(resolved("Allemagne").resolved, "/Germany");
    }

    #[test]
    fn a_qualified_name_means_the_city_not_the_region() {
        let newcastle = resolved("Newcastle, England");
        assert_eq!(
            newcastle.resolved,
            "/United Kingdom/England/Newcastle upon Tyne"
        );
    }

    #[test]
    fn continents_and_regions_are_groups_of_countries() {
        let europe = resolved("Europe");
        assert!(europe.places.contains(&"/France".to_string()), "{europe:?}");
        assert!(!europe.places.contains(&"/Japan".to_string()));
        let eu = resolved("the EU");
        assert_eq!(eu.resolved, "the EU");
        assert_eq!(eu.places.len(), 27);
        assert!(!eu.places.contains(&"/United Kingdom".to_string()));
        let middle_east = resolved("Middle East");
        assert!(middle_east.places.contains(&"/Syria".to_string()));
        let asia = resolved("Asia");
        assert!(asia.places.contains(&"/Japan".to_string()), "{asia:?}");
        assert!(resolved("Europe").note().unwrap().contains("places"));
    }

    #[test]
    fn every_group_member_is_a_country_of_the_gazetteer() {
        let gaz = gazetteer();
        let groups: Vec<CountryGroup> = country_groups().collect();
        assert!(groups.len() > 20, "{}", groups.len());
        for group in groups {
            assert!(!group.members.is_empty(), "{}", group.name);
            for code in &group.members {
                assert!(gaz.country_by_code(code).is_some(), "{} {code}", group.name);
            }
        }
    }

    #[test]
    fn sub_national_regions_resolve_through_region_names() {
        let darfur = resolved("Darfur");
        assert!(darfur.places.len() >= 3, "{darfur:?}");
        assert!(darfur.places.iter().all(|p| p.starts_with("/Sudan/")));
        let kashmir = resolved("Kashmir");
        assert!(kashmir.places.iter().any(|p| p.starts_with("/India/")));
        assert!(kashmir.places.iter().any(|p| p.starts_with("/Pakistan/")));
        assert_eq!(resolve_location("Atlantis Minor"), None);
    }

    #[test]
    fn exonyms_and_seats_of_government_resolve() {
        assert!(resolved("Seville").resolved.starts_with("/Spain/"));
        assert!(resolved("Genf").resolved.starts_with("/Switzerland/"));
        assert!(
            resolved("Westminster")
                .resolved
                .starts_with("/United Kingdom/")
        );
        assert!(
            resolved("Whitehall")
                .resolved
                .starts_with("/United Kingdom/")
        );
    }

    #[test]
    fn the_index_settles_a_name_it_holds() {
        let mut sale = resolved("Sale");
        let english = sale
            .alternatives
            .iter()
            .chain(std::iter::once(&sale.resolved))
            .find(|p| p.starts_with("/United Kingdom/"))
            .cloned()
            .expect("Sale, England is a candidate");
        let held = english.clone();
        sale.settle(|path| u64::from(path == held) * 3);
        assert_eq!(sale.resolved, english);
        assert_eq!(sale.chosen_by, Some(ChosenBy::Index));
        assert!(sale.note().unwrap().contains("this index holds"));
        // Nothing held: prominence stands.
        let mut hanover = resolved("Hanover");
        let before = hanover.resolved.clone();
        hanover.settle(|_| 0);
        assert_eq!(hanover.resolved, before);
        assert_eq!(hanover.chosen_by, Some(ChosenBy::Prominence));
    }
}
