//! Signing in through the edge: the cookie, clear refusals, the server's throttle and
//! suspension, the session, sign-out, and self-service profile and password.

use crate::common::{ADMIN_PASSWORD, As, Stack, cookie_value, expect_error, set_cookie};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn sign_in_sets_a_sealed_host_cookie_with_exactly_the_bff_attributes() {
    let stack = Stack::start().await;
    let response = stack.sign_in("admin", ADMIN_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let line = set_cookie(&response).expect("a session cookie");
    let mut parts = line.split("; ");
    let value = parts
        .next()
        .unwrap()
        .strip_prefix("__Host-tenantry_session=")
        .unwrap();
    assert!(value.len() > 40, "sealed contents");
    let mut attributes: Vec<&str> = parts.collect();
    attributes.sort();
    assert_eq!(
        attributes,
        ["HttpOnly", "Path=/", "SameSite=Strict", "Secure"]
    );
    // Sealed: neither the user id nor any JSON shows through.
    let admin_id = stack.server.admin_id().await;
    assert!(!value.contains(&admin_id) && !value.contains("uid"));
    let session: Value = response.json().await.unwrap();
    assert_eq!(session["username"], "admin");
    assert_eq!(session["id"], admin_id);
    assert_eq!(session["isTenantAdmin"], true);
    assert_eq!(session["organizations"], json!([]));
}

#[tokio::test]
async fn email_signs_in_too_and_the_session_reads_back() {
    let stack = Stack::start().await;
    let admin_id = stack.server.admin_id().await;
    let patch = json!({ "primaryEmail": "Root@Example.com" });
    let path = format!("/api/users/{admin_id}");
    assert_eq!(
        stack
            .server
            .send(Method::PATCH, &path, Some(patch))
            .await
            .status(),
        200
    );
    let cookie = stack.session("root@example.com", ADMIN_PASSWORD).await;
    let response = stack
        .call(Method::GET, "/auth/session", &As::Cookie(&cookie), None)
        .await;
    assert_eq!(response.status(), 200);
    let session: Value = response.json().await.unwrap();
    assert_eq!(session["primaryEmail"], "Root@Example.com");
    assert!(session.get("customData").is_none());
}

#[tokio::test]
async fn wrong_password_unknown_user_and_plain_users_are_refused_clearly() {
    let stack = Stack::start().await;
    let body = expect_error(
        stack.sign_in("admin", "nope").await,
        422,
        "session.invalid_credentials",
    )
    .await;
    assert_eq!(body["message"], "Wrong username or password.");
    expect_error(
        stack.sign_in("ghost", "nope").await,
        422,
        "session.invalid_credentials",
    )
    .await;
    let response = stack
        .call(Method::POST, "/auth/sign-in", &As::Nobody, Some(json!({})))
        .await;
    expect_error(response, 400, "guard.invalid_input").await;
    stack.server.create_user("plain", "plain-password-1").await;
    let refused = stack.sign_in("plain", "plain-password-1").await;
    assert!(set_cookie(&refused).is_none());
    expect_error(refused, 403, "session.not_an_admin").await;
}

/// A guesser cannot tell a real login from an unknown one: the same attempts get the
/// same answers, the throttle after five failures included (issue 17, enumeration).
#[tokio::test]
async fn unknown_and_known_logins_answer_wrong_passwords_alike() {
    let stack = Stack::start().await;
    stack.server.create_user("plain", "plain-password-1").await;
    let mut answers = Vec::new();
    for login in ["plain", "ghost"] {
        let mut seen = Vec::new();
        let started = std::time::Instant::now();
        for _ in 0..6 {
            let response = stack.sign_in(login, "nope").await;
            let status = response.status().as_u16();
            let retry = response.headers().get("retry-after").cloned();
            let body: serde_json::Value = response.json().await.unwrap();
            seen.push((status, retry, body));
        }
        // A figure to read, not to assert: both should take about as long.
        eprintln!("{login}: 6 wrong sign-ins took {:?}", started.elapsed());
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1]);
    let statuses: Vec<u16> = answers[0].iter().map(|(status, ..)| *status).collect();
    assert_eq!(statuses, [422, 422, 422, 422, 422, 429]);
}

#[tokio::test]
async fn suspended_accounts_are_refused() {
    let stack = Stack::start().await;
    let id = stack
        .server
        .create_user("second", "second-password-1")
        .await;
    stack.server.grant_tenant_admin(&id).await;
    assert_eq!(
        stack.sign_in("second", "second-password-1").await.status(),
        200
    );
    let path = format!("/api/users/{id}/is-suspended");
    let suspend = stack
        .server
        .send(Method::PATCH, &path, Some(json!({ "isSuspended": true })))
        .await;
    assert_eq!(suspend.status(), 200);
    let body = expect_error(
        stack.sign_in("second", "second-password-1").await,
        403,
        "user.suspended",
    )
    .await;
    assert!(body["message"].as_str().unwrap().contains("suspended"));
}

/// Policy change (issue 17): five failures from one address throttle that address for
/// that account (429 with Retry-After) instead of locking the account for everyone.
#[tokio::test]
async fn after_the_threshold_the_same_address_waits_and_the_account_stays_unlocked() {
    let stack = Stack::start().await;
    for _ in 0..5 {
        expect_error(
            stack.sign_in("admin", "wrong").await,
            422,
            "session.invalid_credentials",
        )
        .await;
    }
    let refused = stack.sign_in("admin", ADMIN_PASSWORD).await;
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0);
    let body = expect_error(refused, 429, "user.too_many_attempts").await;
    assert!(body["data"]["retryAfter"].is_number(), "{body}");
    let admin_id = stack.server.admin_id().await;
    let admin = stack
        .server
        .get_json(&format!("/api/users/{admin_id}"))
        .await;
    assert_eq!(admin["isLocked"], false);
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited_per_username_and_per_ip() {
    let limits = tenantry_edge::Limits {
        sign_in_per_ip: 6,
        sign_in_per_username: 3,
        ..crate::common::generous_limits()
    };
    let stack = Stack::start_with(limits).await;
    for _ in 0..3 {
        expect_error(
            stack.sign_in("nobody", "x").await,
            422,
            "session.invalid_credentials",
        )
        .await;
    }
    let limited = stack.sign_in("nobody", "x").await;
    assert!(limited.headers().contains_key("retry-after"));
    expect_error(limited, 429, "request.too_many_requests").await;
    // Another username still gets through, until the IP's budget is spent.
    assert_eq!(stack.sign_in("admin", ADMIN_PASSWORD).await.status(), 200);
    expect_error(
        stack.sign_in("other", "x").await,
        422,
        "session.invalid_credentials",
    )
    .await;
    expect_error(
        stack.sign_in("admin", ADMIN_PASSWORD).await,
        429,
        "request.too_many_requests",
    )
    .await;
}

#[tokio::test]
async fn sign_out_clears_the_cookie_and_sessions_expire() {
    let stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    let out = stack
        .call(Method::POST, "/auth/sign-out", &As::Cookie(&cookie), None)
        .await;
    assert_eq!(out.status(), 204);
    let cleared = set_cookie(&out).unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(cookie_value(&out).as_deref(), Some(""));
    // Idle for 31 minutes: the session is over and the cookie is cleared.
    stack.clock.advance_minutes(31);
    let expired = stack
        .call(Method::GET, "/auth/session", &As::Cookie(&cookie), None)
        .await;
    assert_eq!(cookie_value(&expired).as_deref(), Some(""));
    expect_error(expired, 401, "auth.unauthorized").await;
    expect_error(
        stack
            .call(Method::GET, "/auth/session", &As::Nobody, None)
            .await,
        401,
        "auth.unauthorized",
    )
    .await;
}

#[tokio::test]
async fn activity_keeps_a_session_alive_until_the_absolute_limit() {
    let stack = Stack::start().await;
    let mut cookie = stack.admin_session().await;
    for step in 1..=17 {
        stack.clock.advance_minutes(29);
        let response = stack
            .call(Method::GET, "/api/users", &As::Cookie(&cookie), None)
            .await;
        if step * 29 >= 8 * 60 {
            expect_error(response, 401, "auth.unauthorized").await;
            return;
        }
        assert_eq!(response.status(), 200);
        cookie = cookie_value(&response).expect("a touched cookie");
    }
    panic!("the absolute lifetime was never reached");
}

#[tokio::test]
async fn profile_and_password_changes_for_oneself() {
    let stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    let who = As::Cookie(&cookie);
    let changed = stack
        .call(
            Method::PATCH,
            "/auth/session/profile",
            &who,
            Some(json!({ "name": "Root" })),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let session: Value = changed.json().await.unwrap();
    assert_eq!(session["name"], "Root");
    let refused = stack
        .call(
            Method::PATCH,
            "/auth/session/profile",
            &who,
            Some(json!({ "customData": {} })),
        )
        .await;
    expect_error(refused, 400, "guard.invalid_input").await;
    let wrong = json!({ "currentPassword": "nope", "password": "new-password-22" });
    let response = stack
        .call(Method::POST, "/auth/session/password", &who, Some(wrong))
        .await;
    expect_error(response, 422, "session.invalid_credentials").await;
    let right = json!({ "currentPassword": ADMIN_PASSWORD, "password": "new-password-22" });
    let response = stack
        .call(Method::POST, "/auth/session/password", &who, Some(right))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        stack.sign_in("admin", "new-password-22").await.status(),
        200
    );
    expect_error(
        stack.sign_in("admin", ADMIN_PASSWORD).await,
        422,
        "session.invalid_credentials",
    )
    .await;
}
