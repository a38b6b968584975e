//! Indexing and search benchmark for newsdex.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench -- PATH [--runs N] [--query 'name=QUERY[@FROM..TO]']...
//! ```
//! Indexes PATH (a folder or a JSONL file) into a fresh temporary index with the release
//! binary, then reports articles/s, MB/s, the run's CPU seconds (user + system, which other
//! jobs on a busy machine disturb less than the wall clock) and MB per CPU second, peak RSS,
//! the articles per language, index size and its ratio to the input,
//! and latency percentiles per query: in one process (the library, warm) and as whole
//! `newsdex search --format json --limit 10` processes; and a no-op re-index of PATH beside
//! a bare walk of it (`find -printf '%s %T@'`).
//!
//! ```text
//! cargo run --release --example bench -- --make-mixed DIR --english /tmp/newsbench/s1/articles.jsonl
//! ```
//! Writes `DIR/articles.jsonl`, a mixed-language corpus to index as above: each record of the
//! English JSONL, then one story in another language, cycling through the original stories
//! the repository holds (`eval/languages/*/NN.txt` but English, and the `.txt` stories of
//! `sample-corpus/world` but English) with a new id each time round. The other-language
//! records have a title and a body only, so their dates, places and language are read from
//! the text.
//!
//! ```text
//! cargo build --release && nice -n 10 cargo run --release --example bench -- --memory [--files N] [--file-mb MB] [--dir DIR]
//! ```
//! The memory benchmark: generates, in a temporary folder (under DIR when given), N files of
//! MB of text each (1,000 × 5 MB by default) and a `.txt.gz` and a `.jsonl.gz` that expand
//! to 1 GiB, indexes each with the release binary under `/usr/bin/time -v`, and prints the
//! peak resident set size (its "Maximum resident set size") and the run time.

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
    if std::env::args().any(|a| a == "--memory") {
        return memory_bench();
    }
    if std::env::args().any(|a| a == "--make-mixed") {
        return make_mixed();
    }
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
    let (status, peak_rss_mb, cpu_secs) = run_measured(
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
    let mb = input_bytes as f64 / 1e6;
    println!(
        "indexing   {articles} articles, {mb:.1} MB in {secs:.2} s: {:.0} articles/s, {:.1} MB/s, peak RSS {peak_rss_mb:.0} MB",
        articles as f64 / secs,
        mb / secs
    );
    println!(
        "cpu        {cpu_secs:.2} s user + system: {:.1} MB per CPU second",
        mb / cpu_secs
    );
    println!(
        "index      {:.1} MB on disk, {:.2}x the input",
        index_bytes as f64 / 1e6,
        index_bytes as f64 / input_bytes as f64
    );

    no_op_reindex(&binary, &input, &index_dir);

    let index = NewsIndex::open(&index_dir).expect("open index");
    let languages = newsdex::search::tally::stats(&index, 0)
        .expect("stats")
        .languages
        .iter()
        .map(|l| format!("{} {}", l.value, l.count))
        .collect::<Vec<_>>();
    println!("languages  {}", languages.join(", "));
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

/// Write `DIR/articles.jsonl`: each line of the `--english` JSONL, then one story in another
/// language (see the module documentation), and say what it holds.
fn make_mixed() {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut english) = (None::<PathBuf>, None::<PathBuf>);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--make-mixed" => dir = args.next().map(PathBuf::from),
            "--english" => english = args.next().map(PathBuf::from),
            _ => {}
        }
    }
    let (Some(dir), Some(english)) = (dir, english.filter(|p| p.is_file())) else {
        eprintln!(
            "usage: bench --make-mixed DIR --english FILE.jsonl  (FILE: an existing JSONL file)"
        );
        std::process::exit(2);
    };
    let stories = other_language_stories();
    let english = std::fs::read_to_string(&english).expect("read the English JSONL");
    std::fs::create_dir_all(&dir).expect("create DIR");
    let mut out = String::with_capacity(english.len() * 3);
    let mut bytes_by_language = std::collections::BTreeMap::<&str, (usize, usize)>::new();
    for (n, line) in english.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        out.push_str(line);
        out.push('\n');
        let entry = bytes_by_language.entry("en").or_default();
        *entry = (entry.0 + 1, entry.1 + line.len() + 1);
        let (language, name, title, body) = &stories[n % stories.len()];
        let record = serde_json::json!({
            "id": format!("{language}-{name}-{}", n / stories.len()),
            "title": title,
            "body": body,
        });
        let record = record.to_string();
        out.push_str(&record);
        out.push('\n');
        let entry = bytes_by_language.entry(language).or_default();
        *entry = (entry.0 + 1, entry.1 + record.len() + 1);
    }
    let path = dir.join("articles.jsonl");
    std::fs::write(&path, &out).expect("write DIR/articles.jsonl");
    println!(
        "{}: {:.1} MB, {} distinct stories in other languages",
        path.display(),
        out.len() as f64 / 1e6,
        stories.len()
    );
    for (language, (records, bytes)) in bytes_by_language {
        println!(
            "  {language}  {records:>6} records  {:>5.1} MB",
            bytes as f64 / 1e6
        );
    }
}

/// The original stories in other languages than English the repository holds, as (language,
/// file stem, title, body): the title is a story's first line, the body the rest.
fn other_language_stories() -> Vec<(String, String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("eval/languages"))
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let language = entry
            .path()
            .parent()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        files.push((language, entry.into_path()));
    }
    // sample-corpus/world names its .txt stories `YYYY-MM-DD-LANG-...`.
    for entry in walkdir::WalkDir::new(root.join("sample-corpus/world"))
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().to_string();
        let dated = name
            .get(..10)
            .is_some_and(|d| d.bytes().filter(u8::is_ascii_digit).count() == 8)
            && name.as_bytes().get(13) == Some(&b'-');
        if let Some(language) = name.get(11..13).filter(|_| dated) {
            files.push((language.to_string(), entry.into_path()));
        }
    }
    let stories: Vec<_> = files
        .into_iter()
        .filter(|(language, path)| language != "en" && path.extension().is_some_and(|e| e == "txt"))
        .map(|(language, path)| {
            let text = std::fs::read_to_string(&path).expect("read a story");
            let (title, body) = text.split_once('\n').unwrap_or(("", &text));
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            (
                language,
                stem,
                title.trim().to_string(),
                body.trim().to_string(),
            )
        })
        .collect();
    assert!(
        !stories.is_empty(),
        "no stories under eval/languages or sample-corpus/world"
    );
    stories
}

/// Re-index the unchanged `input` (best of 5) beside a bare walk of it, `find -printf
/// '%s %T@'`, which stats every file as the run must (best of 5, after one to warm the cache).
fn no_op_reindex(binary: &Path, input: &Path, index_dir: &Path) {
    let best = |command: &mut dyn FnMut() -> std::process::Output| {
        let _ = command();
        (0..5)
            .map(|_| {
                let t = Instant::now();
                let out = command();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let reindex = best(&mut || {
        Command::new(binary)
            .arg("index")
            .arg(input)
            .arg("--index")
            .arg(index_dir)
            .args(["--format", "json"])
            .output()
            .expect("run newsdex index")
    });
    let walk = best(&mut || {
        Command::new("find")
            .arg(input)
            .args(["-type", "f", "-printf", "%s %T@\n"])
            .output()
            .expect("run find")
    });
    println!(
        "no-op      re-index {:.0} ms, find -printf '%s %T@' {:.0} ms: {:.1}x the bare walk",
        reindex * 1000.0,
        walk * 1000.0,
        reindex / walk
    );
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

/// Run `cmd` to completion and return its output, its own peak resident set size in MB and
/// its CPU seconds (user + system), from `wait4` on that one process (`RUSAGE_CHILDREN` would
/// also count whatever children the process that started this one had, e.g. cargo's
/// compilers under `cargo run`).
fn run_measured(cmd: &mut Command) -> (std::process::Output, f64, f64) {
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
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        output,
        usage.ru_maxrss as f64 / 1024.0,
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
    )
}

/// Index generated large inputs under `/usr/bin/time -v` and report each run's peak RSS.
fn memory_bench() {
    let mut args = std::env::args().skip(1);
    let (mut files, mut file_mb, mut dir) = (1_000usize, 5usize, None::<PathBuf>);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match arg.as_str() {
            "--files" => files = value().parse().expect("--files N"),
            "--file-mb" => file_mb = value().parse().expect("--file-mb MB"),
            "--dir" => dir = Some(PathBuf::from(value())),
            _ => {}
        }
    }
    let binary = release_binary();
    let work = match &dir {
        Some(d) => tempfile::tempdir_in(d),
        None => tempfile::tempdir(),
    }
    .expect("temp dir");

    let many = work.path().join("many");
    std::fs::create_dir(&many).expect("folder");
    let mut words = Words::new(1);
    for i in 0..files {
        let text = words.article(file_mb << 20);
        std::fs::write(many.join(format!("story-{i:05}.txt")), text).expect("write");
    }
    let label = format!("{files} × {file_mb} MB .txt");
    measure(&binary, &label, &many, &work.path().join("idx-many"));

    // 1 GiB of text as 1,024 gzip members of the same 1 MiB: a reader expands them all. The
    // MiB repeats one sentence, so the file is small (about 1 MB) and only its decompressed
    // size can refuse it.
    let bombs = work.path().join("bombs");
    std::fs::create_dir(&bombs).expect("folder");
    let mib = "Oil prices rose again. ".repeat((1 << 20) / 23);
    let member = gzip(mib.as_bytes());
    std::fs::write(bombs.join("bomb.txt.gz"), member.repeat(1024)).expect("write");
    measure(
        &binary,
        "1 GiB-expanding .txt.gz",
        &bombs,
        &work.path().join("idx-txt-gz"),
    );
    std::fs::remove_file(bombs.join("bomb.txt.gz")).expect("remove");
    // One JSON Lines record of 1 GiB: a line that never ends.
    let mut line = gzip(b"{\"title\": \"Bomb\", \"body\": \"");
    line.extend(gzip(mib.replace('\n', " ").as_bytes()).repeat(1024));
    std::fs::write(bombs.join("bomb.jsonl.gz"), line).expect("write");
    measure(
        &binary,
        "1 GiB-expanding .jsonl.gz (one line)",
        &bombs,
        &work.path().join("idx-jsonl-gz"),
    );
    std::fs::remove_dir_all(&bombs).expect("remove");

    // A 100 MB story beside 100 short ones: indexed, its text is cut at the article limit,
    // so a search that matches it reads and highlights a bounded amount.
    let huge = work.path().join("huge");
    std::fs::create_dir(&huge).expect("folder");
    std::fs::write(huge.join("huge.txt"), words.article(100 << 20)).expect("write");
    for i in 0..100 {
        std::fs::write(
            huge.join(format!("short-{i:03}.txt")),
            words.article(4 << 10),
        )
        .expect("write");
    }
    let index = work.path().join("idx-huge");
    let indexed = Command::new(&binary)
        .arg("index")
        .arg(&huge)
        .arg("--index")
        .arg(&index)
        .args(["--format", "json", "--max-file-mb", "128"])
        .output()
        .expect("run newsdex index");
    let summary: serde_json::Value = serde_json::from_slice(&indexed.stdout).unwrap_or_default();
    for query in ["oil", "\"oil prices\""] {
        let mut times = Vec::new();
        let mut peak = 0f64;
        for _ in 0..5 {
            // Under /usr/bin/time, whose own child starts small: a child forked straight
            // from this process would count the pages it shares with it until its exec.
            let started = Instant::now();
            let output = Command::new("/usr/bin/time")
                .args(["-f", "%M"])
                .arg(&binary)
                .args(["search", query, "--format", "json", "--index"])
                .arg(&index)
                .output()
                .expect("run /usr/bin/time newsdex search");
            times.push(started.elapsed());
            assert!(output.status.success(), "search {query} failed");
            let kb: f64 = String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or(0.0);
            peak = peak.max(kb / 1024.0);
        }
        let (p50, _, _) = percentiles(&mut times);
        println!(
            "search {query:<14} on a 100 MB story ({} cut) + 100 short: p50 {p50:.1} ms, peak RSS {peak:.0} MB",
            summary["articles_truncated"]
        );
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

/// Run `newsdex index input` under `/usr/bin/time -v` and print its peak RSS and time.
fn measure(binary: &Path, label: &str, input: &Path, index: &Path) {
    let started = Instant::now();
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(binary)
        .arg("index")
        .arg(input)
        .arg("--index")
        .arg(index)
        .args(["--format", "json"])
        .output()
        .expect("run /usr/bin/time -v newsdex index");
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak_kb: u64 = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|kb| kb.trim().parse().ok())
        .expect("/usr/bin/time -v reports the maximum resident set size");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    println!(
        "{label:<38} peak RSS {:>5} MB, {secs:>6.1} s, {} articles indexed, {} skipped (exit {})",
        peak_kb / 1024,
        summary["articles_indexed"],
        summary["skipped_total"],
        output.status.code().unwrap_or(-1)
    );
}

/// Pseudo-random news-like text: words of a fixed made-up vocabulary drawn with a skewed
/// (Zipf-like) frequency, in sentences and paragraphs, the same for the same seed.
struct Words {
    state: u64,
    vocabulary: Vec<String>,
}

impl Words {
    fn new(seed: u64) -> Words {
        let mut words = Words {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            vocabulary: Vec::new(),
        };
        const SYLLABLES: [&str; 24] = [
            "ka", "lo", "mi", "ter", "an", "sol", "ber", "ri", "con", "da", "ve", "nor", "pal",
            "es", "tu", "gar", "in", "mo", "ra", "sen", "ti", "vol", "ex", "ou",
        ];
        let mut vocabulary = vec!["the", "of", "oil", "prices", "and", "to", "in", "said"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        while vocabulary.len() < 30_000 {
            let n = 1 + words.next() % 4;
            let word: String = (0..n)
                .map(|_| SYLLABLES[(words.next() % 24) as usize])
                .collect();
            vocabulary.push(word);
        }
        words.vocabulary = vocabulary;
        words
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn word(&mut self) -> &str {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let i = (u * u * u * self.vocabulary.len() as f64) as usize;
        &self.vocabulary[i.min(self.vocabulary.len() - 1)]
    }

    /// A headline, a blank line and paragraphs, about `bytes` long.
    fn article(&mut self, bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + 200);
        text.push_str("Markets report\n\n");
        let mut in_sentence = 0;
        let mut in_paragraph = 0;
        while text.len() < bytes {
            let word = self.word().to_string();
            text.push_str(&word);
            in_sentence += 1;
            if in_sentence > 8 + (self.next() % 16) as usize {
                text.push_str(". ");
                in_sentence = 0;
                in_paragraph += 1;
                if in_paragraph > 4 {
                    text.push_str("\n\n");
                    in_paragraph = 0;
                }
            } else {
                text.push(' ');
            }
        }
        text
    }
}
