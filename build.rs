//! Compile `data/gazetteer.tsv` into the binary, twice:
//! - as Rust statics, name index included (`gazetteer_tables.rs`, included by
//!   `src/extract/compiled.rs`), so place extraction starts with nothing to parse;
//! - as an `fst::Map` of `--location` lookups, so that resolving one place name at search
//!   start-up reads a few bytes of an embedded table (see `resolve_place` in
//!   `src/extract/place/table.rs`).
//!
//! The fst:
//! Keys (all names normalised as `gazetteer::normalize_key` does):
//! - `n\x1f<name>`: what a bare name resolves to (countries, then cities, then demonyms
//!   and states), as `place/resolve.rs` does;
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
use std::fmt::Write;
use std::path::{Path, PathBuf};

// The crate's own gazetteer (names, paths, the choice among cities of one name), so the
// table agrees with what `place/resolve.rs` does by construction. Only part of its API is
// used here.
#[allow(dead_code)]
#[path = "src/extract/gazetteer.rs"]
mod gazetteer;

use gazetteer::{Entry, Gazetteer, Place};

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
    println!("cargo::rerun-if-changed=src/extract/gazetteer.rs");
    println!("cargo::rerun-if-changed=build.rs");
    link_without_pie();
    let gaz = &Gazetteer::parse(include_str!("data/gazetteer.tsv"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    compile_gazetteer(gaz, &out);
    let country_path = |c: u16| gaz.path(Place::Country(c));
    let state_path = |s: u16| gaz.path(Place::State(s));
    let city_path = |c: u32| gaz.path(Place::City(c));

    let mut keys: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    let mut put = |key: String, path: String| {
        keys.entry(key.into_bytes()).or_insert(path);
    };
    for name in gaz.names() {
        let entries = gaz.lookup_key(name);
        // An ignored region ("Red Sea") is no place by itself, but a governorate of that
        // name still resolves in paths and `City, Region` forms.
        let ignored = entries.contains(&Entry::Ignore);
        let country = entries.iter().find_map(|e| match e {
            Entry::Country(c) | Entry::CountryAlias(c) => Some(*c),
            _ => None,
        });
        if let Some(c) = country {
            put(format!("C\x1f{name}"), country_path(c));
        }
        let state = entries.iter().find_map(|e| match e {
            Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) => Some(*s),
            _ => None,
        });
        if let Some(s) = state {
            put(format!("S\x1f{name}"), state_path(s));
        }
        // The first region of the name in each country (`put` keeps the first).
        for e in entries {
            if let Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) = e {
                let country = country_path(gaz.states[*s as usize].country).to_lowercase();
                put(format!("R{country}\x1f{name}"), state_path(*s));
            }
        }
        let plain = country
            .map(country_path)
            .or_else(|| gaz.best_city(entries, |_| true, |_| 1).map(city_path))
            .or_else(|| {
                entries.iter().find_map(|e| match e {
                    Entry::Demonym(c) => Some(country_path(*c)),
                    Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) => {
                        Some(state_path(*s))
                    }
                    _ => None,
                })
            });
        if let Some(path) = plain.filter(|_| !ignored) {
            put(format!("n\x1f{name}"), path);
        }
        // In-region names: every country and region a city of this name lies in, and
        // every country a region of this name lies in.
        let mut regions: Vec<(String, Option<u16>, Option<u16>)> = Vec::new();
        for e in entries {
            if let Entry::City(c) | Entry::CityAlias(c) | Entry::CitySecondary(c) = e {
                let city = &gaz.cities[*c as usize];
                regions.push((country_path(city.country), Some(city.country), None));
                if let Some(s) = city.region {
                    regions.push((state_path(s), None, Some(s)));
                }
            }
            if let Entry::State(s) | Entry::Region(s) = e {
                let country = gaz.states[*s as usize].country;
                regions.push((country_path(country), Some(country), None));
            }
        }
        for (region, country, state) in regions {
            let city = gaz.best_city(
                entries,
                |c| {
                    let city = &gaz.cities[c as usize];
                    match (country, state) {
                        (Some(country), _) => city.country == country,
                        (_, Some(s)) => city.region == Some(s),
                        _ => false,
                    }
                },
                |_| 1,
            );
            let path = city.map(city_path).or_else(|| {
                let country = country?;
                entries.iter().find_map(|e| match e {
                    Entry::State(s) | Entry::Region(s)
                        if gaz.states[*s as usize].country == country =>
                    {
                        Some(state_path(*s))
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
    std::fs::write(out.join("places.fst"), map)
        .unwrap_or_else(|e| panic!("cannot write places.fst: {e}"));
    std::fs::write(out.join("place_paths.txt"), paths)
        .unwrap_or_else(|e| panic!("cannot write place_paths.txt: {e}"));
}

/// Write the parsed gazetteer as the statics `src/extract/compiled.rs` includes: its tables
/// as calls of that module's `const fn`s, and its name index as each key with its range of
/// one entry table.
fn compile_gazetteer(gaz: &Gazetteer, out: &Path) {
    let mut src = String::new();
    let mut put = |line: std::fmt::Arguments| {
        src.write_fmt(line).expect("writing to a String");
        src.push('\n');
    };
    put(format_args!(
        "static COUNTRIES: [Country; {}] = [",
        gaz.countries.len()
    ));
    for c in gaz.countries.iter() {
        put(format_args!(
            "country({:?}, {:?}, {}),",
            c.code, c.name, c.population
        ));
    }
    put(format_args!(
        "];\nstatic STATES: [State; {}] = [",
        gaz.states.len()
    ));
    for s in gaz.states.iter() {
        put(format_args!(
            "state({}, {:?}, {:?}, {}),",
            s.country, s.code, s.name, s.needs_country
        ));
    }
    put(format_args!(
        "];\nstatic CITIES: [City; {}] = [",
        gaz.cities.len()
    ));
    for c in gaz.cities.iter() {
        let flags =
            u8::from(c.capital) | u8::from(c.common_word) << 1 | u8::from(c.never_in_text) << 2;
        put(format_args!(
            "city({:?}, {}, {:?}, {:?}, {}, {flags}),",
            c.name, c.country, c.admin1, c.region, c.population
        ));
    }
    put(format_args!("];"));

    let mut slots: Vec<(&str, &[Entry], bool)> = gaz.name_slots().collect();
    slots.sort_unstable_by_key(|slot| slot.0);
    let mut entries: Vec<Entry> = Vec::new();
    put(format_args!(
        "static NAMES: [(&str, CompiledSlot); {}] = [",
        slots.len()
    ));
    for (key, found, continues) in &slots {
        put(format_args!(
            "({key:?}, slot({}, {}, {continues})),",
            entries.len(),
            found.len()
        ));
        entries.extend_from_slice(found);
    }
    put(format_args!("];"));
    put(format_args!(
        "static ENTRIES: [Entry; {}] = [",
        entries.len()
    ));
    for e in &entries {
        put(format_args!("Entry::{e:?},"));
    }
    put(format_args!("];"));
    put(format_args!(
        "static GAZETTEER: Gazetteer = Gazetteer::compiled(&COUNTRIES, &CITIES, &STATES, &NAMES, &ENTRIES, {}, {:?});",
        gaz.longest_name_words(),
        gaz.united_states()
    ));
    std::fs::write(out.join("gazetteer_tables.rs"), src)
        .unwrap_or_else(|e| panic!("cannot write gazetteer_tables.rs: {e}"));
}
