//! An in-process `tenantry-server`: the server's own test harness, trusting the
//! edge's `X-Forwarded-For`, with the few calls the edge's tests make directly.

use std::net::SocketAddr;
use std::ops::{Deref, DerefMut};

use reqwest::{Method, Response};
use serde_json::Value;

#[path = "../../../../server/tests/it/common/mod.rs"]
mod harness;

// Used by the slow-client tests, not by the benches that share this file.
#[allow(unused_imports)]
pub use harness::slow;
pub use harness::{ADMIN_PASSWORD, CLIENT_ID, CLIENT_SECRET, INDICATOR, TestServer};

pub struct Server(TestServer);

impl Deref for Server {
    type Target = TestServer;

    fn deref(&self) -> &TestServer {
        &self.0
    }
}

impl DerefMut for Server {
    fn deref_mut(&mut self) -> &mut TestServer {
        &mut self.0
    }
}

impl Server {
    pub async fn start() -> Server {
        Server::start_at("127.0.0.1:0".parse().unwrap()).await
    }

    /// A server whose configuration `adjust` changes first.
    pub async fn start_configured(
        adjust: impl FnOnce(&mut tenantry_server::config::Config),
    ) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let url = harness::database_url(dir.path()).await;
        let mut config = harness::config(dir.path(), &url);
        config.trust_proxy = true;
        config.rate_limit.public = 1_000_000;
        adjust(&mut config);
        Server(TestServer::start_at("127.0.0.1:0".parse().unwrap(), dir, config).await)
    }

    /// A server over a fresh database (so with its own signing key) on `address`.
    pub async fn start_at(address: SocketAddr) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let url = harness::database_url(dir.path()).await;
        let mut config = harness::config(dir.path(), &url);
        // The edge names the browser's address; the public routes' limit stays out of the way.
        config.trust_proxy = true;
        config.rate_limit.public = 1_000_000;
        Server(TestServer::start_at(address, dir, config).await)
    }

    /// A Management API call made directly, with the test's own token.
    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let builder = self.api(method, path);
        match body {
            Some(body) => builder.json(&body),
            None => builder,
        }
        .send()
        .await
        .unwrap()
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }

    /// Creates a user and returns its id.
    pub async fn create_user(&self, username: &str, password: &str) -> String {
        let user = self
            .0
            .create_user(serde_json::json!({
                "username": username,
                "password": password,
                "primaryEmail": format!("{username}@example.com"),
                "customData": {"plan": "gold"},
            }))
            .await;
        user["id"].as_str().unwrap().to_owned()
    }

    /// The bootstrapped admin's id.
    pub async fn admin_id(&self) -> String {
        harness::admin_id(&self.0).await
    }

    /// Gives `user_id` the global tenant-admin role (the admin's only role).
    pub async fn grant_tenant_admin(&self, user_id: &str) {
        let admin_id = self.admin_id().await;
        let roles = self.get_json(&format!("/api/users/{admin_id}/roles")).await;
        let role_id = roles[0]["id"].as_str().unwrap();
        let path = format!("/api/users/{user_id}/roles");
        let body = serde_json::json!({ "roleIds": [role_id] });
        assert_eq!(self.post(&path, body).await.status(), 201);
    }

    /// How many client-credential exchanges the audit log holds.
    pub async fn exchanges(&self) -> u64 {
        let path = "/api/logs?logKey=ExchangeTokenBy.ClientCredentials&page_size=1";
        let (_, total) = harness::list_with_total(&self.0, path).await;
        total
    }
}
