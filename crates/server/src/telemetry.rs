//! Tracing set-up and per-request spans with request ids.

use std::io::Write;

use axum::http::{HeaderName, Request};
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{MakeRequestId, RequestId};
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;
use crate::ids::new_id_of;

type MakeSpan = fn(&Request<axum::body::Body>) -> tracing::Span;

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The same id under the name Logto's core answers with, for clients that read it.
pub static LOGTO_REQUEST_ID: HeaderName = HeaderName::from_static("logto-core-request-id");

/// Logs to stdout through a background writer, so requests never wait on the
/// terminal. Keep the guard alive: dropping it flushes and stops the writer.
pub fn init(format: LogFormat) -> WorkerGuard {
    init_with_writer(format, std::io::stdout())
}

pub fn init_with_writer(format: LogFormat, writer: impl Write + Send + 'static) -> WorkerGuard {
    let (writer, guard) = tracing_appender::non_blocking(writer);
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    // A second init (as in tests) keeps the first subscriber.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    guard
}

#[derive(Clone, Copy)]
pub struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        new_id_of(16).parse().ok().map(RequestId::new)
    }
}

/// One span per request (method, path, request id) and one event when it ends
/// (status, latency). The query, which may carry personal data, and the headers,
/// which carry credentials, are never recorded.
pub fn trace_layer() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, MakeSpan> {
    TraceLayer::new_for_http()
        .make_span_with(request_span as MakeSpan)
        .on_response(DefaultOnResponse::new().level(Level::INFO))
        .on_failure(DefaultOnFailure::new().level(Level::ERROR))
}

/// Longest path prefix written to the log.
const MAX_LOGGED_PATH: usize = 128;

fn request_span(request: &Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    // The path may hold whatever a client sent: a bounded prefix is enough to read.
    let path = request.uri().path();
    let mut end = path.len().min(MAX_LOGGED_PATH);
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    let path = &path[..end];
    tracing::info_span!("request", method = %request.method(), path = %path, request_id = %id)
}
