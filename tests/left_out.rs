//! What a search leaves out or groups is said on the screen, not only in JSON: matches a
//! date filter drops for having no date, matches without a place, and the near-copies
//! grouped under a hit (with where each one is).

mod common;
use common::{index, newsdex, run_ok, search};
use serde_json::Value;
use std::path::{Path, PathBuf};

const STORY: &str = "Negotiators from both sides met again in Geneva on Tuesday to shore up the \
    truce, which has held for a second week despite reports of shelling on the edge of the \
    city. Aid convoys reached three districts that had been cut off since the winter, the \
    United Nations said, and more were expected before the end of the month.";

const OTHER: &str = "The truce talks moved to a new venue after the hotel that had hosted them \
    closed for repairs, organisers said, adding that the schedule of meetings would not \
    change and that both delegations had agreed to the move in writing.";

/// Write `files` (path, text) under a new folder and index it.
fn indexed(files: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    for (path, text) in files {
        let path = archive.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let idx = dir.path().join("idx");
    index(&idx, &[&archive]);
    (dir, idx)
}

fn run(idx: &Path, args: &[&str]) -> String {
    String::from_utf8(run_ok(args, idx)).unwrap()
}

fn json(idx: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&run(idx, &args)).unwrap()
}

#[test]
fn a_date_filter_says_how_many_undated_matches_it_left_out() {
    let (_dir, idx) = indexed(&[
        ("2016/04/28/talks.txt", format!("Talks\n\n{STORY}")),
        ("2016/05/02/venue.txt", format!("Venue\n\n{OTHER}")),
        (
            "undated/venue.txt",
            format!("Venue moves\n\n{OTHER} More later."),
        ),
        (
            "undated/other.txt",
            "Markets\n\nShares rose on Monday as investors weighed the truce.".into(),
        ),
    ]);
    // Without dates, all four match; from 2016 on, two dated ones and two left out.
    assert_eq!(search(&idx, "truce", &[])["total"], 4);
    let result = search(&idx, "truce", &["--from", "2016"]);
    assert_eq!(
        (result["total"].clone(), result["undated_left_out"].clone()),
        (2.into(), 2.into())
    );
    assert!(search(&idx, "truce", &[]).get("undated_left_out").is_none());
    let text = run(&idx, &["search", "truce", "--from", "2016"]);
    assert!(
        text.contains("2 more articles match but have no date, which --from/--to leave out."),
        "{text}"
    );

    let timeline = json(
        &idx,
        &["timeline", "truce", "--from", "2016-04", "--to", "2016-05"],
    );
    assert_eq!(timeline["total"], 2);
    assert_eq!(timeline["undated_left_out"], 2);
    let text = run(
        &idx,
        &["timeline", "truce", "--from", "2016-04", "--to", "2016-05"],
    );
    assert!(
        text.contains("2 more articles match but have no date"),
        "{text}"
    );

    let facets = json(&idx, &["facets", "truce", "--from", "2016"]);
    assert_eq!(facets["undated_left_out"], 2);
    let text = run(&idx, &["facets", "truce", "--from", "2016"]);
    assert!(
        text.contains("2 more articles match but have no date"),
        "{text}"
    );
}

#[test]
fn facets_say_how_many_matches_have_no_value() {
    let (_dir, idx) = indexed(&[
        ("2016/04/28/talks.txt", format!("Talks\n\n{STORY}")),
        ("2016/05/02/venue.txt", format!("Venue\n\n{OTHER}")),
    ]);
    let facets = json(&idx, &["facets", "truce"]);
    assert_eq!(facets["total"], 2);
    // The venue story names no place; the talks story is about Geneva.
    assert_eq!(facets["without_value"], 1, "{facets}");
    let text = run(&idx, &["facets", "truce"]);
    assert!(
        text.contains("(1 of them has no place, so no value below counts it)"),
        "{text}"
    );
    let years = json(&idx, &["facets", "truce", "--field", "year"]);
    assert_eq!(years["without_value"], 0);
    // Plain text files name no publisher.
    let sources = json(&idx, &["facets", "truce", "--field", "source"]);
    assert_eq!(
        (sources["total"].clone(), sources["without_value"].clone()),
        (2.into(), 2.into())
    );
}

#[test]
fn copies_are_named_with_their_place_and_a_later_rerun_is_its_own_hit() {
    let (_dir, idx) = indexed(&[
        ("2016/04/28/talks.txt", format!("Talks hold\n\n{STORY}")),
        (
            "2016/04/30/copy.txt",
            format!("Geneva talks resume\n\nBy a staff reporter. {STORY}"),
        ),
        (
            "2016/06/20/rerun.txt",
            format!("From the archive\n\n{STORY}"),
        ),
        (
            "feeds/wire.jsonl",
            format!(
                "{}\n",
                serde_json::json!({"title": "Truce holds", "date": "2016-04-29", "body": STORY})
            ),
        ),
    ]);
    let result = search(&idx, "truce", &["--sort", "oldest"]);
    assert_eq!(result["total"], 4);
    let hits = result["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{result}");
    assert!(hits[0]["path"].as_str().unwrap().ends_with("talks.txt"));
    assert_eq!(hits[0]["similar_count"], 2);
    // Copies in date order: the feed's line, then the copy's file.
    let feed = &hits[0]["similar"][0];
    assert!(
        feed["path"].as_str().unwrap().ends_with("feeds/wire.jsonl"),
        "{feed}"
    );
    assert_eq!(feed["member"], "line 1");
    let copy = &hits[0]["similar"][1];
    assert!(
        copy["path"]
            .as_str()
            .unwrap()
            .ends_with("2016/04/30/copy.txt"),
        "{copy}"
    );
    assert_eq!(copy["member"], Value::Null);
    // Eight weeks later the same text is a rerun, not a copy of that week's story.
    assert!(hits[1]["path"].as_str().unwrap().ends_with("rerun.txt"));
    assert!(hits[1].get("similar").is_none());

    let text = run(&idx, &["search", "truce", "--sort", "oldest"]);
    let line = format!(
        "similar: {} (2016-04-29), {} (2016-04-30)",
        feed["id"].as_str().unwrap(),
        copy["id"].as_str().unwrap()
    );
    assert!(text.contains(&line), "{text}");
    assert!(
        text.contains(
            "4 articles match; showing 1–2 of 2 results (near-copies of a story are one result)."
        ),
        "{text}"
    );
    let past = run(&idx, &["search", "truce", "--offset", "5"]);
    assert!(
        past.contains("4 articles match as 2 results (near-copies of a story are one result)"),
        "{past}"
    );
}

#[test]
fn all_refuses_ranking_flags_it_would_ignore() {
    let (_dir, idx) = indexed(&[("2016/04/28/talks.txt", format!("Talks\n\n{STORY}"))]);
    for (flag, value) in [("--sort", "newest"), ("--limit", "5"), ("--offset", "2")] {
        let output = newsdex()
            .args([
                "search", "truce", "--all", "--format", "jsonl", flag, value, "--index",
            ])
            .arg(&idx)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("the argument '--all' cannot be used with '{flag}")),
            "{stderr}"
        );
    }
    assert!(run(&idx, &["search", "truce", "--all", "--format", "jsonl"]).contains("Talks"));
}
