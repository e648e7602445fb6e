//! Helpers of the invitation tests: organizations, invitations, and a server whose
//! mail reaches a real SMTP server.
#![allow(dead_code)]

use reqwest::{Method, Response};
use serde_json::{Value, json};
use tenantry_server::clock::Clock;
use tenantry_server::mail::SmtpTls;

use crate::common::*;
use crate::smtp::{SmtpServer, aiosmtpd_available, free_port};

pub const HOUR: i64 = 60 * 60 * 1000;
pub const PORTAL: &str = "https://portal.test";

/// The server's time plus `ms`.
pub fn later(server: &TestServer, ms: i64) -> i64 {
    server.clock.now_ms() + ms
}

pub async fn invite(server: &TestServer, body: Value) -> Response {
    server.post("/api/organization-invitations", body).await
}

/// Invites `email` to the organization (valid one day) and returns the invitation.
pub async fn invite_ok(server: &TestServer, body: Value) -> Value {
    let response = invite(server, body).await;
    assert_eq!(response.status(), 201, "create invitation");
    response.json().await.unwrap()
}

/// A body for `POST /api/organization-invitations`, valid one day.
pub fn invitation(server: &TestServer, org: &str, email: &str) -> Value {
    json!({ "invitee": email, "organizationId": org, "expiresAt": later(server, 24 * HOUR) })
}

pub async fn get_invitation(server: &TestServer, id: &str) -> Value {
    let response = server
        .get(&format!("/api/organization-invitations/{id}"))
        .await;
    assert_eq!(response.status(), 200, "GET invitation {id}");
    response.json().await.unwrap()
}

pub async fn set_status(server: &TestServer, id: &str, body: Value) -> Response {
    let path = format!("/api/organization-invitations/{id}/status");
    server.send_json(Method::PUT, &path, body).await
}

pub async fn list(server: &TestServer, query: &str) -> Vec<Value> {
    let response = server
        .get(&format!("/api/organization-invitations{query}"))
        .await;
    assert_eq!(response.status(), 200, "list {query}");
    response.json().await.unwrap()
}

/// The public accept route, without a token of the Management API.
pub async fn accept(server: &TestServer, id: &str, body: Value) -> Response {
    let url = server.url(&format!("/api/invitations/{id}/accept"));
    server.client.post(url).json(&body).send().await.unwrap()
}

/// Keys of the audit rows with this key (newest first), as `<result> <error code>`.
pub async fn audit(server: &TestServer, key: &str) -> Vec<Value> {
    let rows = server
        .get(&format!("/api/logs?page_size=100&logKey={key}"))
        .await;
    assert_eq!(rows.status(), 200);
    let rows: Vec<Value> = rows.json().await.unwrap();
    rows.into_iter().map(|r| r["payload"].clone()).collect()
}

/// A server whose mail goes to an aiosmtpd on loopback, with `mails` invitation mails
/// per recipient per hour; `None` (test skipped) without aiosmtpd.
pub async fn server_with_smtp(mails: u32) -> Option<(TestServer, SmtpServer, tempfile::TempDir)> {
    if !aiosmtpd_available() {
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
    config.mail.portal_url = Some(PORTAL.into());
    config.mail.product_name = "Acme".into();
    config.rate_limit.public = 1_000;
    config.rate_limit.invitation_mails = mails;
    Some((TestServer::start_with(dir, config).await, smtp, mail_dir))
}

/// Delivers what is queued, waits for the `count`th message and returns it.
pub async fn mail(server: &TestServer, smtp: &SmtpServer, count: usize) -> Value {
    server.state.mailer.deliver_due().await.unwrap();
    let messages = smtp.wait_for(count).await;
    messages[count - 1].clone()
}

/// The invitation id and token of the link in a received message.
pub fn link_of(message: &Value) -> (String, String) {
    let text = message["text"].as_str().unwrap();
    let start = text
        .find(&format!("{PORTAL}/invitations/"))
        .expect("an invitation link");
    let link = text[start..].split_whitespace().next().unwrap();
    let rest = link.trim_start_matches(&format!("{PORTAL}/invitations/"));
    let (id, token) = rest.split_once("?token=").expect("a token");
    (id.to_owned(), token.to_owned())
}
