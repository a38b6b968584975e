//! Why each about place was chosen (`location_basis`) end to end: stored per article,
//! printed by search (JSON, CSV), show and stats, filtered on by `--location-basis`, and
//! an index of the schema before it refused with the advice to rebuild.

mod common;

use common::server::Server;
use common::{Indexed, hit_files, newsdex, run_ok, search};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Stories whose places are featured in different ways.
const STORIES: &[(&str, &str)] = &[
    // The place is in the headline only.
    (
        "headline.txt",
        "Iraq oil exports resume\n\nOil exports from the northern fields resumed on Monday \
         after repairs to the pipeline, officials said.\n\nShipments are expected to reach \
         their earlier level within a month.\n",
    ),
    // Named in three sentences of the body, nowhere else.
    (
        "repeated.txt",
        "Tea prices climb\n\nTea prices rose sharply this week, traders said on Friday.\n\n\
         Growers in Kenya blamed the dry weather for a smaller crop.\n\nAuctions in Kenya drew \
         more buyers than last year.\n\nExporters in Kenya expect prices to stay high until the \
         rains return.\n",
    ),
    // No place named: British institutions point to the country.
    (
        "fallback.txt",
        "School meals plan approved\n\nFree school meals will reach more children after a vote \
         on Tuesday.\n\nThe Tories said the plan would cost too much.\n\nLabour said it would \
         help families through the winter.\n",
    ),
    // One place in the headline, another repeated in the body.
    (
        "mixed.txt",
        "Iraq and its neighbour agree water deal\n\nOfficials from Iraq signed the agreement on \
         Sunday after two years of talks.\n\nFarmers in Syria have suffered from low river levels.\n\n\
         Engineers in Syria will build new channels.\n\nVillages in Syria will get water first.\n",
    ),
];

fn indexed() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| Indexed::of_files(STORIES))
}

/// The fields of a hit these tests read; a renamed key fails to decode.
#[derive(Deserialize)]
struct Hit {
    id: String,
    path: String,
    locations: Vec<String>,
    location_basis: Vec<String>,
}

#[derive(Deserialize)]
struct Hits {
    hits: Vec<Hit>,
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or_default().to_string()
}

/// Each file's places with their bases, as `search --format json` prints them.
fn bases(flags: &[&str]) -> BTreeMap<String, Vec<(String, String)>> {
    let result: Hits = serde_json::from_value(search(&indexed().index, "*", flags)).unwrap();
    result
        .hits
        .into_iter()
        .map(|h| {
            assert_eq!(h.locations.len(), h.location_basis.len(), "{}", h.path);
            let places = h.locations.into_iter().zip(h.location_basis).collect();
            (file_name(&h.path), places)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, b)| (p.to_string(), b.to_string()))
        .collect()
}

#[test]
fn json_hits_give_each_about_place_its_basis() {
    let got = bases(&[]);
    let expected: BTreeMap<String, Vec<(String, String)>> = [
        ("fallback.txt", pairs(&[("/United Kingdom", "fallback")])),
        ("headline.txt", pairs(&[("/Iraq", "headline")])),
        (
            "mixed.txt",
            pairs(&[("/Iraq", "headline"), ("/Syria", "repeated")]),
        ),
        ("repeated.txt", pairs(&[("/Kenya", "repeated")])),
    ]
    .into_iter()
    .map(|(f, p)| (f.to_string(), p))
    .collect();
    assert_eq!(got, expected);
}

#[test]
fn csv_fields_and_show_print_the_basis() {
    let csv = run_ok(
        &[
            "search",
            "title:iraq",
            "--format",
            "csv",
            "--fields",
            "title,locations,location_basis",
            "--sort",
            "oldest",
        ],
        &indexed().index,
    );
    let mut rows: Vec<&str> = std::str::from_utf8(&csv).unwrap().lines().collect();
    rows[1..].sort_unstable();
    assert_eq!(
        rows,
        [
            "title,locations,location_basis",
            "Iraq and its neighbour agree water deal,/Iraq;/Syria,headline;repeated",
            "Iraq oil exports resume,/Iraq,headline",
        ]
    );
    let result: Hits =
        serde_json::from_value(search(&indexed().index, "title:neighbour", &[])).unwrap();
    let shown = run_ok(&["show", &result.hits[0].id], &indexed().index);
    let shown = String::from_utf8(shown).unwrap();
    assert!(
        shown.contains("\nabout:    /Iraq (headline), /Syria (repeated)\n"),
        "{shown}"
    );
}

#[test]
fn the_text_list_names_only_the_weak_bases() {
    let text = run_ok(&["search", "title:neighbour"], &indexed().index);
    let text = String::from_utf8(text).unwrap();
    // The headline place stands alone; the place guessed from repeated mentions says so.
    assert!(text.contains(" · /Iraq, /Syria (repeated)"), "{text}");
    let text = run_ok(
        &["search", "*", "--location-basis", "fallback"],
        &indexed().index,
    );
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains(" · /United Kingdom (fallback)"), "{text}");
}

#[test]
fn stats_count_the_articles_of_each_basis() {
    let out = run_ok(&["stats", "--format", "json"], &indexed().index);
    let stats: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        stats["location_basis"],
        serde_json::json!([
            {"value": "headline", "count": 2},
            {"value": "repeated", "count": 2},
            {"value": "fallback", "count": 1},
        ])
    );
    let text = String::from_utf8(run_ok(&["stats"], &indexed().index)).unwrap();
    assert!(
        text.contains("\nlocation basis: headline 2, repeated 2, fallback 1\n"),
        "{text}"
    );
}

#[test]
fn an_index_of_the_schema_before_the_basis_is_refused_with_the_advice_to_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    std::fs::write(archive.join("headline.txt"), STORIES[0].1).unwrap();
    let index = dir.path().join("idx");
    common::index(&index, &[&archive]);
    // As newsdex wrote it before articles kept their places' bases.
    let record = index.join("newsdex.json");
    let text = std::fs::read_to_string(&record).unwrap();
    let current = newsdex::index::NewsSchema::embedded().version;
    std::fs::write(
        &record,
        text.replace(
            &format!("\"schema_version\": {current}"),
            &format!("\"schema_version\": {}", current - 1),
        ),
    )
    .unwrap();
    let output = newsdex()
        .args(["search", "oil", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "error: the index at {0} was written with schema version {1}, but this newsdex uses version {current}: rebuild it with `newsdex index <FOLDER> --index {0} --rebuild`\n",
            index.display(),
            current - 1
        )
    );
}

/// Files of `search '*' FLAGS`, sorted.
fn files(flags: &[&str]) -> Vec<String> {
    hit_files(&search(&indexed().index, "*", flags))
}

#[test]
fn location_basis_keeps_a_place_only_when_that_place_was_chosen_on_one_of_them() {
    let iraq = ["--location", "Iraq"];
    assert_eq!(files(&iraq), ["headline.txt", "mixed.txt"]);
    assert_eq!(
        files(&[&iraq[..], &["--location-basis", "headline"]].concat()),
        ["headline.txt", "mixed.txt"]
    );
    // mixed.txt is about Iraq by its headline, but about Syria only by repeated mentions:
    // the basis is the matched place's, not any place's of the article.
    let syria = ["--location", "Syria"];
    assert_eq!(
        files(&[&syria[..], &["--location-basis", "headline"]].concat()),
        Vec::<String>::new()
    );
    assert_eq!(
        files(&[&syria[..], &["--location-basis", "dateline,repeated"]].concat()),
        ["mixed.txt"]
    );
    // A country matches through the places under it, each with its own basis.
    assert_eq!(
        files(&["--location", "Asia", "--location-basis", "repeated"]),
        ["mixed.txt"]
    );
    // Without --location, any place the story is about.
    assert_eq!(files(&["--location-basis", "fallback"]), ["fallback.txt"]);
    assert_eq!(
        files(&[
            "--location-basis",
            "Repeated",
            "--location-basis",
            "headline"
        ]),
        ["headline.txt", "mixed.txt", "repeated.txt"]
    );
    // The other query commands filter alike.
    let counted = run_ok(
        &[
            "facets",
            "*",
            "--location-basis",
            "repeated",
            "--format",
            "json",
        ],
        &indexed().index,
    );
    let counted: serde_json::Value = serde_json::from_slice(&counted).unwrap();
    assert_eq!(counted["total"], 2);
    let timeline = run_ok(
        &[
            "timeline",
            "*",
            "--location",
            "Syria",
            "--location-basis",
            "headline",
            "--format",
            "json",
        ],
        &indexed().index,
    );
    let timeline: serde_json::Value = serde_json::from_slice(&timeline).unwrap();
    assert_eq!(timeline["total"], 0);
}

/// Exit status and stderr of a run that must fail.
fn refused(args: &[&str]) -> (Option<i32>, String) {
    let output = newsdex()
        .args(args)
        .arg("--index")
        .arg(&indexed().index)
        .output()
        .unwrap();
    assert!(output.stdout.is_empty());
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn export_keeps_only_the_articles_on_the_bases_given() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("export");
    let exported = |flags: &[&str]| -> Vec<String> {
        let _ = std::fs::remove_dir_all(&dir);
        let dir_arg = dir.to_str().unwrap();
        run_ok(
            &[&["export", "--to", "opensearch", dir_arg][..], flags].concat(),
            &indexed().index,
        );
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ndjson") {
                for line in std::fs::read_to_string(&path).unwrap().lines() {
                    let record: serde_json::Value = serde_json::from_str(line).unwrap();
                    if let Some(path) = record["path"].as_str() {
                        files.push(file_name(path));
                    }
                }
            }
        }
        files.sort();
        files
    };
    assert_eq!(
        exported(&["--location", "Syria", "--location-basis", "repeated"]),
        ["mixed.txt"]
    );
    assert_eq!(
        exported(&["--location-basis", "fallback"]),
        ["fallback.txt"]
    );
    assert_eq!(
        exported(&["--lang", "en"]),
        ["fallback.txt", "headline.txt", "mixed.txt", "repeated.txt"]
    );
    assert_eq!(exported(&["--lang", "fr"]), Vec::<String>::new());
    // The engines' queries cannot join a place to its basis: said, not silently dropped.
    let (code, stderr) = refused(&[
        "export",
        "--to",
        "quickwit",
        "--show-query",
        "--location",
        "Iraq",
        "--location-basis",
        "headline",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: no quickwit form for this query: --location-basis"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_basis_or_one_with_mentions_exits_2_saying_what_to_give() {
    for command in ["search", "timeline", "facets"] {
        assert_eq!(
            refused(&[command, "*", "--location-basis", "headline,hunch"]),
            (
                Some(2),
                "error: unknown location basis \"hunch\" in --location-basis: choose from metadata, dateline, headline, lead, repeated, fallback\n"
                    .to_string()
            ),
            "{command}"
        );
    }
    assert_eq!(
        refused(&[
            "search",
            "*",
            "--location",
            "Iraq",
            "--mentions",
            "--location-basis",
            "lead"
        ]),
        (
            Some(2),
            "error: --location-basis says why a place the story is about was chosen, and --mentions matches places only mentioned; drop one of them\n"
                .to_string()
        )
    );
}

#[test]
fn the_api_takes_location_basis_and_shows_each_places_basis() {
    let s = Server::start(&indexed().index);
    let api = s.json("/api/search?q=*&location=Iraq&location_basis=headline&limit=100");
    assert_eq!(hit_files(&api), ["headline.txt", "mixed.txt"]);
    let api = s.json("/api/search?q=*&location_basis=fallback&location_basis=lead%2Crepeated");
    assert_eq!(
        hit_files(&api),
        ["fallback.txt", "mixed.txt", "repeated.txt"]
    );
    assert_eq!(
        s.error("/api/search?q=*&location_basis=hunch", 400),
        "unknown location basis \"hunch\" in --location-basis: choose from metadata, dateline, headline, lead, repeated, fallback"
    );
    let mixed = search(&indexed().index, "title:neighbour", &[]);
    let id = mixed["hits"][0]["id"].as_str().unwrap();
    let article = s.json(&format!("/api/article/{id}"));
    assert_eq!(article["locations"], serde_json::json!(["/Iraq", "/Syria"]));
    assert_eq!(
        article["location_basis"],
        serde_json::json!(["headline", "repeated"])
    );
    let shown = run_ok(&["show", id, "--format", "json"], &indexed().index);
    let shown: serde_json::Value = serde_json::from_slice(&shown).unwrap();
    assert_eq!(shown["location_basis"], article["location_basis"]);
}
