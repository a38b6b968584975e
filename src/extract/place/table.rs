//! The `--location` lookup table `build.rs` precomputes from the gazetteer: an `fst::Map`
//! embedded in the binary and opened in place.

use super::super::gazetteer::normalize_key;
use std::sync::OnceLock;

pub(super) static PLACE_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.fst"));

pub(super) static PLACE_PATHS: &str = include_str!(concat!(env!("OUT_DIR"), "/place_paths.txt"));

/// The precomputed name → facet path table; `None` only if the embedded bytes are bad.
pub(super) fn place_index() -> Option<&'static fst::Map<&'static [u8]>> {
    static INDEX: OnceLock<Option<fst::Map<&'static [u8]>>> = OnceLock::new();
    INDEX.get_or_init(|| fst::Map::new(PLACE_FST).ok()).as_ref()
}

/// The facet path stored under `namespace` and the normalised `name` (see `build.rs`).
pub(super) fn indexed_path(
    index: &fst::Map<&'static [u8]>,
    namespace: &str,
    name: &str,
) -> Option<&'static str> {
    let key = format!("{namespace}\x1f{}", normalize_key(name));
    let offset = usize::try_from(index.get(key)?).ok()?;
    PLACE_PATHS.get(offset..)?.split('\n').next()
}

/// [`resolve`] over the precomputed table.
pub(super) fn resolve_indexed(index: &fst::Map<&'static [u8]>, name: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::compiled::gazetteer;
    use crate::extract::gazetteer::Place;
    use crate::extract::place::resolve::resolve;

    #[test]
    pub(super) fn precomputed_lookup_agrees_with_the_gazetteer() {
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
}
