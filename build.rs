//! Compile `data/gazetteer.tsv` into the binary, twice:
//! - as Rust statics, name index included (`gazetteer_tables.rs`, included by
//!   `src/extract/compiled.rs`), so place extraction starts with nothing to parse;
//! - as an `fst::Map` of `--location` lookups, so that resolving one place name at search
//!   start-up reads a few bytes of an embedded table (see `resolve_place` in
//!   `src/extract/place/table.rs`).
//!
//! The fst maps the key of each lookup of `PlaceNames` (`table_key` in
//! `src/extract/place/resolve.rs`: the country, region or bare reading of a name, its region
//! in a country, its best city in a country or region) for every gazetteer name to the
//! facet path the gazetteer answers, so `place/table.rs` resolves a name as the crate does.
//! Values are byte offsets of `\n`-terminated facet paths in a second file.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::path::{Path, PathBuf};

// The crate's own gazetteer and place-resolution order, so the table holds what
// `place/resolve.rs` resolves by construction. Only part of their API is used here.
#[allow(dead_code)]
#[path = "src/extract"]
mod extract {
    pub mod gazetteer;
    pub mod place {
        pub mod resolve;
    }
}

use extract::gazetteer::{Entry, Gazetteer, Place};
use extract::place::resolve::{Lookup, PlaceNames, table_key};

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
    println!("cargo::rerun-if-changed=src/extract/place/resolve.rs");
    println!("cargo::rerun-if-changed=build.rs");
    link_without_pie();
    let gaz = &Gazetteer::parse(include_str!("data/gazetteer.tsv"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    compile_gazetteer(gaz, &out);
    let path = |place: Place| gaz.path(place);

    let mut keys: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    let mut put = |lookup: Lookup, name: &str, found: Option<Place>| {
        if let Some(place) = found {
            keys.entry(table_key(lookup, name).into_bytes())
                .or_insert_with(|| path(place));
        }
    };
    // Names read only where a place is expected resolve like the others: a dateline's
    // `Wien` is a `--location` too.
    let names: std::collections::BTreeSet<&str> =
        gaz.names().chain(gaz.lookup_only_names()).collect();
    for name in names {
        put(Lookup::Country, name, gaz.country(name));
        put(Lookup::Region, name, gaz.region(name));
        put(Lookup::Bare, name, gaz.bare(name));
        // Every country and region the name's cities and regions lie in: the only places
        // where `region_in` and `place_in` can find something.
        let mut within: Vec<Place> = Vec::new();
        for e in gaz.lookup_key(name).iter().chain(gaz.lookup_only(name)) {
            match *e {
                Entry::City(c) | Entry::CityAlias(c) | Entry::CitySecondary(c) => {
                    let city = &gaz.cities[c as usize];
                    within.push(Place::Country(city.country));
                    within.extend(city.region.map(Place::State));
                }
                Entry::State(s) | Entry::StateAbbreviation(s) | Entry::Region(s) => {
                    within.push(Place::Country(gaz.states[s as usize].country));
                }
                _ => {}
            }
        }
        for place in within {
            if let Place::Country(_) = place {
                put(
                    Lookup::RegionIn(&path(place)),
                    name,
                    gaz.region_in(place, name),
                );
            }
            put(
                Lookup::PlaceIn(&path(place)),
                name,
                gaz.place_in(place, name),
            );
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
            "city({:?}, {}, {:?}, {:?}, {}, {flags}, {}),",
            c.name, c.country, c.admin1, c.region, c.population, c.common_in
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
