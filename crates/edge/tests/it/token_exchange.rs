//! The M2M token: one exchange for many forwarded requests (also when they arrive
//! together), one refresh when the server stops accepting it.

use crate::common::{As, Stack};
use futures::future::join_all;
use reqwest::Method;

#[tokio::test]
async fn one_exchange_serves_a_hundred_forwarded_requests() {
    let stack = Stack::start().await;
    let before = stack.server.exchanges().await;
    let cookie = stack.admin_session().await;
    for _ in 0..100 {
        let response = stack
            .call(Method::GET, "/api/users?page=1", &As::Cookie(&cookie), None)
            .await;
        assert_eq!(response.status(), 200);
    }
    assert_eq!(stack.server.exchanges().await, before + 1);
}

#[tokio::test]
async fn concurrent_first_requests_share_one_exchange() {
    let stack = Stack::start().await;
    let before = stack.server.exchanges().await;
    // Anonymous calls to a public route still go out with the edge's token.
    let calls = (0..100).map(|_| {
        let body = serde_json::json!({ "email": "nobody@example.com" });
        stack.call(
            Method::POST,
            "/api/recover-password",
            &As::Nobody,
            Some(body),
        )
    });
    for response in join_all(calls).await {
        assert_eq!(response.status(), 200);
    }
    assert_eq!(stack.server.exchanges().await, before + 1);
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_once_and_the_request_retried() {
    let mut stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    // Warm the cache, then swap the server for one with a new signing key.
    let warm = stack
        .call(Method::GET, "/api/users", &As::Cookie(&cookie), None)
        .await;
    assert_eq!(warm.status(), 200);
    stack.restart_server().await;
    let before = stack.server.exchanges().await;
    // Each call is refused with the old token, retried once with a fresh one, and then
    // refused as a session the new database does not know (so it is over).
    let who = As::Cookie(&cookie);
    let calls = (0..20).map(|_| stack.call(Method::GET, "/api/users", &who, None));
    for response in join_all(calls).await {
        assert_eq!(response.status(), 401);
    }
    assert_eq!(
        stack.server.exchanges().await,
        before + 1,
        "exactly one refresh"
    );
    let fresh = stack.admin_session().await;
    let response = stack
        .call(Method::GET, "/api/users", &As::Cookie(&fresh), None)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        stack.server.exchanges().await,
        before + 1,
        "no second refresh"
    );
    assert!(crate::common::logs::captured().contains("refused the cached access token"));
}
