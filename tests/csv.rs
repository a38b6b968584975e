//! Every CSV a command writes is safe to open in a spreadsheet: a cell of article text that
//! starts like a formula (`= + - @`, tab, CR) gets a leading `'`; dates end in `Z`.

mod common;
use common::{index, newsdex, run_ok};

/// A folder holding an index (`idx`) of one JSON Lines file with `story` in it.
fn index_of(story: serde_json::Value) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("stories.jsonl"), format!("{story}\n")).unwrap();
    index(&tmp.path().join("idx"), &[&docs]);
    tmp
}

fn hostile_index() -> tempfile::TempDir {
    index_of(serde_json::json!({
        "title": "=HYPERLINK(\"http://evil.example\",\"click\")",
        "source": "@SUM(1+1)",
        "date": "2016-05-12",
        "text": "=cmd|' /C calc'!A0 and then the harbour story about zanzibarite.",
    }))
}

fn csv_rows(args: &[&str], idx: &std::path::Path) -> Vec<Vec<String>> {
    let stdout = run_ok(&[args, &["--format", "csv"]].concat(), idx);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(stdout.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> String {
    let i = rows[0].iter().position(|h| h == name).expect(name);
    rows[1][i].clone()
}

#[test]
fn formula_cells_are_defused_in_every_search_csv() {
    let tmp = hostile_index();
    let idx = tmp.path().join("idx");
    let ranked = csv_rows(&["search", "zanzibarite"], &idx);
    let chosen = csv_rows(
        &["search", "zanzibarite", "--fields", "title,source,snippet"],
        &idx,
    );
    let all = csv_rows(
        &[
            "search",
            "zanzibarite",
            "--all",
            "--fields",
            "title,source,body,date",
        ],
        &idx,
    );
    for rows in [&ranked, &chosen, &all] {
        assert_eq!(
            column(rows, "title"),
            "'=HYPERLINK(\"http://evil.example\",\"click\")"
        );
        assert_eq!(column(rows, "source"), "'@SUM(1+1)");
    }
    assert!(
        column(&all, "body").starts_with("'=cmd|"),
        "{}",
        column(&all, "body")
    );
    assert_eq!(column(&all, "date"), "2016-05-12T00:00:00Z");
    assert_eq!(column(&ranked, "date"), "2016-05-12T00:00:00Z");
}

#[test]
fn formula_cells_are_defused_in_facet_counts() {
    let tmp = hostile_index();
    let idx = tmp.path().join("idx");
    let rows = csv_rows(&["facets", "zanzibarite", "--field", "source"], &idx);
    assert_eq!(rows[1][0], "'@SUM(1+1)");
}

/// Every article field a `--fields` list names has its value in a ranked row, the same as in
/// an `--all` export row (ranked rows printed null for `mentions`, `format` and `body`).
#[test]
fn ranked_rows_carry_every_article_field_like_the_export() {
    let tmp = index_of(serde_json::json!({
        "title": "Truce talks resume",
        "source": "Reuters",
        "date": "2016-05-12",
        "url": "https://wire.example.com/truce",
        "text": "GENEVA (Reuters) - Talks on the truce in Syria resumed on Thursday, with delegations from Damascus and Aleppo.",
    }));
    let idx = tmp.path().join("idx");
    let fields = "id,path,member,title,date,date_source,url,source,format,dateline,locations,mentions,body,snippet";
    let row = |extra: &[&str]| -> serde_json::Map<String, serde_json::Value> {
        let output = newsdex()
            .args(["search", "truce", "--format", "jsonl", "--fields", fields])
            .args(extra)
            .arg("--index")
            .arg(&idx)
            .output()
            .unwrap();
        assert!(output.status.success(), "{extra:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1, "{text}");
        serde_json::from_str(lines[0]).unwrap()
    };
    let ranked = row(&[]);
    assert_eq!(ranked["format"], "jsonl");
    assert_eq!(ranked["member"], "line 1");
    let mentions = ranked["mentions"].as_array().expect("mentions is a list");
    assert!(mentions.contains(&"/Syria".into()), "{mentions:?}");
    assert!(
        ranked["body"]
            .as_str()
            .unwrap()
            .starts_with("GENEVA (Reuters)"),
        "{:?}",
        ranked["body"]
    );
    assert_eq!(ranked, row(&["--all"]));
}
