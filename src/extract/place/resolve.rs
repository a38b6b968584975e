//! Resolve a place name (typed by a user, in metadata or in a dateline) to a place of the
//! gazetteer.

use super::super::dateline::Dateline;
use super::super::gazetteer::{Entry, Gazetteer, Place};

pub(super) fn resolve(gaz: &Gazetteer, name: &str) -> Option<Place> {
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
pub(super) fn region_named(
    gaz: &Gazetteer,
    name: &str,
    in_country: impl Fn(u16) -> bool,
) -> Option<u16> {
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
pub(super) fn city_in_region(gaz: &Gazetteer, place: &str, region: u16) -> Option<u32> {
    gaz.best_city(
        gaz.lookup(place),
        |c| gaz.cities[c as usize].region == Some(region),
        |_| 1,
    )
}

/// The country a name (or alias) denotes.
pub(super) fn country_named(gaz: &Gazetteer, name: &str) -> Option<u16> {
    gaz.lookup(name).iter().find_map(|e| match e {
        Entry::Country(c) | Entry::CountryAlias(c) => Some(*c),
        _ => None,
    })
}

/// A city or state called `name` whose country passes `in_country`.
pub(super) fn place_in(
    gaz: &Gazetteer,
    name: &str,
    in_country: impl Fn(u16) -> bool,
) -> Option<Place> {
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
pub(super) fn resolve_qualified(gaz: &Gazetteer, place: &str, qualifier: &str) -> Option<Place> {
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
pub(super) fn resolve_dateline(gaz: &Gazetteer, dateline: &Dateline) -> Option<Place> {
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
