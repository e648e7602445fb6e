//! `/api/applications/{id}/secrets`: 32-character values shown once, stored hashed,
//! refused by the token endpoint once expired or deleted.

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::{Value, json};

/// An application holding the edge's role, so its tokens reach the Management API.
async fn manager_app(server: &TestServer) -> String {
    let app = id(&create_app(server, "Manager").await);
    let edge = id(&role_named(server, "edge").await);
    let path = format!("/api/applications/{app}/roles");
    assert_eq!(
        server
            .post(&path, json!({ "roleIds": [edge] }))
            .await
            .status(),
        201
    );
    app
}

#[tokio::test]
async fn a_secret_is_shown_once_and_listed_without_its_value() {
    let server = TestServer::start().await;
    let app = manager_app(&server).await;
    let created = create_secret(&server, &app, "ci").await;
    let value = created["value"].as_str().unwrap().to_owned();
    assert_eq!(value.len(), 32);
    assert!(value.bytes().all(|b| b.is_ascii_alphanumeric()));
    assert_eq!(created["name"], "ci");
    assert_eq!(created["applicationId"], app.as_str());
    assert_eq!(created["valuePrefix"], &value[..4]);
    assert_eq!(created["expiresAt"], Value::Null);
    assert_eq!(created["lastUsedAt"], Value::Null);

    let path = format!("/api/applications/{app}/secrets");
    let listed = json_of(server.get(&path).await, 200).await;
    let listed = listed.as_array().unwrap();
    // The default secret the application was created with, then this one.
    assert_eq!(field(listed, "name"), ["Default secret", "ci"]);
    assert!(listed[1].get("value").is_none(), "{}", listed[1]);
    assert!(
        !listed[1].to_string().contains(&value),
        "the value never comes back"
    );
    let stored = fetch_text(
        &server,
        "SELECT value_hash FROM application_secrets WHERE name = $1",
        &["ci"],
    )
    .await;
    assert_eq!(stored.unwrap().len(), 64, "a SHA-256 in hex");
    let plain = fetch_text(
        &server,
        "SELECT value FROM application_secrets WHERE name = $1",
        &["ci"],
    )
    .await;
    assert_eq!(plain.as_deref(), Some(""), "no plain text stored");

    // It works, once used it says when, and the audit log never holds it.
    let (status, token) = exchange(&server, &app, &value, INDICATOR, "all").await;
    assert_eq!(status, 200, "{token}");
    assert_eq!(token["scope"], "all");
    let listed = json_of(server.get(&path).await, 200).await;
    assert!(listed[1]["lastUsedAt"].as_i64().is_some());
    let logs = json_of(server.get("/api/logs?page_size=100").await, 200).await;
    assert!(!logs.to_string().contains(&value));
}

#[tokio::test]
async fn secrets_are_renamed_and_deleted_by_name() {
    let server = TestServer::start().await;
    let app = id(&create_app(&server, "Worker").await);
    let path = format!("/api/applications/{app}/secrets");
    create_secret(&server, &app, "first").await;
    create_secret(&server, &app, "second").await;
    let dup = server.post(&path, json!({ "name": "first" })).await;
    expect_error(dup, 422, "application.secret_name_exists").await;

    let renamed = json_of(
        server
            .patch(&format!("{path}/first"), json!({ "name": "primary" }))
            .await,
        200,
    )
    .await;
    assert_eq!(renamed["name"], "primary");
    assert!(renamed.get("value").is_none());
    let taken = server
        .patch(&format!("{path}/primary"), json!({ "name": "second" }))
        .await;
    expect_error(taken, 422, "application.secret_name_exists").await;
    let missing = server
        .patch(&format!("{path}/first"), json!({ "name": "x" }))
        .await;
    expect_error(missing, 404, "entity.not_found").await;
    let bad = server
        .patch(&format!("{path}/primary"), json!({ "name": "" }))
        .await;
    expect_error(bad, 400, "guard.invalid_input").await;

    let spaced = format!("{path}/with%20space");
    assert_eq!(
        server
            .post(&path, json!({ "name": "with space" }))
            .await
            .status(),
        201
    );
    assert_eq!(server.delete(&spaced).await.status(), 204);
    assert_eq!(server.delete(&format!("{path}/second")).await.status(), 204);
    expect_error(
        server.delete(&format!("{path}/second")).await,
        404,
        "entity.not_found",
    )
    .await;
    let listed = json_of(server.get(&path).await, 200).await;
    assert_eq!(
        field(listed.as_array().unwrap(), "name"),
        ["Default secret", "primary"]
    );

    for body in [
        json!({}),
        json!({ "name": "" }),
        json!({ "name": "x", "expiresAt": "soon" }),
    ] {
        expect_error(server.post(&path, body).await, 400, "guard.invalid_input").await;
    }
    let past = server
        .post(&path, json!({ "name": "old", "expiresAt": 1 }))
        .await;
    expect_error(past, 400, "request.invalid_input").await;
    let unknown = server
        .post(
            "/api/applications/nosuchapp001/secrets",
            json!({ "name": "x" }),
        )
        .await;
    expect_error(unknown, 404, "entity.not_exists_with_id").await;
    expect_error(
        server.get("/api/applications/nosuchapp001/secrets").await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    let keys = [
        ("Management.Application.CreateSecret", 9),
        ("Management.Application.UpdateSecret", 4),
        ("Management.Application.DeleteSecret", 3),
    ];
    for (key, n) in keys {
        assert_eq!(audit_keys(&server, key).await.len(), n, "{key}");
    }
}

#[tokio::test]
async fn expired_deleted_and_orphaned_secrets_get_no_token() {
    let server = TestServer::start().await;
    let app = manager_app(&server).await;
    let path = format!("/api/applications/{app}/secrets");
    let soon = server.clock_now() + 60_000;
    let expiring = json_of(
        server
            .post(&path, json!({ "name": "short", "expiresAt": soon }))
            .await,
        201,
    )
    .await;
    assert_eq!(expiring["expiresAt"], soon);
    let short = expiring["value"].as_str().unwrap().to_owned();
    let long = create_secret(&server, &app, "long").await["value"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        exchange(&server, &app, &short, INDICATOR, "all").await.0,
        200
    );

    server.advance_ms(61_000).await;
    // The holder of an expired secret is told so, as Logto answers.
    let (status, body) = exchange(&server, &app, &short, INDICATOR, "all").await;
    assert_eq!(
        (
            status,
            body["error"].as_str(),
            body["error_description"].as_str()
        ),
        (
            400,
            Some("invalid_request"),
            Some("client secret has expired")
        )
    );
    assert_eq!(
        exchange(&server, &app, &long, INDICATOR, "all").await.0,
        200
    );
    let wrong = format!("{}x", &long[..31]);
    assert_eq!(
        exchange(&server, &app, &wrong, INDICATOR, "all").await.0,
        401
    );

    // The last secret gone: no more tokens, at once.
    assert_eq!(server.delete(&format!("{path}/long")).await.status(), 204);
    assert_eq!(server.delete(&format!("{path}/short")).await.status(), 204);
    assert_eq!(
        exchange(&server, &app, &long, INDICATOR, "all").await.0,
        401
    );

    // Nor for a deleted application.
    let fresh = create_secret(&server, &app, "again").await["value"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        exchange(&server, &app, &fresh, INDICATOR, "all").await.0,
        200
    );
    assert_eq!(
        server
            .delete(&format!("/api/applications/{app}"))
            .await
            .status(),
        204
    );
    let (status, body) = exchange(&server, &app, &fresh, INDICATOR, "all").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
}

#[tokio::test]
async fn plain_secrets_from_before_hashing_are_converted_at_start() {
    let server = TestServer::start().await;
    let (dir, config) = server.stop();
    let old = TestServer::start_with(dir, config).await;
    // Put the edge secret back as an earlier version stored it: plain text, no hash.
    execute(
        &old,
        "UPDATE application_secrets SET value = $1, value_hash = NULL, value_prefix = '' WHERE application_id = $2",
        &[CLIENT_SECRET, CLIENT_ID],
    )
    .await;
    let (dir, config) = old.stop();
    let upgraded = TestServer::start_with(dir, config).await;
    let (status, _) = exchange(&upgraded, CLIENT_ID, CLIENT_SECRET, INDICATOR, "all").await;
    assert_eq!(status, 200, "the edge keeps working");
    let sql = "SELECT value FROM application_secrets WHERE application_id = $1";
    assert_eq!(
        fetch_text(&upgraded, sql, &[CLIENT_ID]).await.as_deref(),
        Some("")
    );
    let secrets = json_of(
        upgraded
            .get(&format!("/api/applications/{CLIENT_ID}/secrets"))
            .await,
        200,
    )
    .await;
    assert_eq!(secrets[0]["valuePrefix"], &CLIENT_SECRET[..4]);
}
