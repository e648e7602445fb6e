//! The runtime-neutral core of the edge.

mod access;
mod allowlist;
mod auth_routes;
mod config;
mod cors;
mod edge;
mod email_change;
mod embed;
mod embed_route;
mod env;
mod forward;
mod http;
mod ids;
mod org_scope;
mod policy;
mod privacy;
mod query;
mod rate_limit;
mod routes;
mod self_guard;
mod session;
mod token_cache;
mod upstream;

pub use config::{EdgeConfig, Limits, Secret, SessionKey};
pub use edge::{
    Edge, clip, encoded_separator_refused, has_encoded_separator, is_build_asset, owns_path,
};
pub use env::{Env, Mutex, MutexGuard, Outbound, OutboundError, OutboundRequest, OutboundResponse};
pub use http::{Method, Request, Response};

/// Every (method, path pattern) the edge forwards to the server (its allowlist).
pub fn forwarded_routes() -> impl Iterator<Item = (Method, &'static str)> {
    routes::ROUTES
        .iter()
        .map(|route| (route.method, route.pattern))
}
pub use session::SESSION_COOKIE;

/// Every allowlisted (method, path pattern), for tests that must cover them all.
pub fn allowlist() -> impl Iterator<Item = (&'static str, &'static str)> {
    allowlist::ROUTES
        .iter()
        .map(|r| (r.method.as_str(), r.pattern))
}
