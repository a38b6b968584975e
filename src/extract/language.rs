//! The language of an article, as an ISO 639-1 code (`en`, `fr`, `ar`): the file's own
//! metadata when it names one newsdex knows, else detected from the text.
//!
//! Detection reads the writing system first, which settles the languages that are alone in
//! theirs (Greek, Hebrew, Thai, Korean, Japanese, Chinese); within Latin, Cyrillic and Arabic
//! script, `whichlang` picks among the languages it models. It reads only the opening of the
//! text: a paragraph decides the language of a news story, and reading every byte would cost
//! indexing time for nothing. A text it cannot place is [`UNKNOWN`].

/// The code of an article whose language is not known (ISO 639-2's "undetermined").
pub const UNKNOWN: &str = "und";

/// Every language code newsdex stores, with the language's English name: those detection
/// gives and the common news languages metadata may name. Sorted by code.
pub const KNOWN: &[(&str, &str)] = &[
    ("ar", "arabic"),
    ("bg", "bulgarian"),
    ("ca", "catalan"),
    ("cs", "czech"),
    ("da", "danish"),
    ("de", "german"),
    ("el", "greek"),
    ("en", "english"),
    ("es", "spanish"),
    ("et", "estonian"),
    ("fa", "persian"),
    ("fi", "finnish"),
    ("fr", "french"),
    ("he", "hebrew"),
    ("hi", "hindi"),
    ("hr", "croatian"),
    ("hu", "hungarian"),
    ("hy", "armenian"),
    ("id", "indonesian"),
    ("it", "italian"),
    ("ja", "japanese"),
    ("ka", "georgian"),
    ("ko", "korean"),
    ("lt", "lithuanian"),
    ("lv", "latvian"),
    ("nl", "dutch"),
    ("no", "norwegian"),
    ("pl", "polish"),
    ("pt", "portuguese"),
    ("ro", "romanian"),
    ("ru", "russian"),
    ("sk", "slovak"),
    ("sl", "slovenian"),
    ("sr", "serbian"),
    ("sv", "swedish"),
    ("th", "thai"),
    ("tr", "turkish"),
    ("uk", "ukrainian"),
    ("ur", "urdu"),
    ("vi", "vietnamese"),
    ("zh", "chinese"),
];

/// Bytes of the body the detector reads (cut back to a character boundary).
const SAMPLE_BYTES: usize = 300;

/// The code `code` as stored when newsdex knows it (`und` included), else `None`.
pub fn known_code(code: &str) -> Option<&'static str> {
    if code == UNKNOWN {
        return Some(UNKNOWN);
    }
    KNOWN
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|at| KNOWN[at].0)
}

/// The language a metadata value names: a BCP 47 tag (`fr`, `fr-FR`, `pt_BR`, `FR`), an
/// ISO 639-2 code of a known language (`fra`, `fre`, `deu`, `ger`), or its English name
/// (`French`). `None` when it names none newsdex knows, so the text decides.
pub fn language_from_tag(tag: &str) -> Option<&'static str> {
    let primary = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let code = match primary.as_str() {
        "ara" => "ar",
        "zho" | "chi" | "cmn" => "zh",
        "deu" | "ger" => "de",
        "eng" => "en",
        "fra" | "fre" => "fr",
        "ita" => "it",
        "jpn" => "ja",
        "kor" => "ko",
        "nld" | "dut" => "nl",
        "por" => "pt",
        "rus" => "ru",
        "spa" => "es",
        "tur" => "tr",
        "nb" | "nn" => "no",
        "iw" => "he",
        other => other,
    };
    if let Some(known) = known_code(code).filter(|c| *c != UNKNOWN) {
        return Some(known);
    }
    KNOWN
        .iter()
        .find(|(_, name)| *name == code)
        .map(|(c, _)| *c)
}

/// The article's language: `metadata` when it names a known language, else detected from
/// the body (and the title when the body is short).
pub fn article_language(metadata: Option<&str>, title: Option<&str>, body: &str) -> &'static str {
    if let Some(code) = metadata.and_then(language_from_tag) {
        return code;
    }
    let mut end = body.len().min(SAMPLE_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    match title {
        Some(title) if end < SAMPLE_BYTES => detect_language(&format!("{title}\n{}", &body[..end])),
        _ => detect_language(&body[..end]),
    }
}

/// Writing systems, as far as they tell languages apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Greek,
    Hebrew,
    Armenian,
    Georgian,
    Devanagari,
    Thai,
    Hangul,
    Kana,
    Han,
    Other,
}

const SCRIPTS: [Script; 13] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Arabic,
    Script::Greek,
    Script::Hebrew,
    Script::Armenian,
    Script::Georgian,
    Script::Devanagari,
    Script::Thai,
    Script::Hangul,
    Script::Kana,
    Script::Han,
    Script::Other,
];

fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if !c.is_alphabetic() {
        return None;
    }
    Some(match u32::from(c) {
        0x00C0..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x0900..=0x097F => Script::Devanagari,
        0x0E00..=0x0E7F => Script::Thai,
        0x10A0..=0x10FF => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF | 0xFF66..=0xFF9F => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        _ => Script::Other,
    })
}

/// Common English words that are no words of the other Latin-script languages the model
/// tells apart (not `in`, `is`, `was`, `of`, `to`, `on`, `by`, `will`: Dutch, German,
/// French or Swedish have them too).
const ENGLISH_MARKERS: [&str; 15] = [
    "and", "been", "from", "has", "have", "its", "said", "that", "the", "their", "this", "were",
    "which", "with", "would",
];

/// Whether `text` is plainly English without asking the model: no letter outside ASCII (the
/// other languages the model tells apart in Latin script mostly write some), and at least four
/// [`ENGLISH_MARKERS`] of three different words, in both halves of the text (English
/// throughout, not an English quote opening another language's story). Most English news
/// openings are; the model is most of the cost of detection, which an English archive would
/// otherwise pay on every article.
fn plainly_english(text: &str) -> bool {
    if has_non_ascii_letter(text) {
        return false;
    }
    let bytes = text.as_bytes();
    let half = bytes.len() / 2;
    let (mut first_half, mut second_half, mut seen) = (0u32, 0u32, 0u32);
    let mut start = None;
    for (at, byte) in bytes.iter().chain([&b' ']).enumerate() {
        if byte.is_ascii_alphabetic() {
            start.get_or_insert(at);
            continue;
        }
        let Some(from) = start.take() else {
            continue;
        };
        let word = &bytes[from..at];
        if !(3..=5).contains(&word.len()) {
            continue;
        }
        let Some(marker) = ENGLISH_MARKERS
            .iter()
            .position(|marker| marker.as_bytes().eq_ignore_ascii_case(word))
        else {
            continue;
        };
        seen |= 1 << marker;
        if from < half {
            first_half += 1;
        } else {
            second_half += 1;
        }
        if first_half > 0
            && second_half > 0
            && first_half + second_half >= 4
            && seen.count_ones() >= 3
        {
            return true;
        }
    }
    false
}

/// The commonest short words of the other Latin-script languages the model tells apart, as
/// written without accents, that are no English words, abbreviations or parts of common
/// names in English text (so no `de`, `la`, `le`, `les`, `el`, `du`, `del`, `des`, `van`,
/// `den`: De Beers, La Paz, Le Monde, Les Aspin, El Paso, Du Pont, Del Monte, Des Moines, Van
/// Dorn, Den Haag; no `par`, `non`, `till`, `com`, `ont`: par value, non-recurring, .com,
/// Ont.). Any story of a few sentences in one of these languages holds some.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "fr",
        &[
            "et", "une", "pour", "dans", "sur", "aux", "qui", "que", "pas", "il", "sont", "avec",
            "mais", "cette", "au", "selon", "est",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "dem", "ein", "eine", "einen",
            "von", "zu", "im", "auf", "sich", "wird", "wurde", "sind", "auch", "nach", "bei",
        ],
    ),
    (
        "es",
        &[
            "los", "las", "que", "por", "con", "una", "para", "se", "es", "al", "su", "sus", "fue",
            "como", "esta", "este",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "della", "una", "sono", "gli", "nel", "alla", "dei", "delle", "con",
            "anche",
        ],
    ),
    (
        "pt",
        &[
            "os", "da", "dos", "das", "em", "que", "um", "uma", "para", "nao", "na", "ao", "foi",
            "pelo", "pela",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "en", "dat", "op", "te", "met", "voor", "niet", "zijn", "werd", "ook",
            "naar", "bij",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "av", "med", "inte", "har", "ett", "om", "var",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "icin", "ile", "olarak", "olan", "gibi", "daha",
        ],
    ),
];

/// The languages of [`FUNCTION_WORDS`] (bit `i` for row `i`) of which `text` holds a word,
/// in lower case or capitalised: an all-capitals word is a heading or an abbreviation. An
/// apostrophe belongs to its word, so English `we've` holds no Turkish `ve`.
fn function_word_languages(text: &str) -> u32 {
    let mut languages = 0;
    for word in text.split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’')) {
        let bytes = word.as_bytes();
        if !(2..=6).contains(&bytes.len()) || bytes[1..].iter().any(u8::is_ascii_uppercase) {
            continue;
        }
        for (row, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            if words
                .iter()
                .any(|w| w.as_bytes().eq_ignore_ascii_case(bytes))
            {
                languages |= 1 << row;
            }
        }
    }
    languages
}

/// The language of Latin-script `text` with no letter outside ASCII. The model's verdict
/// for another language than English stands only when the text holds one of that
/// language's [`FUNCTION_WORDS`]: on a text of figures and abbreviations (`Qtly div 30 cts
/// vs 30 cts prior`) it is noise, and such a text, like one of none of those words, is
/// English, as the model itself calls a text it finds nothing in. A text of none of those
/// words does not ask the model.
fn ascii_latin_language(text: &str) -> &'static str {
    let languages = function_word_languages(text);
    if languages == 0 {
        return "en";
    }
    let code = whichlang_code(whichlang::detect_language(text));
    match FUNCTION_WORDS.iter().position(|(c, _)| *c == code) {
        Some(row) if languages & 1 << row != 0 => code,
        _ if matches!(code, "ru" | "ar" | "zh" | "ja" | "ko" | "hi") => UNKNOWN,
        _ => "en",
    }
}

/// Whether `text` holds a letter outside ASCII.
fn has_non_ascii_letter(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
}

/// The language of `text`, or [`UNKNOWN`].
pub fn detect_language(text: &str) -> &'static str {
    if plainly_english(text) {
        return "en";
    }
    let mut letters = [0usize; SCRIPTS.len()];
    for c in text.chars() {
        if let Some(script) = script_of(c) {
            letters[script as usize] += 1;
        }
    }
    let Some((most, count)) = letters.iter().enumerate().max_by_key(|(_, n)| **n) else {
        return UNKNOWN;
    };
    if *count == 0 {
        return UNKNOWN;
    }
    match SCRIPTS[most] {
        // Chinese characters are also written in Japanese: any kana makes it Japanese.
        Script::Han | Script::Kana if letters[Script::Kana as usize] > 0 => "ja",
        Script::Han => "zh",
        Script::Kana => "ja",
        Script::Hangul => "ko",
        Script::Greek => "el",
        Script::Hebrew => "he",
        Script::Armenian => "hy",
        Script::Georgian => "ka",
        Script::Devanagari => "hi",
        Script::Thai => "th",
        Script::Other => UNKNOWN,
        // Letters Russian does not have; whichlang models only Russian in Cyrillic.
        Script::Cyrillic if text.contains(['і', 'ї', 'є', 'ґ']) => "uk",
        // Letters standard Arabic does not have; whichlang models only Arabic in its script.
        Script::Arabic if text.contains(['پ', 'چ', 'ژ', 'گ']) => "fa",
        Script::Latin if !has_non_ascii_letter(text) => ascii_latin_language(text),
        script @ (Script::Latin | Script::Cyrillic | Script::Arabic) => {
            let code = whichlang_code(whichlang::detect_language(text));
            // A verdict in another script (a Latin text called Russian) is no verdict.
            let fits = match code {
                "ru" => script == Script::Cyrillic,
                "ar" => script == Script::Arabic,
                _ => script == Script::Latin,
            };
            if fits { code } else { UNKNOWN }
        }
    }
}

fn whichlang_code(lang: whichlang::Lang) -> &'static str {
    use whichlang::Lang;
    match lang {
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Deu => "de",
        Lang::Eng => "en",
        Lang::Fra => "fr",
        Lang::Hin => "hi",
        Lang::Ita => "it",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Nld => "nl",
        Lang::Por => "pt",
        Lang::Rus => "ru",
        Lang::Spa => "es",
        Lang::Swe => "sv",
        Lang::Tur => "tr",
        Lang::Vie => "vi",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_are_sorted_and_unique() {
        assert!(KNOWN.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(known_code("fr"), Some("fr"));
        assert_eq!(known_code("und"), Some("und"));
        assert_eq!(known_code("xx"), None);
        assert_eq!(known_code("FR"), None);
    }

    #[test]
    fn metadata_tags_name_their_language() {
        for (tag, code) in [
            ("fr", Some("fr")),
            ("fr-FR", Some("fr")),
            ("pt_BR", Some("pt")),
            (" DE ", Some("de")),
            ("zh-Hant-TW", Some("zh")),
            ("fra", Some("fr")),
            ("ger", Some("de")),
            ("French", Some("fr")),
            ("nb-NO", Some("no")),
            ("x-klingon", None),
            ("", None),
            ("und", None),
        ] {
            assert_eq!(language_from_tag(tag), code, "{tag:?}");
        }
    }

    /// One original sentence or two per language, as a news story's opening might read.
    const OPENINGS: &[(&str, &str)] = &[
        (
            "en",
            "Negotiators returned to the table on Tuesday after a week of silence, hoping to settle the dispute over fishing rights in the bay.",
        ),
        (
            "fr",
            "Les négociations ont repris mardi après une semaine de silence, avec l'espoir de régler le différend sur les droits de pêche dans la baie.",
        ),
        (
            "es",
            "Las negociaciones se reanudaron el martes tras una semana de silencio, con la esperanza de resolver la disputa sobre la pesca en la bahía.",
        ),
        (
            "de",
            "Die Verhandlungen wurden am Dienstag nach einer Woche des Schweigens wieder aufgenommen, um den Streit um die Fischereirechte beizulegen.",
        ),
        (
            "it",
            "I negoziati sono ripresi martedì dopo una settimana di silenzio, con la speranza di risolvere la controversia sui diritti di pesca.",
        ),
        (
            "pt",
            "As negociações foram retomadas na terça-feira depois de uma semana de silêncio, com a esperança de resolver a disputa sobre a pesca.",
        ),
        (
            "ru",
            "Переговоры возобновились во вторник после недели молчания в надежде урегулировать спор о правах на рыболовство в заливе.",
        ),
        (
            "ar",
            "استؤنفت المفاوضات يوم الثلاثاء بعد أسبوع من الصمت، على أمل تسوية النزاع حول حقوق الصيد في الخليج.",
        ),
        (
            "tr",
            "Müzakereler, körfezdeki balıkçılık hakları konusundaki anlaşmazlığı çözme umuduyla bir haftalık sessizliğin ardından salı günü yeniden başladı.",
        ),
        (
            "nl",
            "De onderhandelingen zijn dinsdag na een week van stilte hervat, in de hoop het geschil over de visrechten in de baai te beslechten.",
        ),
        (
            "zh",
            "谈判在沉默一周后于周二恢复，双方希望解决海湾捕鱼权的争端。",
        ),
        (
            "ja",
            "交渉は一週間の沈黙の後、火曜日に再開された。湾の漁業権をめぐる争いの解決が期待されている。",
        ),
        ("th", "การเจรจารอบใหม่เริ่มขึ้นเมื่อวันอังคารหลังจากเงียบไปหนึ่งสัปดาห์"),
        (
            "el",
            "Οι διαπραγματεύσεις ξανάρχισαν την Τρίτη μετά από μια εβδομάδα σιωπής.",
        ),
        (
            "uk",
            "Переговори відновилися у вівторок після тижня мовчання.",
        ),
        (
            "fa",
            "مذاکرات روز سه‌شنبه پس از یک هفته سکوت دوباره آغاز شد و هر دو طرف امیدوارند که اختلاف بر سر حق ماهیگیری حل شود.",
        ),
    ];

    #[test]
    fn each_language_is_detected_from_an_opening() {
        for (code, text) in OPENINGS {
            assert_eq!(detect_language(text), *code, "{text}");
        }
    }

    #[test]
    fn only_plain_english_skips_the_model() {
        let english = [
            "The company said it has agreed to sell its stake in the venture, which had been losing money, to a group of investors.",
            "WASHINGTON, March 2 - THE TREASURY SAID THAT IT WOULD SELL THE BILLS WITH ITS USUAL AUCTION.",
        ];
        for text in english {
            assert!(plainly_english(text), "{text}");
            assert_eq!(detect_language(text), "en", "{text}");
        }
        let not_plainly = [
            // Too few markers, or too few different ones: the model decides.
            OPENINGS[0].1,
            "Shr 23 cts vs 45 cts Net 1,234,000 vs 987,000 Revs 12.5 mln vs 11.2 mln",
            "The the the the and and",
            // An English quote opening a Dutch story: ASCII only, four markers of three
            // words, all in the first half.
            "'We have the means and the will to end this,' zei de minister dinsdag in Den Haag, waar de onderhandelingen over de visrechten na een week van stilte werden hervat.",
            // Four markers of three words beside a letter English does not write.
            "Le ministre a cité « the art of the deal » et « that was then, this is now » à Genève.",
        ];
        for text in not_plainly {
            assert!(!plainly_english(text), "{text}");
        }
        for (code, text) in &OPENINGS[1..] {
            assert!(!plainly_english(text), "{code}: {text}");
        }
    }

    #[test]
    fn english_figures_and_abbreviations_are_english() {
        // Earnings and dividend tables, with their headlines: too few words for the model,
        // which calls many of them French, German or Swedish.
        for text in [
            "MOORE FINANCIAL GROUP INC <MFGI> SETS PAYOUT\nBOISE, March 20 - Qtly div 30 cts vs 30 cts prior\n    Pay April 16\n    Record April Three\n Reuter",
            "TRANSTECH INDUSTRIES INC <TRTI> YEAR NET\nSCOTCH PLAINS, N.J., March 11 - Oper shr 91 cts vs seven cts\n    Oper net 4,356,774 vs 289,764\n    Revs 69.2 mln vs 50.2 mln\n    Avg shrs 4,736,692 vs 4,151,672",
            "Shr 23 cts vs 45 cts Net 1,234,000 vs 987,000 Revs 12.5 mln vs 11.2 mln",
            "LA QUINTA MOTOR INNS <LQM> 1ST QTR NET\nSAN ANTONIO, Texas, April 8 - Shr profit 12 cts vs loss four cts",
        ] {
            assert_eq!(detect_language(text), "en", "{text}");
        }
    }

    #[test]
    fn short_texts_in_other_languages_keep_their_language() {
        // Without accents too: a sentence or two holds the language's common words.
        for (code, text) in [
            (
                "fr",
                "Le ministre est parti pour Paris avec sa femme et ses enfants.",
            ),
            (
                "fr",
                "Les prix du petrole ont baisse mardi a Paris, selon les courtiers.",
            ),
            (
                "de",
                "Die Regierung hat am Dienstag in Berlin einen neuen Plan vorgestellt.",
            ),
            (
                "es",
                "El gobierno anuncio el martes un nuevo plan para los agricultores.",
            ),
            (
                "it",
                "Il governo ha presentato martedi un nuovo piano per gli agricoltori.",
            ),
            (
                "nl",
                "De regering heeft dinsdag een nieuw plan voor de boeren gepresenteerd.",
            ),
            (
                "pt",
                "O governo apresentou na terca-feira um novo plano para os agricultores.",
            ),
            (
                "sv",
                "Regeringen presenterade en ny plan for bonderna och fiskarna i tisdags.",
            ),
        ] {
            assert_eq!(detect_language(text), code, "{text}");
        }
    }

    #[test]
    fn text_without_letters_is_unknown() {
        for text in ["", "12,5 % — 3.4", "🙂 🙂"] {
            assert_eq!(detect_language(text), UNKNOWN, "{text:?}");
        }
    }

    #[test]
    fn metadata_wins_and_an_unknown_tag_falls_back_to_the_text() {
        let french = OPENINGS[1].1;
        assert_eq!(article_language(Some("de-AT"), None, french), "de");
        assert_eq!(article_language(Some("klingon"), None, french), "fr");
        assert_eq!(article_language(None, None, french), "fr");
    }

    #[test]
    fn a_short_body_is_read_with_its_title_and_a_long_one_from_its_opening() {
        assert_eq!(
            article_language(
                None,
                Some("Die Verhandlungen gehen weiter"),
                "Berlin, 3. Mai"
            ),
            "de"
        );
        // Past the sample the rest does not count; the cut may fall inside a two-byte
        // Cyrillic letter and must not split it.
        let russian = OPENINGS[6].1;
        let body = format!("{} {}", russian.repeat(2), OPENINGS[0].1.repeat(20));
        assert!(russian.len() * 2 > SAMPLE_BYTES);
        assert_eq!(article_language(None, None, &body), "ru");
        assert_eq!(
            article_language(None, None, &body[russian.len() * 2..]),
            "en"
        );
    }
}
