//! Where a story's date comes from (issue 14): a byline, a dateline, a lead or a path,
//! never any other date in its body; `--date-source` keeps the sources asked for.

mod common;

use common::{Indexed, hit_files, hit_lines, newsdex, run_ok, search};
use std::sync::OnceLock;

/// A small archive, one story per way of being dated (or not).
fn archive() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| {
        let src = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = src.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "byline.txt",
            "Talks resume\n\nBy Jane Smith, 3 March 2005\n\nQuilldate talks resumed in the capital.\n",
        );
        write(
            "lead.txt",
            "Shares rise\n\nQuilldate shares rose on Friday, 4 March 2005, traders said.\n",
        );
        write(
            "dateline.txt",
            "Vote held\n\nLONDON, March 6, 2005 (Reuters) - Quilldate voters went to the polls.\n",
        );
        write(
            "2005/03/05/path.txt",
            "Match report\n\nQuilldate United won the cup final.\n",
        );
        // Issue 14's BBC failures: a birth date, a deadline, a fixture list's kick-off time.
        write(
            "obituary.txt",
            "Novelist dies\n\nQuilldate novelist Arthur Hailey has died at the age of 84.\n\nBorn in Luton on 5 April 1920, he wrote Hotel.\n",
        );
        write(
            "deadline.txt",
            "Loan deal\n\nQuilldate the firm must repay the loan by 15 July 2006, the bank said.\n",
        );
        write(
            "fixtures.txt",
            "County cricket\n\nQuilldate the county season starts next week.\n\nTuesday, 1 March\n\n1945 GMT\n\nKent v Surrey\n",
        );
        let indexed = Indexed::new(&[src.path()]);
        // The index lives in its own folder; the stories' folder may go.
        drop(src);
        indexed
    })
}

/// `file day source` of every hit for `quilldate` with `flags`.
fn dated(flags: &[&str]) -> Vec<String> {
    let result = search(&archive().index, "quilldate", flags);
    hit_lines(&result, |name, h| {
        let day = h["date"].as_str().map_or("undated", |d| &d[..10]);
        let source = h["date_source"].as_str().unwrap_or("-");
        format!("{name} {day} {source}")
    })
}

#[test]
fn a_story_is_dated_by_its_byline_dateline_lead_or_path_only() {
    assert_eq!(
        dated(&[]),
        [
            "byline.txt 2005-03-03 byline",
            "dateline.txt 2005-03-06 dateline",
            "deadline.txt undated -",
            "fixtures.txt undated -",
            "lead.txt 2005-03-04 lead",
            "obituary.txt undated -",
            "path.txt 2005-03-05 path",
        ]
    );
}

#[test]
fn the_text_list_says_which_dates_are_a_guess() {
    let text = String::from_utf8(run_ok(&["search", "quilldate"], &archive().index)).unwrap();
    assert!(text.contains("     2005-03-04 (lead)"), "{text}");
    assert!(text.contains("     2005-03-06 · "), "{text}");
    assert!(!text.contains("(dateline)"), "{text}");
}

#[test]
fn date_source_keeps_the_sources_asked_for() {
    let files = |flags: &[&str]| hit_files(&search(&archive().index, "quilldate", flags));
    assert_eq!(
        files(&["--date-source", "byline,dateline,path"]),
        ["byline.txt", "dateline.txt", "path.txt"]
    );
    // Repeated flags add up; a weak source alone.
    assert_eq!(
        files(&["--date-source", "lead", "--date-source", "path"]),
        ["lead.txt", "path.txt"]
    );
    assert_eq!(files(&["--date-source", "lead"]), ["lead.txt"]);
    // With a date range too.
    assert_eq!(
        files(&["--date-source", "byline,lead", "--from", "2005-03-04"]),
        ["lead.txt"]
    );
}

#[test]
fn timeline_and_facets_take_date_source() {
    let idx = &archive().index;
    let timeline: serde_json::Value = serde_json::from_slice(&run_ok(
        &[
            "timeline",
            "quilldate",
            "--by",
            "year",
            "--format",
            "json",
            "--date-source",
            "dateline,path",
        ],
        idx,
    ))
    .unwrap();
    assert_eq!(timeline["total"], 2, "{timeline}");
    let facets: serde_json::Value = serde_json::from_slice(&run_ok(
        &[
            "facets",
            "quilldate",
            "--field",
            "year",
            "--format",
            "json",
            "--date-source",
            "byline",
        ],
        idx,
    ))
    .unwrap();
    assert_eq!(facets["values"][0]["value"], "2005", "{facets}");
    assert_eq!(facets["values"][0]["count"], 1, "{facets}");
}

#[test]
fn an_unknown_date_source_exits_2_naming_the_valid_ones() {
    for command in ["search", "timeline", "facets"] {
        let output = newsdex()
            .args([
                command,
                "quilldate",
                "--date-source",
                "metadata,txt",
                "--index",
            ])
            .arg(&archive().index)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: unknown date source \"txt\" in --date-source: choose from metadata, byline, dateline, path, lead, crawl\n",
            "{command}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_date_line_in_digits_is_read_in_the_order_of_the_story_language() {
    let src = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(src.path().join(name), text).unwrap();
    write(
        "fr.txt",
        "Sens : la maternité suspend les accouchements\n08/10/2019\n\nQuilldigit la maternité du centre hospitalier ne pratiquera plus d'accouchements pendant au moins six semaines, faute de médecins en nombre suffisant, a annoncé l'agence régionale de santé.\n",
    );
    write(
        "en.txt",
        "Maternity unit suspends births\n08/10/2019\n\nQuilldigit the maternity unit of the hospital will not deliver babies for at least six weeks because it has too few doctors, the health agency said on Tuesday.\n",
    );
    write(
        "en-unambiguous.txt",
        "Hospital opens new ward\n25/12/2019\n\nQuilldigit the hospital opened a new children's ward on Christmas Day, and the first patients were moved in by the evening, the trust said.\n",
    );
    let indexed = Indexed::new(&[src.path()]);
    let result = search(&indexed.index, "quilldigit", &[]);
    let days = hit_lines(&result, |name, h| {
        let day = h["date"].as_str().map_or("undated", |d| &d[..10]);
        format!("{name} {} {day}", h["lang"].as_str().unwrap_or("-"))
    });
    // French is day first; English is written both ways, so only a date that reads one
    // way dates its story.
    assert_eq!(
        days,
        [
            "en-unambiguous.txt en 2019-12-25",
            "en.txt en undated",
            "fr.txt fr 2019-10-08",
        ]
    );
}
