//! The `--location` lookup table `build.rs` precomputes from the gazetteer: an `fst::Map`
//! embedded in the binary and opened in place.

use super::resolve::{Lookup, PlaceNames, resolve_name, table_key};
use crate::extract::gazetteer::normalize_key;
use std::sync::OnceLock;

pub(super) static PLACE_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.fst"));

pub(super) static PLACE_PATHS: &str = include_str!(concat!(env!("OUT_DIR"), "/place_paths.txt"));

/// The precomputed name → facet path table; `None` only if the embedded bytes are bad.
pub(super) fn place_index() -> Option<&'static fst::Map<&'static [u8]>> {
    static INDEX: OnceLock<Option<fst::Map<&'static [u8]>>> = OnceLock::new();
    INDEX.get_or_init(|| fst::Map::new(PLACE_FST).ok()).as_ref()
}

/// The precomputed table, answering the lookups of [`resolve_name`] with facet paths.
pub(super) struct PlaceTable(&'static fst::Map<&'static [u8]>);

impl PlaceTable {
    /// The facet path stored for `lookup` of `name`.
    fn get(&self, lookup: Lookup, name: &str) -> Option<&'static str> {
        let offset = usize::try_from(self.0.get(table_key(lookup, &normalize_key(name)))?).ok()?;
        PLACE_PATHS.get(offset..)?.split('\n').next()
    }
}

impl PlaceNames for PlaceTable {
    type Found = &'static str;

    fn country(&self, name: &str) -> Option<&'static str> {
        self.get(Lookup::Country, name)
    }

    fn region(&self, name: &str) -> Option<&'static str> {
        self.get(Lookup::Region, name)
    }

    fn region_in(&self, country: &'static str, name: &str) -> Option<&'static str> {
        self.get(Lookup::RegionIn(country), name)
    }

    fn place_in(&self, within: &'static str, name: &str) -> Option<&'static str> {
        self.get(Lookup::PlaceIn(within), name)
    }

    fn bare(&self, name: &str) -> Option<&'static str> {
        self.get(Lookup::Bare, name)
    }
}

/// [`resolve_name`] over the precomputed table.
pub(super) fn resolve_indexed(
    index: &'static fst::Map<&'static [u8]>,
    name: &str,
) -> Option<String> {
    resolve_name(&PlaceTable(index), name).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::compiled::gazetteer;
    use crate::extract::gazetteer::Place;

    #[test]
    fn precomputed_lookup_agrees_with_the_gazetteer() {
        let gaz = gazetteer();
        let index = place_index().expect("the embedded place table opens");
        let slow = |name: &str| resolve_name(gaz, name).map(|p| gaz.path(p));
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
}
