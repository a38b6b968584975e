//! The web page in real browsers: headless Chromium (over chromedriver) and headless Firefox
//! (over geckodriver), each driven over WebDriver, type a phrase query, apply a date range
//! and a place from the facet panel, check the result list and its highlighted words against
//! the API, open an article, check that a hostile article's markup did not run, and save
//! screenshots under `target/browser/`.
//!
//! Chromium needs Debian's `chromium` and `chromium-driver`; Firefox needs `firefox-esr` and
//! `geckodriver` (`cargo install geckodriver`). `.ci/run` installs them and runs these tests
//! with `--ignored`.

mod common;
use common::server::{HOSTILE_TITLE, Server, write_hostile_corpus};
use common::{index, repo_path};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The browsers the page is tested in.
#[derive(Clone, Copy)]
enum Browser {
    Chromium,
    Firefox,
}

impl Browser {
    fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
        }
    }

    /// The WebDriver server: (environment variable overriding it, default, how to install).
    fn driver(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Browser::Chromium => (
                "CHROMEDRIVER",
                "chromedriver",
                "apt-get install chromium-driver",
            ),
            Browser::Firefox => ("GECKODRIVER", "geckodriver", "cargo install geckodriver"),
        }
    }

    /// The session's capabilities: a headless browser with a fixed window.
    fn capabilities(self) -> serde_json::Map<String, Value> {
        let mut caps = serde_json::Map::new();
        match self {
            Browser::Chromium => {
                let binary =
                    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
                caps.insert(
                    "goog:chromeOptions".into(),
                    json!({
                        "binary": binary,
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                            "--window-size=1280,1000"
                        ]
                    }),
                );
            }
            Browser::Firefox => {
                let binary =
                    std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".into());
                caps.insert(
                    "moz:firefoxOptions".into(),
                    json!({
                        "binary": binary,
                        "args": ["-headless", "-width=1280", "-height=1000"],
                        "prefs": {"app.update.enabled": false, "browser.shell.checkDefaultBrowser": false}
                    }),
                );
            }
        }
        caps
    }
}

/// A WebDriver server process on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(browser: Browser) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let (var, default, install) = browser.driver();
        let binary = std::env::var(var).unwrap_or_else(|_| default.into());
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary} ({install}): {e}"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "{binary} did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn session(browser: Browser, driver: &Driver) -> Client {
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(browser.capabilities())
        .connect(&driver.url)
        .await
        .unwrap_or_else(|e| panic!("no {} session: {e}", browser.name()))
}

/// Wait until `script` (a function body) returns something truthy, and return it.
async fn wait_for(c: &Client, what: &str, script: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let v = c.execute(script, vec![]).await.expect("script runs");
        if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The rendered hits: title, and the texts of their <mark>s.
const HITS_SCRIPT: &str = r#"
return Array.from(document.querySelectorAll('#hits > li')).map(li => ({
  id: li.querySelector('h2 a').dataset.id,
  title: li.querySelector('h2 a').dataset.untitled ? null : li.querySelector('h2 a').textContent,
  marks: Array.from(li.querySelectorAll('.snippet mark')).map(m => m.textContent)
}));"#;

/// What the page must show for an API result: ids, titles and marked words.
fn expected_hits(result: &Value) -> Value {
    let hits = result["hits"].as_array().unwrap();
    Value::Array(
        hits.iter()
            .map(|h| {
                let snippet = h["snippet"].as_str().unwrap().as_bytes();
                let marks: Vec<String> = h["highlights"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        let (a, b) = (
                            r[0].as_u64().unwrap() as usize,
                            r[1].as_u64().unwrap() as usize,
                        );
                        String::from_utf8_lossy(&snippet[a..b]).into_owned()
                    })
                    .collect();
                json!({"id": h["id"], "title": h["title"], "marks": marks})
            })
            .collect(),
    )
}

fn shot_path(browser: Browser, name: &str) -> PathBuf {
    let dir = repo_path("target/browser").join(browser.name());
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
#[ignore = "needs Chromium and chromedriver (apt-get install chromium chromium-driver); .ci/run installs them and runs it with --ignored"]
fn in_chromium_the_page_searches_filters_opens_articles_and_never_runs_article_markup() {
    the_page_searches_filters_opens_articles_and_never_runs_article_markup(Browser::Chromium);
}

#[test]
#[ignore = "needs Firefox and geckodriver (apt-get install firefox-esr; cargo install geckodriver); .ci/run installs them and runs it with --ignored"]
fn in_firefox_the_page_searches_filters_opens_articles_and_never_runs_article_markup() {
    the_page_searches_filters_opens_articles_and_never_runs_article_markup(Browser::Firefox);
}

fn the_page_searches_filters_opens_articles_and_never_runs_article_markup(browser: Browser) {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile");
    write_hostile_corpus(&hostile);
    let idx = dir.path().join("idx");
    index(&idx, &[&repo_path("sample-corpus"), &hostile]);
    let server = Server::start(&idx);
    let driver = Driver::start(browser);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let c = session(browser, &driver).await;
        c.goto(&format!("{}/", server.base)).await.unwrap();
        wait_for(&c, "the start message", "return document.querySelector('#message').textContent.includes('articles indexed')").await;

        // Type a phrase and a date range, press Enter.
        c.find(Locator::Css("#q")).await.unwrap().send_keys("\"cessation of hostilities\"").await.unwrap();
        c.find(Locator::Css("#from")).await.unwrap().send_keys("2016-04").await.unwrap();
        c.find(Locator::Css("#to")).await.unwrap().send_keys(&format!("2016-05{}", char::from(Key::Enter))).await.unwrap();
        wait_for(&c, "the first results", "return document.querySelectorAll('#hits > li').length").await;
        let painted = wait_for(&c, "the paint timing", "return window.newsdexTiming && window.newsdexTiming.ms").await;
        eprintln!("{}: first result list painted {painted} ms after Enter", browser.name());

        // A place from the facet panel, once the panel shows this search's facets.
        wait_for(&c, "the facets of this search", "return document.querySelector('#facets').getAttribute('aria-busy') === 'false'").await;
        let syria = c
            .find(Locator::Css("#facet-places button[title='/Syria']"))
            .await
            .expect("Syria in the facet panel");
        syria.click().await.unwrap();
        wait_for(&c, "the place filter in the URL", "return location.search.includes('location=%2FSyria')").await;
        wait_for(&c, "the chip", "return document.querySelector('#chips li') && document.querySelector('#chips li').textContent.startsWith('/Syria')").await;
        let api = server.json("/api/search?q=%22cessation+of+hostilities%22&from=2016-04&to=2016-05&location=%2FSyria&limit=10");
        assert_eq!(api["total"], 5);
        let expected = expected_hits(&api);
        wait_for(&c, "the filtered list", "return document.querySelector('#total').textContent === '5 articles match; showing 1–5' && document.querySelectorAll('#hits > li').length === 5").await;
        let shown = c.execute(HITS_SCRIPT, vec![]).await.unwrap();
        assert_eq!(shown, expected);
        assert!(shown[0]["marks"].as_array().unwrap().iter().all(|m| m.as_str().unwrap().to_lowercase() == "cessation of hostilities"));
        let total = c.find(Locator::Css("#total")).await.unwrap().text().await.unwrap();
        assert_eq!(total, "5 articles match; showing 1–5");
        c.screenshot().await.map(|png| std::fs::write(shot_path(browser, "search.png"), png)).unwrap().unwrap();

        // Open the first article.
        let first_id = expected[0]["id"].as_str().unwrap().to_string();
        c.find(Locator::Css("#hits > li h2 a")).await.unwrap().click().await.unwrap();
        wait_for(&c, "the article view", "return !document.querySelector('#article-view').hidden && document.querySelector('#article-title').textContent").await;
        assert!(c.current_url().await.unwrap().path().ends_with(&first_id));
        let article = server.json(&format!("/api/article/{first_id}"));
        let title = c.find(Locator::Css("#article-title")).await.unwrap().text().await.unwrap();
        assert_eq!(title, article["title"].as_str().unwrap());
        let marks = c.execute("return Array.from(document.querySelectorAll('#article-body mark')).map(m => m.textContent.toLowerCase())", vec![]).await.unwrap();
        assert!(!marks.as_array().unwrap().is_empty());
        assert!(marks.as_array().unwrap().iter().all(|m| m == "cessation of hostilities"), "{marks}");
        // The places it is about, the most specific of each, with why each was chosen.
        let places: Vec<&str> = article["locations"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        let bases: Vec<&str> = article["location_basis"].as_array().unwrap().iter().map(|b| b.as_str().unwrap()).collect();
        let expected_about: Vec<String> = places
            .iter()
            .zip(&bases)
            .filter(|(p, _)| !places.iter().any(|o| o.starts_with(&format!("{p}/"))))
            .map(|(p, b)| format!("{p} ({b})"))
            .collect();
        assert!(!expected_about.is_empty());
        let about = c.execute("const dt = Array.from(document.querySelectorAll('#article-meta dt')).find(d => d.textContent === 'About'); return dt ? dt.nextElementSibling.textContent : null", vec![]).await.unwrap();
        assert_eq!(about, json!(expected_about.join(", ")));
        c.screenshot().await.map(|png| std::fs::write(shot_path(browser, "article.png"), png)).unwrap().unwrap();

        // Back to the list through history, state intact.
        c.back().await.unwrap();
        wait_for(&c, "the list again", "return !document.querySelector('#search-view').hidden && document.querySelectorAll('#hits > li').length === 5").await;

        // Hostile articles: shown as text, nothing runs, no script link.
        c.goto(&format!("{}/?q=tarantella&sort=oldest", server.base)).await.unwrap();
        wait_for(&c, "the hostile hits", "return document.querySelectorAll('#hits > li').length === 2").await;
        let titles = c.execute("return Array.from(document.querySelectorAll('#hits h2 a')).map(a => a.textContent)", vec![]).await.unwrap();
        assert_eq!(titles[0], HOSTILE_TITLE);
        let hostile_id = server.json("/api/search?q=tarantella&sort=oldest")["hits"][0]["id"].as_str().unwrap().to_string();
        c.goto(&format!("{}/article/{hostile_id}?q=tarantella", server.base)).await.unwrap();
        wait_for(&c, "the hostile article", "return document.querySelector('#article-title').textContent").await;
        let links_id = server.json("/api/search?q=tarantella&sort=oldest")["hits"][1]["id"].as_str().unwrap().to_string();
        c.goto(&format!("{}/article/{links_id}", server.base)).await.unwrap();
        wait_for(&c, "the links article", "return document.querySelector('#article-meta').textContent.includes('javascript:')").await;
        // Hover and click everything an attacker might have planted.
        for el in c.find_all(Locator::Css("#article-meta dd, #article-body b, #article-title")).await.unwrap() {
            let _ = el.click().await;
        }
        let verdict = c
            .execute(
                "return {pwned: window.__pwned === undefined ? null : window.__pwned, scripts: document.scripts.length, scriptLinks: document.querySelectorAll('a[href^=\"javascript\"]').length, injected: document.querySelectorAll('#article img, #article svg, #article b, #hits img, #hits script').length};",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(verdict, json!({"pwned": null, "scripts": 1, "scriptLinks": 0, "injected": 0}));
        c.goto(&format!("{}/article/{hostile_id}?q=tarantella", server.base)).await.unwrap();
        wait_for(&c, "the hostile article", "return document.querySelector('#article-title').textContent").await;
        let title = c.find(Locator::Css("#article-title")).await.unwrap().text().await.unwrap();
        assert_eq!(title, HOSTILE_TITLE);
        let pwned = c.execute("return window.__pwned === undefined", vec![]).await.unwrap();
        assert_eq!(pwned, json!(true));
        c.screenshot().await.map(|png| std::fs::write(shot_path(browser, "hostile.png"), png)).unwrap().unwrap();

        // A bad query shows the CLI's message; an empty result says so.
        c.goto(&format!("{}/?q=%22oil", server.base)).await.unwrap();
        let message = wait_for(&c, "the error", "return document.querySelector('#message.error') && document.querySelector('#message').textContent").await;
        assert!(message.as_str().unwrap().starts_with("invalid query: unbalanced quote"), "{message}");
        c.goto(&format!("{}/?q=zzzqqqxyz", server.base)).await.unwrap();
        let message = wait_for(&c, "the empty message", "return document.querySelector('#message').textContent").await;
        assert_eq!(message, "No articles match zzzqqqxyz.");
        c.close().await.unwrap();
    });
}
