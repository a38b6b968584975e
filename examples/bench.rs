//! Indexing and search benchmark for newsdex.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench -- PATH [--runs N] [--query 'name=QUERY[@FROM..TO]']...
//! ```
//! Indexes PATH (a folder or a JSONL file) into a fresh temporary index with the release
//! binary, then reports articles/s, MB/s, peak RSS, index size and its ratio to the input,
//! and latency percentiles per query: in one process (the library, warm) and as whole
//! `newsdex search --format json --limit 10` processes.

use newsdex::index::NewsIndex;
use newsdex::search::{DateRange, SearchRequest, run_search};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The queries of ../shared/bench/peers.py: two phrases, a term, an AND, a phrase in a month.
const DEFAULT_QUERIES: &[&str] = &[
    "phrase2=\"oil prices\"",
    "phrase3=\"reagan administration officials\"",
    "term=dividend",
    "and=oil AND opec",
    "phrase+month=\"oil prices\"@1987-03..1987-03",
];

struct Query {
    name: String,
    text: String,
    from: Option<String>,
    to: Option<String>,
}

fn parse_query(spec: &str) -> Query {
    let (name, rest) = spec.split_once('=').unwrap_or((spec, spec));
    let (text, range) = match rest.rsplit_once('@') {
        Some((t, r)) if r.contains("..") => (t, Some(r)),
        _ => (rest, None),
    };
    let (from, to) = match range.and_then(|r| r.split_once("..")) {
        Some((f, t)) => (Some(f.to_string()), Some(t.to_string())),
        None => (None, None),
    };
    Query {
        name: name.to_string(),
        text: text.to_string(),
        from,
        to,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut runs = 30usize;
    let mut specs = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            "--query" => specs.extend(args.next()),
            _ if arg.starts_with('-') => {
                input = None;
                break;
            }
            _ => input = Some(PathBuf::from(arg)),
        }
    }
    let Some(input) = input.filter(|p| p.exists()) else {
        eprintln!(
            "usage: bench PATH [--runs N] [--query 'name=QUERY[@FROM..TO]']...  (PATH: an existing folder or JSONL file)"
        );
        std::process::exit(2);
    };
    if specs.is_empty() {
        specs = DEFAULT_QUERIES.iter().map(|s| s.to_string()).collect();
    }
    let queries: Vec<Query> = specs.iter().map(|s| parse_query(s)).collect();
    let binary = release_binary();
    let work = tempfile::tempdir().expect("temp dir");
    let index_dir = work.path().join("idx");

    let input_bytes = size_of(&input);
    let started = Instant::now();
    let (status, peak_rss_mb) = run_measured(
        Command::new(&binary)
            .arg("index")
            .arg(&input)
            .arg("--index")
            .arg(&index_dir)
            .args(["--format", "json"]),
    );
    let elapsed = started.elapsed();
    assert!(
        status.status.success(),
        "index failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&status.stdout).expect("summary");
    let articles = summary["articles_total"].as_u64().unwrap_or(0);
    let index_bytes = size_of(&index_dir);
    let secs = elapsed.as_secs_f64();
    println!("input      {}", input.display());
    println!(
        "indexing   {articles} articles, {:.1} MB in {secs:.2} s: {:.0} articles/s, {:.1} MB/s, peak RSS {peak_rss_mb:.0} MB",
        input_bytes as f64 / 1e6,
        articles as f64 / secs,
        input_bytes as f64 / 1e6 / secs
    );
    println!(
        "index      {:.1} MB on disk, {:.2}x the input",
        index_bytes as f64 / 1e6,
        index_bytes as f64 / input_bytes as f64
    );

    let index = NewsIndex::open(&index_dir).expect("open index");
    println!();
    println!(
        "{:<14} {:>8} | {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9}",
        "query", "matches", "in-proc p50", "p95", "p99", "process p50", "p95", "p99"
    );
    for q in &queries {
        let request = SearchRequest {
            query: q.text.clone(),
            dates: DateRange::from_flags(q.from.as_deref(), q.to.as_deref()).expect("date"),
            limit: 10,
            ..SearchRequest::default()
        };
        let mut total = 0;
        let mut in_process = Vec::with_capacity(runs);
        for _ in 0..runs + 3 {
            let t = Instant::now();
            total = run_search(&index, &request).expect("search").total;
            in_process.push(t.elapsed());
        }
        in_process.drain(..3);
        let mut processes = Vec::with_capacity(runs);
        for _ in 0..runs {
            let mut cmd = Command::new(&binary);
            cmd.args([
                "search", &q.text, "--format", "json", "--limit", "10", "--index",
            ])
            .arg(&index_dir);
            if let Some(f) = &q.from {
                cmd.args(["--from", f]);
            }
            if let Some(t) = &q.to {
                cmd.args(["--to", t]);
            }
            let t = Instant::now();
            let out = cmd.output().expect("run newsdex search");
            processes.push(t.elapsed());
            assert!(out.status.success());
        }
        let (a, b, c) = percentiles(&mut in_process);
        let (d, e, f) = percentiles(&mut processes);
        println!(
            "{:<14} {:>8} | {:>8.2}ms {:>7.2}ms {:>7.2}ms | {:>9.1}ms {:>7.1}ms {:>7.1}ms",
            q.name, total, a, b, c, d, e, f
        );
    }
}

fn percentiles(samples: &mut [Duration]) -> (f64, f64, f64) {
    samples.sort();
    let at = |p: f64| {
        let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    (at(0.50), at(0.95), at(0.99))
}

/// target/release/newsdex beside this example's own binary (target/release/examples/bench).
fn release_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let binary = dir.join("newsdex");
    assert!(
        binary.exists(),
        "{} not found: run `cargo build --release` first",
        binary.display()
    );
    binary
}

/// Total size of the files under `path` (or of the file itself).
fn size_of(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Run `cmd` to completion and return its output and its own peak resident set size in MB,
/// from `wait4` on that one process (`RUSAGE_CHILDREN` would also count whatever children the
/// process that started this one had, e.g. cargo's compilers under `cargo run`).
fn run_measured(cmd: &mut Command) -> (std::process::Output, f64) {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    #[expect(
        clippy::zombie_processes,
        reason = "reaped by the wait4 below, which also gives its resource usage"
    )]
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start newsdex");
    // Drain stderr on a thread so a chatty child cannot block on a full pipe.
    let mut err_pipe = child.stderr.take().expect("stderr piped");
    let errors = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let mut stdout = Vec::new();
    let _ = child
        .stdout
        .take()
        .expect("stdout piped")
        .read_to_end(&mut stdout);
    let pid = child.id() as libc::pid_t;
    let mut raw_status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `pid` is our own child, not yet waited for; wait4 writes a full rusage into
    // the pointer it is given and the exit status into `raw_status`.
    let waited = unsafe { libc::wait4(pid, &mut raw_status, 0, usage.as_mut_ptr()) };
    assert_eq!(waited, pid, "wait4 on newsdex failed");
    // SAFETY: initialised by the successful call above.
    let usage = unsafe { usage.assume_init() };
    let output = std::process::Output {
        status: std::process::ExitStatus::from_raw(raw_status),
        stdout,
        stderr: errors.join().unwrap_or_default(),
    };
    (output, usage.ru_maxrss as f64 / 1024.0)
}
