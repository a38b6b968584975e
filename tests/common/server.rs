//! A `newsdex serve` process for the server and browser tests, and hostile articles.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `newsdex serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(index: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .args(["serve", "--port", "0", "--index"])
            .arg(index)
            .env_remove("NEWSDEX_INDEX")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("url line");
        let base = line.trim().trim_end_matches('/').to_string();
        assert!(base.starts_with("http://127.0.0.1:"), "{line:?}");
        Server { child, base }
    }

    /// Status, content type and body of `GET path`.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        let mut response = agent
            .get(&format!("{}{path}", self.base))
            .call()
            .expect("request");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .expect("body");
        (status, content_type, body)
    }

    /// The JSON body of a `GET` that must succeed.
    pub fn json(&self, path: &str) -> Value {
        let (status, content_type, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
        serde_json::from_str(&body).expect("JSON body")
    }

    /// The `error` message of a request that must fail with `status`.
    pub fn error(&self, path: &str, status: u16) -> String {
        let (got, _, body) = self.get(path);
        assert_eq!(got, status, "{path}: {body}");
        let value: Value = serde_json::from_str(&body).expect("JSON error body");
        value["error"].as_str().expect("error message").to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Articles written to attack a page: markup, event handlers, script URLs.
pub const HOSTILE_TITLE: &str =
    "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

pub fn write_hostile_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    // Plain text keeps markup as written: the title line and the body are hostile.
    std::fs::write(
        dir.join("hostile.txt"),
        format!(
            "{HOSTILE_TITLE}\n\nAleppo hostilities report, tarantella. <script>window.__pwned=5</script> </textarea><b onmouseover=window.__pwned=6>bold</b> and more hostilities in Aleppo, Syria, on 1 May 2016.\n"
        ),
    )
    .unwrap();
    // Metadata fields: a script URL and a source that tries to close a textarea.
    let article = serde_json::json!({
        "title": "Links to nowhere",
        "date": "2016-05-02",
        "url": "javascript:window.__pwned=3",
        "source": "</textarea><svg onload=window.__pwned=4>",
        "body": "A report on hostilities in Geneva with a link that must not run, tarantella."
    });
    std::fs::write(dir.join("links.json"), article.to_string()).unwrap();
}
