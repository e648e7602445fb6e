//! Rate limits over real HTTP: a tiny router behind the limiter on `127.0.0.1:0`, a
//! hand-moved clock instead of sleeps.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Response;
use serde_json::{Value, json};
use tenantry_server::rate_limit::{
    ManualClock, RateLimitConfig, RateLimiter, limit_public, limit_requests,
};
use tokio::net::TcpListener;

struct Server {
    base: String,
    clock: ManualClock,
    /// How many requests reached a handler.
    hits: Arc<AtomicUsize>,
}

impl Server {
    /// `/ok` answers 200, `/public` is a public route, `/reject` answers 401 (a token
    /// the bearer check would refuse).
    async fn start(config: RateLimitConfig) -> Server {
        let clock = ManualClock::new();
        let limiter = RateLimiter::new(&config, Arc::new(clock.clone()));
        let hits = Arc::new(AtomicUsize::new(0));
        let count = |status: StatusCode| {
            let hits = hits.clone();
            move || async move {
                hits.fetch_add(1, Ordering::SeqCst);
                status
            }
        };
        let public = from_fn_with_state(limiter.clone(), limit_public);
        let app = Router::new()
            .route("/ok", get(count(StatusCode::OK)))
            .route("/reject", get(count(StatusCode::UNAUTHORIZED)))
            .route("/public", get(count(StatusCode::OK)).route_layer(public))
            .layer(from_fn_with_state(limiter, limit_requests));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
        Server { base, clock, hits }
    }

    /// GET `path`, with a bearer token naming `client` when given.
    async fn call(&self, path: &str, client: Option<&str>) -> Response {
        let mut request = reqwest::Client::new().get(format!("{}{path}", self.base));
        if let Some(id) = client {
            request = request.bearer_auth(token(id));
        }
        request.send().await.unwrap()
    }

    /// The statuses of `n` calls in a row.
    async fn burst(&self, path: &str, client: Option<&str>, n: usize) -> Vec<u16> {
        let mut statuses = Vec::new();
        for _ in 0..n {
            statuses.push(self.call(path, client).await.status().as_u16());
        }
        statuses
    }
}

/// An access token naming `client_id`; the limiter reads it without verifying it.
fn token(client_id: &str) -> String {
    let part = |value: Value| URL_SAFE_NO_PAD.encode(value.to_string());
    let header = part(json!({"alg": "ES384", "typ": "at+jwt", "kid": "k"}));
    let claims = part(json!({"client_id": client_id, "sub": client_id, "scope": "all"}));
    format!("{header}.{claims}.c2lnbmF0dXJl")
}

fn header(response: &Response, name: &str) -> String {
    let value = response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name}"));
    value.to_str().unwrap().to_owned()
}

/// `[RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset]`.
fn quota(response: &Response) -> [String; 3] {
    ["limit", "remaining", "reset"].map(|name| header(response, &format!("ratelimit-{name}")))
}

/// `requests` per 10 s.
fn config(requests: u32) -> RateLimitConfig {
    let defaults = RateLimitConfig::default();
    RateLimitConfig {
        requests,
        ..defaults
    }
}

#[tokio::test]
async fn a_burst_over_the_limit_gets_429_with_headers_and_a_logto_body() {
    let server = Server::start(config(4)).await; // one token every 2.5 s
    for (remaining, reset) in [("3", "3"), ("2", "5"), ("1", "8"), ("0", "10")] {
        let response = server.call("/ok", None).await;
        assert_eq!(response.status(), 200);
        assert_eq!(quota(&response), ["4", remaining, reset]);
    }
    let refused = server.call("/ok", None).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(header(&refused, "retry-after"), "3");
    assert_eq!(quota(&refused), ["4", "0", "10"]);
    let body: Value = refused.json().await.unwrap();
    let message = "Too many requests. Try again in 3 seconds.";
    let expected = json!({"code": "request.too_many_requests", "message": message});
    assert_eq!(body, expected);
    let hits = server.hits.load(Ordering::SeqCst);
    assert_eq!(hits, 4, "the refusal never reached the handler");
}

#[tokio::test]
async fn tokens_come_back_over_the_window() {
    let server = Server::start(config(4)).await;
    let statuses = server.burst("/ok", None, 5).await;
    assert_eq!(statuses, [200, 200, 200, 200, 429]);
    server.clock.advance(Duration::from_millis(2_500));
    assert_eq!(server.burst("/ok", None, 2).await, [200, 429]);
    server.clock.advance(Duration::from_secs(10));
    let response = server.call("/ok", None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(quota(&response)[1], "3", "full again after a quiet window");
    assert_eq!(server.burst("/ok", None, 4).await, [200, 200, 200, 429]);
}

#[tokio::test]
async fn each_bearer_client_has_its_own_bucket_and_the_ip_another() {
    let server = Server::start(config(2)).await;
    for client in [Some("app-a"), Some("app-b"), None] {
        assert_eq!(server.burst("/ok", client, 3).await, [200, 200, 429]);
    }
}

#[tokio::test]
async fn every_response_carries_the_headers() {
    let server = Server::start(config(2)).await;
    let paths = [
        ("/ok", 200),
        ("/missing", 404),
        ("/reject", 401),
        ("/public", 200),
    ];
    for (path, status) in paths {
        let response = server.call(path, Some(path)).await; // a fresh bucket each
        assert_eq!(response.status(), status);
        assert_eq!(quota(&response), ["2", "1", "5"], "{path}");
    }
}

#[tokio::test]
async fn public_routes_have_a_strict_bucket_per_ip() {
    let server = Server::start(RateLimitConfig::default()).await; // 5 a minute
    let first = quota(&server.call("/public", None).await);
    assert_eq!(first, ["5", "4", "12"], "the quota nearer its limit shows");
    let statuses = server.burst("/public", None, 5).await;
    assert_eq!(statuses, [200, 200, 200, 200, 429]);
    let refused = server.call("/public", None).await;
    assert_eq!(header(&refused, "retry-after"), "12");
    assert_eq!(server.call("/ok", None).await.status(), 200, "other routes");
    server.clock.advance(Duration::from_secs(12));
    assert_eq!(server.burst("/public", None, 2).await, [200, 429]);
}

#[tokio::test]
async fn rejected_bearer_tokens_lock_the_ip_out_before_verification() {
    let defaults = RateLimitConfig::default();
    let token_failures = 3; // one back every 20 s
    let server = Server::start(RateLimitConfig {
        token_failures,
        ..defaults
    })
    .await;
    for forged in ["forged-1", "forged-2", "forged-3"] {
        assert_eq!(server.call("/reject", Some(forged)).await.status(), 401);
    }
    let refused = server.call("/ok", Some("forged-4")).await;
    assert_eq!(refused.status(), 429, "a fresh client id does not help");
    assert_eq!(header(&refused, "retry-after"), "20");
    assert_eq!(server.hits.load(Ordering::SeqCst), 3);
    let without_token = server.call("/ok", None).await.status();
    assert_eq!(without_token, 200, "no token, no lock");
    server.clock.advance(Duration::from_secs(20));
    assert_eq!(server.call("/ok", Some("app")).await.status(), 200);
}
