//! An in-process `tenantry-server`, as the server's own test harness starts it.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use reqwest::{Client, Method, Response};
use serde_json::Value;
use sqlx::{Connection, Executor, PgConnection};
use tempfile::TempDir;
use tenantry_server::clock::ManualClock;
use tenantry_server::config::{Config, LogFormat, Secret};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const CLIENT_ID: &str = "edgeclient01";
pub const CLIENT_SECRET: &str = "EdgeTestSecretEdgeTestSecret0123";
pub const ADMIN_PASSWORD: &str = "admin-password-1";
pub const INDICATOR: &str = "https://default.logto.app/api";

pub struct Server {
    pub base: String,
    pub address: SocketAddr,
    pub client: Client,
    pub clock: ManualClock,
    token: String,
    stop: Option<oneshot::Sender<()>>,
    serving: Option<JoinHandle<()>>,
    pub dir: TempDir,
}

async fn database_url(dir: &Path) -> String {
    match std::env::var("TENANTRY_TEST_POSTGRES_URL") {
        Ok(admin_url) => {
            let name = format!("t_{}", tenantry_server::ids::new_id());
            let mut admin = PgConnection::connect(&admin_url)
                .await
                .expect("connect to PostgreSQL");
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create database");
            let (base, _) = admin_url.rsplit_once('/').expect("URL names a database");
            format!("{base}/{name}")
        }
        Err(_) => format!("sqlite://{}", dir.join("tenantry.db").display()),
    }
}

fn config(dir: &Path, database_url: &str) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.to_path_buf(),
        database_url: Some(Secret(database_url.to_owned())),
        public_url: Some("http://tenantry.test".into()),
        api_indicator: INDICATOR.into(),
        trust_proxy: true,
        log_format: LogFormat::Text,
        admin_username: "admin".into(),
        admin_password: Some(Secret(ADMIN_PASSWORD.into())),
        edge_client_id: Some(CLIENT_ID.into()),
        edge_client_secret: Some(Secret(CLIENT_SECRET.into())),
        lockout: Default::default(),
        rate_limit: tenantry_server::rate_limit::RateLimitConfig {
            requests: 1_000_000,
            token_failures: 1_000,
            public: 1_000_000,
            ..Default::default()
        },
        mail: Default::default(),
    }
}

impl Server {
    pub async fn start() -> Server {
        Server::start_at("127.0.0.1:0".parse().unwrap()).await
    }

    /// A server over a fresh database (so with its own signing key) on `address`.
    pub async fn start_at(address: SocketAddr) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let url = database_url(dir.path()).await;
        let config = config(dir.path(), &url);
        let clock = ManualClock::new();
        let (state, _) = tenantry_server::start_with_clock(&config, Arc::new(clock.clone()))
            .await
            .expect("server starts");
        let listener = TcpListener::bind(address).await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let serving = tokio::spawn(async move {
            tenantry_server::serve(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        let mut server = Server {
            base: format!("http://{address}"),
            address,
            client: Client::new(),
            clock,
            token: String::new(),
            stop: Some(stop),
            serving: Some(serving),
            dir,
        };
        server.token = server.fetch_token().await;
        server
    }

    async fn fetch_token(&self) -> String {
        let answer: Value = self
            .client
            .post(format!("{}/oidc/token", self.base))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&[
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
                ("scope", "all"),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["access_token"].as_str().expect("a token").to_owned()
    }

    /// Stops serving and waits until the port is free.
    pub async fn halt(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(serving) = self.serving.take() {
            let _ = serving.await;
        }
    }

    /// A Management API call made directly, with the test's own token.
    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut builder = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        builder.send().await.unwrap()
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let response = self.send(Method::GET, path, None).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }

    /// Creates a user and returns its id.
    pub async fn create_user(&self, username: &str, password: &str) -> String {
        let body = serde_json::json!({
            "username": username,
            "password": password,
            "primaryEmail": format!("{username}@example.com"),
            "customData": {"plan": "gold"},
        });
        let response = self.send(Method::POST, "/api/users", Some(body)).await;
        assert_eq!(response.status(), 200, "create user {username}");
        let user: Value = response.json().await.unwrap();
        user["id"].as_str().unwrap().to_owned()
    }

    /// The bootstrapped admin's id.
    pub async fn admin_id(&self) -> String {
        let found = self
            .get_json("/api/users?search.username=admin&mode.username=exact")
            .await;
        found[0]["id"].as_str().unwrap().to_owned()
    }

    /// Gives `user_id` the global tenant-admin role (the admin's only role).
    pub async fn grant_tenant_admin(&self, user_id: &str) {
        let admin_id = self.admin_id().await;
        let roles = self.get_json(&format!("/api/users/{admin_id}/roles")).await;
        let role_id = roles[0]["id"].as_str().unwrap();
        let path = format!("/api/users/{user_id}/roles");
        let body = serde_json::json!({ "roleIds": [role_id] });
        assert_eq!(
            self.send(Method::POST, &path, Some(body)).await.status(),
            201
        );
    }

    /// How many client-credential exchanges the audit log holds.
    pub async fn exchanges(&self) -> u64 {
        let response = self
            .send(
                Method::GET,
                "/api/logs?logKey=ExchangeTokenBy.ClientCredentials&page_size=1",
                None,
            )
            .await;
        assert_eq!(response.status(), 200);
        response.headers()["total-number"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
