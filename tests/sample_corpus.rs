//! Exact hit sets on `sample-corpus/` (see tests/sample-corpus.md for what each file holds),
//! through the real binary.

mod common;
use common::{hit_files, newsdex, repo_path, sample_corpus as corpus, search};
use serde_json::Value;
use std::path::Path;

fn hits(query: &str, flags: &[&str]) -> Vec<String> {
    let result = search(&corpus().index, query, flags);
    let files = hit_files(&result);
    assert_eq!(
        result["total"].as_u64().unwrap() as usize,
        files.len(),
        "total vs hits for {query}"
    );
    files
}

fn names(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

const PHRASE: &str = "\"cessation of hostilities\"";

#[test]
fn summary_counts_every_article_and_reports_bad_input() {
    let s = &corpus().summary;
    assert_eq!(s["files_seen"], 50);
    assert_eq!(s["articles_indexed"], 60);
    assert_eq!(s["articles_total"], 60);
    let mut skipped: Vec<String> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let path = k["path"].as_str().unwrap();
            let name = Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            match k["line"].as_u64() {
                Some(line) => format!("{name}:{line}"),
                None => name,
            }
        })
        .collect();
    skipped.sort();
    assert_eq!(skipped, ["bad.json", "empty.txt", "wire-2022.jsonl:3"]);
    let cut_line = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["line"] == 3)
        .unwrap();
    assert!(
        cut_line["reason"]
            .as_str()
            .unwrap()
            .contains("EOF while parsing"),
        "{cut_line}"
    );
}

#[test]
fn phrase_matches_exactly_the_nine_articles_in_every_format() {
    assert_eq!(
        hits(PHRASE, &[]),
        names(&[
            "aleppo-hospital-shelling.txt",
            "beirut-aleppo-airstrikes.json",
            "geneva-talks.txt",
            "pretoria-ethiopia-tigray-truce.txt.gz",
            "south-sudan-truce-signed.html",
            "south-sudan-truce-signed.txt",
            "syria-truce-analysis.md",
            "wire-2022.jsonl#line 1",
            "2016-05-09-aleppo-truce-extended.txt",
        ])
    );
}

#[test]
fn phrase_with_date_range_and_place_is_the_readme_example() {
    let april_may_2016 = names(&[
        "2016-05-09-aleppo-truce-extended.txt",
        "aleppo-hospital-shelling.txt",
        "beirut-aleppo-airstrikes.json",
        "geneva-talks.txt",
        "syria-truce-analysis.md",
    ]);
    assert_eq!(
        hits(PHRASE, &["--from", "2016-04", "--to", "2016-05"]),
        april_may_2016
    );
    assert_eq!(
        hits(
            PHRASE,
            &[
                "--from",
                "2016-04",
                "--to",
                "2016-05",
                "--location",
                "Syria"
            ]
        ),
        april_may_2016
    );
    // --to is inclusive of the whole period it names.
    assert_eq!(
        hits(PHRASE, &["--from", "2016-05-09", "--to", "2016-05-09"]),
        names(&["2016-05-09-aleppo-truce-extended.txt"])
    );
    assert_eq!(
        hits(PHRASE, &["--to", "2015"]),
        names(&["south-sudan-truce-signed.txt"])
    );
}

#[test]
fn near_misses_do_not_match_the_phrase() {
    let found = hits(PHRASE, &[]);
    for near_miss in [
        "havana-farc-talks.txt",
        "nagorno-karabakh-deal.json",
        "world-2021-2023.jsonl#line 4",
        "libya-berlin-conference.md",
        "minsk-ceasefire-deal.html",
        "wire-2022.jsonl#line 2",
        "beirut-port-blast-hospitals.html",
    ] {
        assert!(!found.contains(&near_miss.to_string()), "{near_miss}");
    }
    assert_eq!(
        hits("\"cessation of hostility\"", &[]),
        names(&["havana-farc-talks.txt"])
    );
    assert_eq!(
        hits("\"cessation of the hostilities\"", &[]),
        names(&["nagorno-karabakh-deal.json"])
    );
}

#[test]
fn bare_words_match_inflections() {
    // "hostility" and "hostilities" share a stem: the 12 articles with "hostilities" plus
    // the one with only "hostility".
    let hostil = hits("hostility", &[]);
    assert_eq!(hostil.len(), 13);
    assert_eq!(hits("hostilities", &[]), hostil);
    assert_eq!(hits("elections", &[]), hits("elected", &[]));
    assert_eq!(hits("elected", &[]).len(), 7);
}

#[test]
fn boolean_operators() {
    let opec = names(&[
        "oil-prices-opec-freeze.txt",
        "vienna-output-deal.json",
        "saudi-oil-cut.md",
        "energy-2020.ndjson#line 3",
    ]);
    assert_eq!(hits("oil AND opec", &[]), opec);
    assert_eq!(hits("oil opec", &[]), opec);
    let without = hits("oil NOT opec", &[]);
    assert_eq!(without.len(), 11);
    assert_eq!(hits("oil -opec", &[]), without);
    assert_eq!(hits("oil", &[]).len(), 15);
    assert_eq!(
        hits("(georgia OR zürich) AND NOT election", &[]),
        names(&["zurich-snb-negative-rates.txt"])
    );
    assert_eq!(
        hits("ceasefire OR opec", &[]).len(),
        6 + 4 // no article has both
    );
}

#[test]
fn title_field_restricts_to_headlines() {
    assert_eq!(
        hits("title:truce", &[]),
        names(&[
            "havana-farc-talks.txt",
            "south-sudan-truce-signed.html",
            "south-sudan-truce-signed.txt",
            "syria-truce-analysis.md",
            "wire-2022.jsonl#line 1",
        ])
    );
    assert_eq!(
        hits("title:\"cessation of hostilities\"", &[]),
        names(&["2016-05-09-aleppo-truce-extended.txt"])
    );
}

#[test]
fn page_furniture_is_not_indexed() {
    for clutter in ["subscribe", "newsletter", "trending"] {
        assert!(hits(clutter, &[]).is_empty(), "{clutter}");
    }
}

#[test]
fn latin1_file_is_found_by_its_accented_word() {
    assert_eq!(
        hits("Zürich", &[]),
        names(&["zurich-snb-negative-rates.txt"])
    );
    assert_eq!(
        hits("\"Zürcher\"", &[]),
        names(&["zurich-snb-negative-rates.txt"])
    );
}

#[test]
fn place_filters_use_aliases_and_paths() {
    assert_eq!(
        hits("georgia", &["--location", "Georgia"]),
        names(&["tbilisi-parliament-vote.json"])
    );
    assert_eq!(
        hits("georgia", &["--location", "U.S."]),
        names(&["georgia-senate-runoff.json"])
    );
    // The two-level path of newsdex before regions, the full path, the region's path and
    // its name all find the same five Aleppo stories.
    let aleppo = hits(PHRASE, &["--location", "/Syria/Aleppo", "--from", "2016"]);
    assert_eq!(aleppo.len(), 5);
    for form in ["/Syria/Aleppo/Aleppo", "Aleppo, Syria", "Aleppo"] {
        assert_eq!(
            hits(PHRASE, &["--location", form, "--from", "2016"]),
            aleppo,
            "{form}"
        );
    }
    assert_eq!(
        hits(PHRASE, &["--location", "Ethiopia", "--location", "Yemen"]),
        names(&[
            "pretoria-ethiopia-tigray-truce.txt.gz",
            "south-sudan-truce-signed.html",
            "south-sudan-truce-signed.txt",
            "wire-2022.jsonl#line 1",
        ])
    );
}

#[test]
fn people_named_like_places_are_not_places() {
    // "John Kerry" is not County Kerry; footballer Jordan Henderson, SNB chairman Thomas
    // Jordan and Michael Jordan are not the country.
    assert!(hits("kerry", &["--location", "Ireland", "--mentions"]).is_empty());
    assert_eq!(
        hits("jordan", &["--location", "Jordan", "--mentions"]),
        names(&["beirut-aleppo-airstrikes.json"])
    );
    assert!(hits("florence", &["--location", "Italy", "--mentions"]).is_empty());
}

#[test]
fn dates_come_from_metadata_text_and_path() {
    let result = search(&corpus().index, PHRASE, &[]);
    let mut seen = std::collections::BTreeMap::new();
    for hit in result["hits"].as_array().unwrap() {
        let name = Path::new(hit["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        seen.insert(
            name,
            (
                hit["date"].as_str().unwrap().to_string(),
                hit["date_source"].as_str().unwrap().to_string(),
            ),
        );
    }
    assert_eq!(
        seen["geneva-talks.txt"],
        ("2016-04-28T00:00:00Z".into(), "path".into())
    );
    assert_eq!(seen["south-sudan-truce-signed.html"].1, "metadata");
    assert!(
        seen["south-sudan-truce-signed.html"]
            .0
            .starts_with("2017-12-21")
    );
    assert_eq!(
        seen["beirut-aleppo-airstrikes.json"].0,
        "2016-05-01T14:20:00Z"
    );
}

#[test]
fn sort_by_date_orders_hits() {
    let result = search(
        &corpus().index,
        PHRASE,
        &["--sort", "oldest", "--limit", "3"],
    );
    let dates: Vec<&str> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 3);
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(dates[0].starts_with("2014-01-23"));
    assert_eq!(result["total"], 9);
    let newest = search(
        &corpus().index,
        PHRASE,
        &["--sort", "newest", "--limit", "1"],
    );
    assert!(
        newest["hits"][0]["date"]
            .as_str()
            .unwrap()
            .starts_with("2022-11-02")
    );
}

#[test]
fn limit_and_offset_page_through_hits() {
    let all = search(&corpus().index, "oil", &["--sort", "oldest"]);
    let page = search(
        &corpus().index,
        "oil",
        &["--sort", "oldest", "--limit", "5", "--offset", "5"],
    );
    assert_eq!(page["total"], 15);
    let ids = |v: &Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&page), ids(&all)[5..10]);
    assert_eq!(page["hits"][0]["rank"], 6);
}

#[test]
fn highlights_cover_the_matched_words() {
    let result = search(&corpus().index, PHRASE, &[]);
    for hit in result["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(snippet.chars().count() <= 302, "{snippet}");
        let ranges = hit["highlights"].as_array().unwrap();
        assert!(!ranges.is_empty(), "{}", hit["path"]);
        for r in ranges {
            let (a, b) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            assert_eq!(snippet[a..b].to_lowercase(), "cessation of hostilities");
        }
    }
}

#[test]
fn json_hits_follow_the_article_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("schema/article.schema.json")).unwrap(),
    )
    .unwrap();
    let properties = schema["properties"].as_object().unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let result = search(&corpus().index, "oil OR hostilities", &[]);
    assert_eq!(result["query"], "oil OR hostilities");
    for hit in result["hits"].as_array().unwrap() {
        let hit = hit.as_object().unwrap();
        for key in hit.keys() {
            assert!(properties.contains_key(key), "{key} is not in the schema");
        }
        for key in &required {
            assert!(hit.contains_key(*key), "{key} missing");
        }
        for place in hit["locations"].as_array().unwrap() {
            assert!(place.as_str().unwrap().starts_with('/'));
        }
    }
}

#[test]
fn jsonl_and_csv_print_one_hit_per_line() {
    let run = |format: &str| {
        let out = newsdex()
            .args([
                "search", PHRASE, "--limit", "4", "--format", format, "--index",
            ])
            .arg(&corpus().index)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let jsonl = run("jsonl");
    assert_eq!(jsonl.lines().count(), 4);
    for line in jsonl.lines() {
        let hit: Value = serde_json::from_str(line).unwrap();
        assert!(hit["rank"].as_u64().is_some());
    }
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().next(), Some("rank"));
    assert_eq!(reader.records().count(), 4);
}

#[test]
fn text_output_shows_title_date_places_and_snippet() {
    let out = newsdex()
        .args([
            "search",
            PHRASE,
            "--location",
            "Syria",
            "--limit",
            "1",
            "--index",
        ])
        .arg(&corpus().index)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    assert!(text.contains("  1. "), "{text}");
    assert!(text.contains("/Syria"), "{text}");
    assert!(
        text.to_lowercase().contains("cessation of hostilities"),
        "{text}"
    );
    assert!(text.contains("5 articles match; showing 1–1."), "{text}");

    let coloured = newsdex()
        .args([
            "search", PHRASE, "--limit", "1", "--color", "always", "--index",
        ])
        .arg(&corpus().index)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(coloured.stdout)
            .unwrap()
            .contains('\u{1b}')
    );
}

#[test]
fn untitled_wire_story_has_no_title() {
    let result = search(&corpus().index, "\"field clinic\"", &[]);
    let hit = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            h["path"]
                .as_str()
                .unwrap()
                .ends_with("aleppo-hospital-shelling.txt")
        })
        .expect("the Aleppo wire story");
    assert_eq!(hit["title"], Value::Null);
}
