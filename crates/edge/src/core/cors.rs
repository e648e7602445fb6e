//! CORS: closed, except for `--allowed-origin` hosts on the embed routes.

use super::allowlist;
use super::config::EdgeConfig;
use super::http::{Request, Response};

/// The request's `Origin` when it is allowed to call `path`.
pub fn allowed_origin<'r>(config: &EdgeConfig, request: &'r Request) -> Option<&'r str> {
    let origin = request.header("origin")?;
    let listed = config.allowed_origins.iter().any(|o| o == origin);
    let embed_route =
        allowlist::find_any_method(&request.path).is_some_and(|m| m.route.is_embed_route());
    (listed && embed_route).then_some(origin)
}

/// Answer to an `OPTIONS` preflight.
pub fn preflight(config: &EdgeConfig, request: &Request) -> Response {
    match allowed_origin(config, request) {
        Some(origin) => with_headers(Response::no_content(), origin)
            .with_header("access-control-allow-methods", "GET, POST, PUT, DELETE")
            .with_header(
                "access-control-allow-headers",
                "authorization, content-type, x-tenantry",
            )
            .with_header("access-control-max-age", "600"),
        None => Response::not_found(),
    }
}

pub fn with_headers(response: Response, origin: &str) -> Response {
    response
        .with_header("access-control-allow-origin", origin)
        .with_header(
            "access-control-expose-headers",
            "total-number, link, x-request-id",
        )
        .with_header("vary", "Origin")
}
