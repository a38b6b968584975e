//! The JSON API: each route reads the CLI's flags from the query string, builds the same
//! library request the CLI builds, runs it on the blocking pool and answers with the CLI's
//! `--format json` output. A user mistake is HTTP 400 `{"error": "…"}` with the CLI's message.

use super::AppState;
use super::params::{ParamError, Params};
use super::stream;
use crate::index::IndexError;
use crate::render::OutputFormat;
use crate::render::export::RecordWriter;
use crate::search::complete::complete_places;
use crate::search::export::stream_matches;
use crate::search::highlight::find_matches;
use crate::search::location::settle_places;
use crate::search::lookup::find_by_id;
use crate::search::request::{QueryParams, RequestError, check_periods, highlight_needles};
use crate::search::tally::timeline as count_timeline;
use crate::search::tally::{facets as count_facets, search_facets, stats as index_stats};
use crate::search::{SearchError, run_search};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

/// Longest prefix `/api/places` completes.
const MAX_PLACE_PREFIX: usize = 100;

/// Why a request failed, as an HTTP status and the message the CLI would print.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> Self {
        ApiError::bad_request(e.0)
    }
}

impl From<RequestError> for ApiError {
    fn from(e: RequestError) -> Self {
        ApiError::bad_request(e.to_string())
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Query(_) => ApiError::bad_request(e.to_string()),
            SearchError::Index(i) => i.into(),
        }
    }
}

impl From<IndexError> for ApiError {
    fn from(e: IndexError) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: e.to_string(),
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ErrorBody {
                error: &self.message,
            }),
        )
            .into_response();
        super::assets::security_headers(response.headers_mut());
        response
    }
}

/// Any path the server does not serve.
pub(crate) async fn not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        message: "not found: the page is at / and the API under /api/ (see the README)".into(),
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// The filters every query route shares.
const QUERY_PARAMS: &[&str] = &[
    "q",
    "from",
    "to",
    "location",
    "mentions",
    "location_basis",
    "date_source",
    "source",
    "lang",
];

fn names(extra: &[&'static str]) -> Vec<&'static str> {
    QUERY_PARAMS.iter().chain(extra).copied().collect()
}

/// Run `work` on the blocking pool, at most [`super::MAX_CONCURRENT_SEARCHES`] at a time.
async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&AppState) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let _permit = state.searches.acquire().await.map_err(|_| ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: "the server is shutting down".into(),
    })?;
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the search failed: {e}"),
        })?
}

/// `GET /api/search`: `newsdex search … --format json`.
pub(crate) async fn search(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let p = Params::parse(
        raw.as_deref(),
        &names(&["sort", "limit", "offset", "all_copies", "facets"]),
    )?;
    let mut plan = QueryParams {
        format: OutputFormat::Json,
        ..p.query_params()?
    }
    .search()?;
    let result = blocking(&state, move |s| {
        settle_places(&mut plan.request, &s.index)?;
        let mut result = run_search(&s.index, &plan.request)?;
        if plan.facets {
            result.facets = Some(search_facets(&s.index, &plan.request)?);
        }
        Ok(result)
    })
    .await?;
    Ok(json(&result))
}

/// `GET /api/facets`: `newsdex facets … --format json`.
pub(crate) async fn facets(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let p = Params::parse(raw.as_deref(), &names(&["field", "depth", "top"]))?;
    let mut plan = p.query_params()?.facets()?;
    let result = blocking(&state, move |s| {
        settle_places(&mut plan.request, &s.index)?;
        Ok(count_facets(
            &s.index,
            &plan.request,
            plan.field,
            &plan.root,
            plan.depth,
            plan.top,
        )?)
    })
    .await?;
    Ok(json(&result))
}

/// `GET /api/timeline`: `newsdex timeline … --format json`.
pub(crate) async fn timeline(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let p = Params::parse(raw.as_deref(), &names(&["by"]))?;
    let mut plan = p.query_params()?.timeline()?;
    let t = blocking(&state, move |s| {
        settle_places(&mut plan.request, &s.index)?;
        Ok(count_timeline(&s.index, &plan.request, plan.by)?)
    })
    .await?;
    check_periods(t.buckets.len())?;
    Ok(json(&t))
}

/// `GET /api/article/<id>`: `newsdex show ID --format json [--query Q]`.
pub(crate) async fn article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let p = Params::parse(raw.as_deref(), &["query"])?;
    let needles = highlight_needles(p.get("query"), state.index.language)?;
    if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(no_article(&id));
    }
    let value = blocking(&state, move |s| {
        let Some(article) = find_by_id(&s.index, &id)? else {
            return Err(no_article(&id));
        };
        let ranges: Vec<[usize; 2]> = needles
            .as_ref()
            .map(|n| find_matches(&article.body, &n.for_lang(&article.lang)))
            .unwrap_or_default()
            .iter()
            .map(|r| [r.start, r.end])
            .collect();
        let mut value = serde_json::to_value(&article).unwrap_or_default();
        if let Some(obj) = value.as_object_mut() {
            obj.insert("highlights".into(), serde_json::json!(ranges));
        }
        Ok(value)
    })
    .await?;
    Ok(json(&value))
}

fn no_article(id: &str) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        message: format!("no article with id \"{id}\" in this index"),
    }
}

/// `GET /api/stats`: `newsdex stats --format json`.
pub(crate) async fn stats(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let p = Params::parse(raw.as_deref(), &["top"])?;
    let top = p.number("top", 10)?.min(1000);
    let s = blocking(&state, move |s| Ok(index_stats(&s.index, top)?)).await?;
    Ok(json(&s))
}

/// `GET /api/places?q=ale`: places of the index whose name starts with the typed text.
pub(crate) async fn places(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let p = Params::parse(raw.as_deref(), &["q", "limit"])?;
    let typed = p.get("q").unwrap_or_default().to_string();
    if typed.len() > MAX_PLACE_PREFIX {
        return Err(ApiError::bad_request(format!(
            "q is {} bytes; place names are at most {MAX_PLACE_PREFIX}",
            typed.len()
        )));
    }
    let limit = p.number("limit", 10)?.min(100);
    let found = blocking(&state, move |s| {
        Ok(complete_places(&s.index, &typed, limit)?)
    })
    .await?;
    Ok(json(&found))
}

/// `GET /api/export.csv`: `newsdex search … --all --format csv`.
pub(crate) async fn export_csv(state: State<Arc<AppState>>, raw: RawQuery) -> ApiResult<Response> {
    export(state, raw, true).await
}

/// `GET /api/export.jsonl`: `newsdex search … --all --format jsonl`.
pub(crate) async fn export_jsonl(
    state: State<Arc<AppState>>,
    raw: RawQuery,
) -> ApiResult<Response> {
    export(state, raw, false).await
}

async fn export(
    State(state): State<Arc<AppState>>,
    RawQuery(raw): RawQuery,
    csv: bool,
) -> ApiResult<Response> {
    let p = Params::parse(raw.as_deref(), &names(&["fields"]))?;
    let plan = QueryParams {
        all: true,
        format: if csv {
            OutputFormat::Csv
        } else {
            OutputFormat::Jsonl
        },
        ..p.query_params()?
    }
    .search()?;
    let mut request = plan.request;
    let fields = plan.fields.unwrap_or_default();
    let Ok(permit) = Arc::clone(&state.exports).try_acquire_owned() else {
        return Err(ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "{} exports are already running; try again when one has finished",
                super::MAX_CONCURRENT_EXPORTS
            ),
        });
    };
    let (mut writer, body) = stream::channel(stream::SEND_TIMEOUT);
    let worker_state = Arc::clone(&state);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let outcome = (|| {
            settle_places(&mut request, &worker_state.index)?;
            let mut rows = RecordWriter::new(&mut writer, csv);
            if let Err(e) = rows.header(&fields) {
                return Ok(Err(e));
            }
            stream_matches(&worker_state.index, &request, &fields, &mut |record| {
                rows.write(record)
            })
        })();
        match outcome {
            Ok(Ok(())) => {
                let _ = std::io::Write::flush(&mut writer);
            }
            Ok(Err(_client_gone)) => {}
            Err(e) => writer.fail(e.to_string()),
        }
    });
    let (content_type, name) = if csv {
        ("text/csv; charset=utf-8", "newsdex-export.csv")
    } else {
        ("application/x-ndjson", "newsdex-export.jsonl")
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    super::assets::security_headers(headers);
    Ok(response)
}

/// A JSON response with the page's security headers.
fn json<T: Serialize>(value: &T) -> Response {
    let mut response = Json(value).into_response();
    super::assets::security_headers(response.headers_mut());
    response
}
