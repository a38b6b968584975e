//! The gazetteer as `build.rs` compiled it into the binary: static tables of countries,
//! regions and cities, and the keys of the name index, ready at start-up with nothing to
//! parse.

use super::gazetteer::{City, CompiledSlot, Country, Entry, Gazetteer, State};
use std::borrow::Cow;

const fn country(code: &'static str, name: &'static str, population: u64) -> Country {
    Country {
        code: Cow::Borrowed(code),
        name: Cow::Borrowed(name),
        population,
    }
}

/// Flag bits of [`city`]: the national capital, a common word, never in running text.
const CAPITAL: u8 = 1;
const COMMON_WORD: u8 = 2;
const NEVER_IN_TEXT: u8 = 4;

const fn city(
    name: &'static str,
    country: u16,
    admin1: &'static str,
    region: Option<u16>,
    population: u64,
    flags: u8,
    common_in: u16,
) -> City {
    City {
        name: Cow::Borrowed(name),
        country,
        admin1: Cow::Borrowed(admin1),
        region,
        population,
        capital: flags & CAPITAL != 0,
        common_word: flags & COMMON_WORD != 0,
        common_in,
        never_in_text: flags & NEVER_IN_TEXT != 0,
    }
}

const fn state(country: u16, code: &'static str, name: &'static str, needs_country: bool) -> State {
    State {
        country,
        code: Cow::Borrowed(code),
        name: Cow::Borrowed(name),
        needs_country,
    }
}

const fn slot(start: u32, len: u16, continues: bool) -> CompiledSlot {
    CompiledSlot {
        start,
        len,
        continues,
    }
}

// COUNTRIES, STATES, CITIES, ENTRIES, NAMES and GAZETTEER, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/gazetteer_tables.rs"));

/// The gazetteer.
pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::gazetteer::DATA;

    /// The compiled tables hold exactly what parsing the data file gives.
    #[test]
    fn compiled_gazetteer_equals_the_parsed_file() {
        let parsed = Gazetteer::parse(DATA);
        let compiled = gazetteer();
        assert_eq!(compiled.countries, parsed.countries);
        assert_eq!(compiled.states, parsed.states);
        assert_eq!(compiled.cities, parsed.cities);
        assert_eq!(compiled.longest_name_words(), parsed.longest_name_words());
        assert_eq!(compiled.united_states(), parsed.united_states());
        let mut keys = 0;
        for (key, entries, continues) in parsed.name_slots() {
            let found = compiled.lookup_phrase(key).expect(key);
            assert_eq!(
                (found.key, found.entries, found.continues),
                (key, entries, continues)
            );
            keys += 1;
        }
        assert_eq!(compiled.name_slots().count(), keys);
        assert!(keys > 40_000, "{keys}");
        assert!(compiled.lookup_phrase("no such place").is_none());
    }
}
