//! An index run killed with SIGKILL leaves an index that opens and holds whole files up to
//! its last commit; the next run completes it with no duplicate and no missing article.

mod common;
use common::{index, newsdex, search};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const FILES: usize = 3000;

fn write_archive(dir: &Path) {
    for i in 0..FILES {
        let sub = dir.join(format!("{:02}", i % 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("story-{i:05}.txt")),
            format!(
                "Harbour report number {i}\n\nThe harbour authority published report marker{i} on \
                 shipping volumes, which rose for the {i}th week in a row.\n"
            ),
        )
        .unwrap();
    }
}

fn meta_generation(idx: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(idx.join("meta.json"))
        .and_then(|m| m.modified())
        .ok()
}

#[cfg(unix)]
#[test]
fn killed_run_resumes_to_the_exact_article_set() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    let idx = tmp.path().join("idx");
    write_archive(&docs);

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .args(["--commit-every", "100"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first periodic commit after the index was created, then kill.
    let created = loop {
        if let Some(t) = meta_generation(&idx) {
            break t;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while meta_generation(&idx) == Some(created) && Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // A search while the run goes on sees the last commit.
    let during = newsdex()
        .args([
            "search", "harbour", "--format", "json", "--limit", "1", "--index",
        ])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(
        during.status.success(),
        "{}",
        String::from_utf8_lossy(&during.stderr)
    );
    child.kill().ok();
    child.wait().unwrap();

    // The interrupted index opens and holds only whole files.
    let partial = search(&idx, "harbour", &["--limit", "1"]);
    let partial_total = partial["total"].as_u64().unwrap() as usize;
    assert!(partial_total <= FILES);

    let summary = index(&idx, &[&docs]);
    assert_eq!(summary["articles_total"], FILES as u64);
    assert_eq!(
        summary["files_unchanged"].as_u64().unwrap() as usize
            + summary["files_indexed"].as_u64().unwrap() as usize,
        FILES
    );
    // No duplicates: every file's unique marker matches exactly one article.
    assert_eq!(
        search(&idx, "harbour", &["--limit", "1"])["total"],
        FILES as u64
    );
    for i in [0, 1, FILES / 2, FILES - 1] {
        assert_eq!(
            search(&idx, &format!("marker{i}"), &[])["total"],
            1,
            "marker{i}"
        );
    }
    // A third run changes nothing.
    let again = index(&idx, &[&docs]);
    assert_eq!(again["articles_indexed"], 0);
    assert_eq!(again["files_unchanged"], FILES as u64);
}
