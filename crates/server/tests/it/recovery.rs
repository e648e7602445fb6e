//! Password recovery: the mail reaches a real SMTP server with a working single-use
//! link; the public request answers alike for known and unknown addresses.

use crate::common::*;
use crate::smtp::{SmtpServer, aiosmtpd_available, free_port};
use reqwest::Response;
use serde_json::{Value, json};
use tenantry_server::mail::SmtpTls;

const MINUTE: i64 = 60_000;

/// A server whose mail goes to an aiosmtpd on loopback.
async fn server_with_smtp() -> Option<(TestServer, SmtpServer, tempfile::TempDir)> {
    server_with_smtp_and(|_| {}).await
}

/// As `server_with_smtp`, with `tweak` applied to the configuration.
async fn server_with_smtp_and(
    tweak: impl FnOnce(&mut tenantry_server::config::Config),
) -> Option<(TestServer, SmtpServer, tempfile::TempDir)> {
    if !aiosmtpd_available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "aiosmtpd is missing (cargo xtask setup installs it)"
        );
        eprintln!("SKIPPED: python3 has no aiosmtpd");
        return None;
    }
    let mail_dir = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(free_port(), mail_dir.path());
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    let mut config = config(dir.path(), &url);
    config.mail.smtp_host = Some("127.0.0.1".into());
    config.mail.smtp_port = smtp.port;
    config.mail.smtp_tls = SmtpTls::None;
    config.mail.portal_url = Some("https://portal.test".into());
    config.mail.product_name = "Acme".into();
    tweak(&mut config);
    Some((TestServer::start_with(dir, config).await, smtp, mail_dir))
}

/// Delivers what is queued (the self-service mail is queued just after the answer)
/// and returns the token from the newest message's link.
async fn mailed_token(server: &TestServer, smtp: &SmtpServer, count: usize) -> String {
    for _ in 0..200 {
        server.state.mailer.deliver_due().await.unwrap();
        if smtp.messages().len() >= count {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let messages = smtp.wait_for(count).await;
    let text = messages[count - 1]["text"].as_str().unwrap().to_owned();
    let start = text
        .find("https://portal.test/reset-password?token=")
        .expect("a reset link");
    let link = text[start..].split_whitespace().next().unwrap();
    link.split("token=").nth(1).unwrap().to_owned()
}

async fn reset(server: &TestServer, token: &str, password: &str) -> Response {
    let body = json!({ "token": token, "password": password });
    server
        .client
        .post(server.url("/api/password-reset"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn verify(server: &TestServer, id: &str, password: &str) -> u16 {
    let path = format!("/api/users/{id}/password/verify");
    server
        .post(&path, json!({ "password": password }))
        .await
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_admin_sends_a_link_that_works_once() {
    let Some((server, smtp, _mail)) = server_with_smtp().await else {
        return;
    };
    let nomail = server.create_user(json!({"username": "nomail"})).await;
    let response = server
        .post(
            &format!(
                "/api/users/{}/recover-password",
                nomail["id"].as_str().unwrap()
            ),
            json!({}),
        )
        .await;
    expect_error(response, 422, "user.email_missing").await;

    let user = server.create_user(json!({"username": "jane", "primaryEmail": "jane@example.com", "name": "Jane", "password": "old-password"})).await;
    let id = user["id"].as_str().unwrap();
    let answer: Value = server
        .post(&format!("/api/users/{id}/recover-password"), json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(answer, json!({"status": "success"}));
    let token = mailed_token(&server, &smtp, 1).await;
    let message = &smtp.messages()[0];
    assert_eq!(message["to"], "jane@example.com");
    assert!(message["subject"].as_str().unwrap().contains("Acme"));

    // A refused password leaves the token usable.
    expect_error(reset(&server, &token, "").await, 400, "guard.invalid_input").await;
    assert_eq!(reset(&server, &token, "new-password-1").await.status(), 200);
    assert_eq!(verify(&server, id, "new-password-1").await, 204);
    assert_eq!(verify(&server, id, "old-password").await, 422);
    expect_error(
        reset(&server, &token, "third-password").await,
        400,
        "password_reset.invalid_token",
    )
    .await;
    expect_error(
        reset(&server, "made-up-token", "x-password").await,
        400,
        "password_reset.invalid_token",
    )
    .await;
}

#[tokio::test]
async fn links_expire_after_an_hour_and_a_reset_ends_a_lock() {
    // The account-wide lock at 5 failures (its default is higher since failures count
    // per address first; see `lockout_per_address`).
    let Some((server, smtp, _mail)) = server_with_smtp_and(|config| {
        config.lockout.lockout_attempts = 1_000;
        config.lockout.lockout_account_attempts = 5;
    })
    .await
    else {
        return;
    };
    let user = server
        .create_user(
            json!({"username": "lou", "primaryEmail": "lou@example.com", "password": "pw-1-longer"}),
        )
        .await;
    let id = user["id"].as_str().unwrap();
    let path = format!("/api/users/{id}/recover-password");
    server.post(&path, json!({})).await;
    let expired = mailed_token(&server, &smtp, 1).await;
    server.advance_ms(60 * MINUTE + 1).await;
    expect_error(
        reset(&server, &expired, "new-pw-1").await,
        400,
        "password_reset.invalid_token",
    )
    .await;

    for _ in 0..5 {
        assert_eq!(verify(&server, id, "wrong").await, 422);
    }
    assert_eq!(verify(&server, id, "pw-1-longer").await, 423);
    server.post(&path, json!({})).await;
    let token = mailed_token(&server, &smtp, 2).await;
    assert_eq!(reset(&server, &token, "new-pw-2").await.status(), 200);
    assert_eq!(
        verify(&server, id, "new-pw-2").await,
        204,
        "the reset lifted the lock"
    );
}

/// Headers that must not tell a known address from an unknown one.
fn comparable_headers(response: &Response) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "date"
                    | "x-request-id"
                    | "logto-core-request-id"
                    | "ratelimit-remaining"
                    | "ratelimit-reset"
            )
        })
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

#[tokio::test]
async fn self_service_answers_alike_and_mails_only_a_known_address() {
    let Some((server, smtp, _mail)) = server_with_smtp().await else {
        return;
    };
    let user = server
        .create_user(json!({"username": "kim", "primaryEmail": "kim@example.com"}))
        .await;
    let ask = |email: &str| {
        let body = json!({ "email": email });
        server
            .client
            .post(server.url("/api/recover-password"))
            .json(&body)
            .send()
    };
    let known = ask("KIM@example.com").await.unwrap();
    let unknown = ask("nobody@example.com").await.unwrap();
    assert_eq!(known.status(), 200);
    assert_eq!(comparable_headers(&known), comparable_headers(&unknown));
    let known: Value = known.json().await.unwrap();
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(known, unknown);
    assert_eq!(known, json!({"status": "success"}));

    // The mail is queued after the answer; wait for it, then check only one went out.
    let token = mailed_token(&server, &smtp, 1).await;
    server.state.mailer.deliver_due().await.unwrap();
    assert_eq!(smtp.messages().len(), 1);
    assert_eq!(smtp.messages()[0]["to"], "kim@example.com");
    assert_eq!(reset(&server, &token, "kims-new-pw").await.status(), 200);
    assert_eq!(
        verify(&server, user["id"].as_str().unwrap(), "kims-new-pw").await,
        204
    );
}

#[tokio::test]
async fn public_recovery_routes_have_a_strict_limit() {
    let server = TestServer::start().await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let body = json!({ "email": format!("someone{i}@example.com") });
        let response = server
            .client
            .post(server.url("/api/recover-password"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(response.headers().contains_key("ratelimit-limit"));
        if response.status() == 429 {
            assert!(response.headers().contains_key("retry-after"));
        }
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429]);
}

/// A client whose connections come from `ip` (any 127.0.0.0/8 address reaches the server).
fn client_from(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(ip))
        .build()
        .unwrap()
}

#[tokio::test]
async fn another_source_cannot_block_a_users_recovery_or_revoke_a_mailed_link() {
    let Some((server, smtp, _mail)) = server_with_smtp_and(|config| {
        config.rate_limit.token_failures = 3;
        config.rate_limit.public = 1_000;
    })
    .await
    else {
        return;
    };
    let user = server
        .create_user(json!({"username": "vic", "primaryEmail": "vic@example.com", "password": "vics-old-pw-1"}))
        .await;
    let id = user["id"].as_str().unwrap();
    let ask = |client: reqwest::Client| {
        let url = server.url("/api/recover-password");
        async move {
            let body = json!({ "email": "vic@example.com" });
            let response = client.post(url).json(&body).send().await.unwrap();
            response.status().as_u16()
        }
    };
    let (victim, attacker) = (client_from([127, 0, 0, 1]), client_from([127, 0, 0, 2]));
    assert_eq!(ask(victim.clone()).await, 200);
    let first_link = mailed_token(&server, &smtp, 1).await;
    let mut flood = Vec::new();
    for _ in 0..6 {
        flood.push(ask(attacker.clone()).await);
    }
    assert_eq!(flood, [200, 200, 200, 429, 429, 429]);
    // The victim's own address still gets a link, and the first one still works.
    assert_eq!(ask(victim).await, 200);
    mailed_token(&server, &smtp, 5).await;
    assert_eq!(
        reset(&server, &first_link, "vics-new-pw-1").await.status(),
        200
    );
    assert_eq!(verify(&server, id, "vics-new-pw-1").await, 204);
}
