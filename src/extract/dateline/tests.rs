//! Datelines of every wire style and language, and openings that are none.

use super::*;

fn place_of(body: &str) -> Option<(String, Option<String>)> {
    parse_dateline(body).map(|d| (d.place, d.qualifier))
}

fn plain(place: &str) -> Option<(String, Option<String>)> {
    Some((place.to_string(), None))
}

#[test]
fn dateline_with_em_dash() {
    assert_eq!(place_of("GENEVA — Talks resumed."), plain("GENEVA"));
}

#[test]
fn dateline_with_agency_in_parens() {
    assert_eq!(
        place_of("GENEVA (Reuters) - Talks resumed."),
        plain("GENEVA")
    );
}

#[test]
fn dateline_with_short_month_date() {
    assert_eq!(
        place_of("NEW YORK, Feb 26 - Shares rose."),
        plain("NEW YORK")
    );
    assert_eq!(
        place_of("SALVADOR, Feb 26 - Cocoa rains."),
        plain("SALVADOR")
    );
    assert_eq!(place_of("PARIS, Jan 5 – Prices fell."), plain("PARIS"));
}

#[test]
fn dateline_with_capitalised_month() {
    assert_eq!(
        place_of("NEW YORK, MARCH 23 - Stocks fell."),
        plain("NEW YORK")
    );
}

#[test]
fn dateline_with_date_and_agency() {
    assert_eq!(
        place_of("WASHINGTON, April 3 (Reuters) - The Fed said."),
        plain("WASHINGTON")
    );
}

#[test]
fn dateline_with_country_qualifier() {
    assert_eq!(
        place_of("ALEPPO, Syria (AP) — Shelling continued."),
        Some(("ALEPPO".to_string(), Some("Syria".to_string())))
    );
}

#[test]
fn dateline_in_title_case_with_full_date() {
    assert_eq!(
        place_of("Geneva, 28 April 2016 — Kerry arrived."),
        plain("Geneva")
    );
}

#[test]
fn dateline_after_a_date_only_line() {
    let body = "April 28, 2016\n\nGENEVA — Talks resumed.";
    let dateline = parse_dateline(body).expect("a dateline");
    assert_eq!(dateline.place, "GENEVA");
    assert_eq!(&body[dateline.end..], "Talks resumed.");
}

#[test]
fn dateline_after_a_date_line_in_digits() {
    for body in [
        "12/11/2021\n\nMontevideo, 12 nov (EFE).- Texto.",
        "الثلاثاء 14-6-2022\n\nبغداد (أ ف ب) - نص.",
        "13.12.2020\n\nWien (dpa) - Text.",
    ] {
        let dateline = parse_dateline(body).expect("a dateline");
        assert!(body[dateline.end..].starts_with(['T', 'ن']), "{body}");
    }
}

#[test]
fn dateline_end_is_after_the_dash() {
    let body = "    NEW YORK, Feb 26 - American Express Co said.";
    let dateline = parse_dateline(body).expect("a dateline");
    assert_eq!(&body[dateline.end..], "American Express Co said.");
}

#[test]
fn wire_dateline_with_typos_and_bare_state_abbreviation() {
    assert_eq!(place_of("ST. PAUL, March 17 - 3M said."), plain("ST. PAUL"));
    assert_eq!(
        place_of("BIRMINGHAM, Ala, March 6 - A bank said."),
        Some(("BIRMINGHAM".to_string(), Some("Ala".to_string())))
    );
    assert_eq!(
        place_of("New york, march 2 - Rates fell."),
        plain("New york")
    );
    assert_eq!(
        place_of("ROME, March 13, Reuter - Italy said."),
        plain("ROME")
    );
    assert_eq!(
        place_of("NEW YORK , March 5 - Shares rose."),
        plain("NEW YORK")
    );
    let typo = parse_dateline("BELGRADE, March 2O - Talks.").expect("a dateline");
    assert_eq!(
        (typo.place.as_str(), typo.month_day),
        ("BELGRADE", Some((3, 20)))
    );
}

#[test]
fn dateline_date_is_kept() {
    let month_day = |body: &str| parse_dateline(body).and_then(|d| d.month_day);
    assert_eq!(month_day("NEW YORK, Feb 26 - Shares rose."), Some((2, 26)));
    assert_eq!(
        month_day("Geneva, 28 April 2016 — Kerry arrived."),
        Some((4, 28))
    );
    assert_eq!(month_day("GENEVA (Reuters) - Talks resumed."), None);
}

#[test]
fn ordinary_sentence_is_no_dateline() {
    assert_eq!(place_of("Wilcox/Gibbs - a unit said."), None);
    assert_eq!(place_of("He said on March 3 - again - it fell."), None);
    assert_eq!(
        place_of("The talks resumed in Geneva - officials said."),
        None
    );
    assert_eq!(
        place_of("Kerry said - again - that talks would resume."),
        None
    );
    assert_eq!(place_of(""), None);
}

/// Each row: the opening of a story, then the dateline's place, month and day, year,
/// and the first words of the story after it.
type Row = (
    &'static str,
    &'static str,
    Option<(u32, u32)>,
    Option<i32>,
    &'static str,
);

fn check(rows: &[Row]) {
    for &(body, place, month_day, year, rest) in rows {
        let dateline = parse_dateline(body).unwrap_or_else(|| panic!("no dateline: {body}"));
        assert_eq!(dateline.place, place, "{body}");
        assert_eq!(dateline.month_day, month_day, "{body}");
        assert_eq!(dateline.year, year, "{body}");
        assert!(body[dateline.end..].starts_with(rest), "{body}");
    }
}

#[test]
fn afp_datelines_in_french_spanish_and_portuguese() {
    check(&[
        (
            "BRUXELLES, 12 juin 2019 (AFP) - Les ministres ont signé.",
            "BRUXELLES",
            Some((6, 12)),
            Some(2019),
            "Les ministres",
        ),
        (
            "Montréal, 7 févr. 2020 (AFP) - Il neigeait.",
            "Montréal",
            Some((2, 7)),
            Some(2020),
            "Il neigeait",
        ),
        (
            "BUENOS AIRES, 7 jul 2021 (AFP) - El gobierno anunció.",
            "BUENOS AIRES",
            Some((7, 7)),
            Some(2021),
            "El gobierno",
        ),
        (
            "BRASÍLIA, 2 set 2018 (AFP) - O Congresso votou.",
            "BRASÍLIA",
            Some((9, 2)),
            Some(2018),
            "O Congresso",
        ),
        (
            "ABIDJAN, 1er octobre 2021 (AFP) - La Côte d'Ivoire a relevé.",
            "ABIDJAN",
            Some((10, 1)),
            Some(2021),
            "La Côte",
        ),
        (
            "Montevideo, 12 nov (EFE).- La selección perdió.",
            "Montevideo",
            Some((11, 12)),
            None,
            "La selección",
        ),
    ]);
}

#[test]
fn efe_datelines_with_their_period_dash() {
    check(&[
        (
            "Caracas, 15 ene (EFE).- La oposición convocó.",
            "Caracas",
            Some((1, 15)),
            None,
            "La oposición",
        ),
        (
            "Sevilla, 3 abr (EFE) - La feria abrió.",
            "Sevilla",
            Some((4, 3)),
            None,
            "La feria",
        ),
        (
            "Santa Cruz de la Sierra, 9 dic 2019 (EFE).- El alcalde habló.",
            "Santa Cruz de la Sierra",
            Some((12, 9)),
            Some(2019),
            "El alcalde",
        ),
    ]);
    let qualified =
        parse_dateline("Valencia (Venezuela), 9 sep (EFE).- Llovió.").expect("a dateline");
    assert_eq!(
        (qualified.place.as_str(), qualified.qualifier.as_deref()),
        ("Valencia", Some("Venezuela"))
    );
    assert_eq!(qualified.month_day, Some((9, 9)));
}

#[test]
fn lusa_datelines_with_and_without_year() {
    check(&[
        (
            "Porto, 21 dez 2017 (Lusa) - A câmara aprovou.",
            "Porto",
            Some((12, 21)),
            Some(2017),
            "A câmara",
        ),
        (
            "Luanda, 8 fev (Lusa) - O Governo angolano disse.",
            "Luanda",
            Some((2, 8)),
            None,
            "O Governo",
        ),
    ]);
}

#[test]
fn dpa_datelines_with_ordinal_day_and_region_services() {
    check(&[
        (
            "Hamburg (dpa) - Der Hafen wächst.",
            "Hamburg",
            None,
            None,
            "Der Hafen",
        ),
        (
            "München, 14. Oktober 2019 (dpa) - Die Wiesn endete.",
            "München",
            Some((10, 14)),
            Some(2019),
            "Die Wiesn",
        ),
        (
            "Hannover (dpa/lni) - Die Polizei warnt.",
            "Hannover",
            None,
            None,
            "Die Polizei",
        ),
        (
            "Frankfurt/Main (dpa-AFX) - Der Dax stieg.",
            "Frankfurt/Main",
            None,
            None,
            "Der Dax",
        ),
    ]);
}

#[test]
fn ansa_datelines_with_agency_first_and_capital_months() {
    check(&[
        (
            "(ANSA) - NAPOLI, 11 OTT - Il sindaco ha detto.",
            "NAPOLI",
            Some((10, 11)),
            None,
            "Il sindaco",
        ),
        (
            "FIRENZE, 22 GIU - La mostra apre.",
            "FIRENZE",
            Some((6, 22)),
            None,
            "La mostra",
        ),
        (
            "(ANSA) - BARI, 5 DIC 2020 - Il porto riapre.",
            "BARI",
            Some((12, 5)),
            Some(2020),
            "Il porto",
        ),
    ]);
}

#[test]
fn tass_and_ria_datelines() {
    check(&[
        (
            "САНКТ-ПЕТЕРБУРГ, 12 июня. /ТАСС/. Губернатор открыл мост.",
            "САНКТ-ПЕТЕРБУРГ",
            Some((6, 12)),
            None,
            "Губернатор",
        ),
        (
            "КАЗАНЬ, 3 марта /ТАСС/ - В городе открыли школу.",
            "КАЗАНЬ",
            Some((3, 3)),
            None,
            "В городе",
        ),
        (
            "ВАШИНГТОН, 5 мая. /Корр. ТАСС Иван Петров/. Госдеп заявил.",
            "ВАШИНГТОН",
            Some((5, 5)),
            None,
            "Госдеп",
        ),
        (
            "НОВОСИБИРСК, 17 окт — РИА Новости. Власти города сообщили.",
            "НОВОСИБИРСК",
            Some((10, 17)),
            None,
            "Власти",
        ),
        (
            "ТОМСК, 1 дек — РИА Новости, Анна Смирнова. Морозы усилились.",
            "ТОМСК",
            Some((12, 1)),
            None,
            "Морозы",
        ),
        (
            "Москва. 2 апреля. INTERFAX.RU - Банк снизил ставку.",
            "Москва",
            Some((4, 2)),
            None,
            "Банк",
        ),
    ]);
}

#[test]
fn anadolu_and_anp_datelines() {
    check(&[
        (
            "İZMİR (AA) - Belediye açıkladı.",
            "İZMİR",
            None,
            None,
            "Belediye",
        ),
        (
            "ANKARA (AA) - Bakanlık duyurdu.",
            "ANKARA",
            None,
            None,
            "Bakanlık",
        ),
        (
            "UTRECHT (ANP) - De gemeente meldt.",
            "UTRECHT",
            None,
            None,
            "De gemeente",
        ),
        (
            "DEN BOSCH (ANP) - Het carnaval begint.",
            "DEN BOSCH",
            None,
            None,
            "Het",
        ),
    ]);
}

#[test]
fn arabic_agency_datelines() {
    check(&[
        (
            "دمشق، 14 آذار/مارس 2017 (أ ف ب) - قال مسؤولون.",
            "دمشق",
            Some((3, 14)),
            Some(2017),
            "قال",
        ),
        (
            "بغداد، ١٢ نيسان ٢٠١٩ (أ ف ب) - أعلنت الحكومة.",
            "بغداد",
            Some((4, 12)),
            Some(2019),
            "أعلنت",
        ),
        (
            "الرباط، 2 تشرين الثاني/نوفمبر 2018 (أ ف ب) - صوت البرلمان.",
            "الرباط",
            Some((11, 2)),
            Some(2018),
            "صوت",
        ),
        ("عمان (رويترز) - أعلن البنك.", "عمان", None, None, "أعلن"),
        (
            "الرياض (واس) - أصدرت الوزارة.",
            "الرياض",
            None,
            None,
            "أصدرت",
        ),
        (
            "القاهرة - أ ف ب: أعلنت الوزارة.",
            "القاهرة",
            None,
            None,
            "أعلنت",
        ),
        (
            "أبوظبي في 9 يناير /وام/ أكد الوزير.",
            "أبوظبي",
            Some((1, 9)),
            None,
            "أكد",
        ),
        (
            "أبوظبي في 23 فبراير/ وام/ وقعت الدولة.",
            "أبوظبي",
            Some((2, 23)),
            None,
            "وقعت",
        ),
        (
            "الكويت - 3 - 11 (كونا) -- قال الوزير.",
            "الكويت",
            Some((11, 3)),
            None,
            "قال",
        ),
        ("دمشق-سانا أكد الوزير.", "دمشق", None, None, "أكد"),
        ("بغداد - أعلنت الحكومة.", "بغداد", None, None, "أعلنت"),
        (
            "الخرطوم - (أ ف ب) - أعلن الجيش.",
            "الخرطوم",
            None,
            None,
            "أعلن",
        ),
    ]);
}

#[test]
fn reuters_and_ap_datelines_in_other_languages() {
    check(&[
        (
            "MADRID, 4 jun (Reuters) - El Ibex subió.",
            "MADRID",
            Some((6, 4)),
            None,
            "El Ibex",
        ),
        (
            "МОСКВА, 9 фев (Рейтер) - Рубль укрепился.",
            "МОСКВА",
            Some((2, 9)),
            None,
            "Рубль",
        ),
        (
            "CIUDAD DE MÉXICO (AP) — El sismo.",
            "CIUDAD DE MÉXICO",
            None,
            None,
            "El sismo",
        ),
        (
            "PARIS (Reuters) - La Bourse a ouvert.",
            "PARIS",
            None,
            None,
            "La Bourse",
        ),
    ]);
}

#[test]
fn body_sentences_with_a_city_and_a_date_are_no_datelines() {
    for body in [
        "Am 14. Oktober 2019 sagte der Minister in München, die Lage sei ernst.",
        "Le 12 juin 2019 à Bruxelles, les ministres - réunis en urgence - ont signé.",
        "La reunión de Caracas, el 15 de enero, terminó sin acuerdo - dijo.",
        "Caracas, 15 de enero de 2019, fue un día de protestas en la ciudad.",
        "В Казани 3 марта прошла встреча - сообщили в мэрии.",
        "Il presidente ha parlato a Napoli l'11 ottobre - ha detto.",
        "Erdoğan İzmir'de 3 Mayıs'ta konuştu - dedi.",
        "قال وزير الخارجية في دمشق يوم 14 آذار 2017 إن المحادثات ستستمر.",
        "قال وزير الخارجية - في بيان - إن المحادثات ستستمر.",
        "Valencia (Venezuela) es una ciudad industrial.",
        "Berlin/Brandenburg/Sachsen schließen die Schulen, sagte er.",
    ] {
        assert_eq!(place_of(body), None, "{body}");
    }
}

const KUWAIT_CITY: &str = "/Kuwait/Al Asimah/Kuwait City";

#[test]
fn dateline_places_in_other_languages_resolve() {
    let dateline = |body: &str| crate::extract::place::extract_places(None, body, &[]).dateline;
    for (body, path) in [
        (
            "Ginebra, 4 jun (EFE).- Texto.",
            "/Switzerland/Geneva/Geneva",
        ),
        (
            "ЖЕНЕВА, 4 мая. /ТАСС/. Текст.",
            "/Switzerland/Geneva/Geneva",
        ),
        ("İSTANBUL (AA) - Metin.", "/Turkey/Istanbul/Istanbul"),
        ("جنيف (أ ف ب) - نص.", "/Switzerland/Geneva/Geneva"),
        (
            "(ANSA) - GINEVRA, 4 MAG - Testo.",
            "/Switzerland/Geneva/Geneva",
        ),
        ("Genf (dpa) - Text.", "/Switzerland/Geneva/Geneva"),
        // A country named in a dateline whose capital bears its name is the capital.
        ("الكويت - 24 - 2 (كونا) -- نص.", KUWAIT_CITY),
        ("KOWEÏT, 3 mai 2016 (AFP) - Texte.", KUWAIT_CITY),
        ("KUWAIT (Reuters) - Text.", KUWAIT_CITY),
        ("İZMİR (AA) - Metin.", "/Turkey/İzmir Province/İzmir"),
        (
            "أبوظبي في 23 فبراير/ وام/ وقعت الإمارات.",
            "/United Arab Emirates/Abu Dhabi/Abu Dhabi",
        ),
        (
            "ABIDJAN, 1er octobre 2021 (AFP) - Texte.",
            "/Ivory Coast/Abidjan Autonomous District/Abidjan",
        ),
    ] {
        assert_eq!(dateline(body).as_deref(), Some(path), "{body}");
    }
}

/// A city's name in its own country's language, in its own country's wire datelines:
/// `Wien` and `Napoli` are a surname and a football club in English text and `Venezia` a
/// small city's name (GeoNames counts Venice's old town only), so running text reads none
/// of them, but a dateline does.
#[test]
fn endonyms_resolve_in_datelines() {
    let dateline = |body: &str| crate::extract::place::extract_places(None, body, &[]).dateline;
    for (body, path) in [
        (
            "Wien (dpa) - Mit dem Fahrplanwechsel.",
            "/Austria/Vienna/Vienna",
        ),
        (
            "(ANSA) - NAPOLI, 27 SET - È entrato in servizio.",
            "/Italy/Campania/Naples",
        ),
        (
            "(ANSA) - VENEZIA, 13 NOV - Venezia si è svegliata.",
            "/Italy/Veneto/Venice",
        ),
        ("(ANSA) - TORINO, 3 MAG - Testo.", "/Italy/Piedmont/Turin"),
        // A generic case: a French city's French name, which GeoNames gives in English.
        (
            "DUNKERQUE, 3 mai 2016 (AFP) - Texte.",
            "/France/Hauts-de-France/Dunkirk",
        ),
        // Turkish folds its dotted capital `İ` to `i`.
        ("İZMİR (AA) - Metin.", "/Turkey/İzmir Province/İzmir"),
    ] {
        assert_eq!(dateline(body).as_deref(), Some(path), "{body}");
    }
}

/// Those names stay out of running text, where they are a person or a club.
#[test]
fn endonyms_read_only_in_datelines_are_no_places_in_text() {
    let places = crate::extract::place::extract_places(
        Some("Markets rally"),
        "NEW YORK (Reuters) - Byron Wien of Blackstone said stocks would rise. Napoli \
         fans celebrated. Wien said the rally would last.",
        &[],
    );
    assert!(
        !places
            .mentions
            .iter()
            .any(|m| m.starts_with("/Austria") || m.starts_with("/Italy")),
        "{:?}",
        places.mentions
    );
}

/// The groups the regex gives `text`, for comparison with [`wire_shape`]'s.
fn regex_groups(text: &str) -> Option<Groups<'_>> {
    Groups::of(text, &DATELINE.on(text).captures(text)?)
}

#[test]
fn the_wire_shape_reads_what_the_regex_reads() {
    let read = [
        "NEW YORK, Feb 26 - Shares rose.",
        "SALVADOR, FEB 26 -Cocoa.",
        "PORTLAND, Ore., Feb 26 - Red Lion Inns said.",
        "RICHMOND, Va. Feb 26 - Qtly div.",
        "ROCHESTER, N.Y., March 3 -  \tChampion said.",
        "LAKE SUCCESS, New York, Sept 30 - Text.",
        "FORT LAUDERDALE, Fla., Feb 26 - Hughes/Conserdyne Corp.",
        "A B C D, Mar 5 - text",
        "X, Mon Feb 26 - text",
        "LONDON, March 3 -\nShares fell.",
    ];
    for text in read {
        let fast = wire_shape(text);
        assert!(fast.is_some(), "{text}");
        assert_eq!(fast, regex_groups(text), "{text}");
    }
    // Left to the regex: other spacing, a date with a year, title-case places, a KUNA
    // date or an agency after the dash, five place words, a non-ASCII opening.
    let left = [
        "NEW  YORK, Feb 26 - Text.",
        "NEW YORK, Feb 26, 1987 - Text.",
        "Toronto, Feb 26 - Text.",
        "KUWAIT, Feb 26 - 9 - 2 (KUNA) -- Text.",
        "PARIS, Feb 26 - (AFP) - Text.",
        "PARIS, Feb 26 - Reuters - Text.",
        "PARIS, Feb 26 -- Text.",
        "A B C D E, Mar 5 - text",
        "ZÜRICH, Feb 26 - Text.",
        "NEW YORK, Feb. 26 - Text.",
        "NEW YORK, Febr 26 - Text.",
    ];
    for text in left {
        assert_eq!(wire_shape(text), None, "{text}");
    }
}

#[test]
fn the_wire_shape_never_reads_an_opening_otherwise_than_the_regex() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    const PIECES: &[&str] = &[
        "NEW",
        "YORK",
        "A",
        "ST",
        "U.S.",
        "Ore.",
        "Va.",
        "N.Y.",
        "New",
        "York",
        "Calif",
        "Feb",
        "FEB",
        "feb",
        "March",
        "Mar",
        "Sept",
        "Sept.",
        "mai",
        "Mayo",
        "Sun",
        "Monday",
        "26",
        "3",
        "123",
        "1987",
        " ",
        " ",
        " ",
        ", ",
        ", ",
        ",",
        "  ",
        "-",
        " - ",
        " - ",
        " -- ",
        "--",
        "\n",
        "\t",
        "(",
        ")",
        "/",
        ".",
        "AFP",
        "Reuters",
        "EFE",
        "ANSA",
        "INTERFAX.RU",
        "(Reuters)",
        "Shares rose.",
        "said",
        "9 - 2",
        "st",
        "de",
    ];
    let pick = |choices: &'static [&'static str]| prop::sample::select(choices);
    let shape = (
        prop::collection::vec(pick(&["NEW", "YORK", "ST", "A", "LOS", "Ab"]), 1..6),
        pick(&[
            "",
            "",
            "Ore., ",
            "Va. ",
            "N.Y., ",
            "New York, ",
            "Feb ",
            "Mon ",
            "a, ",
            "A B C D ",
        ]),
        pick(&[
            "Feb", "FEB", "March", "Sept", "Mar", "mai", "Febr", "Feb.", "Sun",
        ]),
        pick(&[" 26", " 3", " 123", "", "  4", " 26st"]),
        pick(&[
            " - ",
            "- ",
            " -",
            " -- ",
            " -\n",
            ", 1987 - ",
            " (Reuters) - ",
            " - \n ",
        ]),
        prop::collection::vec(
            pick(&[
                "9 - 2",
                "3",
                " - ",
                "(AFP) - ",
                "Reuters - ",
                "AFP",
                "EFE:",
                "said",
                "Shares rose.",
                "-",
                "/",
                "\n",
                " ",
                "\t",
                ",",
                ".",
            ]),
            0..6,
        ),
    )
        .prop_map(|(place, qualifier, month, day, dash, rest)| {
            // Near the wire shape (`PLACE, Mon 26 - …`), each part perhaps varied.
            format!(
                "{}, {qualifier}{month}{day}{dash}{}",
                place.join(" "),
                rest.concat()
            )
        });
    let anything = prop::collection::vec(prop::sample::select(PIECES), 1..16)
        .prop_map(|pieces| pieces.concat());
    let mut runner = TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&prop_oneof![shape, anything], |text| {
            if let Some(fast) = wire_shape(&text) {
                prop_assert_eq!(Some(fast), regex_groups(&text), "{:?}", text);
            }
            Ok(())
        })
        .unwrap();
}
