//! Account lockout: failures inside the window lock the account for a while; the lock
//! refuses even the right password, expires, is lifted by the API and survives restarts.
//! Time moves by hand (`server.clock`), never by sleeping.
//!
//! These tests exercise the account-wide ceiling, set to 5 here (its default is far
//! higher since failures count per source address first: see `lockout_per_address`).

use crate::common::*;
use serde_json::{Value, json};
use tenantry_server::clock::Clock;

const PASSWORD: &str = "right-password-1";
const MINUTE: i64 = 60_000;

/// A server whose account ceiling is 5 failures and whose per-address throttle stays
/// out of the way.
async fn ceiling_server() -> TestServer {
    TestServer::start_with_lockout(1_000, 5).await
}

async fn user(server: &TestServer) -> String {
    let user = server
        .create_user(json!({"username": "locky", "password": PASSWORD}))
        .await;
    user["id"].as_str().unwrap().to_owned()
}

async fn verify(server: &TestServer, id: &str, password: &str) -> reqwest::Response {
    server
        .post(
            &format!("/api/users/{id}/password/verify"),
            json!({ "password": password }),
        )
        .await
}

async fn fail(server: &TestServer, id: &str, times: usize) {
    for _ in 0..times {
        expect_error(
            verify(server, id, "wrong").await,
            422,
            "session.invalid_credentials",
        )
        .await;
    }
}

#[tokio::test]
async fn five_failures_lock_until_the_period_ends() {
    let server = ceiling_server().await;
    let id = user(&server).await;
    fail(&server, &id, 4).await;
    let before_lock = server.clock.now_ms();
    fail(&server, &id, 1).await;

    let locked = expect_error(verify(&server, &id, PASSWORD).await, 423, "user.locked").await;
    let until = locked["data"]["lockedUntil"]
        .as_i64()
        .expect("the body says until when");
    assert_soon_after(&json!(until), before_lock + 30 * MINUTE);
    let shown = fetch_user(&server, &id).await;
    assert_eq!(shown["isLocked"], true);
    assert_eq!(shown["lockedUntil"], until);
    let listed: Value = server
        .get("/api/users?isLocked=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], id.as_str());

    // A second short of the end (the clock also moves with the system's).
    server.advance_ms(30 * MINUTE - 1000).await;
    expect_error(verify(&server, &id, PASSWORD).await, 423, "user.locked").await;
    server.advance_ms(1000).await;
    assert_eq!(verify(&server, &id, PASSWORD).await.status(), 204);
    let shown = fetch_user(&server, &id).await;
    assert_eq!(shown["isLocked"], false);
    assert_eq!(shown["lockedUntil"], Value::Null);
    let listed: Value = server
        .get("/api/users?isLocked=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed, json!([]));
}

#[tokio::test]
async fn failures_count_only_inside_the_window_and_success_resets_them() {
    let server = ceiling_server().await;
    let id = user(&server).await;
    fail(&server, &id, 4).await;
    server.advance_ms(15 * MINUTE + 1).await;
    fail(&server, &id, 4).await;
    assert_eq!(
        verify(&server, &id, PASSWORD).await.status(),
        204,
        "a new window began"
    );
    fail(&server, &id, 4).await;
    assert_eq!(
        verify(&server, &id, PASSWORD).await.status(),
        204,
        "success reset the count"
    );
    fail(&server, &id, 5).await;
    expect_error(verify(&server, &id, PASSWORD).await, 423, "user.locked").await;
}

#[tokio::test]
async fn unlock_lifts_the_lock_and_is_harmless_otherwise() {
    let server = ceiling_server().await;
    let id = user(&server).await;
    let unlock = format!("/api/users/{id}/unlock");
    let answer: Value = server.post(&unlock, json!({})).await.json().await.unwrap();
    assert_eq!(
        answer,
        json!({"status": "success"}),
        "unlocking an unlocked user succeeds"
    );

    fail(&server, &id, 5).await;
    expect_error(verify(&server, &id, PASSWORD).await, 423, "user.locked").await;
    let response = server.post(&unlock, json!({})).await;
    assert_eq!(response.status(), 200);
    assert_eq!(verify(&server, &id, PASSWORD).await.status(), 204);
    assert_eq!(fetch_user(&server, &id).await["isLocked"], false);
    // The count was cleared too: four more failures do not lock.
    fail(&server, &id, 4).await;
    assert_eq!(verify(&server, &id, PASSWORD).await.status(), 204);

    expect_error(
        server
            .post("/api/users/nosuchuser1/unlock", json!({}))
            .await,
        404,
        "entity.not_found",
    )
    .await;
}

#[tokio::test]
async fn suspended_users_fail_verification_and_filter_apart() {
    let server = ceiling_server().await;
    let id = user(&server).await;
    server
        .patch(
            &format!("/api/users/{id}/is-suspended"),
            json!({"isSuspended": true}),
        )
        .await;
    expect_error(verify(&server, &id, PASSWORD).await, 422, "user.suspended").await;
    let suspended: Value = server
        .get("/api/users?isSuspended=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(suspended.as_array().unwrap().len(), 1);
    let active: Value = server
        .get("/api/users?isSuspended=false")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        active
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["id"] != id.as_str())
    );
    let bad = server.get("/api/users?isLocked=maybe").await;
    expect_error(bad, 400, "request.invalid_input").await;
}

#[tokio::test]
async fn a_lock_survives_a_restart() {
    let server = ceiling_server().await;
    let id = user(&server).await;
    fail(&server, &id, 5).await;
    let (dir, config) = server.stop();
    let again = TestServer::start_with(dir, config).await;
    expect_error(verify(&again, &id, PASSWORD).await, 423, "user.locked").await;
    assert_eq!(fetch_user(&again, &id).await["isLocked"], true);
}
