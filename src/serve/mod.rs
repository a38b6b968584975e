//! `newsdex serve`: a local web app and JSON API over one index.
//!
//! The API answers with the CLI's JSON contract (the same library calls build the same
//! structs); its parameters are the CLI's flags by the same names (see [`params`]). The page
//! is a static shell plus a script and a style sheet embedded in the binary ([`assets`]); it
//! renders everything it gets from the API as text, never as markup.
//!
//! Searches run on tokio's blocking pool, at most [`MAX_CONCURRENT_SEARCHES`] at a time; an
//! index run in another process is picked up by reloading the reader after each commit.

mod api;
mod assets;
mod params;
mod stream;

use crate::index::{IndexError, NewsIndex};
use axum::Router;
use axum::routing::get;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub use params::MAX_QUERY_BYTES;

/// Searches (of any kind) that run at once; more wait their turn.
pub const MAX_CONCURRENT_SEARCHES: usize = 4;

/// Exports that stream at once; one more gets HTTP 503.
pub const MAX_CONCURRENT_EXPORTS: usize = 2;

/// How often the server looks for a newer commit of the index.
const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// What `newsdex serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub index_dir: PathBuf,
    pub host: String,
    pub port: u16,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What every request handler shares.
pub(crate) struct AppState {
    pub index: NewsIndex,
    pub searches: Semaphore,
    pub exports: Arc<Semaphore>,
}

/// The routes: the page, its assets and the JSON API.
fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(assets::page))
        .route("/article/{id}", get(assets::page))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/search", get(api::search))
        .route("/api/facets", get(api::facets))
        .route("/api/timeline", get(api::timeline))
        .route("/api/article/{id}", get(api::article))
        .route("/api/stats", get(api::stats))
        .route("/api/places", get(api::places))
        .route("/api/export.csv", get(api::export_csv))
        .route("/api/export.jsonl", get(api::export_jsonl))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn(server_timing))
        .with_state(state)
}

/// Add `Server-Timing: app;dur=MS`: the time from the request's arrival at the router to its
/// response head (for an export, to its first bytes), for clients and the benchmark to read.
async fn server_timing(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let started = std::time::Instant::now();
    let mut response = next.run(request).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(value) = axum::http::HeaderValue::from_str(&format!("app;dur={ms:.3}")) {
        response.headers_mut().insert("server-timing", value);
    }
    response
}

/// Open the index, bind, call `ready` with the address actually bound (`--port 0` picks
/// one), and serve until Ctrl-C.
pub async fn serve(
    options: &ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let index = NewsIndex::open(&options.index_dir)?;
    // Open the reader now, so a broken index fails at start-up, not at the first search.
    index.reader()?;
    let addr = format!("{}:{}", bracket_ipv6(&options.host), options.port);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: addr.clone(),
            source,
        })?;
    ready(listener.local_addr()?);
    let state = Arc::new(AppState {
        index,
        searches: Semaphore::new(MAX_CONCURRENT_SEARCHES),
        exports: Arc::new(Semaphore::new(MAX_CONCURRENT_EXPORTS)),
    });
    tokio::spawn(follow_commits(Arc::clone(&state)));
    let app = router(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Reload `index`'s reader every [`RELOAD_EVERY`], so commits by an `index` run in another
/// process become visible (a commit is atomic: a reader sees all of it or none).
async fn follow_commits(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(RELOAD_EVERY);
    loop {
        tick.tick().await;
        if let Ok(reader) = state.index.reader() {
            // A failed reload (a commit in progress, files just garbage-collected) keeps the
            // last good searcher; the next tick tries again.
            let _ = reader.reload();
        }
    }
}

/// `::1` → `[::1]`, so a host and a port join into a socket address.
fn bracket_ipv6(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}

/// Whether `host` only accepts connections from this machine.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::IntoFuture;

    #[test]
    fn loopback_hosts_are_told_apart_from_public_ones() {
        for (host, expected) in [
            ("127.0.0.1", true),
            ("localhost", true),
            ("::1", true),
            ("[::1]", true),
            ("0.0.0.0", false),
            ("192.168.1.20", false),
            ("::", false),
        ] {
            assert_eq!(is_loopback(host), expected, "{host}");
        }
    }

    /// An index of one article about ferries, in a temporary folder.
    fn ferry_index() -> (tempfile::TempDir, NewsIndex) {
        use crate::index::writer::{IndexOptions, Quiet, index_paths};
        let tmp = tempfile::tempdir().expect("temp dir");
        let docs = tmp.path().join("docs");
        std::fs::create_dir(&docs).expect("docs");
        std::fs::write(
            docs.join("a.txt"),
            "Ferry strike\n\nThe crews walked out.\n",
        )
        .expect("article");
        let dir = tmp.path().join("idx");
        let index = NewsIndex::open_or_create(&dir, false).expect("index");
        index_paths(&index, &[docs], &IndexOptions::default(), &Quiet).expect("indexed");
        drop(index);
        (tmp, NewsIndex::open(&dir).expect("reopened"))
    }

    /// GET `path` from the server at `addr`, off the runtime's threads: (status, body).
    async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
        let url = format!("http://{addr}{path}");
        tokio::task::spawn_blocking(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            let mut response = agent.get(&url).call().expect("request");
            let status = response.status().as_u16();
            (status, response.body_mut().read_to_string().expect("body"))
        })
        .await
        .expect("client thread")
    }

    #[test]
    fn an_export_beyond_the_limit_gets_503_until_one_finishes() {
        let (_tmp, index) = ferry_index();
        let state = Arc::new(AppState {
            index,
            searches: Semaphore::new(MAX_CONCURRENT_SEARCHES),
            exports: Arc::new(Semaphore::new(MAX_CONCURRENT_EXPORTS)),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let addr = listener.local_addr().expect("address");
            tokio::spawn(axum::serve(listener, router(Arc::clone(&state))).into_future());
            // Exports in progress hold these permits for as long as they stream.
            let running: Vec<_> = (0..MAX_CONCURRENT_EXPORTS)
                .map(|_| {
                    Arc::clone(&state.exports)
                        .try_acquire_owned()
                        .expect("permit")
                })
                .collect();
            for path in ["/api/export.csv?q=ferry", "/api/export.jsonl?q=ferry"] {
                let (status, body) = get(addr, path).await;
                assert_eq!(status, 503, "{path}: {body}");
                let error: serde_json::Value = serde_json::from_str(&body).expect("JSON error");
                assert!(
                    error["error"]
                        .as_str()
                        .is_some_and(|e| e.contains("exports are already running")),
                    "{body}"
                );
            }
            // Searches are not exports: they still answer.
            assert_eq!(get(addr, "/api/search?q=ferry").await.0, 200);
            drop(running);
            let (status, body) = get(addr, "/api/export.jsonl?q=ferry").await;
            assert_eq!(status, 200, "{body}");
            assert!(body.contains("Ferry strike"), "{body}");
            // The finished export gives its permit back (its thread ends just after the
            // last bytes leave).
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            while state.exports.available_permits() < MAX_CONCURRENT_EXPORTS {
                assert!(std::time::Instant::now() < deadline, "the permit was kept");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        });
    }

    #[test]
    fn ipv6_hosts_are_bracketed_for_a_socket_address() {
        assert_eq!(bracket_ipv6("::1"), "[::1]");
        assert_eq!(bracket_ipv6("127.0.0.1"), "127.0.0.1");
        assert_eq!(bracket_ipv6("[::1]"), "[::1]");
    }
}
