//! `index --metadata FILE.csv|FILE.jsonl`: a sidecar's dates, titles, sources, URLs and
//! places override the files', are applied again when the sidecar changes, and a bad row
//! stops the run before the index is touched (issue 14).

mod common;

use common::{hit_lines, index, newsdex, search};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// An archive of two undated stories, and where its index and sidecars go.
fn archive() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(docs.join("business")).unwrap();
    std::fs::write(
        docs.join("business/001.txt"),
        "Ad sales boost profit\n\nQuillside profits at the media giant rose.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("002.txt"),
        "Cup final\n\nQuillside United won the final.\n",
    )
    .unwrap();
    let idx = tmp.path().join("idx");
    (tmp, docs, idx)
}

/// Run `index DOCS --metadata SIDECAR`: the JSON summary and stderr.
fn index_with(docs: &Path, idx: &Path, sidecar: &Path) -> (Value, String) {
    let output = newsdex()
        .arg("index")
        .arg(docs)
        .arg("--index")
        .arg(idx)
        .arg("--metadata")
        .arg(sidecar)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

/// `file title date date_source locations source url` of every hit, sorted.
fn rows(idx: &Path) -> Vec<String> {
    let result = search(idx, "quillside", &[]);
    hit_lines(&result, |name, h| {
        format!(
            "{name} | {} | {} | {} | {} | {} | {}",
            h["title"].as_str().unwrap_or("-"),
            h["date"].as_str().map_or("undated", |d| &d[..10]),
            h["date_source"].as_str().unwrap_or("-"),
            h["locations"],
            h["source"].as_str().unwrap_or("-"),
            h["url"].as_str().unwrap_or("-"),
        )
    })
}

#[test]
fn a_csv_sidecar_dates_titles_and_places_files() {
    let (tmp, docs, idx) = archive();
    let sidecar = tmp.path().join("meta.csv");
    std::fs::write(
        &sidecar,
        "path,date,title,source,url,places\n\
         business/001.txt,2005-03-03,Ad sales boost Time Warner profit,BBC,https://bbc.example/1,United Kingdom; /United States\n\
         002.txt,\"March 4, 2005\",,,,\n",
    )
    .unwrap();
    let (summary, stderr) = index_with(&docs, &idx, &sidecar);
    assert_eq!(summary["articles_undated"], 0, "{summary}");
    assert_eq!(summary["metadata_unmatched"], 0, "{summary}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert_eq!(
        rows(&idx),
        [
            "001.txt | Ad sales boost Time Warner profit | 2005-03-03 | metadata | [\"/United Kingdom\",\"/United States\"] | BBC | https://bbc.example/1",
            "002.txt | Cup final | 2005-03-04 | metadata | [] | - | -",
        ]
    );
}

#[test]
fn a_jsonl_sidecar_with_absolute_paths_and_place_lists() {
    let (_tmp, docs, idx) = archive();
    // Kept inside the archive, it is not read as an archive of articles.
    let sidecar = docs.join("meta.jsonl");
    let absolute = std::fs::canonicalize(docs.join("002.txt")).unwrap();
    let rows_text = format!(
        "{{\"path\": \"business/001.txt\", \"date\": \"2005-03-03T10:00:00Z\", \"places\": [\"Aleppo\"]}}\n{}\n",
        serde_json::json!({"path": absolute.to_string_lossy(), "source": "BBC Sport"})
    );
    std::fs::write(&sidecar, rows_text).unwrap();
    let (summary, _) = index_with(&docs, &idx, &sidecar);
    assert_eq!(summary["articles_indexed"], 2, "{summary}");
    assert_eq!(
        rows(&idx),
        [
            "001.txt | Ad sales boost profit | 2005-03-03 | metadata | [\"/Syria/Aleppo/Aleppo\"] | - | -",
            "002.txt | Cup final | undated | - | [] | BBC Sport | -",
        ]
    );
}

#[test]
fn a_changed_sidecar_is_applied_again_without_a_changed_file() {
    let (tmp, docs, idx) = archive();
    let sidecar = tmp.path().join("meta.csv");
    std::fs::write(&sidecar, "path,date\nbusiness/001.txt,2005-03-03\n").unwrap();
    index_with(&docs, &idx, &sidecar);
    // The same sidecar again: nothing to read.
    let (same, _) = index_with(&docs, &idx, &sidecar);
    assert_eq!(
        (
            same["files_indexed"].as_u64(),
            same["files_unchanged"].as_u64()
        ),
        (Some(0), Some(2))
    );
    // One row changed, one added: those two files are read again, and only they.
    std::fs::write(
        &sidecar,
        "path,date\nbusiness/001.txt,2005-03-09\n002.txt,2005-03-10\n",
    )
    .unwrap();
    let (changed, _) = index_with(&docs, &idx, &sidecar);
    assert_eq!(changed["files_indexed"], 2, "{changed}");
    let dates = |idx: &Path| -> Vec<String> {
        rows(idx)
            .iter()
            .map(|r| r.split(" | ").nth(2).unwrap().to_string())
            .collect()
    };
    assert_eq!(dates(&idx), ["2005-03-09", "2005-03-10"]);
    // A row removed: its file goes back to what it says itself.
    std::fs::write(&sidecar, "path,date\n002.txt,2005-03-10\n").unwrap();
    let (removed, _) = index_with(&docs, &idx, &sidecar);
    assert_eq!(removed["files_indexed"], 1, "{removed}");
    assert_eq!(dates(&idx), ["undated", "2005-03-10"]);
    // Also when the file table is gone and the run reads the index back.
    std::fs::remove_file(idx.join("newsdex-files.bin")).unwrap();
    let (again, _) = index_with(&docs, &idx, &sidecar);
    assert_eq!(again["files_indexed"], 0, "{again}");
}

#[test]
fn unmatched_rows_are_counted_and_named_not_fatal() {
    let (tmp, docs, idx) = archive();
    let sidecar = tmp.path().join("meta.csv");
    std::fs::write(
        &sidecar,
        "path,title\nbusiness/001.txt,Profit\nbusiness/999.txt,Gone\nsport/1.txt,Lost\n",
    )
    .unwrap();
    let (summary, stderr) = index_with(&docs, &idx, &sidecar);
    assert_eq!(summary["metadata_unmatched"], 2, "{summary}");
    assert_eq!(summary["articles_indexed"], 2, "{summary}");
    let warning = format!(
        "warning: 2 rows of {} match no file indexed: business/999.txt, sport/1.txt\n",
        sidecar.display()
    );
    assert!(stderr.contains(&warning), "{stderr}");
}

#[test]
fn a_bad_row_exits_2_naming_file_and_line_before_indexing() {
    let (tmp, docs, idx) = archive();
    for (name, text, message) in [
        (
            "meta.csv",
            "path,date\nbusiness/001.txt,2005-03-03\n002.txt,next Tuesday\n",
            ":3: cannot read date \"next Tuesday\": write it as 2016-04-28, 2016-04-28T14:30:00Z or April 28, 2016\n",
        ),
        (
            "meta.csv",
            "path,headline\n002.txt,Cup\n",
            ":1: unknown column \"headline\": columns are path, date, title, source, url, places, lang\n",
        ),
        (
            "meta.jsonl",
            "{\"path\": \"002.txt\", \"places\": [\"Atlantis Minor\"]}\n",
            ":1: unknown place \"Atlantis Minor\": give a country or city name (Syria, U.S., Aleppo) or a facet path such as /Syria/Aleppo\n",
        ),
    ] {
        let sidecar = tmp.path().join(name);
        std::fs::write(&sidecar, text).unwrap();
        let output = newsdex()
            .arg("index")
            .arg(&docs)
            .arg("--index")
            .arg(&idx)
            .arg("--metadata")
            .arg(&sidecar)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!("error: {}{message}", sidecar.display()),
        );
        assert!(!idx.exists(), "the index is not touched");
    }
    // Without a sidecar the same archive indexes, undated.
    let summary = index(&idx, &[&docs]);
    assert_eq!(summary["articles_undated"], 2);
}
