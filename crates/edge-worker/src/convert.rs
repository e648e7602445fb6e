//! Between the Workers runtime's requests and responses and the core's.

use tenantry_edge::core::{self, Method};
use worker::{Headers, Request, Response, ResponseBuilder};

/// Largest accepted request body, as the native edge's.
const BODY_LIMIT: usize = 256 * 1024;

/// The core's view of `request`, or the refusal to send instead.
pub async fn from_worker(mut request: Request) -> Result<core::Request, core::Response> {
    let Some(method) = Method::parse(request.inner().method().as_str()) else {
        return Err(core::Response::error(
            405,
            "guard.method_not_allowed",
            "This method is not supported.",
        ));
    };
    let too_large =
        || core::Response::error(413, "guard.payload_too_large", "The body is too large.");
    let declared = request.headers().get("content-length").ok().flatten();
    if declared
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n > BODY_LIMIT)
    {
        return Err(too_large());
    }
    let url = request.url().map_err(|_| core::Response::not_found())?;
    let headers: Vec<(String, String)> = request.headers().entries().collect();
    // Cloudflare sets CF-Connecting-IP to the browser's address (and overwrites any
    // value the browser sent); miniflare does the same locally.
    let client_ip = request
        .headers()
        .get("cf-connecting-ip")
        .ok()
        .flatten()
        .unwrap_or_default();
    // Read even on GET: an unread body makes workerd drop the connection. A body that
    // cannot be read is refused, never forwarded as empty.
    let body = request.bytes().await.map_err(|_| {
        core::Response::error(
            400,
            "guard.invalid_input",
            "The request body could not be read.",
        )
    })?;
    if body.len() > BODY_LIMIT {
        return Err(too_large());
    }
    Ok(core::Request {
        method,
        path: url.path().to_owned(),
        query: url.query().map(str::to_owned),
        headers,
        body,
        client_ip,
    })
}

/// The core's answer as a Workers response.
pub fn into_worker(answer: core::Response) -> worker::Result<Response> {
    let headers = Headers::new();
    for (name, value) in &answer.headers {
        headers.append(name, value)?;
    }
    let builder = ResponseBuilder::new()
        .with_status(answer.status)
        .with_headers(headers);
    // 204 and 304 must have no body at all, not an empty one.
    Ok(if answer.body.is_empty() {
        builder.empty()
    } else {
        builder.fixed(answer.body)
    })
}
