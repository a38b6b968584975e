//! Articles in many languages: each gets its language (from metadata or detected), and
//! `--lang`, `facets --field lang`, `stats` and the result formats show it.

mod common;

use common::{Indexed, hit_files, newsdex, run_ok, search};
use serde::Deserialize;
use std::path::Path;
use std::sync::OnceLock;

/// One short story per language, written for these tests: (file name, title, body, and
/// the `lang` its metadata gives, if any).
const STORIES: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "en.json",
        "Fishing talks resume",
        "Negotiators returned to the table on Tuesday after a week of silence. The negotiation over fishing rights in the bay had stalled over a disputed map.",
        None,
    ),
    (
        "fr.json",
        "Reprise des discussions sur la pêche",
        "Les négociations ont repris mardi après une semaine de silence. Les pêcheurs attendent sur le quai et doutent que la situation change avant l'hiver.",
        None,
    ),
    (
        "de.json",
        "Fischereigespräche gehen weiter",
        "Die Verhandlungen wurden am Dienstag nach einer Woche des Schweigens wieder aufgenommen. Die Fischer am Kai bezweifeln, dass sich vor dem Winter etwas ändert.",
        None,
    ),
    (
        "es.json",
        "Se reanudan las conversaciones",
        "Las negociaciones se reanudaron el martes tras una semana de silencio. Los pescadores que esperaban en el muelle dudan de que algo cambie antes del invierno.",
        None,
    ),
    (
        "it.json",
        "Riprendono i colloqui sulla pesca",
        "I negoziati sono ripresi martedì dopo una settimana di silenzio. I pescatori che aspettano sulla banchina dubitano che qualcosa cambi prima dell'inverno.",
        None,
    ),
    (
        "pt.json",
        "Retomadas as conversas sobre a pesca",
        "As negociações foram retomadas na terça-feira depois de uma semana de silêncio. Os pescadores que esperam no cais duvidam que alguma coisa mude antes do inverno.",
        None,
    ),
    (
        "ru.json",
        "Переговоры о рыболовстве возобновились",
        "Переговоры возобновились во вторник после недели молчания. Рыбаки на причале сомневаются, что до зимы что-нибудь изменится.",
        None,
    ),
    (
        "ar.json",
        "استئناف محادثات الصيد",
        "استؤنفت المفاوضات يوم الثلاثاء بعد أسبوع من الصمت. ويشك الصيادون المنتظرون على الرصيف في أن يتغير أي شيء قبل الشتاء.",
        None,
    ),
    (
        "tr.json",
        "Balıkçılık görüşmeleri yeniden başladı",
        "Müzakereler bir haftalık sessizliğin ardından salı günü yeniden başladı. Rıhtımda bekleyen balıkçılar kıştan önce bir şeyin değişeceğinden şüpheli.",
        None,
    ),
    (
        "nl.json",
        "Visserijoverleg hervat",
        "De onderhandelingen zijn dinsdag na een week van stilte hervat. De vissers op de kade betwijfelen of er voor de winter iets verandert.",
        None,
    ),
    (
        "zh.json",
        "捕鱼谈判恢复",
        "谈判在沉默一周后于周二恢复。在码头等待的渔民怀疑冬天之前会有任何改变。",
        None,
    ),
    (
        "ja.json",
        "漁業交渉が再開",
        "交渉は一週間の沈黙の後、火曜日に再開された。岸壁で待つ漁師たちは、冬までに何かが変わるとは思っていない。",
        None,
    ),
    // Catalan is never detected: only the metadata can give it.
    (
        "ca.json",
        "Es reprenen les converses",
        "Les negociacions es van reprendre dimarts després d'una setmana de silenci.",
        Some("ca-ES"),
    ),
    // No letters to tell a language by.
    ("und.json", "2016", "12,5 — 13,1 — 14,0", None),
];

fn corpus() -> &'static Indexed {
    static INDEXED: OnceLock<(tempfile::TempDir, Indexed)> = OnceLock::new();
    let (_, indexed) = INDEXED.get_or_init(|| {
        let files = tempfile::tempdir().unwrap();
        for (name, title, body, lang) in STORIES {
            let mut record =
                serde_json::json!({"title": title, "body": body, "date": "2016-05-03"});
            if let Some(lang) = lang {
                record["lang"] = (*lang).into();
            }
            std::fs::write(files.path().join(name), record.to_string()).unwrap();
        }
        let indexed = Indexed::new(&[files.path()]);
        (files, indexed)
    });
    indexed
}

fn idx() -> &'static Path {
    &corpus().index
}

#[derive(Deserialize)]
struct Hits {
    hits: Vec<Hit>,
}

#[derive(Deserialize)]
struct Hit {
    path: String,
    lang: String,
}

#[test]
fn every_article_gets_its_language_in_json_hits() {
    let result = search(idx(), "*", &[]);
    let hits: Hits = serde_json::from_value(result).unwrap();
    assert_eq!(hits.hits.len(), STORIES.len());
    for hit in hits.hits {
        let file = Path::new(&hit.path).file_stem().unwrap().to_string_lossy();
        assert_eq!(hit.lang, file, "{}", hit.path);
    }
}

#[test]
fn lang_filters_to_the_languages_named() {
    let result = search(idx(), "*", &["--lang", "fr,de"]);
    assert_eq!(hit_files(&result), ["de.json", "fr.json"]);
    let result = search(idx(), "*", &["--lang", "RU", "--lang", "und"]);
    assert_eq!(hit_files(&result), ["ru.json", "und.json"]);
}

#[test]
fn an_unknown_language_code_is_a_usage_error_listing_the_codes() {
    let output = newsdex()
        .args(["search", "*", "--lang", "fr,xx", "--index"])
        .arg(idx())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown language \"xx\" in --lang: give ISO 639-1 codes (ar, bg, "),
        "{stderr}"
    );
    assert!(stderr.contains(", zh) or und for unknown"), "{stderr}");
}

#[test]
fn lang_is_a_csv_column_with_fields() {
    let out = run_ok(
        &[
            "search",
            "*",
            "--format",
            "csv",
            "--fields",
            "title,lang",
            "--lang",
            "ja",
            "--limit",
            "5",
        ],
        idx(),
    );
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "title,lang\n漁業交渉が再開,ja\n"
    );
}

#[derive(Deserialize)]
struct Facets {
    total: u64,
    without_value: u64,
    values: Vec<FacetValue>,
}

#[derive(Deserialize)]
struct FacetValue {
    value: String,
    count: u64,
}

#[test]
fn facets_count_articles_per_language() {
    let out = run_ok(
        &[
            "facets", "*", "--field", "lang", "--format", "json", "--top", "100",
        ],
        idx(),
    );
    let facets: Facets = serde_json::from_slice(&out).unwrap();
    assert_eq!(facets.total, STORIES.len() as u64);
    assert_eq!(facets.without_value, 0);
    let mut values: Vec<(String, u64)> = facets
        .values
        .into_iter()
        .map(|v| (v.value, v.count))
        .collect();
    values.sort();
    let mut expected: Vec<(String, u64)> = STORIES
        .iter()
        .map(|(name, ..)| (name.trim_end_matches(".json").to_string(), 1))
        .collect();
    expected.sort();
    assert_eq!(values, expected);
}

#[derive(Deserialize)]
struct Stats {
    languages: Vec<FacetValue>,
}

#[test]
fn stats_list_the_languages() {
    let out = run_ok(&["stats", "--format", "json"], idx());
    let stats: Stats = serde_json::from_slice(&out).unwrap();
    assert_eq!(stats.languages.len(), STORIES.len());
    assert!(stats.languages.iter().all(|v| v.count == 1));
    let text = String::from_utf8(run_ok(&["stats"], idx())).unwrap();
    let line = text.lines().find(|l| l.starts_with("languages:")).unwrap();
    assert!(line.contains("ar 1, ca 1, de 1"), "{line}");
}

/// A bare word in one inflection finds the article that has another, in each language's
/// own stemming: (query, the one file it must find).
const INFLECTIONS: &[(&str, &str)] = &[
    ("negotiations", "en.json"),
    ("négociation", "fr.json"),
    ("Verhandlung", "de.json"),
    ("negociación", "es.json"),
    ("negoziato", "it.json"),
    ("negociação", "pt.json"),
    ("переговоров", "ru.json"),
    ("المفاوضة", "ar.json"),
    ("balıkçıların", "tr.json"),
    ("onderhandeling", "nl.json"),
];

#[test]
fn a_bare_word_finds_its_inflections_in_each_language() {
    for (query, file) in INFLECTIONS {
        assert_eq!(hit_files(&search(idx(), query, &[])), [*file], "{query}");
    }
}

#[test]
fn a_language_without_a_stemmer_matches_words_exactly() {
    // Catalan has no stemmer here: the exact word matches, an inflection does not.
    assert_eq!(hit_files(&search(idx(), "negociacions", &[])), ["ca.json"]);
    assert!(hit_files(&search(idx(), "negociació", &[])).is_empty());
}

#[test]
fn phrases_stay_exact_in_every_language() {
    for (phrase, file) in [
        ("\"les négociations ont repris\"", Some("fr.json")),
        ("\"les négociation ont repris\"", None),
        ("\"die verhandlungen wurden\"", Some("de.json")),
        ("\"die verhandlung wurden\"", None),
        ("\"переговоры возобновились\"", Some("ru.json")),
        ("\"переговоров возобновились\"", None),
    ] {
        let files = hit_files(&search(idx(), phrase, &[]));
        assert_eq!(files, file.into_iter().collect::<Vec<_>>(), "{phrase}");
    }
}

#[test]
fn stemmed_hits_are_highlighted_in_their_own_language() {
    let result = search(idx(), "négociation", &[]);
    let hit = &result["hits"][0];
    let snippet = hit["snippet"].as_str().unwrap();
    let [start, end] = [0, 1].map(|i| hit["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&snippet[start..end], "négociations");
}

#[test]
fn chinese_and_japanese_are_found_by_phrase() {
    for (query, files) in [
        ("\"码头等待\"", &["zh.json"][..]),
        ("渔民", &["zh.json"]),
        ("\"码头渔民\"", &[]),
        ("\"岸壁で待つ\"", &["ja.json"]),
        // A phrase does not run across the full stop that ends a sentence.
        ("\"恢复在码头\"", &[]),
    ] {
        assert_eq!(hit_files(&search(idx(), query, &[])), files, "{query}");
    }
}

/// The text a hit's highlights mark in its snippet.
fn highlighted(hit: &serde_json::Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let [start, end] = [0, 1].map(|i| r[i].as_u64().unwrap() as usize);
            snippet[start..end].to_string()
        })
        .collect()
}

#[test]
fn arabic_and_chinese_hits_highlight_the_words_matched() {
    let result = search(idx(), "المفاوضة", &[]);
    assert_eq!(highlighted(&result["hits"][0]), ["المفاوضات"]);
    let result = search(idx(), "\"码头等待\"", &[]);
    assert_eq!(highlighted(&result["hits"][0]), ["码头等待"]);
}
