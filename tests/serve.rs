//! `newsdex serve` end to end: the real binary on an ephemeral port, every API route
//! compared with the CLI's own `--format json` output, bad requests, hostile articles, and
//! an index run in another process while the server answers.

mod common;
use common::server::{HOSTILE_TITLE, Server, write_hostile_corpus};
use common::{index, newsdex, repo_path, run_ok};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

struct Indexed {
    index: PathBuf,
}

/// The sample corpus, indexed once per run under cargo's temporary folder for tests (a static
/// is never dropped, so nothing that must be cleaned up lives in it: each test starts, and on
/// drop stops, its own server over this index).
fn corpus() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| {
        let idx = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-sample-index");
        if idx.exists() {
            std::fs::remove_dir_all(&idx).unwrap();
        }
        index(&idx, &[&repo_path("sample-corpus")]);
        Indexed { index: idx }
    })
}

/// stdout of a CLI run that must succeed.
fn cli(args: &[&str]) -> String {
    String::from_utf8(run_ok(args, &corpus().index)).expect("utf-8")
}

/// The one-line message of a CLI run that must exit 2.
fn cli_error(args: &[&str]) -> String {
    let output = newsdex()
        .args(args)
        .arg("--index")
        .arg(&corpus().index)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    stderr
        .trim_end()
        .strip_prefix("error: ")
        .expect("error: prefix")
        .to_string()
}

fn cli_json(args: &[&str]) -> Value {
    serde_json::from_str(&cli(args)).expect("CLI JSON")
}

#[test]
fn search_answers_with_the_clis_json() {
    let s = Server::start(&corpus().index);
    let api = s.json(
        "/api/search?q=%22cessation+of+hostilities%22&from=2016-04&to=2016-05&location=Syria",
    );
    let cli = cli_json(&[
        "search",
        "\"cessation of hostilities\"",
        "--from",
        "2016-04",
        "--to",
        "2016-05",
        "--location",
        "Syria",
        "--format",
        "json",
    ]);
    assert_eq!(api, cli);
    assert_eq!(api["total"], 5);

    // Sort, paging, copies and facets use the flags' names.
    let api =
        s.json("/api/search?q=aleppo&sort=newest&limit=2&offset=1&all_copies=true&facets=true");
    let cli = cli_json(&[
        "search",
        "aleppo",
        "--sort",
        "newest",
        "--limit",
        "2",
        "--offset",
        "1",
        "--all-copies",
        "--facets",
        "--format",
        "json",
    ]);
    assert_eq!(api, cli);
    assert_eq!(api["hits"].as_array().unwrap().len(), 2);

    // Several places: any of them.
    let api = s.json("/api/search?q=*&location=Syria&location=U.S.&mentions=true&limit=100");
    let cli = cli_json(&[
        "search",
        "*",
        "--location",
        "Syria",
        "--location",
        "U.S.",
        "--mentions",
        "--limit",
        "100",
        "--format",
        "json",
    ]);
    assert_eq!(api, cli);

    // A source from the facet panel filters to exactly the articles it counts.
    let sources = s.json("/api/facets?q=*&field=source&top=3");
    let top = &sources["values"][0];
    let name = top["value"].as_str().unwrap();
    let api = s.json(&format!(
        "/api/search?q=*&limit=100&source={}",
        name.replace(' ', "+")
    ));
    assert_eq!(api["total"], top["count"]);
    assert!(
        api["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["source"] == name)
    );
    let cli = cli_json(&[
        "search", "*", "--source", name, "--limit", "100", "--format", "json",
    ]);
    assert_eq!(api, cli);
    let both = s.json(&format!(
        "/api/search?q=*&limit=100&source={}&source={}",
        name.replace(' ', "+"),
        sources["values"][1]["value"]
            .as_str()
            .unwrap()
            .replace(' ', "+")
    ));
    assert_eq!(
        both["total"].as_u64().unwrap(),
        top["count"].as_u64().unwrap() + sources["values"][1]["count"].as_u64().unwrap()
    );

    // Languages and date sources, as the CLI's --lang and --date-source (a list or repeated).
    for (query, args) in [
        ("lang=fr,de", vec!["--lang", "fr,de"]),
        ("lang=fr&lang=ru", vec!["--lang", "fr", "--lang", "ru"]),
        (
            "date_source=metadata,path",
            vec!["--date-source", "metadata,path"],
        ),
        ("date_source=byline", vec!["--date-source", "byline"]),
    ] {
        let api = s.json(&format!("/api/search?q=*&limit=100&{query}"));
        let mut flags = vec!["search", "*", "--limit", "100", "--format", "json"];
        flags.extend(args);
        assert_eq!(api, cli_json(&flags), "{query}");
        assert!(api["total"].as_u64().unwrap() > 0, "{query}");
    }
}

#[test]
fn facets_timeline_stats_and_article_match_the_cli() {
    let s = Server::start(&corpus().index);
    assert_eq!(
        s.json("/api/facets?q=*&field=location&depth=2&top=5"),
        cli_json(&[
            "facets", "*", "--field", "location", "--depth", "2", "--top", "5", "--format", "json"
        ])
    );
    assert_eq!(
        s.json("/api/facets?q=aleppo&location=Syria"),
        cli_json(&[
            "facets",
            "aleppo",
            "--location",
            "Syria",
            "--format",
            "json"
        ])
    );
    assert_eq!(
        s.json("/api/timeline?q=truce&by=week"),
        cli_json(&["timeline", "truce", "--by", "week", "--format", "json"])
    );
    assert_eq!(
        s.json("/api/stats"),
        cli_json(&["stats", "--format", "json"])
    );
    let hit = &s.json("/api/search?q=%22cessation+of+hostilities%22&limit=1")["hits"][0];
    let id = hit["id"].as_str().unwrap();
    let article = s.json(&format!(
        "/api/article/{id}?query=%22cessation+of+hostilities%22"
    ));
    let shown = cli_json(&[
        "show",
        id,
        "--query",
        "\"cessation of hostilities\"",
        "--format",
        "json",
    ]);
    assert_eq!(article, shown);
    assert!(!article["highlights"].as_array().unwrap().is_empty());
}

#[test]
fn exports_stream_what_search_all_prints() {
    let s = Server::start(&corpus().index);
    let (status, content_type, csv) = s.get("/api/export.csv?q=aleppo&location=Syria");
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert_eq!(
        csv,
        cli(&[
            "search",
            "aleppo",
            "--location",
            "Syria",
            "--all",
            "--format",
            "csv"
        ])
    );
    // A row per match of the same search: at least the six English stories about Aleppo,
    // and those of sample-corpus/world in other languages that spell it so.
    let search = cli(&[
        "search",
        "aleppo",
        "--location",
        "Syria",
        "--format",
        "json",
    ]);
    let total = serde_json::from_str::<serde_json::Value>(&search).unwrap()["total"]
        .as_u64()
        .unwrap();
    assert!(total >= 6, "{search}");
    assert_eq!(csv.lines().count() as u64, 1 + total, "{csv}");
    let (status, _, jsonl) = s.get("/api/export.jsonl?q=*&fields=id,title,date");
    assert_eq!(status, 200);
    assert_eq!(
        jsonl,
        cli(&[
            "search",
            "*",
            "--all",
            "--format",
            "jsonl",
            "--fields",
            "id,title,date"
        ])
    );
    assert_eq!(jsonl.lines().count(), 60);
}

#[test]
fn bad_requests_get_the_clis_message_with_status_400() {
    let s = Server::start(&corpus().index);
    for (path, args) in [
        ("/api/search?q=%22oil", vec!["search", "\"oil"]),
        ("/api/search?q=oil+AND", vec!["search", "oil AND"]),
        (
            "/api/search?q=oil&from=2016-13",
            vec!["search", "oil", "--from", "2016-13"],
        ),
        (
            "/api/search?q=oil&from=2017&to=2016",
            vec!["search", "oil", "--from", "2017", "--to", "2016"],
        ),
        (
            "/api/search?q=oil&location=Xqzzyland",
            vec!["search", "oil", "--location", "Xqzzyland"],
        ),
        (
            "/api/search?q=oil&lang=xx",
            vec!["search", "oil", "--lang", "xx"],
        ),
        (
            "/api/search?q=oil&date_source=guess",
            vec!["search", "oil", "--date-source", "guess"],
        ),
        (
            "/api/facets?q=oil&depth=9",
            vec!["facets", "oil", "--depth", "9"],
        ),
        (
            "/api/article/0123456789abcdef?query=(oil",
            vec!["show", "0123456789abcdef", "--query", "(oil"],
        ),
    ] {
        assert_eq!(s.error(path, 400), cli_error(&args), "{path}");
    }
    assert_eq!(
        s.error("/api/search?q=oil&titel=x", 400),
        "unknown parameter \"titel\": this route takes q, from, to, location, mentions, location_basis, date_source, source, lang, sort, limit, offset, all_copies, facets"
    );
    assert_eq!(
        s.error("/api/search", 400),
        "parameter \"q\" is missing: give a query, or * for every article"
    );
    for (path, args) in [
        (
            "/api/search?q=oil&limit=100000",
            vec!["search", "oil", "--limit", "100000"],
        ),
        (
            "/api/search?q=oil&offset=18446744073709551615&all_copies=true",
            vec![
                "search",
                "oil",
                "--offset",
                "18446744073709551615",
                "--all-copies",
            ],
        ),
    ] {
        assert_eq!(s.error(path, 400), cli_error(&args), "{path}");
    }
    assert_eq!(
        s.error("/api/search?q=oil&sort=best", 400),
        "invalid value \"best\" for \"sort\": choose relevance, newest, oldest"
    );
    assert_eq!(
        s.error("/api/timeline?q=oil&by=decade", 400),
        "invalid value \"decade\" for \"by\": choose day, week, month, year"
    );
    assert_eq!(
        s.error(&format!("/api/search?q={}", "a".repeat(20_000)), 400),
        "the request's parameters are 20002 bytes; at most 16384 are accepted"
    );
}

#[test]
fn unknown_articles_and_paths_are_404_and_no_path_reaches_the_disk() {
    let s = Server::start(&corpus().index);
    assert_eq!(
        s.error("/api/article/0123456789abcdef", 404),
        "no article with id \"0123456789abcdef\" in this index"
    );
    // A file path where an id belongs is not looked up on disk.
    let readme = repo_path("README.md");
    let encoded: String = form_urlencoded(&readme.to_string_lossy());
    s.error(&format!("/api/article/{encoded}"), 404);
    for path in [
        "/nope",
        "/assets/../Cargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/assets/index.html",
        "/api/nothing",
    ] {
        let (status, _, body) = s.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("[package]"), "{path}");
    }
    // The page shell is served for the page's own routes, with a strict policy.
    let (status, content_type, body) = s.get("/article/0123456789abcdef");
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(body.contains("<script src=\"/assets/app.js\" defer></script>"));
    let (status, _, js) = s.get("/assets/app.js");
    assert_eq!(status, 200);
    assert!(js.contains("textContent"));
}

fn form_urlencoded(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn place_names_complete_from_the_index_and_aliases() {
    let s = Server::start(&corpus().index);
    let found = s.json("/api/places?q=alep");
    let paths: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"/Syria/Aleppo/Aleppo"), "{paths:?}");
    let found = s.json("/api/places?q=U.S.");
    assert_eq!(found[0]["path"], "/United States", "{found}");
    assert_eq!(s.json("/api/places?q=zzzzqx"), serde_json::json!([]));
}

#[test]
fn hostile_article_text_comes_back_as_json_strings_only() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_hostile_corpus(&corpus);
    let idx = dir.path().join("idx");
    index(&idx, &[&corpus]);
    let server = Server::start(&idx);
    let result = server.json("/api/search?q=hostilities&sort=oldest");
    assert_eq!(result["total"], 2);
    assert_eq!(result["hits"][0]["title"], HOSTILE_TITLE);
    assert_eq!(result["hits"][1]["url"], "javascript:window.__pwned=3");
    // Nothing the server writes itself is HTML built from the article.
    let (_, content_type, _) = server.get("/api/search?q=hostilities");
    assert!(content_type.starts_with("application/json"));
    let (_, _, csv) = server.get("/api/export.csv?q=hostilities&fields=title,source");
    assert!(
        csv.contains("</textarea><svg onload=window.__pwned=4>"),
        "{csv}"
    );
}

#[test]
fn new_commits_show_up_while_searches_keep_answering() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_hostile_corpus(&corpus);
    let idx = dir.path().join("idx");
    index(&idx, &[&corpus]);
    let server = Server::start(&idx);
    assert_eq!(server.json("/api/search?q=*")["total"], 2);

    // Add articles and index them in another process while the server is searched.
    let more = dir.path().join("corpus/more");
    std::fs::create_dir_all(&more).unwrap();
    for i in 0..200 {
        std::fs::write(
            more.join(format!("story-{i}.txt")),
            format!("Story {i}\n\nGENEVA, May 3 (Reuters) - Talks on Aleppo resumed, round {i}.\n"),
        )
        .unwrap();
    }
    let mut run = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .arg("index")
        .arg(&corpus)
        .arg("--index")
        .arg(&idx)
        .args(["--commit-every", "50"])
        .env_remove("NEWSDEX_INDEX")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut totals = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let total = server.json("/api/search?q=*")["total"].as_u64().unwrap();
        totals.push(total);
        let done = run.try_wait().unwrap().is_some();
        if (done && total == 202) || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(run.wait().unwrap().success());
    assert_eq!(totals.last(), Some(&202), "{totals:?}");
    // Every answer was a committed state: never fewer than before, never more than all.
    assert!(totals.windows(2).all(|w| w[0] <= w[1]), "{totals:?}");
}

#[test]
fn a_missing_index_is_the_clis_error_and_a_busy_port_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsdex()
        .args(["serve", "--port", "0", "--index"])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: no newsdex index at "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let s = Server::start(&corpus().index);
    let port = s.base.rsplit(':').next().unwrap();
    let output = newsdex()
        .args(["serve", "--port", port, "--index"])
        .arg(&corpus().index)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("choose another --port"), "{stderr}");
}

#[test]
fn a_public_host_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_hostile_corpus(&corpus);
    let idx = dir.path().join("idx");
    index(&idx, &[&corpus]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
        .args(["serve", "--port", "0", "--host", "0.0.0.0", "--index"])
        .arg(&idx)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    let mut second = String::new();
    err.read_line(&mut first).unwrap();
    err.read_line(&mut second).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.starts_with("serving "), "{first}");
    assert_eq!(
        second.trim_end(),
        "warning: listening on 0.0.0.0: anyone who can reach this address can read the whole archive"
    );
}
