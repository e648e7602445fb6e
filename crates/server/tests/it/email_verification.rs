//! Changing a primary email by proving the new address: a mailed 6-digit code, used
//! once, within 10 minutes and 5 tries; the address is then recorded as verified.

use reqwest::Response;
use serde_json::{Value, json};

use crate::common::*;
use crate::invites::*;

const MINUTE: i64 = 60 * 1000;

async fn send_code(server: &TestServer, id: &str, email: &str) -> Response {
    let path = format!("/api/users/{id}/email-verification");
    server.post(&path, json!({ "email": email })).await
}

async fn confirm(server: &TestServer, id: &str, code: &str) -> Response {
    let path = format!("/api/users/{id}/email-verification/confirm");
    server.post(&path, json!({ "code": code })).await
}

/// The 6-digit code of a received verification mail.
fn code_of(message: &Value) -> String {
    let text = message["text"].as_str().unwrap();
    text.split_whitespace()
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .expect("a code in the mail")
        .to_owned()
}

async fn email_of(server: &TestServer, id: &str) -> Value {
    fetch_user(server, id).await["primaryEmail"].clone()
}

#[tokio::test]
async fn the_mailed_code_changes_the_email_once() {
    let Some((server, smtp, _mail)) = server_with_smtp(10).await else {
        return;
    };
    let user = server
        .create_user(json!({ "username": "ann", "primaryEmail": "ann@old.test" }))
        .await;
    let id = user["id"].as_str().unwrap();
    assert_eq!(send_code(&server, id, "ann@new.test").await.status(), 204);
    let message = mail(&server, &smtp, 1).await;
    assert!(
        message["to"].as_str().unwrap().contains("ann@new.test"),
        "{message}"
    );
    // Nothing changes until the code comes back.
    assert_eq!(email_of(&server, id).await, "ann@old.test");
    let code = code_of(&message);

    let changed = confirm(&server, id, &code).await;
    assert_eq!(changed.status(), 200);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["primaryEmail"], "ann@new.test");
    assert_eq!(email_of(&server, id).await, "ann@new.test");
    // Used up.
    expect_error(
        confirm(&server, id, &code).await,
        400,
        "verification_code.not_found",
    )
    .await;
}

#[tokio::test]
async fn wrong_expired_and_resent_codes_change_nothing() {
    let Some((server, smtp, _mail)) = server_with_smtp(10).await else {
        return;
    };
    let user = server
        .create_user(json!({ "username": "bob", "primaryEmail": "bob@old.test" }))
        .await;
    let id = user["id"].as_str().unwrap();
    assert_eq!(send_code(&server, id, "bob@new.test").await.status(), 204);
    let code = code_of(&mail(&server, &smtp, 1).await);
    let wrong = if code == "000000" { "111111" } else { "000000" };

    // A second code within a minute: refused, and the first still stands.
    expect_error(
        send_code(&server, id, "elsewhere@new.test").await,
        429,
        "verification_code.too_many_requests",
    )
    .await;
    for _ in 0..4 {
        expect_error(
            confirm(&server, id, wrong).await,
            400,
            "verification_code.code_mismatch",
        )
        .await;
    }
    // The fifth wrong code drops the pending change: the right one no longer works.
    expect_error(
        confirm(&server, id, wrong).await,
        400,
        "verification_code.exceed_max_try",
    )
    .await;
    expect_error(
        confirm(&server, id, &code).await,
        400,
        "verification_code.not_found",
    )
    .await;
    assert_eq!(email_of(&server, id).await, "bob@old.test");

    // A new code after a minute, which expires after ten.
    server.advance_ms(MINUTE).await;
    assert_eq!(send_code(&server, id, "bob@new.test").await.status(), 204);
    let code = code_of(&mail(&server, &smtp, 2).await);
    server.advance_ms(10 * MINUTE).await;
    expect_error(
        confirm(&server, id, &code).await,
        400,
        "verification_code.expired",
    )
    .await;
    assert_eq!(email_of(&server, id).await, "bob@old.test");
}

#[tokio::test]
async fn an_address_in_use_or_malformed_gets_no_code() {
    let Some((server, smtp, _mail)) = server_with_smtp(10).await else {
        return;
    };
    server
        .create_user(json!({ "username": "owner", "primaryEmail": "taken@x.test" }))
        .await;
    let user = server
        .create_user(json!({ "username": "carl", "primaryEmail": "carl@x.test" }))
        .await;
    let id = user["id"].as_str().unwrap();
    expect_error(
        send_code(&server, id, "TAKEN@x.test").await,
        422,
        "user.email_already_in_use",
    )
    .await;
    expect_error(
        send_code(&server, id, "Eve <eve@x.test>").await,
        400,
        "guard.invalid_input",
    )
    .await;
    expect_error(
        send_code(&server, "nosuchuser01", "a@x.test").await,
        404,
        "entity.not_found",
    )
    .await;
    server.state.mailer.deliver_due().await.unwrap();
    assert!(smtp.messages().is_empty(), "no mail was sent");
    assert_eq!(email_of(&server, id).await, "carl@x.test");
}
