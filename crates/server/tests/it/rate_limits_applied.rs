//! The server applies its rate limits: per M2M client on the Management API, per
//! client and IP on failed token requests.

use crate::common::*;
use tenantry_server::rate_limit::RateLimitConfig;

#[tokio::test]
async fn a_burst_over_the_limit_gets_429_with_headers() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    let mut config = config(dir.path(), &url);
    config.rate_limit = RateLimitConfig {
        requests: 3,
        window_secs: 10,
        ..RateLimitConfig::default()
    };
    let server = TestServer::start_with(dir, config).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response = server.get("/api/users").await;
        for header in ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"] {
            assert!(response.headers().contains_key(header), "{header}");
        }
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            assert!(response.headers().contains_key("retry-after"));
            let body = expect_error(response, 429, "request.too_many_requests").await;
            assert!(body["message"].as_str().unwrap().contains("seconds"));
        }
    }
    assert_eq!(statuses, [200, 200, 200, 429]);
}

#[tokio::test]
async fn repeated_bad_client_secrets_are_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    let mut config = config(dir.path(), &url);
    config.rate_limit = RateLimitConfig {
        token_failures: 3,
        ..RateLimitConfig::default()
    };
    let server = TestServer::start_with(dir, config).await;
    let mut statuses = Vec::new();
    for secret in ["bad1", "bad2", "bad3", CLIENT_SECRET] {
        let response = server
            .client
            .post(server.url("/oidc/token"))
            .basic_auth(CLIENT_ID, Some(secret))
            .form(&[
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
                ("scope", "all"),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    // Even the right secret waits once the failures ran out.
    assert_eq!(statuses, [401, 401, 401, 429]);
}
