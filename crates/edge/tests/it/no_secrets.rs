//! Neither the client secret nor an access token ever reaches a response, a log line
//! or an error message.

use crate::common::{
    ADMIN_PASSWORD, As, CLIENT_SECRET, Server, Stack, edge_config, expect_error, generous_limits,
};
use reqwest::Method;
use serde_json::json;
use tenantry_edge::Secret;

/// A JWT's header always starts like this (`{"`), so any leaked token shows it.
const JWT_START: &str = "eyJ";

fn assert_clean(text: &str, what: &str) {
    assert!(
        !text.contains(CLIENT_SECRET),
        "{what} holds the client secret"
    );
    assert!(!text.contains(JWT_START), "{what} holds a token: {text}");
}

#[tokio::test]
async fn nothing_secret_in_responses_logs_or_errors() {
    let stack = Stack::start().await;
    let mut seen = String::new();
    let sign_in = stack.sign_in("admin", ADMIN_PASSWORD).await;
    let cookie = crate::common::cookie_value(&sign_in).unwrap();
    seen.push_str(&format!("{:?}", sign_in.headers()));
    seen.push_str(&sign_in.text().await.unwrap());
    let who = As::Cookie(&cookie);
    for (method, path) in [
        (Method::GET, "/api/users?page=1"),
        (Method::GET, "/api/logs"),
        (Method::GET, "/api/users/nosuchuser01"),
        (Method::GET, "/auth/session"),
        (Method::GET, "/api/nothing"),
    ] {
        let response = stack.call(method, path, &who, None).await;
        seen.push_str(&format!("{:?}", response.headers()));
        seen.push_str(&response.text().await.unwrap());
    }
    let wrong = stack.sign_in("admin", "wrong").await;
    seen.push_str(&wrong.text().await.unwrap());
    // The server's rotation forces a refresh, which is logged.
    let mut stack = stack;
    stack.restart_server().await;
    let response = stack.call(Method::GET, "/api/users", &who, None).await;
    seen.push_str(&response.text().await.unwrap());
    assert_clean(&seen, "a response");
    assert_clean(&crate::common::logs::captured(), "the log");
}

#[tokio::test]
async fn a_refused_exchange_is_a_plain_502_and_names_no_secret() {
    crate::common::logs::capture();
    let server = Server::start().await;
    let mut config = edge_config(&server.base, generous_limits());
    config.client_secret = Secret("WrongSecretWrongSecretWrongSec99".into());
    let stack = Stack::with_server(server, config).await;
    let response = stack
        .call(
            Method::POST,
            "/api/recover-password",
            &As::Nobody,
            Some(json!({"email": "a@b.co"})),
        )
        .await;
    let body = expect_error(response, 502, "edge.server_unavailable").await;
    assert_clean(&body.to_string(), "the error");
    let logs = crate::common::logs::captured();
    assert!(
        logs.contains("token endpoint answered 401"),
        "the cause is logged"
    );
    assert!(!logs.contains("WrongSecretWrongSecret"));
    assert_clean(&logs, "the log");
    // An unreachable server: same answer, no details.
    let config = edge_config("http://127.0.0.1:9", generous_limits());
    let stack = Stack::with_server(Server::start().await, config).await;
    let response = stack.sign_in("admin", ADMIN_PASSWORD).await;
    expect_error(response, 502, "edge.server_unavailable").await;
}
