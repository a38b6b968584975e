//! Benchmark of `newsdex serve`: per-query latency (server-side from the `Server-Timing`
//! header, and as a client sees it), a load test (many clients for a fixed time: throughput,
//! p50, p99, errors, the server's RSS before and after), the page's first result list in a
//! real browser, and the same queries against tantivy-cli's `serve` in the same run.
//!
//! ```sh
//! cargo build --release
//! target/release/newsdex index /tmp/newsbench/s10/articles.jsonl --index /tmp/nd-s10
//! cargo run --release --example serve_bench -- --index /tmp/nd-s10 \
//!     [--tantivy-index /tmp/newsbench-work/tantivy --tantivy-bin /tmp/tantivy-cli/bin/tantivy] \
//!     [--clients 16] [--seconds 30] [--runs 200] [--browser]
//! ```
//! The corpora come from `../shared/bench/make_corpus.py`; the tantivy-cli index is the one
//! `../shared/bench/peers.py` builds. `--browser` needs chromium and chromedriver.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// (name, newsdex path and query string, tantivy-cli query if it has one)
const QUERIES: &[(&str, &str, Option<&str>)] = &[
    (
        "phrase2",
        "/api/search?q=%22oil+prices%22",
        Some("\"oil prices\""),
    ),
    (
        "phrase3",
        "/api/search?q=%22reagan+administration+officials%22",
        Some("\"reagan administration officials\""),
    ),
    ("term", "/api/search?q=dividend", Some("dividend")),
    ("and", "/api/search?q=oil+AND+opec", Some("oil AND opec")),
    (
        "phrase+month",
        "/api/search?q=%22oil+prices%22&from=1987-03&to=1987-03",
        Some("\"oil prices\" AND date:[1987-03-01T00:00:00Z TO 1987-04-01T00:00:00Z}"),
    ),
    (
        "phrase+place",
        "/api/search?q=%22oil+prices%22&location=Saudi+Arabia",
        None,
    ),
    ("facets", "/api/facets?q=oil&field=location&top=10", None),
];

struct Args {
    index: PathBuf,
    newsdex: PathBuf,
    tantivy_index: Option<PathBuf>,
    tantivy_bin: PathBuf,
    clients: usize,
    seconds: u64,
    runs: usize,
    browser: bool,
}

fn args() -> Args {
    let mut a = Args {
        index: PathBuf::from("newsdex-index"),
        newsdex: std::env::var_os("NEWSDEX_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("target/release/newsdex")),
        tantivy_index: None,
        tantivy_bin: PathBuf::from("/tmp/tantivy-cli/bin/tantivy"),
        clients: 16,
        seconds: 30,
        runs: 200,
        browser: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--index" => a.index = value().into(),
            "--newsdex-bin" => a.newsdex = value().into(),
            "--tantivy-index" => a.tantivy_index = Some(value().into()),
            "--tantivy-bin" => a.tantivy_bin = value().into(),
            "--clients" => a.clients = value().parse().expect("--clients N"),
            "--seconds" => a.seconds = value().parse().expect("--seconds N"),
            "--runs" => a.runs = value().parse().expect("--runs N"),
            "--browser" => a.browser = true,
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

/// A server process, killed when dropped.
struct Proc {
    child: Child,
    base: String,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Proc {
    /// Resident and peak resident memory, MB.
    fn rss(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
                / 1024.0
        };
        (kb("VmRSS:"), kb("VmHWM:"))
    }
}

fn start_newsdex(a: &Args) -> Proc {
    let mut child = Command::new(&a.newsdex)
        .args(["serve", "--port", "0", "--index"])
        .arg(&a.index)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("newsdex serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("url");
    Proc {
        child,
        base: line.trim().trim_end_matches('/').to_string(),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port()
}

fn start_tantivy(a: &Args, dir: &PathBuf) -> Proc {
    let port = free_port();
    let child = Command::new(&a.tantivy_bin)
        .args(["serve", "-i"])
        .arg(dir)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tantivy serve starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tantivy serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Proc {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// One request: (ok, client ms, server ms, matches).
fn get(agent: &ureq::Agent, url: &str) -> (bool, f64, f64, Option<u64>) {
    let started = Instant::now();
    let Ok(mut response) = agent.get(url).call() else {
        return (false, 0.0, 0.0, None);
    };
    let ok = response.status().as_u16() == 200;
    let header_ms = response
        .headers()
        .get("server-timing")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split("dur=").nth(1))
        .and_then(|v| v.parse::<f64>().ok());
    let body = response
        .body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_to_string()
        .unwrap_or_default();
    let client_ms = started.elapsed().as_secs_f64() * 1000.0;
    let value: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let matches = value
        .get("total")
        .or_else(|| value.get("num_hits"))
        .and_then(Value::as_u64);
    // tantivy-cli reports its own timings in microseconds.
    let server_ms = header_ms.unwrap_or_else(|| {
        value["timings"]["timings"]
            .as_array()
            .map(|t| {
                t.iter()
                    .filter(|t| t["depth"] == 0)
                    .filter_map(|t| t["duration"].as_f64())
                    .sum::<f64>()
                    / 1000.0
            })
            .unwrap_or(f64::NAN)
    });
    (ok, client_ms, server_ms, matches)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(|a, b| a.total_cmp(b));
    v
}

fn tantivy_url(base: &str, query: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    format!("{base}/api/?q={q}&nhits=10")
}

/// Latency of each query, one request at a time.
fn latencies(a: &Args, newsdex: &Proc, tantivy: Option<&Proc>) {
    println!(
        "\n## Latency, one client, {} runs after 20 warm-up (ms)\n",
        a.runs
    );
    println!(
        "| query | newsdex server p50 | newsdex client p50 | newsdex client p99 | matches | tantivy-cli server p50 | tantivy-cli client p50 | tantivy-cli client p99 | matches |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let agent = agent();
    let measure = |url: &str| {
        for _ in 0..20 {
            get(&agent, url);
        }
        let mut server = Vec::new();
        let mut client = Vec::new();
        let mut matches = None;
        for _ in 0..a.runs {
            let (ok, c, s, m) = get(&agent, url);
            assert!(ok, "{url} failed");
            client.push(c);
            server.push(s);
            matches = m;
        }
        (sorted(server), sorted(client), matches)
    };
    for (name, path, tq) in QUERIES {
        let (s, c, m) = measure(&format!("{}{path}", newsdex.base));
        let theirs = match (tantivy, tq) {
            (Some(t), Some(q)) => {
                let (ts, tc, tm) = measure(&tantivy_url(&t.base, q));
                format!(
                    "{:.3} | {:.3} | {:.3} | {}",
                    percentile(&ts, 50.0),
                    percentile(&tc, 50.0),
                    percentile(&tc, 99.0),
                    tm.map(|m| m.to_string()).unwrap_or_default()
                )
            }
            _ => "– | – | – | –".to_string(),
        };
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {} | {theirs} |",
            percentile(&s, 50.0),
            percentile(&c, 50.0),
            percentile(&c, 99.0),
            m.map(|m| m.to_string()).unwrap_or_default()
        );
    }
}

/// `clients` threads cycling through `urls` for `seconds`.
fn load(label: &str, proc_: &Proc, urls: Vec<String>, clients: usize, seconds: u64) {
    let before = proc_.rss();
    let stop = Arc::new(AtomicBool::new(false));
    let urls = Arc::new(urls);
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|i| {
            let stop = Arc::clone(&stop);
            let urls = Arc::clone(&urls);
            std::thread::spawn(move || {
                let agent = agent();
                let mut lat = Vec::new();
                let mut errors = 0u64;
                let mut k = i;
                while !stop.load(Ordering::Relaxed) {
                    let (ok, c, _, _) = get(&agent, &urls[k % urls.len()]);
                    k += 1;
                    if ok {
                        lat.push(c);
                    } else {
                        errors += 1;
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (lat, e) = w.join().expect("worker");
        all.extend(lat);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let after = proc_.rss();
    let all = sorted(all);
    println!(
        "| {label} | {clients} | {seconds} | {} | {:.0} | {:.2} | {:.2} | {errors} | {:.0} → {:.0} (peak {:.0}) |",
        all.len(),
        all.len() as f64 / elapsed,
        percentile(&all, 50.0),
        percentile(&all, 99.0),
        before.0,
        after.0,
        after.1
    );
}

/// The page: time from Enter to the first result list on screen, as the page measures it.
fn browser(newsdex: &Proc) {
    use fantoccini::{ClientBuilder, Locator};
    let port = free_port();
    let mut driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver");
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({"binary": "/usr/bin/chromium", "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000"]}),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("session");
        println!("\n## The page: first result list painted after Enter (ms, median of 5)\n");
        println!("| query | painted |");
        println!("|---|---|");
        for query in [
            "\"oil prices\"",
            "\"reagan administration officials\"",
            "dividend",
            "oil AND opec",
        ] {
            let mut times = Vec::new();
            for _ in 0..6 {
                c.goto(&format!("{}/", newsdex.base)).await.expect("page");
                let q = c.find(Locator::Css("#q")).await.expect("box");
                q.send_keys(&format!("{query}\n")).await.expect("typed");
                let deadline = Instant::now() + Duration::from_secs(20);
                loop {
                    let v = c
                        .execute(
                            "return window.newsdexTiming ? window.newsdexTiming.ms : null",
                            vec![],
                        )
                        .await
                        .expect("script");
                    if let Some(ms) = v.as_f64() {
                        times.push(ms);
                        break;
                    }
                    assert!(Instant::now() < deadline, "no results for {query}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
            times.remove(0); // the first load warms the page's caches
            let times = sorted(times);
            println!("| {query} | {:.0} |", percentile(&times, 50.0));
        }
        let _ = c.close().await;
    });
    let _ = driver.kill();
    let _ = driver.wait();
}

fn main() {
    let a = args();
    let newsdex = start_newsdex(&a);
    let tantivy = a.tantivy_index.as_ref().map(|d| start_tantivy(&a, d));
    let stats = get(&agent(), &format!("{}/api/stats", newsdex.base));
    assert!(stats.0, "stats failed");
    println!("# newsdex serve over {}", a.index.display());
    latencies(&a, &newsdex, tantivy.as_ref());
    println!(
        "\n## Load: {} clients for {} s, all queries in turn (client-observed ms)\n",
        a.clients, a.seconds
    );
    println!(
        "| server | clients | seconds | requests | req/s | p50 | p99 | errors | RSS MB before → after |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let ours: Vec<String> = QUERIES
        .iter()
        .map(|(_, p, _)| format!("{}{p}", newsdex.base))
        .collect();
    load("newsdex serve", &newsdex, ours, a.clients, a.seconds);
    if let Some(t) = &tantivy {
        let theirs: Vec<String> = QUERIES
            .iter()
            .filter_map(|(_, _, q)| q.map(|q| tantivy_url(&t.base, q)))
            .collect();
        load(
            "tantivy-cli serve (5 queries)",
            t,
            theirs,
            a.clients,
            a.seconds,
        );
    }
    if a.browser {
        browser(&newsdex);
    }
}
