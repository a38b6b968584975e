//! The embedded place gazetteer: countries, their first-level regions (US states,
//! provinces, governorates), cities over ~15,000 people and hand-written aliases and
//! demonyms, from `data/gazetteer.tsv` (GeoNames, CC BY 4.0; see `data/README.md`).
//!
//! `build.rs` parses the file with [`Gazetteer::parse`] and compiles the result into the
//! binary as static tables (see `compiled.rs`), so a run starts with the gazetteer ready
//! instead of parsing 37,000 lines (28 ms, with the other cores waiting for it); only the
//! name index's hash table is built at start-up, from the compiled keys (about 1 ms).

use std::borrow::Cow;
use std::sync::OnceLock;

/// A hash map with FxHash (`rustc-hash`): the keys are names and ids from trusted embedded
/// data, so SipHash's flooding resistance buys nothing and costs time.
pub(crate) type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A hash set with FxHash.
pub(crate) type FastSet<K> = rustc_hash::FxHashSet<K>;

/// The generated gazetteer file (the tests compare it with the compiled tables).
#[cfg(test)]
pub(crate) static DATA: &str = include_str!("../../data/gazetteer.tsv");

/// Cities at or above this population can be named without their country.
pub const BIG_CITY: u64 = 150_000;
/// Cities at or above this population still count in ALL-CAPS text.
pub const WORLD_CITY: u64 = 1_000_000;

/// A country (or territory with its own ISO code).
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, e.g. `SY`.
    pub code: Cow<'static, str>,
    /// Common English short name, used as the facet component: `Syria`.
    pub name: Cow<'static, str>,
    pub population: u64,
}

/// A city from GeoNames' cities15000.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// GeoNames name (or a display override such as `Washington, D.C.`).
    pub name: Cow<'static, str>,
    /// Index into [`Gazetteer::countries`].
    pub country: u16,
    /// First-level region code as GeoNames writes it (`CA`, `NY`, `09`); empty when the
    /// gazetteer names no region for it.
    pub admin1: Cow<'static, str>,
    /// Index into [`Gazetteer::states`] of the city's first-level region, if named.
    pub region: Option<u16>,
    pub population: u64,
    /// The national capital.
    pub capital: bool,
    /// A common English word or first name ("Nice", "Reading"): needs corroboration.
    pub common_word: bool,
    /// The article languages ([`language_bit`]) in which the name is a common word too
    /// (German `Essen`, Turkish `Van`): in their articles it needs corroboration as well.
    pub common_in: u16,
    /// Never matched in running text (month names); datelines and lookups only.
    pub never_in_text: bool,
}

/// The languages whose common words the gazetteer marks on city names, in bit order: the
/// `:fr,de` after a city's flags in `data/gazetteer.tsv`.
pub const WORD_LANGUAGES: [&str; 10] = ["en", "fr", "es", "de", "it", "pt", "ru", "ar", "tr", "nl"];

/// The bit of a language (an ISO 639-1 code) in [`City::common_in`]: 0 for a language
/// the gazetteer marks no words of.
pub fn language_bit(lang: &str) -> u16 {
    WORD_LANGUAGES
        .iter()
        .position(|l| *l == lang)
        .map_or(0, |k| 1 << k)
}

/// A first-level region (admin1): a US state, a province, a governorate.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub country: u16,
    /// Admin1 code as GeoNames writes it (`GA` for Georgia, `09` for Aleppo).
    pub code: Cow<'static, str>,
    /// GeoNames' name, used as the facet component: `Texas`, `Bavaria`, `Aleppo`.
    pub name: Cow<'static, str>,
    /// Named in running text only when its country is named too (or backed by the
    /// dateline or a big city): distinctive names of regions outside the US, the UK,
    /// Canada and Australia ("Bavaria", "Sichuan").
    pub needs_country: bool,
}

/// What a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The country's own name.
    Country(u16),
    /// A short, historical or alternative name of a country ("U.S.", "Britain", "USSR").
    CountryAlias(u16),
    /// An adjective or people of a country ("Syrian", "Americans").
    Demonym(u16),
    /// A city by its own name (or its ASCII spelling).
    City(u32),
    /// A city by a hand-written alias or exonym ("Mecca", "Kiev").
    CityAlias(u32),
    /// A city by a secondary name ("Ho Chi Minh" for Ho Chi Minh City).
    CitySecondary(u32),
    /// A first-level region by a name recognised in running text ("Texas", "Ontario",
    /// "Bavaria").
    State(u16),
    /// A first-level region by a name that is not read in running text (it is a city's
    /// name too, or a common or generic word): lookups and datelines only ("Aleppo",
    /// "Central").
    Region(u16),
    /// A state abbreviation ("Calif."), used for `CITY, State` datelines only.
    StateAbbreviation(u16),
    /// A region that is no place of ours ("Latin America"): consumes the words.
    Ignore,
}

/// A resolved place: what a facet path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Country(u16),
    City(u32),
    State(u16),
}

/// What the name index holds for one key: the places of that name (none when the key is
/// only the start of longer names) and whether longer names start with it.
#[derive(Debug, Default)]
struct Slot {
    entries: Vec<Entry>,
    /// Some name is this key, a space and more words (`new` of `new york`), so a phrase
    /// scan in running text must go on.
    continues: bool,
}

/// A key of the name index as [`Gazetteer::lookup_phrase`] finds it.
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'g> {
    /// The stored key (equal to the one looked up).
    pub key: &'g str,
    /// What the key names; empty when it is only the start of longer names.
    pub entries: &'g [Entry],
    /// Longer names start with the key and a space.
    pub continues: bool,
}

/// What the compiled name index holds for one key: `len` entries from `start` of the
/// entry table, and whether longer names start with the key (see [`Slot`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompiledSlot {
    pub start: u32,
    pub len: u16,
    pub continues: bool,
}

/// The case-insensitive name index: every normalised name, and every word prefix of a
/// multi-word name.
#[derive(Debug)]
enum Names {
    /// Built by [`Gazetteer::parse`].
    Parsed(FastMap<String, Slot>),
    /// Compiled into the binary by `build.rs`: the keys with their ranges of one entry
    /// table, hashed on first use (FxHash lookups are faster than a perfect hash's
    /// SipHash, and place extraction makes millions of them).
    Compiled {
        keys: &'static [(&'static str, CompiledSlot)],
        entries: &'static [Entry],
        map: OnceLock<FastMap<&'static str, CompiledSlot>>,
    },
}

/// The gazetteer: places and a case-insensitive name index.
#[derive(Debug)]
pub struct Gazetteer {
    pub countries: Cow<'static, [Country]>,
    pub cities: Cow<'static, [City]>,
    pub states: Cow<'static, [State]>,
    names: Names,
    longest_name_words: usize,
    united_states: Option<u16>,
}

/// Append the key form of one character of a name: lower case, as each language of ours
/// folds it. Turkish has two letters i, dotted (`İ`, `i`) and dotless (`I`, `ı`), which
/// other languages' lower case gets wrong (`İ` becomes `i` and a combining dot): both are
/// `i` in keys, so `İZMİR`, `İzmir` and `Izmir` meet, and `MISIR` is `Mısır`. German `ß`
/// is `ss` (`GIESSEN` and `Gießen`), Russian `ё` is `е` (news text writes either).
/// Typographic apostrophes are `'`.
#[inline]
pub fn push_key_char(key: &mut String, c: char) {
    match c {
        '’' | 'ʼ' => key.push('\''),
        'İ' | 'ı' => key.push('i'),
        'ß' | 'ẞ' => key.push_str("ss"),
        'ё' | 'Ё' => key.push('е'),
        _ => key.extend(c.to_lowercase()),
    }
}

/// French and Italian articles and prepositions written onto the next word with an
/// apostrophe (`d'Alep`, `l'Iran`, `dell'Italia`): running text is read without them
/// before a capital (see `place::tokens`).
pub(crate) const ELIDED: &[&str] = &[
    "d", "l", "qu", "j", "n", "s", "c", "dell", "all", "dall", "nell", "sull", "coll",
];

/// The lookup key of a name: lower case ([`push_key_char`]), hyphens as spaces, one space
/// between words.
pub fn normalize_key(name: &str) -> String {
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
            push_key_char(&mut key, c);
        }
    }
    key
}

/// The key of a name as running text reads it when a word after its first starts with an
/// elided article before a capital ([`ELIDED`]): `Côte d'Ivoire` is read `côte ivoire`,
/// `Reggio nell'Emilia` `reggio emilia`. A name's own first article stays (`L'Aquila` is
/// no `Aquila`). `None` when there is none.
fn elided_key(name: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‐' || c == '_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(k, word)| match word.find(['\'', '’']) {
            Some(at) if k > 0 && ELIDED.iter().any(|e| e.eq_ignore_ascii_case(&word[..at])) => {
                let rest = word[at..].trim_start_matches(['\'', '’']);
                if rest.chars().next().is_some_and(char::is_uppercase) {
                    changed = true;
                    rest
                } else {
                    word
                }
            }
            _ => word,
        })
        .collect();
    changed.then(|| normalize_key(&words.join(" ")))
}

/// What starts the keys of names read only where a place is expected (datelines,
/// `--location`), never in running text: no text's key starts with it.
const LOOKUP_ONLY: char = '\u{2}';

/// One facet path component: no `/`, trimmed.
fn facet_component(name: &str) -> Cow<'static, str> {
    Cow::Owned(if name.contains('/') {
        name.replace('/', " ").trim().to_string()
    } else {
        name.trim().to_string()
    })
}

impl Gazetteer {
    /// Parse the gazetteer format written by `scripts/build_gazetteer.py`. Malformed
    /// lines are skipped (a unit test checks that the embedded file has none).
    pub fn parse(data: &str) -> Gazetteer {
        let mut gaz = Gazetteer {
            countries: Cow::Owned(Vec::new()),
            cities: Cow::Owned(Vec::new()),
            states: Cow::Owned(Vec::new()),
            names: Names::Parsed(FastMap::default()),
            longest_name_words: 0,
            united_states: None,
        };
        let (mut countries, mut cities, mut states) = (Vec::new(), Vec::new(), Vec::new());
        let mut country_by_code: FastMap<&str, u16> = FastMap::default();
        let mut city_by_name: FastMap<(u16, &str), u32> = FastMap::default();
        let mut state_by_code: FastMap<(u16, &str), u16> = FastMap::default();
        city_by_name.reserve(40 * 1024);
        for line in data.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["C", code, name, population] => {
                    let idx = countries.len() as u16;
                    country_by_code.insert(code, idx);
                    countries.push(Country {
                        code: Cow::Owned(code.to_string()),
                        name: facet_component(name),
                        population: population.parse().unwrap_or(0),
                    });
                    gaz.add_name(name, Entry::Country(idx));
                }
                ["S", country, code, name, flags, alternates] => {
                    let Some(&country) = country_by_code.get(country) else {
                        continue;
                    };
                    let idx = states.len() as u16;
                    state_by_code.insert((country, code), idx);
                    states.push(State {
                        country,
                        code: Cow::Owned(code.to_string()),
                        name: facet_component(name),
                        needs_country: flags.contains('b'),
                    });
                    let entry = if flags.contains('t') {
                        Entry::State(idx)
                    } else {
                        Entry::Region(idx)
                    };
                    gaz.add_name(name, entry);
                    for alternate in alternates.split('|').filter(|a| !a.is_empty()) {
                        gaz.add_name(alternate, entry);
                    }
                }
                ["P", name, country, admin1, population, flags, alternates] => {
                    let Some(&country) = country_by_code.get(country) else {
                        continue;
                    };
                    let idx = cities.len() as u32;
                    let (letters, languages) = flags.split_once(':').unwrap_or((flags, ""));
                    // Rows come most populous first: keep the first city of a name.
                    city_by_name.entry((country, name)).or_insert(idx);
                    cities.push(City {
                        name: facet_component(name),
                        country,
                        admin1: Cow::Owned(admin1.to_string()),
                        region: state_by_code.get(&(country, *admin1)).copied(),
                        population: population.parse().unwrap_or(0),
                        capital: letters.contains('c'),
                        common_word: letters.contains('w'),
                        common_in: languages.split(',').map(language_bit).fold(0, |a, b| a | b),
                        never_in_text: letters.contains('x'),
                    });
                    gaz.add_name(name, Entry::City(idx));
                    for alternate in alternates.split('|').filter(|a| !a.is_empty()) {
                        if let Some(secondary) = alternate.strip_prefix('~') {
                            gaz.add_name(secondary, Entry::CitySecondary(idx));
                        } else if let Some(local) = alternate.strip_prefix('^') {
                            gaz.add_key(
                                format!("{LOOKUP_ONLY}{}", normalize_key(local)),
                                Entry::City(idx),
                            );
                        } else {
                            gaz.add_name(alternate, Entry::City(idx));
                        }
                    }
                }
                ["A", key, "ignore", ..] => gaz.add_name(key, Entry::Ignore),
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
                    gaz.add_name(key, entry);
                }
                _ => {}
            }
        }
        gaz.countries = Cow::Owned(countries);
        gaz.cities = Cow::Owned(cities);
        gaz.states = Cow::Owned(states);
        gaz.united_states = gaz.country_by_code("US");
        gaz
    }

    /// The gazetteer `build.rs` compiled from [`Gazetteer::parse`]'s result: its tables,
    /// name index (`map` into `entries`, as [`Gazetteer::name_slots`] lists it) and
    /// longest name.
    pub const fn compiled(
        countries: &'static [Country],
        cities: &'static [City],
        states: &'static [State],
        keys: &'static [(&'static str, CompiledSlot)],
        entries: &'static [Entry],
        longest_name_words: usize,
        united_states: Option<u16>,
    ) -> Gazetteer {
        Gazetteer {
            countries: Cow::Borrowed(countries),
            cities: Cow::Borrowed(cities),
            states: Cow::Borrowed(states),
            names: Names::Compiled {
                keys,
                entries,
                map: OnceLock::new(),
            },
            longest_name_words,
            united_states,
        }
    }

    fn add_name(&mut self, name: &str, entry: Entry) {
        self.add_key(normalize_key(name), entry);
        if let Some(key) = elided_key(name) {
            self.add_key(key, entry);
        }
    }

    /// Add a normalised key (a name's, or one read only where a place is expected).
    fn add_key(&mut self, key: String, entry: Entry) {
        if key.is_empty() || key == LOOKUP_ONLY.to_string() {
            return;
        }
        self.longest_name_words = self.longest_name_words.max(key.split(' ').count());
        let Names::Parsed(names) = &mut self.names else {
            unreachable!("names are only added while parsing");
        };
        for (at, _) in key.match_indices(' ') {
            if !names.contains_key(&key[..at]) {
                names.insert(key[..at].to_string(), Slot::default());
            }
            if let Some(slot) = names.get_mut(&key[..at]) {
                slot.continues = true;
            }
        }
        let entries = &mut names.entry(key).or_default().entries;
        if !entries.contains(&entry) {
            entries.push(entry);
        }
    }

    /// Every key of the name index with its entries and whether longer names continue it,
    /// in no particular order (for `build.rs` to compile, and for tests).
    pub fn name_slots(&self) -> Box<dyn Iterator<Item = (&str, &[Entry], bool)> + '_> {
        match &self.names {
            Names::Parsed(names) => Box::new(
                names
                    .iter()
                    .map(|(key, slot)| (key.as_str(), slot.entries.as_slice(), slot.continues)),
            ),
            Names::Compiled { keys, entries, .. } => Box::new(keys.iter().map(|(key, slot)| {
                let start = slot.start as usize;
                (
                    *key,
                    &entries[start..start + slot.len as usize],
                    slot.continues,
                )
            })),
        }
    }

    /// Everything `name` can refer to (case-insensitive; see [`normalize_key`]).
    pub fn lookup(&self, name: &str) -> &[Entry] {
        self.lookup_key(&normalize_key(name))
    }

    /// Like [`Gazetteer::lookup`] for an already normalised key.
    pub fn lookup_key(&self, key: &str) -> &[Entry] {
        self.lookup_phrase(key).map_or(&[], |found| found.entries)
    }

    /// A normalised key that is a name or the first words of one; `None` when neither,
    /// so no longer phrase starting with `key` can be a name either.
    pub fn lookup_phrase(&self, key: &str) -> Option<PhraseMatch<'_>> {
        match &self.names {
            Names::Parsed(names) => names.get_key_value(key).map(|(key, slot)| PhraseMatch {
                key,
                entries: &slot.entries,
                continues: slot.continues,
            }),
            Names::Compiled { keys, entries, map } => map
                .get_or_init(|| keys.iter().copied().collect())
                .get_key_value(key)
                .map(|(key, slot)| {
                    let start = slot.start as usize;
                    PhraseMatch {
                        key,
                        entries: &entries[start..start + slot.len as usize],
                        continues: slot.continues,
                    }
                }),
        }
    }

    /// The cities `name` denotes only where a place is expected, in a dateline or a
    /// `--location`: names of cities in their own language that running text does not
    /// read (a small city's endonym; `Wien` and `Napoli`, a surname and a football club in
    /// English text). Entries are [`Entry::City`].
    pub fn lookup_only(&self, name: &str) -> &[Entry] {
        let mut key = String::with_capacity(name.len() + 1);
        key.push(LOOKUP_ONLY);
        key.push_str(&normalize_key(name));
        self.lookup_key(&key)
    }

    /// Every normalised name the gazetteer knows, as running text reads it.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.name_slots()
            .filter(|(key, entries, _)| !entries.is_empty() && !key.starts_with(LOOKUP_ONLY))
            .map(|(key, _, _)| key)
    }

    /// Every normalised name of [`Gazetteer::lookup_only`].
    pub fn lookup_only_names(&self) -> impl Iterator<Item = &str> {
        self.name_slots()
            .filter(|(_, entries, _)| !entries.is_empty())
            .filter_map(|(key, _, _)| key.strip_prefix(LOOKUP_ONLY))
    }

    /// The most words any name has (bounds the phrase length worth looking up).
    pub fn longest_name_words(&self) -> usize {
        self.longest_name_words
    }

    /// The country a place lies in (a country is its own).
    pub fn country_of(&self, place: Place) -> u16 {
        match place {
            Place::Country(c) => c,
            Place::City(c) => self.cities[c as usize].country,
            Place::State(s) => self.states[s as usize].country,
        }
    }

    /// The first-level region a place lies in (a region is its own).
    pub fn region_of(&self, place: Place) -> Option<u16> {
        match place {
            Place::Country(_) => None,
            Place::City(c) => self.cities[c as usize].region,
            Place::State(s) => Some(s),
        }
    }

    /// The facet path of a place, country → region → city: `/Syria`,
    /// `/Syria/Aleppo/Aleppo`, `/United States/Texas`. A city whose region the gazetteer
    /// does not name is `/Country/City`.
    pub fn path(&self, place: Place) -> String {
        let country: &str = &self.countries[self.country_of(place) as usize].name;
        let (steps, n): ([&str; 3], usize) = match place {
            Place::Country(_) => ([country, "", ""], 1),
            Place::City(c) => {
                let city = &self.cities[c as usize];
                match city.region {
                    Some(s) => ([country, &self.states[s as usize].name, &city.name], 3),
                    None => ([country, &city.name, ""], 2),
                }
            }
            Place::State(s) => ([country, &self.states[s as usize].name, ""], 2),
        };
        // Joined by hand: `format!` costs several times more, for a path made for every
        // place of every story.
        let steps = &steps[..n];
        let mut path = String::with_capacity(steps.iter().map(|step| step.len() + 1).sum());
        for step in steps {
            path.push('/');
            path.push_str(step);
        }
        path
    }

    /// The United States, whose cities are backed by their state rather than the country.
    pub fn united_states(&self) -> Option<u16> {
        self.united_states
    }

    /// The country with this ISO code.
    pub fn country_by_code(&self, code: &str) -> Option<u16> {
        self.countries
            .iter()
            .position(|c| c.code == code)
            .map(|i| i as u16)
    }

    /// How strongly a city claims an ambiguous name: population, capitals first.
    pub fn city_weight(&self, city: u32) -> u64 {
        let city = &self.cities[city as usize];
        if city.capital {
            city.population.saturating_mul(4)
        } else {
            city.population
        }
    }
    /// The best city among `entries`: hand-written aliases first, then cities by their own
    /// name, then secondary names; within a tier, among the cities `keep` accepts, the
    /// heaviest ([`Gazetteer::city_weight`]) times its `boost`.
    pub fn best_city(
        &self,
        entries: &[Entry],
        keep: impl Fn(u32) -> bool,
        boost: impl Fn(u32) -> u64,
    ) -> Option<u32> {
        let tiers: [fn(&Entry) -> Option<u32>; 3] = [
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
                .filter(|c| keep(*c))
                .max_by_key(|c| self.city_weight(*c).saturating_mul(boost(*c)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::compiled::gazetteer;

    #[test]
    fn embedded_gazetteer_parses_every_line() {
        let gaz = gazetteer();
        let records = DATA
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count();
        let aliases = DATA.lines().filter(|l| l.starts_with("A\t")).count();
        assert_eq!(
            gaz.countries.len() + gaz.cities.len() + gaz.states.len() + aliases,
            records
        );
        assert!(gaz.countries.len() > 240, "{}", gaz.countries.len());
        assert!(gaz.cities.len() > 30_000, "{}", gaz.cities.len());
        let us = gaz.united_states();
        assert_eq!(
            gaz.states.iter().filter(|s| Some(s.country) == us).count(),
            51
        );
        assert!(gaz.states.len() > 2_000, "{}", gaz.states.len());
    }

    #[test]
    fn every_alias_resolves_to_a_place() {
        let gaz = gazetteer();
        for line in DATA.lines().filter(|l| l.starts_with("A\t")) {
            let key = line.split('\t').nth(1).unwrap_or_default();
            assert!(
                !gaz.lookup(key).is_empty(),
                "alias line did not load: {line}"
            );
        }
    }

    #[test]
    fn keys_ignore_case_hyphens_and_apostrophe_style() {
        assert_eq!(normalize_key("  West-Germany "), "west germany");
        assert_eq!(normalize_key("Côte d’Ivoire"), "côte d'ivoire");
        assert_eq!(normalize_key("U.S."), "u.s.");
    }

    /// Running text drops an elided article before a capital (`d'Ivoire` is read
    /// `Ivoire`), so a name holding one inside is keyed that way too; its own first
    /// article stays, and a lower-case rest is no elision.
    #[test]
    fn names_with_an_elided_article_inside_are_keyed_as_text_reads_them() {
        assert_eq!(elided_key("Côte d’Ivoire").as_deref(), Some("côte ivoire"));
        assert_eq!(
            elided_key("Costa d'Avorio").as_deref(),
            Some("costa avorio")
        );
        assert_eq!(
            elided_key("Reggio nell'Emilia").as_deref(),
            Some("reggio emilia")
        );
        assert_eq!(elided_key("L'Aquila"), None);
        assert_eq!(elided_key("N'djamena"), None);
        assert_eq!(elided_key("Xi'an"), None);
        let gaz = gazetteer();
        let ivory_coast = gaz.lookup("Côte d'Ivoire").to_vec();
        assert!(!ivory_coast.is_empty());
        assert_eq!(gaz.lookup_key("côte ivoire"), ivory_coast.as_slice());
    }

    /// Each language's capitals meet its lower case: Turkish `İ`/`I` and `i`/`ı` are one
    /// letter in keys, German `ß` is `ss`, Russian `ё` is `е`.
    #[test]
    fn keys_fold_letters_as_their_languages_do() {
        assert_eq!(normalize_key("İZMİR"), "izmir");
        assert_eq!(normalize_key("İzmir"), normalize_key("IZMIR"));
        assert_eq!(normalize_key("DİYARBAKIR"), normalize_key("Diyarbakır"));
        assert_eq!(normalize_key("Gießen"), "giessen");
        assert_eq!(normalize_key("ORËL"), "orël");
        assert_eq!(normalize_key("Орёл"), normalize_key("ОРЕЛ"));
        let gaz = gazetteer();
        for name in [
            "İZMİR",
            "İstanbul",
            "ISTANBUL",
            "Gießen",
            "GIESSEN",
            "Кёльн",
            "Кельн",
        ] {
            assert!(!gaz.lookup(name).is_empty(), "{name}");
        }
    }

    /// Running text folds Turkish the same way: `İstanbul'da` and `İZMİR` are places.
    #[test]
    fn turkish_dotted_capitals_are_read_in_running_text() {
        let places = crate::extract::place::extract_places(
            None,
            "Ekonomi toplantısı dün İstanbul'da yapıldı. Bakan, İZMİR ve Ankara için yeni \
             yatırımlar açıkladı.",
            &[],
        );
        for path in ["/Turkey/Istanbul/Istanbul", "/Turkey/İzmir Province/İzmir"] {
            assert!(
                places.mentions.iter().any(|m| m == path),
                "{path}: {:?}",
                places.mentions
            );
        }
    }

    /// A name read only where a place is expected is no key running text can meet.
    #[test]
    fn lookup_only_names_stay_out_of_the_text_index() {
        let gaz = gazetteer();
        for name in ["Wien", "Napoli", "Venezia", "Dunkerque"] {
            assert!(gaz.lookup(name).is_empty(), "{name}");
            assert!(!gaz.lookup_only(name).is_empty(), "{name}");
            assert!(!gaz.names().any(|n| n == normalize_key(name)), "{name}");
        }
        assert!(gaz.lookup_only_names().any(|n| n == "wien"));
        assert!(gaz.lookup_only("Vienna").is_empty());
        // `--location` reads them as a dateline does.
        let location = crate::extract::place::resolve_place;
        assert_eq!(location("Wien").as_deref(), Some("/Austria/Vienna/Vienna"));
        assert_eq!(
            location("Napoli, Italy").as_deref(),
            Some("/Italy/Campania/Naples")
        );
    }

    #[test]
    fn paths_use_common_english_names() {
        let gaz = gazetteer();
        let path_of = |name: &str| {
            gaz.lookup(name)
                .iter()
                .find_map(|e| match e {
                    Entry::Country(c) | Entry::CountryAlias(c) => {
                        Some(gaz.path(Place::Country(*c)))
                    }
                    _ => None,
                })
                .unwrap_or_default()
        };
        assert_eq!(path_of("Syria"), "/Syria");
        assert_eq!(path_of("Iran"), "/Iran");
        assert_eq!(path_of("South Korea"), "/South Korea");
        assert_eq!(path_of("USSR"), "/Russia");
        assert_eq!(path_of("Holland"), "/Netherlands");
    }
}

#[cfg(test)]
mod region_tests {
    use super::*;
    use crate::extract::compiled::gazetteer;

    fn city_path(name: &str) -> String {
        let gaz = gazetteer();
        let city = gaz
            .lookup(name)
            .iter()
            .filter_map(|e| match e {
                Entry::City(c) | Entry::CityAlias(c) => Some(*c),
                _ => None,
            })
            .max_by_key(|c| gaz.city_weight(*c))
            .expect("a city of that name");
        gaz.path(Place::City(city))
    }

    #[test]
    fn city_paths_run_country_region_city() {
        assert_eq!(city_path("Aleppo"), "/Syria/Aleppo/Aleppo");
        assert_eq!(city_path("Munich"), "/Germany/Bavaria/Munich");
        assert_eq!(city_path("Geneva"), "/Switzerland/Geneva/Geneva");
        assert_eq!(
            city_path("New York"),
            "/United States/New York/New York City"
        );
        assert_eq!(city_path("Toronto"), "/Canada/Ontario/Toronto");
    }

    #[test]
    fn region_names_join_on_the_admin1_code() {
        let gaz = gazetteer();
        let region = |iso: &str, code: &str| {
            let country = gaz.country_by_code(iso).expect("country");
            gaz.states
                .iter()
                .find(|s| s.country == country && s.code == code)
                .map(|s| s.name.clone())
        };
        assert_eq!(region("SY", "09").as_deref(), Some("Aleppo"));
        assert_eq!(region("DE", "02").as_deref(), Some("Bavaria"));
        assert_eq!(region("US", "TX").as_deref(), Some("Texas"));
        assert_eq!(region("GB", "SCT").as_deref(), Some("Scotland"));
    }

    #[test]
    fn region_names_read_in_text_only_when_distinctive() {
        let gaz = gazetteer();
        let kinds = |name: &str| {
            gaz.lookup(name)
                .iter()
                .filter_map(|e| match e {
                    Entry::State(s) => Some((true, gaz.states[*s as usize].needs_country)),
                    Entry::Region(s) => Some((false, gaz.states[*s as usize].needs_country)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // US states, UK nations, Canadian provinces stand alone.
        assert_eq!(kinds("Texas"), [(true, false)]);
        assert_eq!(kinds("Ontario"), [(true, false)]);
        assert_eq!(kinds("Scotland"), [(true, false)]);
        // A distinctive region elsewhere is read, backed by its country.
        assert_eq!(kinds("Bavaria"), [(true, true)]);
        // Named like its city, or generic: lookups only.
        assert_eq!(kinds("Aleppo"), [(false, false)]);
        assert!(kinds("Central").iter().all(|(in_text, _)| !in_text));
    }

    #[test]
    fn languages_after_the_flags_mark_common_words() {
        let gaz = Gazetteer::parse(
            "C\tDE\tGermany\t83000000\n\
             P\tEssen\tDE\t07\t580000\t:de\t\n\
             P\tHalle\tDE\t14\t240000\tw:de,nl\t\n\
             P\tBerlin\tDE\t16\t3400000\tc\t\n",
        );
        let [essen, halle, berlin] = &gaz.cities[..] else {
            panic!("{:?}", gaz.cities);
        };
        assert_eq!(essen.common_in, language_bit("de"));
        assert!(!essen.common_word && !essen.capital);
        assert_eq!(halle.common_in, language_bit("de") | language_bit("nl"));
        assert!(halle.common_word);
        assert_eq!((berlin.common_in, berlin.capital), (0, true));
        assert_eq!(language_bit("pl"), 0);
    }
}
