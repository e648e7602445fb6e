//! Calls to the server with the cached M2M token; a 401 refreshes it once and retries.

use std::sync::OnceLock;

use serde_json::Value;
use tenantry_api_types::{SESSION_HEADER, SESSION_REVOKED};

use super::config::EdgeConfig;
use super::env::{Env, Outbound, OutboundRequest, OutboundResponse};
use super::http::{Method, Response};
use super::session;
use super::token_cache::TokenCache;

pub struct Upstream<O> {
    pub outbound: O,
    pub tokens: TokenCache,
}

/// Per-request headers the server should see.
#[derive(Clone, Debug, Default)]
pub struct Hop {
    pub client_ip: String,
    pub request_id: String,
    /// The end caller, once known (`user:<id>` or `embed:<subject>`), sent as
    /// `X-Tenantry-Actor`: every call reaches the server as the edge's one M2M client,
    /// so the server keys its rate limits and audit rows on this instead.
    pub actor: OnceLock<String>,
    /// `<userId>.<epoch>` of the session the request acts for, set once the cookie is
    /// opened; the server refuses every call naming a session that has been revoked.
    pub session: OnceLock<String>,
}

impl Hop {
    /// Names the end caller for the rest of this request's server calls.
    pub fn act_as(&self, actor: String) {
        let _ = self.actor.set(actor);
    }

    /// The same hop naming no session: for reading the epoch a new cookie records.
    pub fn without_session(&self) -> Hop {
        Hop {
            session: OnceLock::new(),
            ..self.clone()
        }
    }
}

impl<O: Outbound> Upstream<O> {
    /// Sends `method path_and_query` with an optional JSON body.
    pub async fn call(
        &self,
        env: &impl Env,
        config: &EdgeConfig,
        hop: &Hop,
        method: Method,
        path_and_query: &str,
        body: Option<Vec<u8>>,
    ) -> Result<OutboundResponse, Response> {
        let token = self
            .tokens
            .token(&self.outbound, config, env.now_ms())
            .await
            .map_err(|e| unavailable(&e.0))?;
        let request = |token: &str| {
            let mut headers = vec![
                ("authorization".to_owned(), format!("Bearer {token}")),
                ("x-forwarded-for".to_owned(), hop.client_ip.clone()),
                ("x-request-id".to_owned(), hop.request_id.clone()),
                ("accept".to_owned(), "application/json".to_owned()),
            ];
            if let Some(actor) = hop.actor.get() {
                headers.push(("x-tenantry-actor".to_owned(), actor.clone()));
            }
            if body.is_some() {
                headers.push(("content-type".into(), "application/json".into()));
            }
            if let Some(named) = hop.session.get() {
                headers.push((SESSION_HEADER.to_owned(), named.clone()));
            }
            OutboundRequest {
                method: method.as_str(),
                url: format!("{}{path_and_query}", config.server_base()),
                headers,
                body: body.clone(),
            }
        };
        let answer = self.send(request(token.expose())).await?;
        if answer.status != 401 {
            return Ok(answer);
        }
        if json_of(&answer.body)["code"] == SESSION_REVOKED {
            return Err(session_revoked());
        }
        tracing::info!("the server refused the cached access token; refreshing once");
        let token = self
            .tokens
            .refresh(&token, &self.outbound, config, env.now_ms())
            .await
            .map_err(|e| unavailable(&e.0))?;
        self.send(request(token.expose())).await
    }

    /// GET returning the status and the JSON body (`Null` when unreadable).
    pub async fn get_json(
        &self,
        env: &impl Env,
        config: &EdgeConfig,
        hop: &Hop,
        path_and_query: &str,
    ) -> Result<(u16, Value), Response> {
        let answer = self
            .call(env, config, hop, Method::Get, path_and_query, None)
            .await?;
        Ok((answer.status, json_of(&answer.body)))
    }

    /// A JSON request returning the status and the JSON body.
    pub async fn send_json(
        &self,
        env: &impl Env,
        config: &EdgeConfig,
        hop: &Hop,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<(u16, Value), Response> {
        let body = serde_json::to_vec(body).unwrap_or_default();
        let answer = self
            .call(env, config, hop, method, path, Some(body))
            .await?;
        Ok((answer.status, json_of(&answer.body)))
    }

    async fn send(&self, request: OutboundRequest) -> Result<OutboundResponse, Response> {
        let (method, url) = (request.method, request.url.clone());
        self.outbound.send(request).await.map_err(|e| {
            // Without the query (it may carry a username), and never long.
            let url = super::edge::clip(url.split('?').next().unwrap_or_default(), 128);
            let error = super::edge::clip(&e.0, 200);
            tracing::warn!(method, url, error, "server unreachable");
            unavailable("server unreachable")
        })
    }
}

pub fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or(Value::Null)
}

/// 502 without details: the cause is logged, never sent.
pub fn unavailable(cause: &str) -> Response {
    tracing::warn!(cause, "no answer from the server");
    Response::error(
        502,
        "edge.server_unavailable",
        "The identity server cannot be reached. Try again shortly.",
    )
}

/// 401 that also removes the cookie of a session the server says has ended.
pub fn session_revoked() -> Response {
    Response::unauthorized().with_header("set-cookie", session::clear_cookie())
}

/// The server's answer as it is (a Logto error body, typically).
pub fn relay(status: u16, body: &Value) -> Response {
    Response::json(status, body)
}
