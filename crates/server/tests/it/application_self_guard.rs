//! The application making a request (the portal's edge, in practice) cannot
//! delete itself or its last usable secret; other applications can.

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn the_calling_application_cannot_delete_itself() {
    let server = TestServer::start().await;
    let path = format!("/api/applications/{CLIENT_ID}");
    let refused = server.delete(&path).await;
    expect_error(refused, 400, "application.cannot_delete_self").await;
    let (status, _) = exchange(&server, CLIENT_ID, CLIENT_SECRET, INDICATOR, "all").await;
    assert_eq!(status, 200, "it still gets tokens");

    let other = id(&create_app(&server, "Other").await);
    let deleted = server.delete(&format!("/api/applications/{other}")).await;
    assert_eq!(deleted.status(), 204);
}

#[tokio::test]
async fn the_calling_application_keeps_one_usable_secret() {
    let server = TestServer::start().await;
    let secrets = format!("/api/applications/{CLIENT_ID}/secrets");
    let last = server.delete(&format!("{secrets}/default")).await;
    expect_error(last, 400, "application.cannot_delete_last_secret").await;
    let missing = server.delete(&format!("{secrets}/nope")).await;
    assert_eq!(missing.status(), 404, "an unknown name is still not found");

    // An expired spare does not count; once a usable one exists, the old one can go.
    let expiring = json!({ "name": "old", "expiresAt": server.clock_now() + 60_000 });
    assert_eq!(server.post(&secrets, expiring).await.status(), 201);
    server.advance_ms(120_000).await;
    let still_last = server.delete(&format!("{secrets}/default")).await;
    expect_error(still_last, 400, "application.cannot_delete_last_secret").await;
    create_secret(&server, CLIENT_ID, "rotated").await;
    let rotated = server.delete(&format!("{secrets}/default")).await;
    assert_eq!(rotated.status(), 204);
}

#[tokio::test]
async fn another_application_may_lose_every_secret() {
    let server = TestServer::start().await;
    let other = id(&create_app(&server, "Other").await);
    create_secret(&server, &other, "only").await;
    let path = format!("/api/applications/{other}/secrets/only");
    assert_eq!(server.delete(&path).await.status(), 204);
}
