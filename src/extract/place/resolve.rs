//! The one place-resolution order: what a place name (typed by a user, in metadata or in a
//! dateline) resolves to.
//!
//! [`resolve_name`] reads a name through the lookups of [`PlaceNames`]. The gazetteer
//! answers them directly; `build.rs` includes this file to precompute their answers into
//! the `--location` table (keys from [`table_key`]), and `table.rs` answers them from that
//! table, so a search start-up and the indexer agree by construction.
//!
//! This file is compiled into `build.rs` too: it may use only `crate::extract::gazetteer`.

use crate::extract::gazetteer::{Entry, Gazetteer, Place};

/// The lookups a place name is resolved through; `Found` is a place or its facet path.
pub(crate) trait PlaceNames {
    type Found: Copy;
    /// The country a name or alias denotes.
    fn country(&self, name: &str) -> Option<Self::Found>;
    /// The first first-level region (US state, province, …) a name or abbreviation denotes.
    fn region(&self, name: &str) -> Option<Self::Found>;
    /// The first region of that name (or abbreviation) in `country`.
    fn region_in(&self, country: Self::Found, name: &str) -> Option<Self::Found>;
    /// The best city of that name in `within` (a country or region); failing a city, for
    /// a country, its region of that name.
    fn place_in(&self, within: Self::Found, name: &str) -> Option<Self::Found>;
    /// A bare name: a country or alias, then the best city, then a demonym's country or a
    /// region; nothing for a name the gazetteer ignores ("Red Sea").
    fn bare(&self, name: &str) -> Option<Self::Found>;
}

/// Resolve a name: a facet path (`/Country`, `/Country/City` as before regions,
/// `/Country/Region/City`), `Place, Qualifier` or a bare name.
pub(crate) fn resolve_name<N: PlaceNames>(names: &N, name: &str) -> Option<N::Found> {
    let name = name.trim();
    if let Some(path) = name.strip_prefix('/') {
        let parts: Vec<&str> = path
            .split('/')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let country = names.country(parts.first()?)?;
        return match parts.as_slice() {
            [_] => Some(country),
            [_, place] => names.place_in(country, place),
            [_, region, place] => names.place_in(names.region_in(country, region)?, place),
            _ => None,
        };
    }
    if let Some((place, qualifier)) = name.rsplit_once(',') {
        return resolve_qualified(names, place.trim(), qualifier.trim());
    }
    names.bare(name)
}

/// `CITY, Country` or `CITY, Region`: the second part picks among same-named cities; a
/// qualifier that is no country or region leaves the place alone.
pub(crate) fn resolve_qualified<N: PlaceNames>(
    names: &N,
    place: &str,
    qualifier: &str,
) -> Option<N::Found> {
    match names.country(qualifier).or_else(|| names.region(qualifier)) {
        Some(within) => Some(names.place_in(within, place).unwrap_or(within)),
        None => resolve_name(names, place),
    }
}

/// What each lookup of [`PlaceNames`] is stored under in the precomputed table.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lookup<'a> {
    Country,
    Region,
    /// [`PlaceNames::region_in`] the country of this facet path.
    RegionIn(&'a str),
    /// [`PlaceNames::place_in`] the country or region of this facet path.
    PlaceIn(&'a str),
    Bare,
}

/// The table key of `lookup` for a name already normalised (`gazetteer::normalize_key`).
pub(crate) fn table_key(lookup: Lookup, key: &str) -> String {
    match lookup {
        Lookup::Country => format!("C\x1f{key}"),
        Lookup::Region => format!("S\x1f{key}"),
        Lookup::RegionIn(country) => format!("R{}\x1f{key}", country.to_lowercase()),
        Lookup::PlaceIn(within) => format!("{}\x1f{key}", within.to_lowercase()),
        Lookup::Bare => format!("n\x1f{key}"),
    }
}

impl PlaceNames for Gazetteer {
    type Found = Place;

    fn country(&self, name: &str) -> Option<Place> {
        self.lookup(name).iter().find_map(|e| match e {
            Entry::Country(c) | Entry::CountryAlias(c) => Some(Place::Country(*c)),
            _ => None,
        })
    }

    fn region(&self, name: &str) -> Option<Place> {
        region_where(self, name, |_| true).map(Place::State)
    }

    fn region_in(&self, country: Place, name: &str) -> Option<Place> {
        let Place::Country(country) = country else {
            return None;
        };
        region_where(self, name, |c| c == country).map(Place::State)
    }

    fn place_in(&self, within: Place, name: &str) -> Option<Place> {
        let entries = self.lookup(name);
        match within {
            Place::Country(country) => city_or_local(self, name, entries, |c| {
                self.cities[c as usize].country == country
            })
            .map(Place::City)
            .or_else(|| {
                entries.iter().find_map(|e| match e {
                    Entry::State(s) | Entry::Region(s)
                        if self.states[*s as usize].country == country =>
                    {
                        Some(Place::State(*s))
                    }
                    _ => None,
                })
            }),
            Place::State(region) => city_or_local(self, name, entries, |c| {
                self.cities[c as usize].region == Some(region)
            })
            .map(Place::City),
            Place::City(_) => None,
        }
    }

    fn bare(&self, name: &str) -> Option<Place> {
        let entries = self.lookup(name);
        if entries.contains(&Entry::Ignore) {
            return None;
        }
        self.country(name)
            .or_else(|| city_or_local(self, name, entries, |_| true).map(Place::City))
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
}

/// The best city of `entries` (the names of `name`) that `keep` accepts; failing one, the
/// best city `name` denotes where a place is expected ([`Gazetteer::lookup_only`]: `Wien`,
/// `NAPOLI`, `VENEZIA`).
fn city_or_local(
    gaz: &Gazetteer,
    name: &str,
    entries: &[Entry],
    keep: impl Fn(u32) -> bool,
) -> Option<u32> {
    gaz.best_city(entries, &keep, |_| 1)
        .or_else(|| gaz.best_city(gaz.lookup_only(name), &keep, |_| 1))
}

/// The first region called `name` (or abbreviated so) whose country passes `in_country`.
fn region_where(gaz: &Gazetteer, name: &str, in_country: impl Fn(u16) -> bool) -> Option<u16> {
    gaz.lookup(name).iter().find_map(|e| match e {
        Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s)
            if in_country(gaz.states[*s as usize].country) =>
        {
            Some(*s)
        }
        _ => None,
    })
}

/// The dateline place (`place` before its optional `qualifier`): `CITY, Country` uses the
/// country; a bare name prefers a city (capital or most populous), then a country (or its
/// capital, when that is named after it: [`namesake_capital`]), then a state.
pub(crate) fn resolve_dateline(
    gaz: &Gazetteer,
    place: &str,
    qualifier: Option<&str>,
) -> Option<Place> {
    // Wire copy drops the period of state abbreviations (`Mass`, `N.H`, `N.Y,`).
    let qualifier = qualifier.and_then(|q| {
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
    let place = place.split('/').next().unwrap_or_default().trim();
    if let Some(qualifier) = qualifier {
        return resolve_qualified(gaz, place, &qualifier);
    }
    let entries = gaz.lookup(place);
    if entries.contains(&Entry::Ignore) {
        return None;
    }
    city_or_local(gaz, place, entries, |_| true)
        .map(Place::City)
        .or_else(|| {
            entries.iter().find_map(|e| match e {
                Entry::Country(c) | Entry::CountryAlias(c) => {
                    Some(namesake_capital(gaz, *c).map_or(Place::Country(*c), Place::City))
                }
                Entry::State(s) | Entry::Region(s) => Some(Place::State(*s)),
                _ => None,
            })
        })
}

/// The capital of `country` when it is named after the country (Kuwait City, Djibouti,
/// Guatemala City, Singapore): a dateline names a city, so a country named there in any
/// language (`الكويت`, `KOWEÏT`, `Кувейт`) is that capital, as `KUWAIT` is in English.
fn namesake_capital(gaz: &Gazetteer, country: u16) -> Option<u32> {
    let name = &gaz.countries[country as usize].name;
    let named_after = |city: u32| {
        let city = &gaz.cities[city as usize];
        city.capital && city.country == country && city.name.starts_with(name.as_ref())
    };
    gaz.best_city(gaz.lookup(name), named_after, |_| 1)
}
