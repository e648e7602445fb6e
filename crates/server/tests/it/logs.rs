//! Requests and errors are logged; passwords, secrets and tokens never are.

use std::io::Write;
use std::sync::{Arc, Mutex};

use crate::common::*;
use serde_json::json;
use tenantry_server::config::LogFormat;

/// A log destination the test can read back.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn requests_are_logged_without_credentials() {
    let captured = Captured::default();
    let guard = tenantry_server::telemetry::init_with_writer(LogFormat::Json, captured.clone());
    let server = TestServer::start().await;
    let token = server.fetch_token("all").await;
    let password = "Sup3r-secret-passw0rd";
    let user = server
        .create_user(json!({"username": "logged", "password": password}))
        .await;
    let id = user["id"].as_str().unwrap();
    let verify = server
        .post(
            &format!("/api/users/{id}/password/verify"),
            json!({"password": "wrong-one"}),
        )
        .await;
    assert_eq!(verify.status(), 422);
    let bad_secret = server
        .client
        .post(server.url("/oidc/token"))
        .basic_auth(CLIENT_ID, Some("Wr0ngSecretWr0ngSecret"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("resource", INDICATOR),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad_secret.status(), 401);
    server.stop();
    drop(guard); // flushes the background writer

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("/api/users"), "requests are logged:\n{logs}");
    assert!(
        logs.contains("session.invalid_credentials"),
        "refusals are logged with their code"
    );
    assert!(logs.contains("request_id"), "each line names its request");
    for secret in [
        password,
        "wrong-one",
        CLIENT_SECRET,
        "Wr0ngSecretWr0ngSecret",
        ADMIN_PASSWORD,
        token.as_str(),
    ] {
        assert!(!logs.contains(secret), "the logs hold a secret");
    }
}
