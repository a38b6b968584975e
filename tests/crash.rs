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

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("newsdex"))
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .args(["--commit-every", "100"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first periodic commit after the index was created, then kill; a run
    // that stalls fails the test instead of hanging it.
    let deadline = Instant::now() + Duration::from_secs(60);
    let wait_until = |child: &mut std::process::Child, done: &dyn Fn() -> bool, what: &str| {
        while !done() {
            if Instant::now() > deadline {
                child.kill().ok();
                panic!("the index run did not {what} within 60 s");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    };
    wait_until(
        &mut child,
        &|| meta_generation(&idx).is_some(),
        "create the index",
    );
    let created = meta_generation(&idx);
    wait_until(
        &mut child,
        &|| meta_generation(&idx) != created,
        "commit a first batch",
    );
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
    assert_eq!(
        child.try_wait().unwrap(),
        None,
        "the run ended before the kill: nothing was interrupted"
    );
    child.kill().unwrap();
    let status = child.wait().unwrap();
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(libc::SIGKILL), "{status:?}");
    }

    // The interrupted index opens and holds only whole files.
    let partial = search(&idx, "harbour", &["--limit", "1"]);
    let partial_total = partial["total"].as_u64().unwrap() as usize;
    // The kill landed mid-run: a commit had been made, and not of every file.
    assert!(
        partial_total > 0 && partial_total < FILES,
        "{partial_total} of {FILES} articles committed"
    );

    let summary = index(&idx, &[&docs]);
    assert_eq!(summary["articles_total"], FILES as u64);
    // The next run keeps what was committed and indexes only the rest.
    assert_eq!(
        summary["files_unchanged"].as_u64().unwrap() as usize,
        partial_total
    );
    assert_eq!(
        summary["files_indexed"].as_u64().unwrap() as usize,
        FILES - partial_total
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
