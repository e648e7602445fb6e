//! Issue 17: a deleted application's access token kept full API access until it
//! expired. Every request now checks that the token's client still exists and that
//! none of its secrets was deleted or expired after the token was issued.

use crate::apps_helpers::*;
use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

/// An application with the edge's role (full Management API access) and two secrets.
async fn manager(server: &TestServer) -> (String, String, String) {
    let app = id(&create_app(server, "Manager").await);
    let edge = id(&role_named(server, "edge").await);
    let path = format!("/api/applications/{app}/roles");
    let response = server.post(&path, json!({ "roleIds": [edge] })).await;
    assert_eq!(response.status(), 201);
    let first = create_secret(server, &app, "first").await["value"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = create_secret(server, &app, "second").await["value"]
        .as_str()
        .unwrap()
        .to_owned();
    (app, first, second)
}

async fn token_of(server: &TestServer, app: &str, secret: &str) -> String {
    let (status, body) = exchange(server, app, secret, INDICATOR, "all").await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_owned()
}

/// What the holder of `token` tries: read, create a user, rename the admin.
async fn attack(server: &TestServer, token: &str, admin: &str) -> Vec<u16> {
    let call = |method: Method, path: &str, body: Option<Value>| {
        let mut request = server
            .client
            .request(method, server.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    vec![
        call(Method::GET, "/api/users", None).await,
        call(
            Method::POST,
            "/api/users",
            Some(json!({"username": "intruder"})),
        )
        .await,
        call(
            Method::PATCH,
            &format!("/api/users/{admin}"),
            Some(json!({"name": "Owned"})),
        )
        .await,
    ]
}

async fn assert_untouched(server: &TestServer, admin: &str) {
    assert_eq!(user_count(server).await, "1", "no user was created");
    assert_eq!(fetch_user(server, admin).await["name"], "Administrator");
}

/// Token times are whole seconds: start the revocation in a later second than the
/// token's issue, as a real leak would.
fn next_second(server: &TestServer) {
    server.clock.advance_ms(1_100);
}

#[tokio::test]
async fn a_deleted_applications_token_is_refused_at_once() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let (app, first, _) = manager(&server).await;
    let token = token_of(&server, &app, &first).await;
    // Warm the verified-token cache: the token works.
    let response = server
        .client
        .get(server.url("/api/users"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let response = server.delete(&format!("/api/applications/{app}")).await;
    assert_eq!(response.status(), 204);
    assert_eq!(attack(&server, &token, &admin).await, [401, 401, 401]);
    assert_untouched(&server, &admin).await;
}

#[tokio::test]
async fn deleting_a_secret_ends_the_tokens_issued_before() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let (app, first, second) = manager(&server).await;
    let leaked = token_of(&server, &app, &first).await;
    next_second(&server);
    let path = format!("/api/applications/{app}/secrets/first");
    assert_eq!(server.delete(&path).await.status(), 204);
    assert_eq!(attack(&server, &leaked, &admin).await, [401, 401, 401]);
    assert_untouched(&server, &admin).await;

    // The remaining secret gets a working token.
    let fresh = token_of(&server, &app, &second).await;
    let response = server
        .client
        .get(server.url("/api/users"))
        .bearer_auth(&fresh)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_secrets_expiry_ends_the_tokens_issued_before() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let app = id(&create_app(&server, "Short").await);
    let edge = id(&role_named(&server, "edge").await);
    let path = format!("/api/applications/{app}/roles");
    assert_eq!(
        server
            .post(&path, json!({ "roleIds": [edge] }))
            .await
            .status(),
        201
    );
    let soon = server.clock_now() + 60_000;
    let created = json_of(
        server
            .post(
                &format!("/api/applications/{app}/secrets"),
                json!({ "name": "short", "expiresAt": soon }),
            )
            .await,
        201,
    )
    .await;
    let token = token_of(&server, &app, created["value"].as_str().unwrap()).await;
    server.advance_ms(61_000).await;
    assert_eq!(attack(&server, &token, &admin).await, [401, 401, 401]);
    assert_untouched(&server, &admin).await;
}

#[tokio::test]
async fn the_live_client_set_is_rebuilt_from_the_database_on_start() {
    let server = TestServer::start().await;
    let (app, first, _) = manager(&server).await;
    let (dir, config) = server.stop();
    let server = TestServer::start_with(dir, config).await;
    let token = token_of(&server, &app, &first).await;
    let response = server
        .client
        .get(server.url("/api/users"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "an existing application still works"
    );
}
