//! One archive in many languages (issue 16): exact hit sets on `sample-corpus/world`, twelve
//! stories on the May 2016 Geneva talks on Aleppo (see tests/sample-corpus.md), through the
//! real binary.

mod common;
use common::{Indexed, hit_files, repo_path, search};
use std::sync::OnceLock;

fn world() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| Indexed::new(&[&repo_path("sample-corpus/world")]))
}

/// Every story of the folder: file name, language, date.
const STORIES: &[(&str, &str, &str)] = &[
    ("en-geneva-envoy-new-round.txt", "en", "2016-05-02"),
    ("2016-05-03-fr-alep-treve-geneve.txt", "fr", "2016-05-03"),
    ("2016-05-13-fr-suisse-mediation.txt", "fr", "2016-05-13"),
    ("es-alepo-ginebra.json", "es", "2016-05-04"),
    ("2016-05-11-de-genf-verhandlung.txt", "de", "2016-05-11"),
    ("it-aleppo-ginevra.html", "it", "2016-05-06"),
    ("pt-alepo-negociacoes.json", "pt", "2016-05-05"),
    ("2016-05-10-ru-zheneva-peregovory.txt", "ru", "2016-05-10"),
    ("2016-05-08-ar-halab-junaif.txt", "ar", "2016-05-08"),
    ("2016-05-09-tr-halep-cenevre.txt", "tr", "2016-05-09"),
    ("nl-aleppo-onderhandelingen.html", "nl", "2016-05-12"),
    ("2016-05-07-zh-aleppo-rineiwa.txt", "zh", "2016-05-07"),
];

fn hits(query: &str, flags: &[&str]) -> Vec<String> {
    let result = search(&world().index, query, flags);
    let files = hit_files(&result);
    assert_eq!(
        result["total"].as_u64().unwrap() as usize,
        files.len(),
        "total vs hits for {query} {flags:?}"
    );
    files
}

fn names(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// The files of the stories whose language is one of `langs`.
fn in_languages(langs: &[&str]) -> Vec<String> {
    names(
        &STORIES
            .iter()
            .filter(|(_, lang, _)| langs.contains(lang))
            .map(|(file, _, _)| *file)
            .collect::<Vec<_>>(),
    )
}

#[test]
fn the_folder_indexes_every_story() {
    assert_eq!(world().summary["articles_indexed"], STORIES.len());
    assert_eq!(world().summary["skipped"], serde_json::json!([]));
}

#[test]
fn every_story_is_dated() {
    let result = search(&world().index, "*", &[]);
    let mut dated: Vec<(String, String)> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            let date = h["date"].as_str().unwrap_or("undated");
            (file, date.chars().take(10).collect())
        })
        .collect();
    dated.sort();
    let mut expected: Vec<(String, String)> = STORIES
        .iter()
        .map(|(file, _, date)| (file.to_string(), date.to_string()))
        .collect();
    expected.sort();
    assert_eq!(dated, expected);
}

#[test]
fn a_date_range_finds_exactly_the_stories_of_those_days() {
    // 8 to 11 May: the Arabic, Turkish, Russian and German stories.
    assert_eq!(
        hits("*", &["--from", "2016-05-08", "--to", "2016-05-11"]),
        names(&[
            "2016-05-08-ar-halab-junaif.txt",
            "2016-05-09-tr-halep-cenevre.txt",
            "2016-05-10-ru-zheneva-peregovory.txt",
            "2016-05-11-de-genf-verhandlung.txt",
        ])
    );
    // 3 to 5 May: the French one of the 3rd, then 4 and 5 May from metadata.
    assert_eq!(
        hits("*", &["--from", "2016-05-03", "--to", "2016-05-05"]),
        names(&[
            "2016-05-03-fr-alep-treve-geneve.txt",
            "es-alepo-ginebra.json",
            "pt-alepo-negociacoes.json",
        ])
    );
}

#[test]
fn a_bare_word_finds_its_inflections_in_its_own_language() {
    // Each story uses one form only (tests/sample-corpus.md): the query's other form finds it.
    for (query, expected) in [
        ("Verhandlungen", vec!["2016-05-11-de-genf-verhandlung.txt"]),
        ("переговоров", vec!["2016-05-10-ru-zheneva-peregovory.txt"]),
        (
            "négociation",
            vec![
                "2016-05-03-fr-alep-treve-geneve.txt",
                "2016-05-13-fr-suisse-mediation.txt",
            ],
        ),
        (
            "négociations",
            vec![
                "2016-05-03-fr-alep-treve-geneve.txt",
                "2016-05-13-fr-suisse-mediation.txt",
            ],
        ),
        ("onderhandeling", vec!["nl-aleppo-onderhandelingen.html"]),
        ("müzakereler", vec!["2016-05-09-tr-halep-cenevre.txt"]),
        ("negotiate", vec!["en-geneva-envoy-new-round.txt"]),
    ] {
        assert_eq!(hits(query, &[]), names(&expected), "{query}");
    }
}

#[test]
fn near_and_pre_find_a_bare_word_s_inflections_in_its_own_language() {
    // The query's form is not the story's (`Verhandlung`, `переговоры`, `négociation`): each
    // bare word is stemmed in the language of the article it is matched in.
    for (query, expected) in [
        (
            "Verhandlungen NEAR/3 Genf",
            vec!["2016-05-11-de-genf-verhandlung.txt"],
        ),
        (
            "переговоров NEAR/3 Женеве",
            vec!["2016-05-10-ru-zheneva-peregovory.txt"],
        ),
        (
            "négociations PRE/2 syrie",
            vec!["2016-05-13-fr-suisse-mediation.txt"],
        ),
        (
            "müzakereler NEAR/2 cenevre",
            vec!["2016-05-09-tr-halep-cenevre.txt"],
        ),
    ] {
        assert_eq!(hits(query, &[]), names(&expected), "{query}");
    }
    // The words matched are the ones highlighted, in the story's own forms.
    let result = search(&world().index, "переговоров NEAR/3 Женеве", &[]);
    let hit = &result["hits"][0];
    let snippet = hit["snippet"].as_str().unwrap();
    let marked: Vec<&str> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["переговоры", "Женеве"]);
}

#[test]
fn phrases_stay_exact_in_every_language() {
    assert_eq!(
        hits("\"négociations de paix\"", &[]),
        names(&["2016-05-03-fr-alep-treve-geneve.txt"])
    );
    // An inflection is not the phrase.
    assert!(hits("\"négociation de paix\"", &[]).is_empty());
    assert_eq!(
        hits("\"переговоры по Сирии\"", &[]),
        names(&["2016-05-10-ru-zheneva-peregovory.txt"])
    );
    assert!(hits("\"переговоров по Сирии\"", &[]).is_empty());
    assert_eq!(
        hits("\"Verhandlung über eine politische Lösung\"", &[]),
        names(&["2016-05-11-de-genf-verhandlung.txt"])
    );
}

#[test]
fn text_without_spaces_is_found_by_exact_phrase() {
    // 日内瓦 (Geneva) and 阿勒颇 (Aleppo) are written with no space around them.
    assert_eq!(
        hits("\"日内瓦\"", &[]),
        names(&["2016-05-07-zh-aleppo-rineiwa.txt"])
    );
    assert_eq!(
        hits("\"阿勒颇的停火\"", &[]),
        names(&["2016-05-07-zh-aleppo-rineiwa.txt"])
    );
    assert!(hits("\"阿勒颇的和谈\"", &[]).is_empty());
}

#[test]
fn one_location_finds_a_place_however_each_language_spells_it() {
    // Alep, Alepo, Алеппо, حلب, Halep and Aleppo. Chinese place names are outside issue 16's
    // ten languages, so the Chinese story is left out of the comparison, whichever way it goes.
    let ten = |files: Vec<String>| -> Vec<String> {
        files.into_iter().filter(|f| !f.contains("-zh-")).collect()
    };
    let all_ten = ten(in_languages(&[
        "en", "fr", "es", "de", "it", "pt", "ru", "ar", "tr", "nl",
    ]));
    // Some stories name Aleppo once, in passing: every story mentions it, and `--mentions`
    // finds them all whichever spelling is asked for.
    for place in ["Aleppo", "/Syria/Aleppo/Aleppo", "Alep", "Halep", "حلب"] {
        assert_eq!(
            ten(hits("*", &["--location", place, "--mentions"])),
            all_ten,
            "--location {place} --mentions"
        );
    }
    // The stories whose headline or lead is about Aleppo, in six languages and scripts.
    let about = ten(hits("*", &["--location", "Alepo"]));
    for lang in ["fr", "ar", "tr", "ru", "es", "it"] {
        assert!(
            about.iter().any(|f| in_languages(&[lang]).contains(f)),
            "{lang}: {about:?}"
        );
    }
    // A language filter and a place filter together: the Russian story about Aleppo.
    assert_eq!(
        hits("*", &["--lang", "ru", "--location", "Aleppo"]),
        in_languages(&["ru"])
    );
}

#[test]
fn each_story_has_its_language_and_lang_filters_on_it() {
    let result = search(&world().index, "*", &[]);
    let mut langs: Vec<(String, String)> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (file, h["lang"].as_str().unwrap_or("none").to_string())
        })
        .collect();
    langs.sort();
    let mut expected: Vec<(String, String)> = STORIES
        .iter()
        .map(|(file, lang, _)| (file.to_string(), lang.to_string()))
        .collect();
    expected.sort();
    assert_eq!(langs, expected);
    assert_eq!(hits("*", &["--lang", "fr"]), in_languages(&["fr"]));
    assert_eq!(hits("*", &["--lang", "de,ru"]), in_languages(&["de", "ru"]));
}
