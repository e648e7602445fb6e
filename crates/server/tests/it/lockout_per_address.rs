//! Lockout that cannot be turned into a weapon (issue 17): failures count per (account,
//! source address). An attacker's address is throttled, not the account; an address
//! that signed in before waits growing delays; the account-wide ceiling still locks
//! under a distributed attack; unlock lifts all of it. The edge's token is trusted to
//! name the address (`X-Forwarded-For`), any other client's is not.

use crate::caller_limits::other_client;
use crate::common::*;
use reqwest::Response;
use serde_json::{Value, json};

const PASSWORD: &str = "right-password-1";
const ATTACKER: &str = "203.0.113.66";
const OWNER: &str = "198.51.100.10";

async fn user(server: &TestServer) -> String {
    let user = server
        .create_user(json!({"username": "target", "password": PASSWORD, "name": "Target"}))
        .await;
    user["id"].as_str().unwrap().to_owned()
}

/// A password check made by the edge (the harness's token is the edge's) for `address`.
async fn verify_from(server: &TestServer, id: &str, password: &str, address: &str) -> Response {
    server
        .api(
            reqwest::Method::POST,
            &format!("/api/users/{id}/password/verify"),
        )
        .header("x-forwarded-for", address)
        .json(&json!({ "password": password }))
        .send()
        .await
        .unwrap()
}

/// The user as the API shows it, minus nothing: any change the attack made shows here.
async fn snapshot(server: &TestServer, id: &str) -> Value {
    fetch_user(server, id).await
}

#[tokio::test]
async fn an_attacker_address_is_throttled_but_the_owner_signs_in_from_another() {
    let server = TestServer::start().await;
    let id = user(&server).await;
    let before = snapshot(&server, &id).await;
    for _ in 0..5 {
        let response = verify_from(&server, &id, "wrong", ATTACKER).await;
        expect_error(response, 422, "session.invalid_credentials").await;
    }
    for password in ["wrong", PASSWORD] {
        let refused = verify_from(&server, &id, password, ATTACKER).await;
        assert_eq!(refused.headers()["retry-after"], "1800");
        let body = expect_error(refused, 429, "user.too_many_attempts").await;
        assert_eq!(body["data"]["retryAfter"], 1800);
    }
    // Nothing about the account changed: not locked, same data.
    assert_eq!(snapshot(&server, &id).await, before);
    assert_eq!(before["isLocked"], false);
    let response = verify_from(&server, &id, PASSWORD, OWNER).await;
    assert_eq!(response.status(), 204, "the owner's address is not blocked");
    // The attacker's block lasts the lock period, then the address may try again.
    server.advance_ms(30 * 60_000).await;
    assert_eq!(
        verify_from(&server, &id, PASSWORD, ATTACKER).await.status(),
        204
    );
}

#[tokio::test]
async fn a_known_good_address_waits_growing_delays_instead_of_a_lock() {
    let server = TestServer::start().await;
    let id = user(&server).await;
    assert_eq!(
        verify_from(&server, &id, PASSWORD, OWNER).await.status(),
        204
    );
    for _ in 0..5 {
        let response = verify_from(&server, &id, "typo", OWNER).await;
        expect_error(response, 422, "session.invalid_credentials").await;
    }
    let waits = expect_error(
        verify_from(&server, &id, PASSWORD, OWNER).await,
        429,
        "user.too_many_attempts",
    )
    .await;
    assert_eq!(waits["data"]["retryAfter"], 30);
    server.advance_ms(30_000).await;
    let response = verify_from(&server, &id, "typo", OWNER).await;
    expect_error(response, 422, "session.invalid_credentials").await;
    let waits = expect_error(
        verify_from(&server, &id, PASSWORD, OWNER).await,
        429,
        "user.too_many_attempts",
    )
    .await;
    assert_eq!(waits["data"]["retryAfter"], 60, "the delay doubled");
    server.advance_ms(60_000).await;
    assert_eq!(
        verify_from(&server, &id, PASSWORD, OWNER).await.status(),
        204
    );
    assert_eq!(fetch_user(&server, &id).await["isLocked"], false);
}

#[tokio::test]
async fn the_account_ceiling_still_locks_under_a_distributed_attack() {
    let server = TestServer::start_with_lockout(5, 12).await;
    let id = user(&server).await;
    for n in 0..12 {
        let address = format!("203.0.113.{}", n % 4 + 1);
        let response = verify_from(&server, &id, "wrong", &address).await;
        expect_error(response, 422, "session.invalid_credentials").await;
    }
    let shown = fetch_user(&server, &id).await;
    assert_eq!(shown["isLocked"], true, "locked for everyone");
    // A wrong password answers as on any account; the right one says locked.
    let wrong = verify_from(&server, &id, "wrong", OWNER).await;
    expect_error(wrong, 422, "session.invalid_credentials").await;
    let right = verify_from(&server, &id, PASSWORD, OWNER).await;
    expect_error(right, 423, "user.locked").await;
    // More failures do not extend the lock.
    assert_eq!(
        fetch_user(&server, &id).await["lockedUntil"],
        shown["lockedUntil"]
    );

    let unlock = server
        .post(&format!("/api/users/{id}/unlock"), json!({}))
        .await;
    assert_eq!(unlock.status(), 200);
    assert_eq!(fetch_user(&server, &id).await["isLocked"], false);
    assert_eq!(
        verify_from(&server, &id, PASSWORD, OWNER).await.status(),
        204
    );
}

#[tokio::test]
async fn unlock_lifts_an_address_block_too() {
    let server = TestServer::start().await;
    let id = user(&server).await;
    for _ in 0..5 {
        verify_from(&server, &id, "wrong", ATTACKER).await;
    }
    let blocked = verify_from(&server, &id, PASSWORD, ATTACKER).await;
    assert_eq!(blocked.status(), 429);
    let unlock = server
        .post(&format!("/api/users/{id}/unlock"), json!({}))
        .await;
    assert_eq!(unlock.status(), 200);
    assert_eq!(
        verify_from(&server, &id, PASSWORD, ATTACKER).await.status(),
        204
    );
}

#[tokio::test]
async fn another_client_cannot_pick_its_address_to_dodge_the_throttle() {
    let server = TestServer::start().await;
    let id = user(&server).await;
    // A second M2M application with full access, which is not the edge.
    let (_, _, token) = other_client(&server).await;
    let mut statuses = Vec::new();
    for n in 0..7 {
        let response = server
            .client
            .post(server.url(&format!("/api/users/{id}/password/verify")))
            .bearer_auth(&token)
            .header("x-forwarded-for", format!("192.0.2.{n}"))
            .header("x-tenantry-actor", format!("user:someone{n}"))
            .json(&json!({ "password": "wrong" }))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    // Every attempt counted against its real address: the sixth is refused.
    assert_eq!(statuses, [422, 422, 422, 422, 422, 429, 429]);
    assert_eq!(fetch_user(&server, &id).await["isLocked"], false);
}

#[tokio::test]
async fn an_unknown_user_costs_a_hash_verification() {
    let server = TestServer::start().await;
    let before =
        tenantry_server::password::DUMMY_VERIFICATIONS.load(std::sync::atomic::Ordering::Relaxed);
    let response = verify_from(&server, "no-such-user", "guess", ATTACKER).await;
    expect_error(response, 404, "entity.not_found").await;
    let after =
        tenantry_server::password::DUMMY_VERIFICATIONS.load(std::sync::atomic::Ordering::Relaxed);
    assert!(after > before, "the unknown-user path hashed the password");
}

/// An unknown login is counted like an account: the same answers to the same attempts,
/// so a guesser cannot tell which logins exist from the throttle (issue 17, enumeration).
#[tokio::test]
async fn an_unknown_login_is_throttled_exactly_like_an_account() {
    let server = TestServer::start().await;
    let known = user(&server).await;
    let mut answers = Vec::new();
    for id in [known.as_str(), "unknown-0123abcd"] {
        let mut statuses = Vec::new();
        for _ in 0..6 {
            statuses.push(verify_from(&server, id, "wrong", ATTACKER).await.status());
        }
        answers.push(statuses);
    }
    // The server says 404 for an id that is no user; the edge answers both alike.
    let unknown: Vec<_> = answers[1].iter().map(|s| s.as_u16()).collect();
    assert_eq!(unknown, [404, 404, 404, 404, 404, 429]);
    let known: Vec<_> = answers[0].iter().map(|s| s.as_u16()).collect();
    assert_eq!(known, [422, 422, 422, 422, 422, 429]);
    // Another unknown login from the same address starts its own count.
    let other = verify_from(&server, "unknown-99", "wrong", ATTACKER).await;
    assert_eq!(other.status(), 404);
    // The window over, a failure purges the old unknown counts: the address may try again.
    server.advance_ms(31 * 60_000).await;
    let again = verify_from(&server, "unknown-0123abcd", "wrong", ATTACKER).await;
    assert_eq!(again.status(), 404);
}

#[tokio::test]
async fn suspended_and_locked_accounts_answer_a_wrong_password_like_any_other() {
    let server = TestServer::start_with_lockout(1_000, 3).await;
    let normal = user(&server).await;
    let suspended = server
        .create_user(json!({"username": "sus", "password": PASSWORD}))
        .await;
    let suspended = suspended["id"].as_str().unwrap().to_owned();
    let path = format!("/api/users/{suspended}/is-suspended");
    server.patch(&path, json!({"isSuspended": true})).await;
    let locked = server
        .create_user(json!({"username": "lck", "password": PASSWORD}))
        .await;
    let locked = locked["id"].as_str().unwrap().to_owned();
    for _ in 0..3 {
        verify_from(&server, &locked, "wrong", ATTACKER).await;
    }
    assert_eq!(fetch_user(&server, &locked).await["isLocked"], true);

    let mut answers = Vec::new();
    for id in [&normal, &suspended, &locked] {
        let response = verify_from(&server, id, "wrong", OWNER).await;
        let status = response.status().as_u16();
        answers.push((status, response.json::<Value>().await.unwrap()));
    }
    assert_eq!(answers[0].0, 422);
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0], answers[2]);
    let right = verify_from(&server, &suspended, PASSWORD, OWNER).await;
    expect_error(right, 422, "user.suspended").await;
    let right = verify_from(&server, &locked, PASSWORD, OWNER).await;
    expect_error(right, 423, "user.locked").await;
}
