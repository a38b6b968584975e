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

    #[test]
    fn ipv6_hosts_are_bracketed_for_a_socket_address() {
        assert_eq!(bracket_ipv6("::1"), "[::1]");
        assert_eq!(bracket_ipv6("127.0.0.1"), "127.0.0.1");
        assert_eq!(bracket_ipv6("[::1]"), "[::1]");
    }
}
