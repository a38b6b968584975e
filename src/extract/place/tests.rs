//! Place extraction end to end on small inline stories: what a story is about and mentions.

use super::*;

pub(super) fn mentions(body: &str) -> Vec<String> {
    extract_places(None, body, &[]).mentions
}

pub(super) fn has(list: &[String], path: &str) -> bool {
    list.iter().any(|p| p == path)
}

fn about(title: &str, body: &str) -> Vec<String> {
    extract_places(Some(title), body, &[]).about
}

/// The rules' choice alone, before the model weighs it ([`about`](super::about)): what the
/// rules' tests assert.
pub(super) fn rules_alone(title: Option<&str>, body: &str, metadata: &[String]) -> Places {
    by_rules(title, body, metadata, article_language(None, title, body)).0
}

fn nowhere_in(list: &[String], country: &str) -> bool {
    list.iter().all(|p| !p.starts_with(country))
}

#[test]
fn club_named_like_a_town_takes_the_town_its_rivals_point_to() {
    let found = mentions("Newcastle beat Bolton 2-1 at St James' Park on Saturday.");
    assert!(
        has(&found, "/United Kingdom/England/Newcastle upon Tyne"),
        "{found:?}"
    );
    assert!(nowhere_in(&found, "/Australia"), "{found:?}");
    let found = mentions("Leeds United lost again; the Premiership side fell to Newcastle.");
    assert!(nowhere_in(&found, "/Australia"), "{found:?}");
    // A smaller town of a named country beats a bigger namesake abroad.
    let found = mentions("England's rugby side met Gloucester at Kingsholm.");
    assert!(
        has(&found, "/United Kingdom/England/Gloucester"),
        "{found:?}"
    );
}

#[test]
fn club_named_after_its_town_is_the_town() {
    let found = mentions("Fans of Bristol Rovers protested outside the ground.");
    assert!(has(&found, "/United Kingdom"), "{found:?}");
}

#[test]
fn party_after_a_month_is_the_party() {
    let places = extract_places(
        Some("Debate refused"),
        "He declined again.\n\nIn June Tory leaders said so. The Tories would not relent.",
        &[],
    );
    assert_eq!(places.about, ["/United Kingdom"]);
}

#[test]
fn nationality_in_the_lead_yields_to_a_place_named() {
    // The carmaker's nationality is no place of the story: the town named is.
    let places = extract_places(
        Some("Carmaker adds jobs"),
        "Swedish carmaker Volvo will add 300 jobs at its plant in Leeds.",
        &[],
    );
    assert_eq!(
        places.about,
        ["/United Kingdom/England/Leeds", "/United Kingdom"]
    );
    assert!(has(&places.mentions, "/Sweden"), "{places:?}");
    // With no place of its own, the rules make the story about the firm's country.
    let places = rules_alone(
        Some("Carmaker adds jobs"),
        "Swedish carmaker Volvo will add 300 jobs.",
        &[],
    );
    assert_eq!(places.about, ["/Sweden"]);
}

#[test]
fn nationalities_of_people_do_not_add_up() {
    let body = "The meeting opened on Friday in Leeds.\n\n\
                Kenyan runner Paul Kibet won the 3,000m. Kenyan Joseph Ruto was second. \
                Another Kenyan, Peter Oduya, was third. The crowd in Leeds cheered.";
    let places = extract_places(Some("Indoor meeting"), body, &[]);
    assert!(nowhere_in(&places.about, "/Kenya"), "{places:?}");
    assert!(has(&places.mentions, "/Kenya"), "{places:?}");
}

#[test]
fn a_list_in_one_sentence_counts_once() {
    let body = "The firm is based in Leeds and sells across Britain.\n\n\
                It has depots in Lyon, Lille and Nantes. Britain is its main market.";
    let places = extract_places(Some("Firm expands"), body, &[]);
    assert!(nowhere_in(&places.about, "/France"), "{places:?}");
}

#[test]
fn one_passing_mention_is_no_fallback() {
    let body = "The software runs on phones.\n\nIt was licensed from a US-based firm.";
    assert!(about("Search tool launched", body).is_empty());
    let body = "The software runs on phones.\n\nIt was licensed from a US firm. \
                The US market is its first.";
    let places = extract_places(Some("Search tool launched"), body, &[]);
    assert_eq!(places.about, ["/United States"]);
    assert_eq!(places.basis, [Basis::Fallback]);
}

#[test]
fn event_in_a_capital_is_the_capital() {
    let found = mentions("Radcliffe dropped out of the marathon at the Athens Olympics.");
    assert!(has(&found, "/Greece"), "{found:?}");
    assert!(nowhere_in(&found, "/United States"), "{found:?}");
    // A US place elsewhere in the story does not make Athens the Georgia town.
    let found = mentions("She won in New York. It made up for the disappointment of Athens.");
    assert!(has(&found, "/Greece/Attica/Athens"), "{found:?}");
}

#[test]
fn role_word_before_a_name_makes_a_person() {
    let places = extract_places(
        Some("Roddick splits from coach Gilbert"),
        "Andy Roddick has parted company with his coach Brad Gilbert. Gilbert said little.",
        &[],
    );
    assert!(places.mentions.is_empty(), "{places:?}");
    assert!(mentions("The striker Milan Baros scored twice.").is_empty());
    // A role word before a country leaves it a country.
    assert_eq!(mentions("They beat host Australia."), ["/Australia"]);
}

#[test]
fn common_noun_city_needs_its_state() {
    assert!(mentions("Fans queued for the Order of the Phoenix at midnight.").is_empty());
    assert!(mentions("The Phoenix consortium bought the carmaker.").is_empty());
    let found = mentions("In Arizona, Phoenix officials said the heat broke records.");
    assert!(has(&found, "/United States/Arizona/Phoenix"), "{found:?}");
}

#[test]
fn companies_and_titles_named_like_towns_are_no_places() {
    assert!(mentions("Nokia said sales rose. Toyota raised its forecast.").is_empty());
    assert!(mentions("Norwich Union cut jobs; Newmarket Films made the movie.").is_empty());
    assert!(mentions("The Prince of Wales met the Archbishop of Canterbury.").is_empty());
    assert!(mentions("Lord Nicholls of Birkenhead gave the ruling.").is_empty());
    // A country after a title is still the country.
    assert_eq!(mentions("The King of Jordan spoke."), ["/Jordan"]);
}

#[test]
fn possessive_city_before_a_name_is_the_city() {
    assert_eq!(
        mentions("Crowds filled London's Tate Modern."),
        ["/United Kingdom/England/London", "/United Kingdom"]
    );
}

#[test]
fn story_without_a_featured_place_is_about_its_leading_country() {
    let body = "Ministers met on Monday to discuss the plan.\n\n\
                Later the Tories said MPs would vote against it. The cost is £2bn.";
    assert_eq!(about("Plan delayed", body), ["/United Kingdom"]);
    // A tie leaves it about nowhere.
    let body = "Ministers met on Monday.\n\nThen France and Spain said no.";
    assert!(about("Plan delayed", body).is_empty());
}

#[test]
fn nationalities_vote_for_a_story_with_no_place_of_its_own() {
    // "British politics" and "the Labour Party" outweigh one slum in Kenya.
    let body = "The memory that drives him is of a girl he met.\n\n\
                Schoolgirls of Kenya's largest slum sang for him. He is a pivotal \
                figure in British politics. The Labour Party is happier now.";
    let places = extract_places(Some("The memory driving his mission"), body, &[]);
    assert_eq!(places.about, ["/United Kingdom"]);
    assert_eq!(places.basis, [Basis::Fallback]);
    // An adjective alone is no place: a language is not where the story is.
    let body = "The codes are hard to read.\n\n\
                A Russian letter looks like a Latin one. The Russian alphabet differs. \
                The firm is in Paris.";
    assert!(about("Domain scam fear", body).is_empty());
}

#[test]
fn table_lines_count_for_no_place() {
    // A fixture list names every team of the group again and again, and says nothing.
    let body = "Ireland will close their campaign at home in October.\n\n\
                Republic of Ireland v Cyprus; France v Israel.\n\n\
                Israel v Cyprus; France v Republic of Ireland.\n\n\
                Cyprus v France; Israel v Republic of Ireland.";
    assert_eq!(about("Irish finish with home game", body), ["/Ireland"]);
    // A sentence that says something of them still counts.
    let body = "Ireland will close their campaign at home in October.\n\n\
                Israel beat Cyprus. Israel lost to France. Israel drew with Cyprus.";
    assert_eq!(
        about("Irish finish with home game", body),
        ["/Ireland", "/Israel"]
    );
}

#[test]
fn a_region_geonames_divides_is_its_countrys() {
    // Darfur is four states of Sudan in GeoNames, none of them named `Darfur`.
    let body = "Aid agencies warned on Monday of hunger in the camps.\n\n\
                Sudan denies the charge. Refugees from Darfur fled to Chad. Fighting in \
                Darfur goes on. Rebels in Darfur said so.";
    let places = extract_places(Some("Aid agencies warn of hunger"), body, &[]);
    assert!(has(&places.about, "/Sudan"), "{places:?}");
    // Only once its country is named: `Java` alone may be a language.
    assert!(mentions("Java runs on most phones. Java is free.").is_empty());
    assert_eq!(
        mentions("Sumatra and Java, Indonesia, felt the quake."),
        ["/Indonesia"]
    );
    // A word of a longer name is that name's.
    assert!(mentions("The Darfur Peace Agreement was signed.").is_empty());
}

#[test]
fn a_nationality_after_a_town_is_a_clubs_name() {
    let places = extract_places(
        Some("London Irish 19-33 Wasps"),
        "Wasps sank London Irish with three tries.\n\n\
         Irish replied with three penalties. The Irish defence held for an hour.",
        &[],
    );
    assert!(nowhere_in(&places.mentions, "/Ireland"), "{places:?}");
    assert!(has(&places.about, "/United Kingdom"), "{places:?}");
    // A town's people of another country are still that country's.
    assert!(has(
        &mentions("Irish fans filled London on Sunday."),
        "/Ireland"
    ));
}

#[test]
fn a_sources_nationality_is_no_place_of_the_story() {
    let places = extract_places(
        Some("Laptop is 'greatest gadget'"),
        "The Powerbook has been chosen as the greatest gadget by US magazine Mobile PC.",
        &[],
    );
    assert!(places.about.is_empty(), "{places:?}");
    assert_eq!(places.mentions, ["/United States"]);
    let body = "The striker apologised on Monday.\n\n\
                He was quoted in a French newspaper. He blamed the French press. \
                The French media ran the story again.";
    assert!(about("Striker apologises", body).is_empty());
}

#[test]
fn national_institutions_point_to_their_country() {
    assert_eq!(
        about(
            "Labour plans pay rise",
            "Ministers said MPs would vote on the plan, Downing Street confirmed."
        ),
        ["/United Kingdom"]
    );
    assert_eq!(mentions("The Kremlin denied the report."), ["/Russia"]);
    // A place inside an institution's name is the institution.
    assert_eq!(
        mentions("Westminster voted. Scotland Yard made arrests."),
        ["/United Kingdom"]
    );
    // A one-word institution inside another name is not one.
    assert!(mentions("The photos carry a Creative Commons licence.").is_empty());
}

#[test]
fn governments_listed_together_are_parties_not_places() {
    let places = extract_places(
        Some("UN asks Washington and Moscow to save truce in Aleppo"),
        "GENEVA, May 4 (Reuters) - The UN envoy for Syria asked the United States and \
         Russia on Wednesday to restore the truce in Aleppo.",
        &[],
    );
    assert!(nowhere_in(&places.about, "/United States"), "{places:?}");
    assert!(nowhere_in(&places.about, "/Russia"), "{places:?}");
    assert!(has(&places.about, "/Syria"), "{places:?}");
    assert!(has(&places.about, "/Switzerland"), "{places:?}");
    assert!(has(&places.mentions, "/United States"), "{places:?}");
    assert!(has(&places.mentions, "/Russia"), "{places:?}");
    // A list that holds the dateline's country is the story's own.
    let places = extract_places(
        Some("Truce in Karabakh: Azerbaijan and Armenia agree"),
        "BAKU, Nov 10 (Reuters) - Azerbaijan and Armenia agreed to stop fighting.",
        &[],
    );
    assert!(has(&places.about, "/Armenia"), "{places:?}");
    // A headline with no place of its own keeps the countries it lists.
    assert_eq!(
        about(
            "Russia and Georgia sign truce",
            "The two sides met on Monday."
        ),
        ["/Russia", "/Georgia"]
    );
}

#[test]
fn uk_broadcasters_awards_and_munster_point_to_their_country() {
    let body = "The winners will be shown on BBC One on Wednesday.\n\n\
                A sketch from ITV's comedy came second.";
    assert_eq!(about("Top TV moment named", body), ["/United Kingdom"]);
    assert_eq!(
        about(
            "Singer up for three awards",
            "She is nominated in three categories at the Brit Awards."
        ),
        ["/United Kingdom"]
    );
    // The Irish rugby province, not the German city.
    let found = mentions("Ireland and Munster lock Paul O'Connell was named.");
    assert_eq!(found, ["/Ireland"]);
}

#[test]
fn a_place_after_a_country_is_no_name() {
    // "beat France" is no "US tycoon Malcolm Glazer": both are places of the story.
    let body = "The match was played on Saturday.\n\nGermany beat France 2-0. Germany \
                lead the group. Germany meet Spain next.";
    assert_eq!(about("Cup round-up", body), ["/Germany"]);
    // The place a headline lists governments against stays the story's own.
    let places = rules_alone(
        Some("Syria talks open in Astana under the mediation of Russia, Turkey and Iran"),
        "The meeting opened on Monday.",
        &[],
    );
    assert_eq!(
        places.about,
        ["/Syria", "/Kazakhstan/Astana/Astana", "/Kazakhstan"]
    );
}

#[test]
fn kerry_is_a_person_not_county_kerry() {
    let found = mentions("U.S. Secretary of State John Kerry arrived in Geneva Sunday.");
    assert_eq!(
        found,
        [
            "/United States",
            "/Switzerland/Geneva/Geneva",
            "/Switzerland"
        ]
    );
}

#[test]
fn names_in_scripts_without_capitals_are_read() {
    let found = mentions("قصفت الطائرات مدينة حلب في شمال سوريا.");
    assert!(has(&found, "/Syria/Aleppo/Aleppo"), "{found:?}");
    let found = mentions("Переговоры в Женеве зашли в тупик, заявили в Женева.");
    assert!(has(&found, "/Switzerland/Geneva/Geneva"), "{found:?}");
}

#[test]
fn demonym_names_its_country() {
    assert_eq!(mentions("Syrian government forces advanced."), ["/Syria"]);
}

#[test]
fn hyphenated_demonyms_name_both_countries() {
    assert_eq!(
        mentions("The U.S.-Russian ceasefire held."),
        ["/United States", "/Russia"]
    );
}

#[test]
fn possessive_country_before_a_title() {
    let found = mentions("Jordan's Foreign Minister Nasser Judeh met his counterparts.");
    assert_eq!(found, ["/Jordan"]);
}

#[test]
fn person_named_like_a_country_is_no_place() {
    assert!(mentions("Michael Jordan scored 40 points.").is_empty());
    assert!(mentions("Michael Jordan scored. Later Jordan rested.").is_empty());
}

#[test]
fn honorific_makes_a_person() {
    assert!(mentions("Mr. Paris declined to comment.").is_empty());
    assert!(mentions("They met President Chad on Monday.").is_empty());
}

#[test]
fn first_name_like_place_before_a_name_is_a_person() {
    assert!(mentions("Paris Hilton arrived late.").is_empty());
}

#[test]
fn common_word_cities_need_their_country() {
    assert!(mentions("Nice work. Reading is fun, and Mobile phones sold well.").is_empty());
    assert!(mentions("They took a Bath. Split the bill.").is_empty());
    assert_eq!(
        mentions("France mourned the victims in Nice on Friday."),
        ["/France", "/France/Provence-Alpes-Côte d'Azur/Nice"]
    );
}

#[test]
fn small_city_needs_its_country() {
    assert!(mentions("The Manbij deal was signed.").is_empty());
    assert_eq!(
        mentions("Syria said Manbij fell."),
        ["/Syria", "/Syria/Aleppo/Manbij"]
    );
}

#[test]
fn big_city_stands_alone() {
    assert_eq!(
        mentions("Talks in Aleppo stalled."),
        ["/Syria/Aleppo/Aleppo", "/Syria"]
    );
}

#[test]
fn ambiguous_city_prefers_the_named_country() {
    let found = mentions("In Virginia, Alexandria officials said the river flooded.");
    assert!(
        has(&found, "/United States/Virginia/Alexandria"),
        "{found:?}"
    );
    assert!(has(
        &mentions("Alexandria is in Egypt."),
        "/Egypt/Alexandria/Alexandria"
    ));
    assert_eq!(
        mentions("Bankers in London were calm."),
        ["/United Kingdom/England/London", "/United Kingdom"]
    );
}

#[test]
fn georgia_is_the_country_unless_us_context() {
    assert_eq!(
        mentions("Russia and Georgia signed a truce."),
        ["/Russia", "/Georgia"]
    );
    let us = mentions("Voters in Atlanta, Georgia, and in Texas went to the polls.");
    assert!(has(&us, "/United States/Georgia"), "{us:?}");
    assert!(!has(&us, "/Georgia"), "{us:?}");
}

#[test]
fn us_state_is_no_country() {
    assert_eq!(
        mentions("Texas passed the law."),
        ["/United States/Texas", "/United States"]
    );
}

#[test]
fn standalone_region_names_its_country() {
    assert_eq!(
        mentions("Ontario cut its forecast."),
        ["/Canada/Ontario", "/Canada"]
    );
    assert_eq!(
        mentions("Voters in Scotland were split."),
        ["/United Kingdom/Scotland", "/United Kingdom"]
    );
}

#[test]
fn foreign_region_needs_its_country() {
    assert!(mentions("Bavaria cut its forecast.").is_empty());
    assert_eq!(
        mentions("Bavaria, the richest German state, cut its forecast."),
        ["/Germany/Bavaria", "/Germany"]
    );
}

#[test]
fn region_named_like_its_city_is_the_city() {
    assert_eq!(
        mentions("Shelling hit Aleppo in Syria."),
        ["/Syria/Aleppo/Aleppo", "/Syria"]
    );
}

#[test]
fn city_in_a_named_region_wins() {
    let found = mentions("In Bavaria, in southern Germany, Munich officials said so.");
    assert!(has(&found, "/Germany/Bavaria/Munich"), "{found:?}");
}

#[test]
fn multi_word_names_match_whole() {
    assert_eq!(
        mentions("Saudi Arabia and New York officials met in Rio de Janeiro."),
        [
            "/Saudi Arabia",
            "/United States/New York/New York City",
            "/United States",
            "/Brazil/Rio de Janeiro/Rio de Janeiro",
            "/Brazil"
        ]
    );
}

#[test]
fn phrase_scan_finds_names_through_connectors_and_prefixes() {
    assert_eq!(
        mentions("Flights from Rio de Janeiro and New York resumed; New Zealand too."),
        [
            "/Brazil/Rio de Janeiro/Rio de Janeiro",
            "/Brazil",
            "/United States/New York/New York City",
            "/United States",
            "/New Zealand"
        ]
    );
    // A connector never ends a name; the words before it still count.
    assert_eq!(mentions("Syria de facto ruled."), ["/Syria"]);
}

#[test]
fn regions_are_not_countries() {
    assert!(mentions("Growth in Latin America slowed.").is_empty());
}

#[test]
fn all_caps_headline_matches_countries_only() {
    let places = extract_places(Some("U.S. OIL PRICES RISE ON IRAN NEWS"), "", &[]);
    assert_eq!(places.mentions, ["/United States", "/Iran"]);
    let places = extract_places(Some("MCDONALD'S UP ON REAFFIRMED RECOMMENDATION"), "", &[]);
    assert!(places.mentions.is_empty(), "{:?}", places.mentions);
}

#[test]
fn dateline_place_resolves_big_city() {
    let dateline = |body: &str| extract_places(None, body, &[]).dateline;
    assert_eq!(
        dateline("WASHINGTON, April 3 (Reuters) - The Fed said."),
        Some("/United States/District of Columbia/Washington, D.C.".to_string())
    );
    assert_eq!(
        dateline("PARIS, Jan 5 – Prices fell."),
        Some("/France/Île-de-France/Paris".to_string())
    );
    assert_eq!(
        dateline("SALVADOR, Feb 26 - Showers continued."),
        Some("/Brazil/Bahia/Salvador".to_string())
    );
    assert_eq!(
        dateline("LONDON (Reuters) - Shares fell."),
        Some("/United Kingdom/England/London".to_string())
    );
    assert_eq!(
        dateline("GENEVA — Talks resumed."),
        Some("/Switzerland/Geneva/Geneva".to_string())
    );
}

#[test]
fn dateline_qualifier_disambiguates() {
    let dateline = |body: &str| extract_places(None, body, &[]).dateline;
    assert_eq!(
        dateline("ALEPPO, Syria (AP) — Shelling continued."),
        Some("/Syria/Aleppo/Aleppo".to_string())
    );
    assert_eq!(
        dateline("PARIS, Texas (AP) — A storm hit."),
        Some("/United States/Texas/Paris".to_string())
    );
    assert_eq!(
        dateline("GENEVA, Ill. (AP) — Snow fell."),
        Some("/United States/Illinois/Geneva".to_string())
    );
}

#[test]
fn wire_dateline_state_without_period() {
    let dateline = |body: &str| extract_places(None, body, &[]).dateline;
    assert_eq!(
        dateline("BIRMINGHAM, Ala, March 6 - A bank said."),
        Some("/United States/Alabama/Birmingham".to_string())
    );
    assert_eq!(
        dateline("CANTON, Mass, March 4 - A unit said."),
        Some("/United States/Massachusetts/Canton".to_string())
    );
    assert_eq!(
        dateline("BERNE, March 2 - The Swiss said."),
        Some("/Switzerland/Bern/Bern".to_string())
    );
    assert_eq!(
        dateline("DALLAS/FORT WORTH, Texas, March 3 - An airline said."),
        Some("/United States/Texas/Dallas".to_string())
    );
}

#[test]
fn tickers_and_currencies_are_not_salient() {
    let places = extract_places(
        Some("ROCKWELL <ROK> GETS CONTRACT"),
        "TAIPEI, Feb 27 - Assets rose to 6.28 billion U.S. Dlrs, the bank said.",
        &[],
    );
    assert_eq!(places.about, ["/Taiwan/Taiwan/Taipei", "/Taiwan"]);
    assert_eq!(
        places.mentions,
        ["/Taiwan/Taiwan/Taipei", "/Taiwan", "/United States"]
    );
}

#[test]
fn dateline_common_word_city_counts() {
    let places = extract_places(None, "NICE, France (AP) — Crowds gathered.", &[]);
    assert_eq!(
        places.dateline.as_deref(),
        Some("/France/Provence-Alpes-Côte d'Azur/Nice")
    );
    assert_eq!(
        places.mentions,
        ["/France/Provence-Alpes-Côte d'Azur/Nice", "/France"]
    );
}

#[test]
fn about_holds_dateline_lead_title_and_repeats() {
    let body = "GENEVA — Diplomats met on Syria. Nothing was agreed.\n\n\
                Later, an official from Egypt spoke. Iraq was not invited. \
                Iraq said it did not mind. Iraq is a neighbour.";
    let places = rules_alone(Some("Talks stall"), body, &["Jordan".to_string()]);
    assert_eq!(
        places.mentions,
        [
            "/Switzerland/Geneva/Geneva",
            "/Switzerland",
            "/Syria",
            "/Egypt",
            "/Iraq"
        ]
    );
    assert_eq!(
        places.about,
        [
            "/Switzerland/Geneva/Geneva",
            "/Switzerland",
            "/Syria",
            "/Iraq",
            "/Jordan"
        ]
    );
}

#[test]
fn metadata_slugs_resolve() {
    let places = extract_places(
        None,
        "",
        &[
            "usa".into(),
            "west-germany".into(),
            "/Syria/Aleppo/Aleppo".into(),
        ],
    );
    assert_eq!(
        places.about,
        [
            "/United States",
            "/Germany",
            "/Syria/Aleppo/Aleppo",
            "/Syria"
        ]
    );
}

#[test]
fn resolve_place_handles_names_aliases_and_paths() {
    assert_eq!(resolve_place("Syria").as_deref(), Some("/Syria"));
    assert_eq!(resolve_place("U.S.").as_deref(), Some("/United States"));
    assert_eq!(resolve_place("Britain").as_deref(), Some("/United Kingdom"));
    assert_eq!(
        resolve_place("aleppo").as_deref(),
        Some("/Syria/Aleppo/Aleppo")
    );
    assert_eq!(
        resolve_place("ALEPPO").as_deref(),
        Some("/Syria/Aleppo/Aleppo")
    );
    assert_eq!(
        resolve_place("/Syria/Aleppo/Aleppo").as_deref(),
        Some("/Syria/Aleppo/Aleppo")
    );
    // The two-level form of newsdex before regions still finds the city.
    assert_eq!(
        resolve_place("/Syria/Aleppo").as_deref(),
        Some("/Syria/Aleppo/Aleppo")
    );
    assert_eq!(
        resolve_place("/United States/New York City").as_deref(),
        Some("/United States/New York/New York City")
    );
    assert_eq!(
        resolve_place(" /syria/ aleppo ").as_deref(),
        Some("/Syria/Aleppo/Aleppo")
    );
    assert_eq!(
        resolve_place("Zurich").as_deref(),
        Some("/Switzerland/Zurich/Zürich")
    );
    assert_eq!(
        resolve_place("Paris, Texas").as_deref(),
        Some("/United States/Texas/Paris")
    );
    assert_eq!(resolve_place("soviet-union").as_deref(), Some("/Russia"));
    // Regions: by name, by path, and as the qualifier of a city.
    assert_eq!(
        resolve_place("Bavaria").as_deref(),
        Some("/Germany/Bavaria")
    );
    assert_eq!(
        resolve_place("/Germany/Bavaria").as_deref(),
        Some("/Germany/Bavaria")
    );
    assert_eq!(
        resolve_place("Munich, Bavaria").as_deref(),
        Some("/Germany/Bavaria/Munich")
    );
    assert_eq!(
        resolve_place("/United States/New York").as_deref(),
        Some("/United States/New York/New York City"),
        "a city wins over the region of its name, as in the two-level form"
    );
    assert_eq!(
        resolve_place("New York, New York").as_deref(),
        Some("/United States/New York/New York City")
    );
    assert_eq!(
        resolve_place("Texas").as_deref(),
        Some("/United States/Texas")
    );
    assert_eq!(resolve_place("/Syria/Aleppo/Nowhere"), None);
    assert_eq!(resolve_place("/Syria/Narnia/Aleppo"), None);
    assert_eq!(resolve_place("Georgia").as_deref(), Some("/Georgia"));
    assert_eq!(resolve_place("Narnia"), None);
    assert_eq!(resolve_place(""), None);
    assert_eq!(resolve_place("/Narnia"), None);
}

#[test]
#[ignore = "reads ../shared/corpora beside the checkout (not part of the repository): run with `cargo test -- --ignored`"]
fn reference_story_places() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/geneva-2016/kerry-geneva.txt"
    );
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read the reference story {path}: {e}"));
    let places = extract_places(None, &text, &[]);
    for want in [
        "/Syria/Aleppo/Aleppo",
        "/Syria/Dimashq/Damascus",
        "/Syria/Latakia/Latakia",
        "/Syria",
        "/Switzerland/Geneva/Geneva",
        "/Switzerland",
        "/Russia",
        "/Jordan",
        "/Saudi Arabia",
        "/United States",
    ] {
        assert!(
            has(&places.mentions, want),
            "missing {want}: {:?}",
            places.mentions
        );
    }
    let all = places
        .mentions
        .iter()
        .chain(&places.about)
        .chain(&places.dateline);
    assert!(
        all.clone().all(|p| !p.starts_with("/Ireland")),
        "{:?}",
        places
    );
}

#[test]
fn the_model_drops_a_country_the_lead_names_in_passing() {
    let title = Some("Chancellor defends budget plans");
    let body = "Gordon Brown has defended his budget plans after criticism from business \
                leaders, days after returning from talks in France.\n\nThe chancellor told MPs \
                in the Commons that the UK economy was strong. Britain's growth was the \
                fastest of the big economies, he said. Treasury figures showed UK borrowing \
                falling. The Conservatives said British families would pay more. The Liberal \
                Democrats said the UK needed a fairer tax system.";
    assert_eq!(
        rules_alone(title, body, &[]).about,
        ["/France", "/United Kingdom"]
    );
    let places = extract_places(title, body, &[]);
    assert_eq!(places.about, ["/United Kingdom"]);
    assert!(has(&places.mentions, "/France"), "{places:?}");
}
