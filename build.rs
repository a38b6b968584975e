//! Precompute `--location` lookups from `data/gazetteer.tsv` into an `fst::Map`, so that
//! resolving one place name at search start-up reads a few bytes of an embedded table
//! instead of parsing the whole gazetteer (see `resolve_place` in `src/extract/place.rs`).
//!
//! Keys (all names normalised as `gazetteer::normalize_key` does):
//! - `n\x1f<name>`: what a bare name resolves to (countries, then cities, then demonyms
//!   and states), as `place::resolve` does;
//! - `C\x1f<name>`: the country a name or alias denotes;
//! - `S\x1f<name>`: the first-level region (US state, province, …) a name or abbreviation
//!   denotes;
//! - `R<country path>\x1f<name>`: the region of that name in the country, for
//!   `/Country/Region/City` paths;
//! - `<region path>\x1f<name>`: the best city (or, for a country, region) of that name in
//!   the country or region, for `/Country/City` (the form before regions),
//!   `/Country/Region/City`, `/Country/Region`, `City, Country` and `City, Region`.
//!
//! Values are byte offsets of `\n`-terminated facet paths in a second file.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq)]
enum Entry {
    Country(usize),
    CountryAlias(usize),
    Demonym(usize),
    City(usize),
    CityAlias(usize),
    CitySecondary(usize),
    State(usize),
    StateAbbreviation(usize),
    Region(usize),
    Ignore,
}

struct City {
    name: String,
    country: usize,
    region: Option<usize>,
    weight: u64,
}

struct State {
    country: usize,
    name: String,
}

fn normalize_key(name: &str) -> String {
    if name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'\'' | b','))
    {
        return name.to_ascii_lowercase();
    }
    let mut key = String::with_capacity(name.len());
    for word in name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‐' || c == '_')
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' | 'ʼ' => key.push('\''),
                _ => key.extend(c.to_lowercase()),
            }
        }
    }
    key
}

fn facet_component(name: &str) -> String {
    name.replace('/', " ").trim().to_string()
}

#[derive(Default)]
struct Gazetteer {
    countries: Vec<String>,
    cities: Vec<City>,
    states: Vec<State>,
    names: BTreeMap<String, Vec<Entry>>,
}

impl Gazetteer {
    fn add(&mut self, name: &str, entry: Entry) {
        let key = normalize_key(name);
        if key.is_empty() {
            return;
        }
        let entries = self.names.entry(key).or_default();
        if !entries.contains(&entry) {
            entries.push(entry);
        }
    }

    fn parse(data: &str) -> Gazetteer {
        let mut gaz = Gazetteer::default();
        let mut country_by_code: HashMap<&str, usize> = HashMap::new();
        let mut city_by_name: HashMap<(usize, &str), usize> = HashMap::new();
        let mut state_by_code: HashMap<(usize, &str), usize> = HashMap::new();
        for line in data.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["C", code, name, _] => {
                    country_by_code.insert(code, gaz.countries.len());
                    gaz.countries.push(facet_component(name));
                    gaz.add(name, Entry::Country(gaz.countries.len() - 1));
                }
                ["S", country, code, name, flags, alternates] => {
                    let Some(&country) = country_by_code.get(country) else {
                        continue;
                    };
                    let idx = gaz.states.len();
                    state_by_code.insert((country, code), idx);
                    gaz.states.push(State {
                        country,
                        name: facet_component(name),
                    });
                    let entry = if flags.contains('t') {
                        Entry::State(idx)
                    } else {
                        Entry::Region(idx)
                    };
                    gaz.add(name, entry);
                    for alternate in alternates.split('|').filter(|a| !a.is_empty()) {
                        gaz.add(alternate, entry);
                    }
                }
                ["P", name, country, admin1, population, flags, alternates] => {
                    let Some(&country) = country_by_code.get(country) else {
                        continue;
                    };
                    let idx = gaz.cities.len();
                    city_by_name.entry((country, name)).or_insert(idx);
                    let population: u64 = population.parse().unwrap_or(0);
                    gaz.cities.push(City {
                        name: facet_component(name),
                        country,
                        region: state_by_code.get(&(country, *admin1)).copied(),
                        weight: if flags.contains('c') {
                            population.saturating_mul(4)
                        } else {
                            population
                        },
                    });
                    gaz.add(name, Entry::City(idx));
                    for alternate in alternates.split('|').filter(|a| !a.is_empty()) {
                        match alternate.strip_prefix('~') {
                            Some(secondary) => gaz.add(secondary, Entry::CitySecondary(idx)),
                            None => gaz.add(alternate, Entry::City(idx)),
                        }
                    }
                }
                ["A", key, "ignore", ..] => gaz.add(key, Entry::Ignore),
                ["A", key, kind, country, rest @ ..] => {
                    let Some(&country) = country_by_code.get(country) else {
                        continue;
                    };
                    let entry = match (*kind, rest) {
                        ("alias", []) => Entry::CountryAlias(country),
                        ("alias", [city]) => match city_by_name.get(&(country, *city)) {
                            Some(&city) => Entry::CityAlias(city),
                            None => continue,
                        },
                        ("demonym", []) => Entry::Demonym(country),
                        ("state", [code]) => match state_by_code.get(&(country, *code)) {
                            Some(&state) => Entry::StateAbbreviation(state),
                            None => continue,
                        },
                        _ => continue,
                    };
                    gaz.add(key, entry);
                }
                _ => {}
            }
        }
        gaz
    }

    fn country_path(&self, c: usize) -> String {
        format!("/{}", self.countries[c])
    }

    fn city_path(&self, c: usize) -> String {
        let city = &self.cities[c];
        match city.region {
            Some(s) => format!(
                "/{}/{}/{}",
                self.countries[city.country], self.states[s].name, city.name
            ),
            None => format!("/{}/{}", self.countries[city.country], city.name),
        }
    }

    fn state_path(&self, s: usize) -> String {
        let state = &self.states[s];
        format!("/{}/{}", self.countries[state.country], state.name)
    }

    /// Aliases first, then own names, then secondary names; the heaviest city of a tier
    /// (the last of equal weight, as `Iterator::max_by_key` picks).
    fn best_city(&self, entries: &[Entry], keep: impl Fn(&City) -> bool) -> Option<usize> {
        let tiers: [fn(&Entry) -> Option<usize>; 3] = [
            |e| match e {
                Entry::CityAlias(c) => Some(*c),
                _ => None,
            },
            |e| match e {
                Entry::City(c) => Some(*c),
                _ => None,
            },
            |e| match e {
                Entry::CitySecondary(c) => Some(*c),
                _ => None,
            },
        ];
        tiers.iter().find_map(|tier| {
            entries
                .iter()
                .filter_map(tier)
                .filter(|c| keep(&self.cities[*c]))
                .max_by_key(|c| self.cities[*c].weight)
        })
    }
}

/// Link the `newsdex` executable at a fixed address on Linux. A position-independent
/// executable makes the loader apply ~43,000 relocations at every start, which was 0.3 ms of
/// each `newsdex search` (of about 2 ms); the fixed-address binary needs about a hundred.
fn link_without_pie() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}

fn main() {
    println!("cargo::rerun-if-changed=data/gazetteer.tsv");
    println!("cargo::rerun-if-changed=build.rs");
    link_without_pie();
    let data = std::fs::read_to_string("data/gazetteer.tsv")
        .unwrap_or_else(|e| panic!("cannot read data/gazetteer.tsv: {e}"));
    let gaz = Gazetteer::parse(&data);

    let mut keys: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    let mut put = |key: String, path: String| {
        keys.entry(key.into_bytes()).or_insert(path);
    };
    for (name, entries) in &gaz.names {
        // An ignored region ("Red Sea") is no place by itself, but a governorate of that
        // name still resolves in paths and `City, Region` forms.
        let ignored = entries.contains(&Entry::Ignore);
        let country = entries.iter().find_map(|e| match e {
            Entry::Country(c) | Entry::CountryAlias(c) => Some(*c),
            _ => None,
        });
        if let Some(c) = country {
            put(format!("C\x1f{name}"), gaz.country_path(c));
        }
        let state = entries.iter().find_map(|e| match e {
            Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) => Some(*s),
            _ => None,
        });
        if let Some(s) = state {
            put(format!("S\x1f{name}"), gaz.state_path(s));
        }
        // The first region of the name in each country (`put` keeps the first).
        for e in entries {
            if let Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) = e {
                let country = gaz.country_path(gaz.states[*s].country).to_lowercase();
                put(format!("R{country}\x1f{name}"), gaz.state_path(*s));
            }
        }
        let plain = country
            .map(|c| gaz.country_path(c))
            .or_else(|| gaz.best_city(entries, |_| true).map(|c| gaz.city_path(c)))
            .or_else(|| {
                entries.iter().find_map(|e| match e {
                    Entry::Demonym(c) => Some(gaz.country_path(*c)),
                    Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) => {
                        Some(gaz.state_path(*s))
                    }
                    _ => None,
                })
            });
        if let Some(path) = plain.filter(|_| !ignored) {
            put(format!("n\x1f{name}"), path);
        }
        // In-region names: every country and region a city of this name lies in, and
        // every country a region of this name lies in.
        let mut regions: Vec<(String, Option<usize>, Option<usize>)> = Vec::new();
        for e in entries {
            if let Entry::City(c) | Entry::CityAlias(c) | Entry::CitySecondary(c) = e {
                let city = &gaz.cities[*c];
                regions.push((gaz.country_path(city.country), Some(city.country), None));
                if let Some(s) = city.region {
                    regions.push((gaz.state_path(s), None, Some(s)));
                }
            }
            if let Entry::State(s) | Entry::Region(s) = e {
                let country = gaz.states[*s].country;
                regions.push((gaz.country_path(country), Some(country), None));
            }
        }
        for (region, country, state) in regions {
            let city = gaz.best_city(entries, |city| match (country, state) {
                (Some(c), _) => city.country == c,
                (_, Some(s)) => city.region == Some(s),
                _ => false,
            });
            let path = city.map(|c| gaz.city_path(c)).or_else(|| {
                let country = country?;
                entries.iter().find_map(|e| match e {
                    Entry::State(s) | Entry::Region(s) if gaz.states[*s].country == country => {
                        Some(gaz.state_path(*s))
                    }
                    _ => None,
                })
            });
            if let Some(path) = path {
                put(format!("{}\x1f{name}", region.to_lowercase()), path);
            }
        }
    }

    let mut paths = String::new();
    let mut offsets: HashMap<String, u64> = HashMap::new();
    let mut builder = fst::MapBuilder::memory();
    for (key, path) in &keys {
        let offset = *offsets.entry(path.clone()).or_insert_with(|| {
            let at = paths.len() as u64;
            paths.push_str(path);
            paths.push('\n');
            at
        });
        builder
            .insert(key, offset)
            .unwrap_or_else(|e| panic!("fst keys must be sorted and unique: {e}"));
    }
    let map = builder
        .into_inner()
        .unwrap_or_else(|e| panic!("cannot build the place fst: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("places.fst"), map)
        .unwrap_or_else(|e| panic!("cannot write places.fst: {e}"));
    std::fs::write(out.join("place_paths.txt"), paths)
        .unwrap_or_else(|e| panic!("cannot write place_paths.txt: {e}"));
}
