//! Tracing set-up and per-request spans with request ids.

use axum::http::{HeaderName, Request};
use tower_http::request_id::{MakeRequestId, RequestId};
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;
use crate::ids::new_id_of;

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // A second init (as in tests) keeps the first subscriber.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

#[derive(Clone, Copy)]
pub struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        new_id_of(16).parse().ok().map(RequestId::new)
    }
}

/// The span of one request: method, path (no query, which may carry personal data)
/// and request id. Headers, and so credentials, are never recorded.
pub fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
}
