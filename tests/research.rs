//! Research tools on `sample-corpus/` through the real binary: proximity and prefix queries,
//! timeline, facets, show, stats, export and near-duplicate grouping.
//!
//! Every expected count here was checked independently of newsdex, by scanning the corpus
//! files (Python over the raw text; see tests/sample-corpus.md for what each file holds).

mod common;
use common::{Indexed, hit_files, newsdex, repo_path, sample_corpus as corpus, search};
use serde_json::Value;
use std::sync::OnceLock;

fn hits(query: &str) -> Vec<String> {
    let result = search(&corpus().index, query, &[]);
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

/// The nine articles with the exact phrase "cessation of hostilities".
const PHRASE_NINE: &[&str] = &[
    "aleppo-hospital-shelling.txt",
    "beirut-aleppo-airstrikes.json",
    "geneva-talks.txt",
    "pretoria-ethiopia-tigray-truce.txt.gz",
    "south-sudan-truce-signed.html",
    "south-sudan-truce-signed.txt",
    "syria-truce-analysis.md",
    "wire-2022.jsonl#line 1",
    "2016-05-09-aleppo-truce-extended.txt",
];

fn with(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<&str> = PHRASE_NINE.to_vec();
    v.extend_from_slice(extra);
    names(&v)
}

#[test]
fn phrase_slop_allows_words_between_in_order() {
    // "cessation of hostilities" has one word between; "cessation of the/all hostilities"
    // two; Libya's "Hostilities … cessation" is reversed and far apart.
    assert_eq!(hits("\"cessation hostilities\"~1"), with(&[]));
    assert_eq!(
        hits("\"cessation hostilities\"~2"),
        with(&["nagorno-karabakh-deal.json", "world-2021-2023.jsonl#line 4"])
    );
    assert_eq!(
        hits("\"cessation hostilities\"~3"),
        hits("\"cessation hostilities\"~2")
    );
    assert!(hits("\"cessation hostilities\"~0").is_empty());
    assert!(hits("\"hostilities cessation\"~5").is_empty());
}

#[test]
fn near_is_in_either_order_and_matches_inflections() {
    // Bare words match inflections: Havana's "cessation of hostility" counts.
    let near3 = with(&[
        "nagorno-karabakh-deal.json",
        "world-2021-2023.jsonl#line 4",
        "havana-farc-talks.txt",
    ]);
    assert_eq!(hits("cessation NEAR/3 hostilities"), near3);
    assert_eq!(hits("hostilities w/3 cessation"), near3);
    assert_eq!(hits("hostilities PRE/3 cessation"), Vec::<String>::new());
    // Quoted words are exact: "hostilities" leaves Havana out.
    assert_eq!(
        hits("cessation NEAR/3 \"hostilities\""),
        with(&["nagorno-karabakh-deal.json", "world-2021-2023.jsonl#line 4"])
    );
}

#[test]
fn near_joins_a_phrase_and_a_word() {
    // OPEC within 5 words of oil: the Vienna and Saudi headlines and the April 2020 wire.
    let opec = names(&[
        "vienna-output-deal.json",
        "energy-2020.ndjson#line 3",
        "saudi-oil-cut.md",
    ]);
    assert_eq!(hits("oil w/5 opec"), opec);
    assert_eq!(
        hits("opec PRE/3 oil"),
        names(&["vienna-output-deal.json", "energy-2020.ndjson#line 3"])
    );
}

#[test]
fn prefix_matches_every_word_that_starts_with_it() {
    let hostil = with(&[
        "nagorno-karabakh-deal.json",
        "world-2021-2023.jsonl#line 4",
        "havana-farc-talks.txt",
        "libya-berlin-conference.md",
        // Spanish "cese de hostilidades".
        "es-alepo-ginebra.json",
    ]);
    assert_eq!(hits("hostil*"), hostil);
    assert_eq!(hits("HOSTIL*"), hostil);
    assert_eq!(
        hits("\"cessation of hostil*\""),
        with(&["havana-farc-talks.txt"])
    );
    assert_eq!(
        hits("title:hostil*"),
        hits("title:\"cessation of hostilities\"")
    );
}

#[test]
fn proximity_highlights_mark_the_matched_words() {
    let result = search(&corpus().index, "\"cessation hostilities\"~2", &[]);
    for hit in result["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        let words: Vec<String> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                snippet[a as usize..b as usize].to_lowercase()
            })
            .collect();
        assert!(!words.is_empty(), "{}", hit["path"]);
        for w in &words {
            assert!(w == "cessation" || w == "hostilities", "{w}");
        }
    }
}

#[test]
fn bad_proximity_syntax_exits_2_with_advice() {
    for (query, advice) in [
        ("\"cessation hostilities\"~", "\"cessation hostilities\"~3"),
        ("oil NEAR opec", "NEAR/5"),
        ("(oil OR gas) NEAR/3 opec", "not (groups)"),
        ("h*", "at least 2 letters"),
        ("ho*st", "only allowed at the end"),
    ] {
        let out = newsdex()
            .args(["search", query, "--index"])
            .arg(&corpus().index)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{query}");
        assert!(out.stdout.is_empty(), "{query}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(advice), "{query}: {err}");
    }
}

fn json(args: &[&str]) -> Value {
    let out = newsdex()
        .args(args)
        .arg("--index")
        .arg(&corpus().index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn run_ok(args: &[&str]) -> String {
    let out = newsdex()
        .args(args)
        .arg("--index")
        .arg(&corpus().index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn run_fails(args: &[&str], advice: &str) {
    let out = newsdex()
        .args(args)
        .arg("--index")
        .arg(&corpus().index)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(advice), "{args:?}: {err}");
}

fn buckets(t: &Value) -> Vec<(String, u64)> {
    t["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["period"].as_str().unwrap().to_string(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(p, n)| (p.to_string(), *n)).collect()
}

const EXACT: &str = "\"cessation of hostilities\"";

#[test]
fn timeline_counts_per_year_with_empty_years() {
    // Dates of the nine phrase articles (tests/sample-corpus.md): 2014-01-23, five in
    // April-May 2016, 2017-12-21, 2022-04-02, 2022-11-02.
    let t = json(&["timeline", EXACT, "--by", "year", "--format", "json"]);
    assert_eq!(t["total"], 9);
    assert_eq!(t["undated"], 0);
    assert_eq!(
        buckets(&t),
        pairs(&[
            ("2014", 1),
            ("2015", 0),
            ("2016", 5),
            ("2017", 1),
            ("2018", 0),
            ("2019", 0),
            ("2020", 0),
            ("2021", 0),
            ("2022", 2),
        ])
    );
}

#[test]
fn timeline_by_month_and_week_within_from_to() {
    let args = ["--from", "2016-04", "--to", "2016-05", "--format", "json"];
    let mut month = vec!["timeline", EXACT, "--by", "month"];
    month.extend(args);
    assert_eq!(
        buckets(&json(&month)),
        pairs(&[("2016-04", 1), ("2016-05", 4)])
    );
    let mut week = vec!["timeline", EXACT, "--by", "week"];
    week.extend(args);
    let w = buckets(&json(&week));
    // Geneva (Thu Apr 28) and Beirut (Sun May 1) share ISO week 17; Aleppo (May 3) is
    // week 18; the extension (May 9) and the analysis (May 12) are week 19.
    assert_eq!(
        w.iter()
            .filter(|(_, n)| *n > 0)
            .cloned()
            .collect::<Vec<_>>(),
        pairs(&[("2016-W17", 2), ("2016-W18", 1), ("2016-W19", 2)])
    );
    assert_eq!(w.iter().map(|(_, n)| n).sum::<u64>(), 5);
    assert_eq!(
        w.first().unwrap().0,
        "2016-W13",
        "empty weeks from --from on"
    );
}

#[test]
fn timeline_csv_has_one_row_per_period() {
    let csv = run_ok(&["timeline", "*", "--by", "year", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("period,start,count"));
    let rows: Vec<&str> = lines.collect();
    // 57 of the 60 articles are dated, from 2014 to 2024: 11 years.
    assert_eq!(rows.len(), 11);
    let sum: u64 = rows
        .iter()
        .map(|r| r.rsplit(',').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(sum, 57);
    assert_eq!(rows[0], "2014,2014-01-01,2");
}

/// Compare with a golden file; `NEWSDEX_BLESS=1` rewrites it (then check it by eye).
fn golden(name: &str, actual: &str) {
    let path = repo_path("tests/golden").join(name);
    if std::env::var_os("NEWSDEX_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert_eq!(actual, expected, "{} differs", path.display());
}

#[test]
fn terminal_chart_matches_golden_file() {
    let chart = run_ok(&["timeline", EXACT, "--by", "year", "--width", "60"]);
    golden("timeline-phrase-by-year.txt", &chart);
}

#[test]
fn svg_chart_is_well_formed_with_one_bar_per_year() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("chart.svg");
    run_ok(&[
        "timeline",
        EXACT,
        "--by",
        "year",
        "--svg",
        svg_path.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    golden("timeline-phrase-by-year.svg", &svg);

    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut bars = Vec::new();
    let mut texts = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                depth += 1;
                if e.name().as_ref() == "rect" {
                    let attr =
                        |k: &str| e.try_get_attribute(k).unwrap().map(|a| a.value.to_string());
                    if let (Some(p), Some(c)) = (attr("data-period"), attr("data-count")) {
                        bars.push((p, c.parse::<u64>().unwrap()));
                    }
                }
            }
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                texts.push(t.into_inner().to_string());
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("SVG is not well-formed XML: {e}"),
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    assert_eq!(
        bars,
        pairs(&[
            ("2014", 1),
            ("2015", 0),
            ("2016", 5),
            ("2017", 1),
            ("2018", 0),
            ("2019", 0),
            ("2020", 0),
            ("2021", 0),
            ("2022", 2),
        ])
    );
    // The title names the query (its quotes escaped as entities).
    assert!(
        texts
            .concat()
            .contains("Articles matching cessation of hostilities per year")
    );
    assert!(svg.contains(
        "<title>Articles matching &quot;cessation of hostilities&quot; per year</title>"
    ));
}

/// Country counts recomputed from the places of every hit of a search.
fn countries_from_hits(query: &str) -> Vec<(String, u64)> {
    let result = search(&corpus().index, query, &[]);
    let mut counts = std::collections::BTreeMap::new();
    for hit in result["hits"].as_array().unwrap() {
        let mut countries: Vec<String> = hit["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let p = p.as_str().unwrap();
                format!("/{}", p.trim_start_matches('/').split('/').next().unwrap())
            })
            .collect();
        countries.sort();
        countries.dedup();
        for c in countries {
            *counts.entry(c).or_insert(0u64) += 1;
        }
    }
    let mut v: Vec<(String, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

fn facet_values(v: &Value) -> Vec<(String, u64)> {
    v["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["value"].as_str().unwrap().to_string(),
                x["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn place_facets_count_each_article_once_per_country() {
    for query in [EXACT, "oil", "*"] {
        let f = json(&["facets", query, "--top", "100", "--format", "json"]);
        assert_eq!(facet_values(&f), countries_from_hits(query), "{query}");
    }
    let f = json(&["facets", EXACT, "--top", "3", "--format", "json"]);
    assert_eq!(f["total"], 9);
    assert_eq!(facet_values(&f), countries_from_hits(EXACT)[..3]);
}

#[test]
fn cities_nest_under_their_country() {
    let f = json(&[
        "facets", EXACT, "--depth", "2", "--top", "100", "--format", "json",
    ]);
    let syria = f["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "/Syria")
        .unwrap();
    // All five Syria articles are datelined or set in Aleppo: the city in the region of
    // the same name (country → region → city).
    assert_eq!(syria["children"][0]["value"], "/Syria/Aleppo");
    assert_eq!(syria["children"][0]["count"], 5);
    let deep = json(&[
        "facets", EXACT, "--depth", "3", "--top", "100", "--format", "json",
    ]);
    let syria = deep["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == "/Syria")
        .unwrap();
    assert_eq!(
        syria["children"][0]["children"][0]["value"],
        "/Syria/Aleppo/Aleppo"
    );
    assert_eq!(syria["children"][0]["children"][0]["count"], 5);
    // --location picks the country and lists its cities.
    let under = json(&["facets", EXACT, "--location", "Syria", "--format", "json"]);
    assert_eq!(under["root"], "/Syria");
    assert_eq!(under["total"], 5);
    assert_eq!(under["values"][0]["value"], "/Syria/Aleppo");
    let csv = run_ok(&["facets", EXACT, "--depth", "2", "--format", "csv"]);
    assert!(csv.starts_with("value,parent,count\n"));
    assert!(csv.contains("/Syria/Aleppo,/Syria,5\n"), "{csv}");
}

#[test]
fn year_and_source_facets() {
    // Years of the 57 dated articles, from the dates in tests/sample-corpus.md.
    let f = json(&["facets", "*", "--field", "year", "--format", "json"]);
    let mut years = facet_values(&f);
    years.sort();
    assert_eq!(
        years,
        pairs(&[
            ("2014", 2),
            ("2015", 6),
            ("2016", 19),
            ("2017", 2),
            ("2018", 2),
            ("2019", 4),
            ("2020", 8),
            ("2021", 3),
            ("2022", 6),
            ("2023", 3),
            ("2024", 2),
        ])
    );
    let s = json(&[
        "facets",
        "oil AND opec",
        "--field",
        "source",
        "--format",
        "json",
    ]);
    assert_eq!(s["total"], 4);
    let sum: u64 = facet_values(&s).iter().map(|(_, n)| n).sum();
    assert!(sum <= 4);
}

#[test]
fn search_facets_adds_places_and_years() {
    let r = search(&corpus().index, EXACT, &["--facets"]);
    let years: Vec<(String, u64)> = r["facets"]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["value"].as_str().unwrap().to_string(),
                x["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years,
        pairs(&[("2014", 1), ("2016", 5), ("2017", 1), ("2022", 2)])
    );
    let places = facet_values(&serde_json::json!({"values": r["facets"]["places"]}));
    let expected = countries_from_hits(EXACT);
    assert_eq!(places, expected[..expected.len().min(10)]);
    assert!(search(&corpus().index, EXACT, &[]).get("facets").is_none());
}

#[test]
fn facets_and_timeline_reject_bad_flags() {
    run_fails(&["facets", "oil", "--depth", "0"], "--depth must be 1 to 4");
    run_fails(
        &["timeline", "oil", "--from", "2016-13"],
        "month must be 01",
    );
    run_fails(&["timeline", "\"oil"], "unbalanced quote");
    run_fails(
        &["facets", "oil", "--location", "Xyzzyland"],
        "unknown place",
    );
}

#[test]
fn stats_reports_the_whole_index() {
    let s = json(&["stats", "--format", "json"]);
    assert_eq!(s["articles"], 60);
    // 48 files were read (50 seen, 2 bad); tests/sample-corpus.md counts by format.
    assert_eq!(s["files"], 48);
    // Three stories have a date only deep in their text (tests/sample-corpus.md).
    assert_eq!(s["undated"], 3);
    assert_eq!(s["first_date"], "2014-01-23T00:00:00Z");
    assert!(s["last_date"].as_str().unwrap().starts_with("2024-10-27"));
    let formats: Vec<(String, u64)> = facet_values(&serde_json::json!({"values": s["formats"]}));
    assert_eq!(
        formats,
        pairs(&[
            ("txt", 22),
            ("json", 12),
            ("jsonl", 12),
            ("html", 8),
            ("md", 6)
        ])
    );
    assert!(s["size_bytes"].as_u64().unwrap() > 0);
    assert_eq!(s["schema_version"], serde_json::json!(schema_version()));
    let text = run_ok(&["stats"]);
    assert!(text.contains("articles:       60\n"), "{text}");
}

fn schema_version() -> u64 {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(repo_path("schema/index.json")).unwrap())
            .unwrap();
    schema["version"].as_u64().unwrap()
}

#[test]
fn show_prints_the_whole_stored_article() {
    let hit = &search(&corpus().index, "\"field clinic\"", &[])["hits"][0];
    let id = hit["id"].as_str().unwrap();
    let text = run_ok(&["show", id, "--width", "60"]);
    assert!(text.starts_with("(untitled)\n"), "{text}");
    assert!(
        text.contains("date:     2016-05-03 00:00 UTC (from path)"),
        "{text}"
    );
    assert!(text.contains("dateline: /Syria/Aleppo/Aleppo\n"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 60
        || !l.contains(' ')
        || l.starts_with("mentions")
        || l.starts_with("about")
        || l.starts_with("path")));
    // The last words of the body are there: the whole article, not a snippet.
    let a = json(&[
        "show",
        id,
        "--format",
        "json",
        "--query",
        "\"cessation hostilities\"~1",
    ]);
    let body = a["body"].as_str().unwrap();
    let last_word = body.split_whitespace().last().unwrap();
    assert!(text.trim_end().ends_with(last_word), "{text}");
    let marked: Vec<&str> = a["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &body[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["cessation", "hostilities"]);
}

#[test]
fn show_by_path_lists_every_article_of_the_file() {
    let path = repo_path("sample-corpus/feeds/wire-2022.jsonl");
    let out = run_ok(&["show", path.to_str().unwrap(), "--format", "json"]);
    let members: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["member"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(members, ["line 1", "line 2", "line 4", "line 5"]);
    run_fails(&["show", "no-such-id"], "no article with id or path");
    // Shaped like an id (16 hex digits), so looked up by number, but not in the index.
    run_fails(&["show", "0123456789abcdef"], "no article with id or path");
}

#[test]
fn export_all_streams_every_match_with_chosen_fields() {
    // 14 articles have a word starting with "hostil" (see prefix test).
    let csv = run_ok(&[
        "search",
        "hostil*",
        "--all",
        "--format",
        "csv",
        "--fields",
        "title,date,url",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["title", "date", "url"]
    );
    assert_eq!(reader.records().count(), 14);
    let jsonl = run_ok(&["search", "*", "--all", "--format", "jsonl"]);
    assert_eq!(
        jsonl.lines().count(),
        60,
        "more than the default --limit 10"
    );
    let ids: std::collections::HashSet<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 60);
    // Filters apply.
    let filtered = run_ok(&[
        "search", EXACT, "--all", "--format", "jsonl", "--from", "2016", "--to", "2016",
        "--fields", "date",
    ]);
    assert_eq!(filtered.lines().count(), 5);
    // Ranked hits can be trimmed to the same columns.
    let top = run_ok(&[
        "search",
        EXACT,
        "--format",
        "csv",
        "--fields",
        "rank,title",
        "--limit",
        "2",
    ]);
    assert_eq!(top.lines().count(), 3);
    assert!(top.starts_with("rank,title\n1,"));
}

#[test]
fn export_flags_are_checked() {
    run_fails(
        &["search", "oil", "--all"],
        "--format csv or --format jsonl",
    );
    run_fails(
        &[
            "search", "oil", "--all", "--format", "csv", "--fields", "rank",
        ],
        "needs ranked results",
    );
    run_fails(
        &[
            "search",
            "oil",
            "--format",
            "csv",
            "--fields",
            "title,author",
        ],
        "unknown field \"author\"",
    );
    run_fails(
        &["search", "oil", "--fields", "title"],
        "--format csv or jsonl",
    );
}

/// `tests/fixtures/dups/`: stories written for these tests. `ferry-wire.json` is republished
/// three times (new headline + byline + two edits + footer; cut to three of four paragraphs;
/// four phrases reworded); `vellan-bridge.json` once (digits for numbers, a footer);
/// `skarra-ferry-link.json` is the same event written independently, not a copy. "ferry"
/// matches all seven (the bridge story mentions a ferry shuttle).
fn dups() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| Indexed::new(&[&repo_path("tests/fixtures/dups")]))
}

fn file_name(v: &Value) -> String {
    v["path"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn near_copies_are_grouped_under_the_best_ranked_one() {
    let r = search(&dups().index, "ferry", &[]);
    assert_eq!(r["total"], 7, "total counts every matching article");
    // Copies are listed by id; every article's file, by id, from the ungrouped results.
    let files: std::collections::HashMap<String, String> =
        search(&dups().index, "ferry", &["--all-copies"])["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h["id"].as_str().unwrap().to_string(), file_name(h)))
            .collect();
    assert_eq!(files.len(), 7);
    let mut groups: Vec<Vec<String>> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let similar = h
                .get("similar")
                .and_then(|s| s.as_array())
                .cloned()
                .unwrap_or_default();
            assert_eq!(
                h.get("similar_count").and_then(Value::as_u64).unwrap_or(0) as usize,
                similar.len()
            );
            let mut g: Vec<String> = std::iter::once(file_name(h))
                .chain(
                    similar
                        .iter()
                        .map(|c| files[c["id"].as_str().unwrap()].clone()),
                )
                .collect();
            g.sort();
            g
        })
        .collect();
    groups.sort();
    assert_eq!(
        groups,
        [
            vec![
                "ferry-herald.json",
                "ferry-rewrite.json",
                "ferry-short.json",
                "ferry-wire.json"
            ],
            vec!["skarra-ferry-link.json"],
            vec!["vellan-bridge-copy.json", "vellan-bridge.json"],
        ]
    );
    let text = String::from_utf8(
        newsdex()
            .args(["search", "ferry", "--index"])
            .arg(&dups().index)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("+3 similar"), "{text}");
    assert!(text.contains("+1 similar"), "{text}");
    assert!(
        text.contains(
            "7 articles match; showing 1–3 of 3 results (near-copies of a story are one result)."
        ),
        "{text}"
    );
}

#[test]
fn all_copies_lists_every_copy_and_paging_counts_groups() {
    let all = search(&dups().index, "ferry", &["--all-copies"]);
    assert_eq!(all["total"], 7);
    assert_eq!(all["hits"].as_array().unwrap().len(), 7);
    assert!(all["hits"][0].get("similar").is_none());
    let page = search(&dups().index, "ferry", &["--limit", "1", "--offset", "1"]);
    assert_eq!(page["total"], 7);
    assert_eq!(page["hits"].as_array().unwrap().len(), 1);
    assert_eq!(page["hits"][0]["rank"], 2);
    // A query only one copy matches is not grouped with copies that do not match.
    let short = search(&dups().index, "\"Additional reporting by Wire staff\"", &[]);
    assert_eq!(hit_files(&short), ["ferry-herald.json"]);
    assert!(short["hits"][0].get("similar").is_none());
}

#[test]
fn sample_corpus_has_no_near_duplicates() {
    let grouped = search(&corpus().index, "*", &[]);
    let all = search(&corpus().index, "*", &["--all-copies"]);
    assert_eq!(grouped["total"], 60);
    assert_eq!(hit_files(&grouped), hit_files(&all));
}

#[test]
fn grouped_hits_follow_the_article_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_path("schema/article.schema.json")).unwrap(),
    )
    .unwrap();
    let properties = schema["properties"].as_object().unwrap();
    let similar_keys = schema["properties"]["similar"]["items"]["properties"]
        .as_object()
        .unwrap();
    let r = search(&dups().index, "ferry", &[]);
    let mut grouped = 0;
    for hit in r["hits"].as_array().unwrap() {
        for key in hit.as_object().unwrap().keys() {
            assert!(properties.contains_key(key), "{key} is not in the schema");
        }
        for copy in hit
            .get("similar")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            grouped += 1;
            for key in copy.as_object().unwrap().keys() {
                assert!(
                    similar_keys.contains_key(key),
                    "similar.{key} is not in the schema"
                );
            }
        }
    }
    assert!(grouped > 0, "the fixture has near-copies");
}
