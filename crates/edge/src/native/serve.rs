//! axum in front of the core: every request goes to `Edge::handle`; paths that are not
//! the edge's are the portal's static files, with `index.html` for unknown GETs and
//! the headers of `dist/_headers` (Content-Security-Policy, caching).

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use super::outbound::ReqwestOutbound;
use super::static_headers::{StaticHeaders, is_host_file};
use super::system::SystemEnv;
use crate::core::{self, Edge, Env, Method};
use tenantry_transport::{self as transport, BodyTimedOut, TransportConfig};

pub type NativeEdge = Edge<ReqwestOutbound, SystemEnv>;

/// Largest accepted request body, as the server's.
const BODY_LIMIT: usize = 256 * 1024;

/// What the native adapter adds around the core.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The portal's `dist/`, served on the edge's origin.
    pub static_dir: Option<PathBuf>,
    /// A reverse proxy in front appends the client's address to `X-Forwarded-For`:
    /// rate limits and the audit log use its last entry instead of the socket peer.
    pub trust_proxy: bool,
    /// Read timeouts and the connection cap.
    pub transport: TransportConfig,
}

impl From<Option<PathBuf>> for Site {
    fn from(static_dir: Option<PathBuf>) -> Site {
        Site {
            static_dir,
            ..Site::default()
        }
    }
}

struct App<E> {
    edge: Edge<ReqwestOutbound, E>,
    site: Site,
    static_headers: StaticHeaders,
}

/// The whole edge; `E` is `SystemEnv` except in tests that move the clock.
pub fn router<E: Env + Send + Sync + 'static>(
    edge: Edge<ReqwestOutbound, E>,
    site: impl Into<Site>,
) -> Router {
    let site = site.into();
    let static_headers = site
        .static_dir
        .as_deref()
        .map(StaticHeaders::load)
        .unwrap_or_default();
    Router::new()
        .fallback(handle::<E>)
        .with_state(Arc::new(App {
            edge,
            site,
            static_headers,
        }))
}

/// Serves until `shutdown` completes.
pub async fn serve<E: Env + Send + Sync + 'static>(
    listener: TcpListener,
    edge: Edge<ReqwestOutbound, E>,
    site: impl Into<Site>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let site = site.into();
    let limits = site.transport.clone();
    transport::serve(listener, router(edge, site), &limits, shutdown).await
}

async fn handle<E: Env + Send + Sync + 'static>(
    State(app): State<Arc<App<E>>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: axum::extract::Request,
) -> Response {
    let Some(method) = Method::parse(request.method().as_str()) else {
        return error(
            405,
            "guard.method_not_allowed",
            "This method is not supported.",
        );
    };
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes.to_vec(),
        Err(e) if caused_by::<BodyTimedOut>(&e) => {
            return error(
                408,
                "guard.request_timeout",
                "The body did not arrive in time.",
            );
        }
        Err(_) => return error(413, "guard.payload_too_large", "The body is too large."),
    };
    let edge_request = core::Request {
        method,
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect(),
        body,
        client_ip: client_ip(peer, &parts.headers, app.site.trust_proxy),
    };
    if let Some(answer) = app.edge.handle(edge_request).await {
        return into_axum(answer);
    }
    match (&app.site.static_dir, method) {
        (Some(dir), Method::Get | Method::Head) => {
            let path = parts.uri.path().to_owned();
            if is_host_file(&path) {
                return into_axum(core::Response::not_found());
            }
            if core::has_encoded_separator(&path) {
                return into_axum(core::encoded_separator_refused());
            }
            let request = axum::extract::Request::from_parts(parts, Body::empty());
            let mut response = if core::is_build_asset(&path) {
                // A missing script or stylesheet is a 404, never the page (which
                // would be cached for a year under the asset's name).
                let answer = match ServeDir::new(dir).oneshot(request).await {
                    Ok(answer) => answer.into_response(),
                    Err(never) => match never {},
                };
                if answer.status() == StatusCode::NOT_FOUND {
                    return into_axum(
                        core::Response::not_found().with_header("cache-control", "no-store"),
                    );
                }
                answer
            } else {
                let index = ServeFile::new(dir.join("index.html"));
                match ServeDir::new(dir).fallback(index).oneshot(request).await {
                    Ok(answer) => answer.into_response(),
                    Err(never) => match never {},
                }
            };
            add_static_headers(&mut response, &app.static_headers, &path);
            response
        }
        _ => into_axum(core::Response::not_found()),
    }
}

/// The `_headers` rules for `path`; what sets no caching is revalidated on every
/// use (the page and `config.json` change with each deployment).
fn add_static_headers(response: &mut Response, rules: &StaticHeaders, path: &str) {
    let headers = response.headers_mut();
    for (name, value) in rules.for_path(path) {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.insert(name, value);
        }
    }
    if !headers.contains_key(axum::http::header::CACHE_CONTROL) {
        headers.insert(
            axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        );
    }
}

fn into_axum(answer: core::Response) -> Response {
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
    let headers = response.headers_mut();
    for (name, value) in answer.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.append(name, value);
        }
    }
    response
}

fn error(status: u16, code: &str, message: &str) -> Response {
    into_axum(core::Response::error(status, code, message))
}

/// Whether `T` is somewhere in `error`'s chain of sources.
fn caused_by<T: std::error::Error + 'static>(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<T>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// The socket peer, or behind a trusted proxy the last `X-Forwarded-For` entry (the
/// address the proxy saw; earlier entries are whatever the client claimed).
fn client_ip(peer: SocketAddr, headers: &HeaderMap, trust_proxy: bool) -> String {
    let forwarded = || {
        let value = headers.get_all("x-forwarded-for").iter().next_back()?;
        value
            .to_str()
            .ok()?
            .rsplit(',')
            .next()?
            .trim()
            .parse::<IpAddr>()
            .ok()
    };
    trust_proxy
        .then(forwarded)
        .flatten()
        .unwrap_or(peer.ip())
        .to_string()
}
