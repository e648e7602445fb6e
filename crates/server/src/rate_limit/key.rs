//! Who a request counts against: the M2M client named in its bearer token, else the
//! caller's IP address.
//!
//! The limit runs before authentication (to protect it), so the token's `client_id` is
//! read without checking the signature. That is enough for bucketing honest clients; a
//! forger could name a new client id each time, which is why the middleware also counts
//! rejected bearer tokens against the IP (see `middleware`).

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

/// Client ids longer than this are not believed (they would only inflate memory).
const MAX_CLIENT_ID_LEN: usize = 128;

/// The caller's address as the rate limiter saw it, put into the request's extensions
/// so handlers (the token endpoint, the audit log) use the same one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl ClientIp {
    /// This address as a bucket key, e.g. for `RateLimiter::record_token_failure`.
    pub fn key(&self) -> String {
        format!("ip:{}", self.0)
    }
}

/// A client id as a bucket key, e.g. for `RateLimiter::record_token_failure`; distinct
/// from every IP key.
pub fn client_key(client_id: &str) -> String {
    format!("client:{client_id}")
}

/// The general bucket's key: the bearer token's client, else the IP.
pub(super) fn caller_key(headers: &HeaderMap, ip: &ClientIp) -> String {
    bearer_client_id(headers).map_or_else(|| ip.key(), |id| client_key(&id))
}

/// The `client_id` claim of an `Authorization: Bearer <JWT>` header, unverified.
fn bearer_client_id(headers: &HeaderMap) -> Option<String> {
    #[derive(Deserialize)]
    struct Claims {
        client_id: String,
    }
    let token = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?
        .trim();
    let payload = token.split('.').nth(1)?;
    let claims: Claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    let id = claims.client_id;
    (!id.is_empty() && id.len() <= MAX_CLIENT_ID_LEN).then_some(id)
}

/// The peer's IP from axum's `ConnectInfo`, or, when a trusted proxy sits in front, the
/// last `X-Forwarded-For` entry (the address that proxy saw; earlier entries are
/// whatever the client claimed). `unknown` when neither is available.
pub(super) fn client_ip(
    headers: &HeaderMap,
    extensions: &Extensions,
    trust_proxy: bool,
) -> ClientIp {
    let forwarded = || {
        let value = headers.get_all("x-forwarded-for").iter().next_back()?;
        let last = value.to_str().ok()?.rsplit(',').next()?.trim();
        last.parse::<IpAddr>().ok()
    };
    let peer = || {
        extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
    };
    let ip = trust_proxy.then(forwarded).flatten().or_else(peer);
    ClientIp(ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn bearer(payload: &str) -> HeaderMap {
        let token = format!(
            "eyJhbGciOiJFUzM4NCJ9.{}.c2ln",
            URL_SAFE_NO_PAD.encode(payload)
        );
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            format!("Bearer {token}").parse().unwrap(),
        );
        headers
    }

    fn ip(addr: &str) -> ClientIp {
        ClientIp(addr.to_owned())
    }

    #[test]
    fn a_bearer_token_counts_against_its_client_id() {
        let headers = bearer(r#"{"client_id":"m2m-app","sub":"m2m-app"}"#);
        assert_eq!(caller_key(&headers, &ip("10.0.0.1")), "client:m2m-app");
    }

    #[test]
    fn anything_else_counts_against_the_ip() {
        let ip = ip("10.0.0.1");
        assert_eq!(caller_key(&HeaderMap::new(), &ip), "ip:10.0.0.1");
        assert_eq!(caller_key(&bearer(r#"{"sub":"x"}"#), &ip), "ip:10.0.0.1");
        assert_eq!(caller_key(&bearer("not json"), &ip), "ip:10.0.0.1");
        let long = format!(r#"{{"client_id":"{}"}}"#, "x".repeat(500));
        assert_eq!(caller_key(&bearer(&long), &ip), "ip:10.0.0.1");
        let mut basic = HeaderMap::new();
        basic.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic YTpi"),
        );
        assert_eq!(caller_key(&basic, &ip), "ip:10.0.0.1");
    }

    #[test]
    fn the_ip_comes_from_the_connection_unless_a_trusted_proxy_forwards_it() {
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 5555))));
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("1.1.1.1, 203.0.113.7"),
        );
        assert_eq!(client_ip(&headers, &extensions, false), ip("10.0.0.1"));
        assert_eq!(client_ip(&headers, &extensions, true), ip("203.0.113.7"));
        assert_eq!(
            client_ip(&HeaderMap::new(), &extensions, true),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_ip(&headers, &Extensions::new(), false),
            ip("unknown")
        );
    }
}
