//! Place names as other languages write them in running text: Russian declines them
//! (`в Женеве`, `из Москвы`, `Саудовской Аравии`) and Arabic writes conjunctions,
//! prepositions and the article onto them (`بجنيف`, `وسوريا`, `للبنان`) with alef and
//! taa marbuta spelt more than one way (`الأردن`, `الاردن`). The gazetteer holds the
//! dictionary form only, so the words of a name are brought back to it before lookup:
//! each word of every Cyrillic and Arabic name is reduced to a comparable form (the
//! Snowball Russian stem; the Arabic letters normalised, without the article), and a run
//! of words whose forms make up a name takes that name's words. Nothing is replaced
//! unless the whole run is a known name, so the usual guards still decide what it is.

use super::super::compiled::gazetteer;
use super::super::gazetteer::{BIG_CITY, Entry, FastMap, FastSet};
use super::candidates::push_token_key;
use super::tokens::{Gap, Token};
use frostem::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// The most words a name matched here may have (`Соединённые Штаты Америки`).
const MAX_WORDS: usize = 4;

/// How a script's words are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Cyrillic,
    Arabic,
}

fn script_of(word: &str) -> Option<Script> {
    let mut script = None;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let this = match c {
            '\u{400}'..='\u{52f}' => Script::Cyrillic,
            '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' => Script::Arabic,
            _ => return None,
        };
        if script.is_some_and(|s| s != this) {
            return None;
        }
        script = Some(this);
    }
    script
}

/// A Russian word in lower case, `ё` as `е` (news text writes either).
fn fold_russian(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The Russian stem of a word: lower case, `ё` as `е`.
fn russian_form(stemmer: &Stemmer, word: &str) -> String {
    stemmer.stem(&fold_russian(word)).into_owned()
}

/// The stem of a word of text, read as a name's word when it is a case form of one
/// (see `ScriptForms::cases`).
fn text_form(forms: &ScriptForms, word: &str) -> String {
    let lower = fold_russian(word);
    let word = forms.cases.get(&lower).unwrap_or(&lower);
    forms.stemmer.stem(word).into_owned()
}

/// How much a name weighs when two claim one case form: a country's name most, then a
/// city's by its population; regions and others nothing.
fn weight(entries: &[Entry]) -> u64 {
    let gaz = gazetteer();
    entries
        .iter()
        .map(|e| match e {
            Entry::Country(_) | Entry::CountryAlias(_) | Entry::Demonym(_) => u64::MAX,
            Entry::City(c) | Entry::CityAlias(c) | Entry::CitySecondary(c) => {
                gaz.cities[*c as usize].population
            }
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// The regular case forms of a Russian name's word in lower case (`китай`: `китая`,
/// `китаю`, `китаем`, `китае`), by its ending: nouns in a consonant, `-й`, `-ь`, `-а`,
/// `-я`, `-ия` and plurals in `-ы`/`-и`, and adjectives (`южная`: `южной`). A word in
/// another vowel (`осло`, `баку`) does not decline.
fn russian_case_forms(word: &str) -> Vec<String> {
    let base = |n: usize| -> String {
        let chars: Vec<char> = word.chars().collect();
        chars[..chars.len().saturating_sub(n)].iter().collect()
    };
    let with = |n: usize, endings: &[&str]| -> Vec<String> {
        let stem = base(n);
        endings.iter().map(|e| format!("{stem}{e}")).collect()
    };
    let ends = |e: &str| word.ends_with(e);
    if ends("ый") || ends("ий") || ends("ой") || ends("ое") {
        with(2, &["ого", "ому", "ым", "ом", "ая", "ой", "ую"])
    } else if ends("ая") {
        with(2, &["ой", "ую", "ого", "ому"])
    } else if ends("ые") || ends("ие") {
        with(2, &["ых", "их", "ым", "им"])
    } else if ends("ия") {
        with(2, &["ии", "ию", "ией"])
    } else if ends("й") {
        with(1, &["я", "ю", "ем", "е"])
    } else if ends("я") {
        with(1, &["и", "ю", "ей", "е"])
    } else if ends("а") {
        with(1, &["ы", "и", "е", "у", "ой"])
    } else if ends("ь") {
        with(1, &["и", "ью", "я", "ю", "ем", "е"])
    } else if ends("ы") || ends("и") {
        with(1, &["ов", "ам", "ами", "ах"])
    } else if word
        .chars()
        .last()
        .is_some_and(|c| ('а'..='я').contains(&c) && !"аеёиоуыэюя".contains(c))
    {
        with(0, &["а", "у", "ом", "е", "ы", "ов"])
    } else {
        Vec::new()
    }
}

/// An Arabic word with its spelling variants folded: vowel marks and tatweel dropped, the
/// first letter of the stem (after the article) as bare alef when it is an alef with
/// hamza, madda or wasla (`الأردن`, `الاردن`; a hamza inside a word is left alone, so
/// `وأن` stays no `وان`), and a final taa marbuta or alef maqsura as haa or yaa. The
/// article stays: `المالي` (the financial) is no `مالي` (Mali).
fn arabic_form(word: &str) -> String {
    let bare: String = word
        .chars()
        .filter(|c| !matches!(c, '\u{640}' | '\u{64b}'..='\u{65f}' | '\u{670}'))
        .collect();
    let (article, stem) = match bare.strip_prefix("ال") {
        Some(stem) if !stem.is_empty() => ("ال", stem),
        _ => ("", bare.as_str()),
    };
    let mut form = String::with_capacity(bare.len());
    form.push_str(article);
    let last = stem.chars().count().saturating_sub(1);
    for (k, c) in stem.chars().enumerate() {
        form.push(match c {
            'أ' | 'إ' | 'آ' | 'ٱ' if k == 0 => 'ا',
            'ة' if k == last => 'ه',
            'ى' if k == last => 'ي',
            _ => c,
        });
    }
    form
}

/// What an Arabic word may be with the particles written onto it taken off: itself, then
/// without a conjunction (`و`, `ف`), a preposition (`ب`, `ل`, `ك`) or both, and `لل`
/// (`ل` before the article, which then loses its alef) as the article. A remainder under
/// three letters is no name. Each reading says whether it took `و` (and) off.
fn arabic_readings(word: &str) -> Vec<(String, bool)> {
    let mut readings = vec![(word.to_string(), false)];
    let conjunction = word.strip_prefix(['و', 'ف']);
    for rest in [Some(word), conjunction].into_iter().flatten() {
        let and = rest.len() != word.len() && word.starts_with('و');
        if rest.len() != word.len() {
            readings.push((rest.to_string(), and));
        }
        if let Some(bare) = rest.strip_prefix("لل") {
            readings.push((format!("ال{bare}"), and));
        }
        if let Some(bare) = rest.strip_prefix(['ب', 'ل', 'ك']) {
            readings.push((bare.to_string(), and));
        }
    }
    readings.retain(|(r, _)| r.chars().count() >= 3);
    readings
}

/// The Cyrillic and Arabic names of the gazetteer, and the adjectives of those scripts, by
/// the forms of their words. Built the first time a text holds a word of those scripts, so
/// an archive without one never stems the gazetteer's Russian names.
struct ScriptForms {
    stemmer: Stemmer,
    /// Forms of a whole name's words, space-separated, to the name's words as they are
    /// to be written in a token: `(Title case, ALL CAPS)`.
    names: FastMap<String, Vec<(String, String)>>,
    /// Forms of the first words of a name (the whole name too): where a run may go on.
    starts: FastMap<String, ()>,
    /// Regular case forms of the Cyrillic names' words (`китая`) to the word (`китай`).
    cases: FastMap<String, String>,
    /// Adjectives of countries in Russian, by stem (`сирийск`), and in Arabic, by form
    /// (`السوري`), to the English demonym (or country name) the gazetteer reads.
    adjectives: FastMap<String, &'static str>,
}

/// Adjectives of countries in other languages written in the Latin script
/// (`data/demonyms.tsv`), to the English demonym (or country name) the gazetteer reads.
struct LatinAdjectives {
    /// Lower-case ones as written (`allemande`, `siriano`).
    lower: FastMap<&'static str, &'static str>,
    /// The shortest of `lower`, in bytes: the commonest words of a text (`the`, `of`, `de`)
    /// are shorter, and skip the lookup.
    lower_min_len: usize,
    /// The shapes of `lower`.
    lower_shapes: Shapes,
    /// Capitalised Dutch and Turkish ones as written (`Franse`, `Suriyeli`), with whether
    /// the form is Turkish.
    capital: FastMap<String, (&'static str, bool)>,
    /// The shapes of `capital`.
    capital_shapes: Shapes,
    /// German nouns of a country's people, capitalised as written (`Norweger`, `Russen`).
    german: FastMap<&'static str, &'static str>,
}

/// The shapes of a set of words, one bit each: a word's length with its first two and
/// last two bytes, hashed. A word whose shape no word of the set has is not in it, so most
/// words of a text (`said`, `company`, `Reuters`) skip the map's lookup, which costs
/// several times more (hashing and comparing the whole word).
struct Shapes {
    bits: Vec<u64>,
}

impl Shapes {
    /// 2^16 bits: a few thousand words set a few percent of them.
    const BITS: u32 = 16;

    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Shapes {
        let mut shapes = Shapes {
            bits: vec![0; 1 << (Self::BITS - 6)],
        };
        for word in words {
            let slot = Self::slot(word);
            shapes.bits[slot >> 6] |= 1 << (slot & 63);
        }
        shapes
    }

    fn slot(word: &str) -> usize {
        let bytes = word.as_bytes();
        let byte = |k: usize| bytes.get(k).copied().map_or(0, u64::from);
        let n = bytes.len();
        let shape = (n as u64) << 32
            | byte(0) << 24
            | byte(1) << 16
            | byte(n.wrapping_sub(2)) << 8
            | byte(n.wrapping_sub(1));
        (shape.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::BITS)) as usize
    }

    /// Whether `word` may be one of the words (it is not when this says no).
    fn may_hold(&self, word: &str) -> bool {
        let slot = Self::slot(word);
        self.bits[slot >> 6] >> (slot & 63) & 1 == 1
    }
}

/// Adjectives of countries in other languages, generated with the gazetteer.
static DEMONYMS: &str = include_str!("../../../data/demonyms.tsv");

/// Each adjective of [`DEMONYMS`]: its form, its languages (comma-separated) and the
/// English name it stands for.
fn demonyms() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    DEMONYMS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (Some(form), Some(_), Some(languages), Some(english)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return None;
            };
            Some((form, languages, english))
        })
}

fn scripts() -> &'static ScriptForms {
    static FORMS: OnceLock<ScriptForms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let stemmer = Stemmer::new(Algorithm::Russian);
        let mut names: FastMap<String, Vec<(String, String)>> = FastMap::default();
        let mut starts: FastMap<String, ()> = FastMap::default();
        // The Cyrillic names' words in lower case, with what the name weighs.
        let mut declined: Vec<(Vec<String>, u64)> = Vec::new();
        for key in gazetteer().names() {
            let words: Vec<&str> = key.split(' ').collect();
            let Some(script) = script_of(&key.replace(' ', "")) else {
                continue;
            };
            if words.len() > MAX_WORDS {
                continue;
            }
            let word_forms: Vec<String> = words
                .iter()
                .map(|w| match script {
                    Script::Cyrillic => russian_form(&stemmer, w),
                    Script::Arabic => arabic_form(w),
                })
                .collect();
            // A stem too short to tell a name from an ending (`Ош`, `Уфа`'s `уф`) is read
            // only as written.
            if script == Script::Cyrillic && word_forms.iter().any(|f| f.chars().count() < 3) {
                continue;
            }
            // A one-word name that is an adjective (`Центральный`, a district of Makhachkala;
            // `Советский`) shares its stem with the adjective in every sentence that uses
            // it (`Центральной избирательной комиссии`): it is read only as written.
            if script == Script::Cyrillic && words.len() == 1 && is_russian_adjective(words[0]) {
                continue;
            }
            for n in 1..=word_forms.len() {
                starts.insert(word_forms[..n].join(" "), ());
            }
            let spelt: Vec<(String, String)> = words
                .iter()
                .map(|w| {
                    let mut chars = w.chars();
                    let title = chars
                        .next()
                        .map(|c| c.to_uppercase().chain(chars).collect())
                        .unwrap_or_default();
                    (title, w.to_uppercase())
                })
                .collect();
            // The first name to claim a form keeps it: names come in no particular order,
            // so two names with one form are told apart by neither.
            names.entry(word_forms.join(" ")).or_insert(spelt);
            if script == Script::Cyrillic {
                let words = words.iter().map(|w| fold_russian(w)).collect();
                declined.push((words, weight(gazetteer().lookup_key(key))));
            }
        }
        // Snowball does not always give a name's cases its stem (`Китай` кита, `Китая`
        // кит; `Мюнхен` мюнх, `Мюнхене` мюнхен; `Корея` коре, `Кореи` кор): a word of text
        // that is a regular case form of a name's word is read as that word before it is
        // stemmed. A form that is itself a name's word stays itself; of two words with one
        // case form the heavier name's keeps it (`Китая` is China, not Kita in Mali).
        let own: FastSet<&str> = declined
            .iter()
            .flat_map(|(words, _)| words.iter().map(String::as_str))
            .collect();
        let mut cases: FastMap<String, (String, u64)> = FastMap::default();
        for (words, weight) in &declined {
            for word in words {
                for form in russian_case_forms(word) {
                    if own.contains(form.as_str()) {
                        continue;
                    }
                    let claimed = cases.get(&form).map(|(_, w)| *w);
                    if claimed.is_none_or(|w| w < *weight) {
                        cases.insert(form, (word.clone(), *weight));
                    }
                }
            }
        }
        let cases = cases.into_iter().map(|(f, (w, _))| (f, w)).collect();
        let mut adjectives = FastMap::default();
        for (form, _, english) in demonyms() {
            match script_of(form) {
                Some(Script::Cyrillic) => {
                    adjectives.insert(russian_form(&stemmer, form), english);
                }
                Some(Script::Arabic) => {
                    adjectives.insert(arabic_form(form), english);
                }
                None => {}
            }
        }
        ScriptForms {
            stemmer,
            names,
            cases,
            starts,
            adjectives,
        }
    })
}

fn latin() -> &'static LatinAdjectives {
    static ADJECTIVES: OnceLock<LatinAdjectives> = OnceLock::new();
    ADJECTIVES.get_or_init(|| {
        let mut lower = FastMap::default();
        let mut capital = FastMap::default();
        let mut german = FastMap::default();
        for (form, languages, english) in demonyms() {
            if script_of(form).is_some() {
                continue;
            }
            // German nouns of a country's people (`Schweizer`), read in German text only.
            if languages == "de" && form.starts_with(char::is_uppercase) {
                german.insert(form, english);
                continue;
            }
            // Dutch and Turkish write them capitalised; the others in lower case.
            if languages.split(',').any(|l| l == "nl" || l == "tr") {
                let mut chars = form.chars();
                let title: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                let turkish = languages.split(',').any(|l| l == "tr");
                let entry = capital.entry(title).or_insert((english, false));
                entry.1 |= turkish;
            } else {
                lower.insert(form, english);
            }
        }
        let lower_min_len = lower.keys().map(|k| k.len()).min().unwrap_or(usize::MAX);
        LatinAdjectives {
            lower_shapes: Shapes::of(lower.keys().copied()),
            lower,
            lower_min_len,
            capital_shapes: Shapes::of(capital.keys().map(String::as_str)),
            capital,
            german,
        }
    })
}

/// Write the place names among `tokens` in the dictionary form the gazetteer holds.
/// Only capitalised Cyrillic words (a Russian place name is capitalised in any case) and
/// Arabic words are read; a Latin-script text costs one check a word.
pub(super) fn normalize_names(tokens: &mut [Token]) {
    let mut i = 0;
    while i < tokens.len() {
        let Some(script) = readable(&tokens[i]) else {
            if may_be_adjective(tokens[i].text)
                && let Some(english) = adjective(tokens, i)
            {
                tokens[i].text = english;
                tokens[i].adjective = true;
            }
            i += 1;
            continue;
        };
        if script == Script::Arabic
            && let Some(conjoined) = amman(tokens, i)
        {
            tokens[i].text = "Amman";
            tokens[i].conjoined = conjoined;
            i += 1;
            continue;
        }
        let forms = scripts();
        let firsts: Vec<(String, bool)> = match script {
            Script::Cyrillic => vec![(text_form(forms, tokens[i].text), false)],
            Script::Arabic => arabic_readings(tokens[i].text)
                .iter()
                .map(|(r, and)| (arabic_form(r), *and))
                .collect(),
        };
        let mut best: Option<(usize, &Vec<(String, String)>)> = None;
        let mut conjoined = false;
        for (first, and) in firsts {
            conjoined = and;
            let mut key = first;
            for n in 1..=MAX_WORDS.min(tokens.len() - i) {
                if n > 1 {
                    let token = &tokens[i + n - 1];
                    if token.gap != Gap::Space || readable(token) != Some(script) {
                        break;
                    }
                    key.push(' ');
                    key.push_str(&match script {
                        Script::Cyrillic => text_form(forms, token.text),
                        Script::Arabic => arabic_form(token.text),
                    });
                }
                if !forms.starts.contains_key(&key) {
                    break;
                }
                if let Some(spelt) = forms.names.get(&key)
                    && best.is_none_or(|(m, _)| n > m)
                    && (script != Script::Cyrillic
                        || declinable_as_written(&tokens[i..i + n], spelt))
                {
                    best = Some((n, spelt));
                }
            }
            if best.is_some() {
                break;
            }
        }
        let Some((n, spelt)) = best else {
            if may_be_adjective(tokens[i].text)
                && let Some(english) = adjective(tokens, i)
            {
                tokens[i].text = english;
                tokens[i].adjective = true;
            }
            i += 1;
            continue;
        };
        tokens[i].conjoined = conjoined;
        for (token, (title, upper)) in tokens[i..i + n].iter_mut().zip(spelt) {
            token.declined = script == Script::Cyrillic && !same_word(token.text, title);
            token.text = if token.all_caps() { upper } else { title };
        }
        i += n;
    }
}

/// Abbreviations of a country that a language writes and English text does not read as
/// that country (`ABD` is a bank's initials there): `(language, as written, the English
/// name read)`. The Russian ones (`США`) are gazetteer aliases: English writes no Cyrillic.
const ABBREVIATIONS: &[(&str, &str, &str)] = &[
    // Amerika Birleşik Devletleri.
    ("tr", "ABD", "USA"),
    // Estados Unidos da América.
    ("pt", "EUA", "USA"),
];

/// What the article's language `lang` writes for its places beyond the gazetteer's
/// names: German cases and nouns of a people ([`read_german_cases`]) and
/// [`ABBREVIATIONS`].
pub(super) fn read_language_forms(tokens: &mut [Token], lang: u16) {
    use super::super::gazetteer::language_bit;
    if lang == language_bit("de") {
        read_german_cases(tokens);
        return;
    }
    let own: Vec<(&str, &str)> = ABBREVIATIONS
        .iter()
        .filter(|(l, _, _)| language_bit(l) == lang)
        .map(|(_, written, english)| (*written, *english))
        .collect();
    if own.is_empty() {
        return;
    }
    for token in tokens.iter_mut() {
        if let Some((_, english)) = own.iter().find(|(written, _)| *written == token.text) {
            token.text = english;
        }
    }
}

/// German nouns of a country's people (`Norweger`, `Österreichers`) read as its English
/// demonym, as adjectives are; German names in the genitive and the dative plural
/// (`Deutschlands`, `Österreichs`, `Berlins`, `in den Niederlanden`) read as written in
/// the nominative, as Russian cases are: a capitalised word that is no name, but is a country's or a big city's name with
/// `-s` (or `-n` after `-e`). Marked `declined`: a country's genitive after a noun is its
/// complement (`einer Klage Österreichs`), no surname.
fn read_german_cases(tokens: &mut [Token]) {
    let gaz = gazetteer();
    let nouns = &latin().german;
    let mut key = String::new();
    for token in tokens.iter_mut() {
        let text = token.text;
        // `der Norweger Henrik Kristoffersen`, `des Österreichers`: a nationality.
        if let Some(english) = nouns.get(text) {
            token.text = english;
            token.adjective = true;
            continue;
        }
        let Some(stem) = text
            .strip_suffix('s')
            .filter(|s| !s.ends_with(['s', 'ß', 'x', 'z']))
            .or_else(|| text.strip_suffix('n').filter(|s| s.ends_with('e')))
        else {
            continue;
        };
        if stem.chars().count() < 4 || !token.title_case() {
            continue;
        }
        let known = |key: &mut String, word: &str| {
            key.clear();
            push_token_key(key, word);
            gaz.lookup_key(key)
        };
        if !known(&mut key, text).is_empty() {
            continue;
        }
        let named = known(&mut key, stem).iter().any(|e| match e {
            Entry::Country(_) | Entry::CountryAlias(_) => true,
            Entry::City(c) | Entry::CityAlias(c) => gaz.cities[*c as usize].population >= BIG_CITY,
            _ => false,
        });
        if named {
            token.text = stem;
            token.declined = true;
        }
    }
}

/// Whether the Arabic word at `i` is Amman rather than Oman, and then whether `و` was
/// written onto it. Unvocalised `عمان` is both: `عَمّان` (Amman) has a shadda and `عُمان`
/// (Oman) a damma, and where neither is written, `سلطنة عمان` (the Sultanate) is Oman,
/// and a story that names Jordan or a Jordanian (`الأردن`, `الأردنية`) means its capital.
fn amman(tokens: &[Token], i: usize) -> Option<bool> {
    const NAME: &str = "عمان";
    let text = tokens[i].text;
    let (_, conjoined) = arabic_readings(text)
        .into_iter()
        .find(|(r, _)| arabic_form(r) == NAME)?;
    if text.contains('\u{651}') {
        return Some(conjoined);
    }
    let sultanate = i
        .checked_sub(1)
        .is_some_and(|k| arabic_form(tokens[k].text) == "سلطنه");
    if text.contains('\u{64f}') || sultanate {
        return None;
    }
    // Words before `i` are already read: an adjective as its English demonym.
    let jordan = tokens.iter().any(|t| {
        (t.adjective && t.text == "Jordanian")
            || (script_of(t.text) == Some(Script::Arabic) && arabic_form(t.text).contains("اردن"))
    });
    jordan.then_some(conjoined)
}

/// Two Cyrillic words alike but for case and `ё`.
fn same_word(a: &str, b: &str) -> bool {
    let fold = |w: &str| -> String {
        w.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect()
    };
    fold(a) == fold(b)
}

/// A Russian word with the ending of an adjective (`Центральный`, `Советская`,
/// `Заводской`), not that of a noun (`Ханой`).
fn is_russian_adjective(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ский", "цкий", "ской", "ный", "ний", "нии", "ныи", "ская", "цкая", "ная", "ное", "ское",
        "ные", "ские",
    ];
    let lower = word.to_lowercase();
    ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Whether `tokens` may be the name `spelt` in another case. Foreign names ending in a
/// vowel after a consonant (`Алеппо`, `Зимбабве`, `Сочи`, `Баку`) do not decline, so
/// they are read only as written: `Совет` (council) is no case of `Совето` (Soweto).
/// Slavic `-ово`/`-ево`/`-ино` names (`Иваново`) and plurals in `-ки`, `-ги`, `-хи`
/// (`Химки`) do decline.
fn declinable_as_written(tokens: &[Token], spelt: &[(String, String)]) -> bool {
    tokens.iter().zip(spelt).all(|(token, (title, _))| {
        let name: Vec<char> = title.to_lowercase().chars().collect();
        let indeclinable = match name.as_slice() {
            [.., before, last] => {
                let consonant = |c: &char| ('а'..='я').contains(c) && !"аеёиоуыэюяйьъ".contains(*c);
                "оеэиую".contains(*last)
                    && consonant(before)
                    && !(*last == 'о' && name.len() >= 3 && {
                        let s: String = name[name.len() - 3..].iter().collect();
                        matches!(s.as_str(), "ово" | "ево" | "ино" | "ыно")
                    })
                    && !(*last == 'и' && "кгхжшщ".contains(*before))
            }
            _ => false,
        };
        !indeclinable || same_word(token.text, title)
    })
}

/// Whether `word` may be an adjective of [`adjective`]: the byte tests that rule out most
/// words of a text, kept apart so that they cost no call. An ASCII word is in no other
/// script, so only the Latin-script adjectives of its case and shape can be it; a word
/// that starts with a digit is none.
#[inline]
fn may_be_adjective(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii_lowercase() => {
            let latin = latin();
            word.len() >= latin.lower_min_len && latin.lower_shapes.may_hold(word)
        }
        Some(b) if b.is_ascii_uppercase() => latin().capital_shapes.may_hold(word),
        Some(b) => !b.is_ascii(),
        None => false,
    }
}

/// The English demonym of the word at `i` when it is an adjective of a country in another
/// language. A capitalised Dutch form before another capitalised word is a first name
/// (`Frans Timmermans`), not `French`. Callers test [`may_be_adjective`] first.
fn adjective(tokens: &[Token], i: usize) -> Option<&'static str> {
    let token = &tokens[i];
    let text = token.text;
    let first = text.chars().next()?;
    // An ASCII word is in no other script: most words of most stories skip the test.
    let ascii = text.is_ascii();
    if first.is_lowercase() {
        let latin = latin();
        if text.len() >= latin.lower_min_len
            && let Some(english) = latin.lower.get(text)
        {
            return Some(english);
        }
        if !ascii && script_of(text) == Some(Script::Cyrillic) {
            let forms = scripts();
            return forms
                .adjectives
                .get(&russian_form(&forms.stemmer, text))
                .copied();
        }
        return None;
    }
    if !ascii && script_of(text) == Some(Script::Arabic) {
        let forms = scripts();
        return arabic_readings(text)
            .iter()
            .find_map(|(r, _)| forms.adjectives.get(&arabic_form(r)).copied());
    }
    if !first.is_uppercase() || token.all_caps() {
        return None;
    }
    let &(english, turkish) = latin().capital.get(text)?;
    // Turkish titles capitalise the words after (`Rus Dışişleri Bakanı`). After an
    // article the word is no first name but a noun of a nationality (`de Mexicaan
    // Santiago Giménez`).
    let name_follows = tokens
        .get(i + 1)
        .is_some_and(|next| next.gap == Gap::Space && next.title_case());
    let after_article = i
        .checked_sub(1)
        .is_some_and(|k| token.gap == Gap::Space && tokens[k].lower_is_any(&["de", "het", "een"]));
    (turkish || !name_follows || after_article).then_some(english)
}

/// The script of a word that may be an inflected name: a capitalised Cyrillic word or
/// an Arabic one.
fn readable(token: &Token) -> Option<Script> {
    let first = token.text.as_bytes().first()?;
    if first.is_ascii() {
        return None;
    }
    match script_of(token.text)? {
        Script::Cyrillic if token.capitalised() => Some(Script::Cyrillic),
        Script::Cyrillic => None,
        Script::Arabic => Some(Script::Arabic),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, mentions, rules_alone};
    use super::super::{extract_places, extract_places_after};

    /// Every place mentioned in `body`, read as an article in `lang`.
    fn mentions_in(lang: &str, body: &str) -> Vec<String> {
        extract_places_after(None, body, None, &[], lang).mentions
    }

    #[test]
    fn a_city_named_like_a_word_of_the_article_language_needs_its_country() {
        // Portuguese `Esse` (that) is a name of Essen; Dutch `Van` (of) is the Turkish city.
        assert!(mentions_in("pt", "Esse acordo foi assinado ontem.").is_empty());
        assert!(mentions_in("nl", "Van de ministers kwam niemand.").is_empty());
        // In other languages they are the cities, and with their country named they
        // stand in the guarded language too.
        assert_eq!(
            mentions_in("tr", "Deprem en çok Van'da hissedildi."),
            ["/Turkey/Van/Van", "/Turkey"]
        );
        let found = mentions_in(
            "nl",
            "De aardbeving trof Turkije. In het oosten is Van zwaar getroffen.",
        );
        assert!(has(&found, "/Turkey/Van/Van"), "{found:?}");
    }

    #[test]
    fn a_function_word_of_another_language_at_a_sentence_start_is_no_first_name() {
        let found = mentions_in(
            "fr",
            "Le groupe a gagné. En Espagne, les revenus ont reculé. Au Maroc, ils montent.",
        );
        assert_eq!(found, ["/Spain", "/Morocco"]);
        let found = mentions_in("de", "Die Lage ist ruhig. Nach Frankreich reist er nicht.");
        assert_eq!(found, ["/France"]);
        let found = mentions_in("ru", "Всё спокойно. Из Франции сообщают о протестах.");
        assert_eq!(found, ["/France"]);
    }

    #[test]
    fn a_name_with_a_turkish_case_suffix_is_no_first_name() {
        let found = mentions_in("tr", "Batman'da Hasankeyf'in eserleri yeni müzede.");
        assert!(has(&found, "/Turkey/Batman/Batman"), "{found:?}");
        // Without the suffix the city before a capitalised word is still a first name.
        assert!(mentions_in("tr", "Dün Batman Hasankeyf ile konuştu.").is_empty());
    }

    #[test]
    fn a_city_named_like_an_english_word_is_a_name_in_its_own_language() {
        // `Nice` needs France named in English text, not in French.
        let body = "Un an après l'attentat, Nice a rendu hommage aux victimes.";
        assert!(has(
            &mentions_in("fr", body),
            "/France/Provence-Alpes-Côte d'Azur/Nice"
        ));
        assert!(mentions_in("en", "A year on, Nice paid tribute.").is_empty());
        assert!(mentions_in("es", "Un año después, Nice rindió homenaje.").is_empty());
    }

    #[test]
    fn country_names_that_differ_from_english_by_accents_are_the_country() {
        // `México` is a key of its own (accents are kept), not the State of Mexico.
        assert_eq!(
            mentions_in("es", "El Gobierno de México respondió."),
            ["/Mexico"]
        );
        assert_eq!(
            mentions_in("fr", "Le président des Etats-Unis a répondu."),
            ["/United States"]
        );
    }

    #[test]
    fn a_capital_named_as_its_country_is_the_capital_in_a_dateline() {
        let places = extract_places(None, "تونس (أ ف ب) - قال الرئيس إن الحكومة ستستقيل.", &[]);
        assert_eq!(
            places.dateline.as_deref(),
            Some("/Tunisia/Tunis Governorate/Tunis")
        );
    }

    #[test]
    fn arab_agency_abbreviations_are_no_cities() {
        // `قنا` (QNA) is also Qena, Egypt.
        let found = mentions_in("ar", "ذكرت وكالة الأنباء القطرية (قنا) أن الاجتماع انتهى.");
        assert_eq!(found, ["/Qatar"]);
    }

    #[test]
    fn russian_case_forms_are_read() {
        let found = mentions("Переговоры в Женеве продолжатся, сообщили из Москвы.");
        assert!(has(&found, "/Switzerland/Geneva/Geneva"), "{found:?}");
        assert!(has(&found, "/Russia/Moscow/Moscow"), "{found:?}");
        let found = mentions("Министр прибыл в Саудовскую Аравию после визита в Германии.");
        assert!(has(&found, "/Saudi Arabia"), "{found:?}");
        assert!(has(&found, "/Germany"), "{found:?}");
        let found = mentions("Он сказал, что делегация Соединенных Штатов покинула зал.");
        assert!(has(&found, "/United States"), "{found:?}");
    }

    #[test]
    fn russian_words_that_share_a_stem_with_a_name_are_no_name() {
        // `Совет` (council) stems like Soweto's `Совето`, which does not decline; the
        // adjective `Центральной` like the district `Центральный`, read only as written.
        let found = mentions("Совет директоров Банка России сохранил ставку.");
        assert_eq!(found, ["/Russia"]);
        assert!(
            mentions("Об этом сообщила председатель Центральной избирательной комиссии.")
                .is_empty()
        );
        // Names that do not decline are read as written, and declining ones in any case.
        assert!(has(
            &mentions("Бои в Алеппо продолжаются."),
            "/Syria/Aleppo/Aleppo"
        ));
        assert!(has(
            &mentions("Он прибыл из Москвы."),
            "/Russia/Moscow/Moscow"
        ));
    }

    #[test]
    fn a_russian_case_form_after_a_capitalised_word_is_a_place() {
        // `Сборная Франции` (France's team) is no person named Франции, and the name is
        // read in the rest of the story.
        let found = mentions("Сборная Франции победила. Президент Франции поздравил команду.");
        assert_eq!(found, ["/France"]);
        // A surname that is a nominative name still is one, and so is a surname that
        // only stems like a city (`Моди`, `Модена`).
        assert!(mentions("Об этом сказал Иван Москва.").is_empty());
        assert!(
            mentions("Премьер-министр Индии Нарендра Моди выступил.")
                .iter()
                .all(|p| !p.contains("Italy"))
        );
    }

    #[test]
    fn russian_caps_and_abbreviations_are_read() {
        let found = mentions("ПОСОЛЬСТВО РОССИИ ЗАЯВИЛО. Представители США и РФ встретились.");
        assert!(has(&found, "/Russia"), "{found:?}");
        assert!(has(&found, "/United States"), "{found:?}");
    }

    #[test]
    fn lower_case_russian_words_are_no_names() {
        // `мира` (of the world) stems like a name only when capitalised, and common
        // words written in lower case are never read.
        assert!(mentions("Страны мира обсудили вопросы экономики.").is_empty());
    }

    #[test]
    fn adjectives_of_other_languages_name_their_country() {
        assert_eq!(mentions("Le gouvernement syrien a répondu."), ["/Syria"]);
        assert_eq!(
            mentions("La délégation allemande est partie."),
            ["/Germany"]
        );
        assert_eq!(mentions("Las fuerzas sirias avanzaron."), ["/Syria"]);
        assert_eq!(mentions("Il ministro francese ha parlato."), ["/France"]);
        assert_eq!(mentions("Die russische Regierung schwieg."), ["/Russia"]);
        assert_eq!(mentions("Het Franse kabinet viel."), ["/France"]);
        assert_eq!(mentions("Suriyeli muhalifler toplandı."), ["/Syria"]);
        assert_eq!(mentions("Rus Dışişleri Bakanı konuştu."), ["/Russia"]);
        assert_eq!(
            mentions("Он встретился с сирийской делегацией."),
            ["/Syria"]
        );
        assert_eq!(mentions("قال الجيش السوري إن"), ["/Syria"]);
        assert_eq!(mentions("والأمريكيين"), ["/United States"]);
    }

    #[test]
    fn adjectives_of_other_languages_make_no_story_about_their_country() {
        let places = extract_places(
            Some("Le gouvernement syrien répond"),
            "La délégation allemande est partie de Genève.",
            &[],
        );
        assert_eq!(
            places.mentions,
            [
                "/Syria",
                "/Germany",
                "/Switzerland/Geneva/Geneva",
                "/Switzerland"
            ]
        );
        assert_eq!(places.about, ["/Switzerland/Geneva/Geneva", "/Switzerland"]);
    }

    #[test]
    fn every_adjective_passes_the_shape_test_and_most_words_do_not() {
        let latin = super::latin();
        for form in latin
            .lower
            .keys()
            .copied()
            .chain(latin.capital.keys().map(String::as_str))
        {
            assert!(super::may_be_adjective(form), "{form}");
        }
        let common = [
            "said", "company", "would", "which", "year", "with", "from", "that", "shares",
            "billion", "million", "market", "prices", "February", "Reuters", "Company", "Bank",
        ];
        let passed = common.iter().filter(|w| super::may_be_adjective(w)).count();
        assert!(passed * 4 < common.len(), "{passed} of {}", common.len());
    }

    #[test]
    fn adjective_guards() {
        // A Dutch adjective before a surname is a first name; Spanish `como` and English
        // words are no adjectives; a capitalised French adjective is no French form.
        assert!(mentions("Volgens Frans Timmermans is het klaar.").is_empty());
        assert!(mentions("Hizo como siempre.").is_empty());
        assert!(mentions("She ordered an espresso and walked on.").is_empty());
    }

    #[test]
    fn arabic_particles_and_spellings_are_read() {
        let found = mentions("وصل الوفد بجنيف قادما من القاهرة.");
        assert!(has(&found, "/Switzerland/Geneva/Geneva"), "{found:?}");
        let found = mentions("قالت وسوريا إن المساعدات للبنان والاردن تأخرت.");
        assert!(has(&found, "/Syria"), "{found:?}");
        assert!(has(&found, "/Lebanon"), "{found:?}");
        assert!(has(&found, "/Jordan"), "{found:?}");
    }

    #[test]
    fn governments_listed_in_other_languages_are_parties_not_places() {
        // `و` written onto the second name lists it (`موسكو وواشنطن`), and so does a
        // conjunction with its article or preposition repeated (`e à Rússia`); a name
        // that only starts with `و` (`واشنطن`) is listed by nothing. The rules' reading:
        // the about model weighs the parties of a two-sentence story again.
        let places = rules_alone(
            Some("دي ميستورا يدعو موسكو وواشنطن إلى إنقاذ الهدنة في حلب"),
            "دعا المبعوث الخاص إلى سوريا يوم الأربعاء الولايات المتحدة وروسيا إلى التدخل.",
            &[],
        );
        assert_eq!(
            places.about,
            ["/Syria/Aleppo/Aleppo", "/Syria"],
            "{places:?}"
        );
        let places = rules_alone(
            Some("Síria: ONU pede a Washington e Moscovo que salvem trégua em Alepo"),
            "O enviado especial para a Síria apelou hoje aos Estados Unidos e à Rússia para \
             que restabeleçam a trégua em Alepo.",
            &[],
        );
        assert_eq!(
            places.about,
            ["/Syria", "/Syria/Aleppo/Aleppo"],
            "{places:?}"
        );
        assert_eq!(
            extract_places(Some("واشنطن تدعو إلى الهدوء في حلب"), "", &[]).about,
            [
                "/United States/District of Columbia/Washington, D.C.",
                "/United States",
                "/Syria/Aleppo/Aleppo",
                "/Syria"
            ]
        );
    }

    #[test]
    fn translated_country_names_of_several_words_are_read() {
        // Each word alone is common English (`pays`, `Arabia`, `do`, `Africa`), the name is not.
        assert_eq!(
            mentions_in("fr", "Le siège est aux Pays-Bas."),
            ["/Netherlands"]
        );
        assert_eq!(
            mentions_in(
                "fr",
                "Au Maroc et en Côte d'Ivoire, les services progressent."
            ),
            ["/Morocco", "/Ivory Coast"]
        );
        assert_eq!(
            mentions_in("it", "Ben Ali fuggì in Arabia Saudita."),
            ["/Saudi Arabia"]
        );
        assert_eq!(
            mentions_in("it", "Si vota in Costa d'Avorio."),
            ["/Ivory Coast"]
        );
        assert_eq!(
            mentions_in("pt", "Portugal e a África do Sul apelaram à calma."),
            ["/Portugal", "/South Africa"]
        );
        assert_eq!(
            mentions_in("es", "Llegaron turistas de Corea del Sur."),
            ["/South Korea"]
        );
        assert_eq!(
            mentions_in("nl", "De grootste markten zijn Taiwan en Zuid-Korea."),
            ["/Taiwan", "/South Korea"]
        );
        // A saint's name alone stays a saint's (`Santa Lucía` is also Saint Lucia).
        assert!(mentions_in("es", "La fiesta de Santa Lucía llenó la plaza.").is_empty());
    }

    #[test]
    fn a_city_named_with_accents_its_own_name_lacks_is_the_city() {
        assert_eq!(
            mentions_in(
                "es",
                "Otras capitales europeas, como París, siguen caminos parecidos."
            ),
            ["/France/Île-de-France/Paris", "/France"]
        );
        assert_eq!(
            mentions_in("es", "El equipo viajó a Berlín."),
            ["/Germany/State of Berlin/Berlin", "/Germany"]
        );
    }

    #[test]
    fn german_and_dutch_adjectives_are_read_in_their_inflected_forms() {
        // `deutsch` takes the endings of `-isch` adjectives.
        assert_eq!(
            mentions_in(
                "de",
                "Die deutsche Elf verlor gegen die deutschen Gastgeber."
            ),
            ["/Germany"]
        );
        // The package gives Dutch the noun of a person (`Italiaan`, `Zweed`); the
        // adjective adds `-s`/`-se`, the plural `-anen`.
        assert_eq!(
            mentions_in("nl", "De Italiaanse regering en Zweedse bedrijven zwegen."),
            ["/Italy", "/Sweden"]
        );
        assert_eq!(mentions_in("nl", "Veel Marokkanen stemden."), ["/Morocco"]);
    }

    #[test]
    fn russian_names_are_read_in_the_cases_snowball_stems_apart() {
        // `Китая` stems to кит, `Китай` to кита; `Мюнхене` to мюнхен, `Мюнхен` to мюнх.
        assert_eq!(
            mentions_in("ru", "Инвесторы из Китая и Японии приехали."),
            ["/China", "/Japan"]
        );
        assert_eq!(
            mentions_in("ru", "Встреча пройдет в Мюнхене."),
            ["/Germany/Bavaria/Munich", "/Germany"]
        );
        assert_eq!(
            mentions_in("ru", "Поток туристов из Южной Кореи вырос."),
            ["/South Korea"]
        );
        // A common word is no case form of a name it shares a stem with (`Такое`, such,
        // and Tacoma's `Такомой`).
        assert!(mentions_in("ru", "Такое решение ожидали.").is_empty());
    }

    #[test]
    fn german_names_are_read_in_the_genitive_and_the_dative_plural() {
        assert_eq!(
            mentions_in("de", "Der Gerichtshof gab einer Klage Österreichs statt."),
            ["/Austria"]
        );
        assert_eq!(
            mentions_in(
                "de",
                "Das Hochwasser traf auch die Provinz Limburg in den Niederlanden."
            ),
            ["/Netherlands/Limburg", "/Netherlands"]
        );
        assert_eq!(
            mentions_in("de", "Im Westen Deutschlands regnet es weiter."),
            ["/Germany"]
        );
        // Only in German: English text keeps its plurals (`the two Koreas`).
        assert!(mentions_in("en", "Talks between the Koreas resumed.").is_empty());
    }

    #[test]
    fn a_place_after_a_german_noun_is_no_surname() {
        // Every German noun is capitalised: the place after one is no surname.
        assert_eq!(
            mentions_in(
                "de",
                "Das Schiff kehrte nach Deutschland in seinen Heimathafen Bremerhaven zurück."
            ),
            ["/Germany", "/Germany/City state Bremen/Bremerhaven"]
        );
        assert_eq!(
            mentions_in(
                "de",
                "Titelverteidiger Deutschland ist mit einer Niederlage gestartet."
            ),
            ["/Germany"]
        );
        // A person is still a person.
        assert!(mentions_in("de", "Bundestrainer Joachim Löw verlor.").is_empty());
    }

    #[test]
    fn german_nouns_of_a_people_name_their_country() {
        let found = mentions_in(
            "de",
            "Zweiter wurde der Norweger Henrik Kristoffersen. Der Sturz des Österreichers \
             Marco Schwarz überschattete alles. Der Schweizer gewann.",
        );
        assert_eq!(found, ["/Norway", "/Austria", "/Switzerland"]);
        // Only in German text.
        assert!(mentions_in("en", "Mr Schweizer said sales rose.").is_empty());
    }

    #[test]
    fn a_dutch_nationality_after_an_article_is_no_first_name() {
        assert_eq!(
            mentions_in("nl", "Na rust scoorde de Mexicaan Santiago Giménez."),
            ["/Mexico"]
        );
        // Without the article it is a first name (`Frans Timmermans`).
        assert!(mentions_in("nl", "Volgens Frans Timmermans is het zo.").is_empty());
    }

    #[test]
    fn abbreviations_of_a_country_are_read_in_their_language_only() {
        assert_eq!(
            mentions_in("tr", "Film, ABD'de de açılış haftasında rekor kırdı."),
            ["/United States"]
        );
        assert_eq!(
            mentions_in("pt", "Os EUA anunciaram novas tarifas."),
            ["/United States"]
        );
        // English writes `ABD` for banks and brokers.
        assert!(mentions_in("en", "said a manager at Dresdner ABD.").is_empty());
    }

    #[test]
    fn arabic_amman_and_oman_are_told_apart() {
        // Unvocalised `عمان` is Oman unless the story names Jordan; `عمّان` (with a shadda)
        // is Amman, `سلطنة عُمان` Oman.
        assert_eq!(mentions("وصل الوفد إلى عمان أمس."), ["/Oman"]);
        let found = mentions("عاصفة ثلجية في عمّان. ولا علاقة لها بالطقس في سلطنة عُمان.");
        assert_eq!(found, ["/Jordan/Amman/Amman", "/Jordan", "/Oman"]);
        let found = mentions("أعلنت الحكومة الأردنية تعطيل الدوام في عمان وإربد.");
        assert!(has(&found, "/Jordan/Amman/Amman"), "{found:?}");
        assert!(!has(&found, "/Oman"), "{found:?}");
    }

    #[test]
    fn arabic_words_that_only_look_prefixed_stay_themselves() {
        // `لبنان` starts with the preposition `ل` but is Lebanon as written; `بين`
        // (between) and `كل` (every) take no particle off into a name; `وأن` (and that)
        // is not folded into `وان` (Van), nor `المالي` (the financial) read as Mali.
        assert_eq!(mentions("لبنان"), ["/Lebanon"]);
        assert!(mentions("بين كل الأطراف").is_empty());
        assert!(mentions("وقال إن الوضع المالي صعب وأن الحل قريب").is_empty());
    }
}
