//! The axum middleware: `from_fn_with_state(limiter, limit_requests)` around the whole
//! router, `limit_public` as a route layer on the public recovery routes.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::RateLimiter;
use super::actor::named_actor;
use super::key::{ClientIp, caller_key};

/// The general bucket: per M2M client id for bearer requests, else per IP; for the
/// edge's own requests, per end caller (the named actor, else the forwarded address).
///
/// A bearer request answered 401 (a forged, expired or foreign token) also counts as a
/// failure against the IP in the token-failure bucket, and bearer requests from an IP
/// past that limit are refused before their token is verified: otherwise a forger could
/// name a fresh client id each time and make the server check signatures without end.
pub async fn limit_requests(
    State(limiter): State<RateLimiter>,
    mut request: Request,
    next: Next,
) -> Response {
    let from_edge = limiter
        .edge
        .as_ref()
        .is_some_and(|edge| edge.vouches_for(request.headers()));
    let ip = limiter.client_ip(&request, from_edge);
    let actor = from_edge.then(|| named_actor(request.headers())).flatten();
    let key = match &actor {
        Some(actor) => format!("actor:{}", actor.0),
        None if from_edge => ip.key(),
        None => caller_key(request.headers(), &ip),
    };
    let failure_key = ip.key();
    let bearer = is_bearer(&request);
    if bearer && let Err(retry) = limiter.check_token_failures(&failure_key).await {
        return retry.into_response();
    }
    let quota = match limiter.shared.general.take(&key, limiter.now()).await {
        Ok(quota) => quota,
        Err(retry) => return retry.into_response(),
    };
    request.extensions_mut().insert(ip);
    if let Some(actor) = actor {
        request.extensions_mut().insert(actor);
    }
    let mut response = next.run(request).await;
    if bearer && response.status() == StatusCode::UNAUTHORIZED {
        limiter.record_token_failure(&failure_key).await;
    }
    quota.write_headers(response.headers_mut());
    response
}

/// The strict per-IP bucket for public routes (password recovery, reset, invitations),
/// which anyone may call and which send mail or test secrets.
pub async fn limit_public(
    State(limiter): State<RateLimiter>,
    mut request: Request,
    next: Next,
) -> Response {
    // The address `limit_requests` settled on (the edge's forwarded one when trusted).
    let ip = match request.extensions().get::<ClientIp>() {
        Some(ip) => ip.clone(),
        None => limiter.client_ip(&request, false),
    };
    let quota = match limiter.shared.public.take(&ip.key(), limiter.now()).await {
        Ok(quota) => quota,
        Err(retry) => return retry.into_response(),
    };
    request.extensions_mut().insert(ip);
    let mut response = next.run(request).await;
    quota.write_headers(response.headers_mut());
    response
}

fn is_bearer(request: &Request) -> bool {
    request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "))
}

impl RateLimiter {
    fn client_ip(&self, request: &Request, from_edge: bool) -> ClientIp {
        let trust_forwarded = self.trust_proxy || from_edge;
        super::key::client_ip(request.headers(), request.extensions(), trust_forwarded)
    }
}
