//! A real server on `127.0.0.1:0` over a fresh database: a SQLite file in a temp
//! folder, or a new PostgreSQL database when `TENANTRY_TEST_POSTGRES_URL` is set.
#![allow(dead_code)]

pub mod slow;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::{Value, json};
use sqlx::{Connection, Executor, PgConnection};
use tempfile::TempDir;
use tenantry_server::clock::{Clock, ManualClock};
use tenantry_server::config::{Config, LogFormat, Secret};
use tenantry_server::state::AppState;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const CLIENT_ID: &str = "edgeclient01";
pub const CLIENT_SECRET: &str = "TestSecretTestSecretTestSecret01";
pub const ADMIN_PASSWORD: &str = "admin-password-1";
pub const INDICATOR: &str = "https://default.logto.app/api";

/// A database URL for one test.
pub async fn database_url(dir: &Path) -> String {
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

pub fn config(dir: &Path, database_url: &str) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.to_path_buf(),
        database_url: Some(Secret(database_url.to_owned())),
        public_url: Some("http://tenantry.test".into()),
        api_indicator: INDICATOR.into(),
        trust_proxy: false,
        log_format: LogFormat::Text,
        admin_username: "admin".into(),
        admin_password: Some(Secret(ADMIN_PASSWORD.into())),
        edge_client_id: Some(CLIENT_ID.into()),
        edge_client_secret: Some(Secret(CLIENT_SECRET.into())),
        lockout: Default::default(),
        password_policy: Default::default(),
        // High enough that tests and benches measure the API, not the limiter.
        rate_limit: tenantry_server::rate_limit::RateLimitConfig {
            requests: 1_000_000,
            token_failures: 1_000,
            ..Default::default()
        },
        mail: Default::default(),
        transport: Default::default(),
    }
}

pub struct TestServer {
    pub base: String,
    pub address: SocketAddr,
    pub client: Client,
    pub state: AppState,
    pub config: Config,
    /// The domain's clock (lockout windows), moved by hand.
    pub clock: ManualClock,
    /// The token and when it expires on `clock`; renewed when `advance_ms` passes that.
    token: std::sync::Mutex<(String, i64)>,
    stop: Option<oneshot::Sender<()>>,
    serving: Option<JoinHandle<()>>,
    pub dir: TempDir,
}

impl TestServer {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = database_url(dir.path()).await;
        let config = config(dir.path(), &url);
        Self::start_with(dir, config).await
    }

    /// Starts with `per_address` failures throttling one address and `per_account`
    /// failures from anywhere locking the account.
    pub async fn start_with_lockout(per_address: i64, per_account: i64) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = database_url(dir.path()).await;
        let mut config = config(dir.path(), &url);
        config.lockout.lockout_attempts = per_address;
        config.lockout.lockout_account_attempts = per_account;
        Self::start_with(dir, config).await
    }

    /// Starts on an existing folder and configuration (for restart tests).
    pub async fn start_with(dir: TempDir, config: Config) -> Self {
        Self::start_at("127.0.0.1:0".parse().unwrap(), dir, config).await
    }

    /// Starts listening on `address` (a fixed port, for restarts on the same URL).
    pub async fn start_at(address: SocketAddr, dir: TempDir, config: Config) -> Self {
        let clock = ManualClock::new();
        let (state, _) = tenantry_server::start_with_clock(&config, Arc::new(clock.clone()))
            .await
            .expect("server starts");
        let listener = TcpListener::bind(address).await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let app = state.clone();
        let serving = tokio::spawn(async move {
            tenantry_server::serve(listener, app, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        let server = TestServer {
            clock,
            base: format!("http://{address}"),
            address,
            client: Client::new(),
            state,
            config,
            token: Default::default(),
            stop: Some(stop),
            serving: Some(serving),
            dir,
        };
        *server.token.lock().unwrap() = server.fetch_expiring_token("all").await;
        server
    }

    /// Moves the server's clock ahead, with a new token if the old one expired on the way.
    pub async fn advance_ms(&self, ms: i64) {
        self.clock.advance_ms(ms);
        let expires_at = self.token.lock().unwrap().1;
        if self.clock.now_ms() >= expires_at {
            let renewed = self.fetch_expiring_token("all").await;
            *self.token.lock().unwrap() = renewed;
        }
    }

    /// A Management API token with the given scope, by client credentials.
    pub async fn fetch_token(&self, scope: &str) -> String {
        self.fetch_expiring_token(scope).await.0
    }

    /// A token and when it expires, in the server's clock's milliseconds.
    async fn fetch_expiring_token(&self, scope: &str) -> (String, i64) {
        let answer: Value = self
            .client
            .post(format!("{}/oidc/token", self.base))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&[
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
                ("scope", scope),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let expires_in = answer["expires_in"].as_i64().expect("an expiry");
        let token = answer["access_token"].as_str().expect("a token").to_owned();
        (token, self.clock.now_ms() + expires_in * 1000)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A request with the Management API token.
    pub fn api(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(self.token.lock().unwrap().0.as_str())
    }

    pub async fn get(&self, path: &str) -> Response {
        self.api(Method::GET, path).send().await.unwrap()
    }

    pub async fn send_json(&self, method: Method, path: &str, body: Value) -> Response {
        self.api(method, path).json(&body).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.send_json(Method::POST, path, body).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Response {
        self.send_json(Method::PATCH, path, body).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.api(Method::DELETE, path).send().await.unwrap()
    }

    /// Creates a user and returns its JSON.
    pub async fn create_user(&self, body: Value) -> Value {
        let response = self.post("/api/users", body).await;
        assert_eq!(response.status(), 200, "create user");
        response.json().await.unwrap()
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

    /// Stops serving; the folder stays for a restart.
    pub fn stop(mut self) -> (TempDir, Config) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (self.dir, self.config)
    }
}

/// Asserts a Logto error answer and returns its body.
pub async fn expect_error(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "status for {code}");
    let body: Value = response.json().await.expect("a JSON error body");
    assert_eq!(body["code"], code, "{body}");
    assert!(body["message"].is_string(), "{body}");
    body
}

/// A user's JSON, which must exist.
pub async fn fetch_user(server: &TestServer, id: &str) -> Value {
    let response = server.get(&format!("/api/users/{id}")).await;
    assert_eq!(response.status(), 200, "GET user {id}");
    response.json().await.unwrap()
}

/// A time the server wrote: not before `earliest`, and not much after (the test clock
/// follows the system's, so the requests in between take some time).
#[track_caller]
pub fn assert_soon_after(actual: &Value, earliest: i64) {
    let actual = actual.as_i64().expect("a time in milliseconds");
    assert!(
        (earliest..=earliest + 5_000).contains(&actual),
        "{actual} is not within 5 s after {earliest}"
    );
}

/// `Total-Number` of the whole user list.
pub async fn user_count(server: &TestServer) -> String {
    let response = server.get("/api/users").await;
    assert_eq!(response.status(), 200);
    response.headers()["total-number"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// The bootstrapped admin's id.
pub async fn admin_id(server: &TestServer) -> String {
    let found = server
        .get("/api/users?search.username=admin&mode.username=exact")
        .await;
    let found: Vec<Value> = found.json().await.unwrap();
    assert_eq!(found.len(), 1, "one bootstrapped admin");
    found[0]["id"].as_str().unwrap().to_owned()
}

/// The seeded organization roles.
pub const ADMIN_ROLE: &str = "orgroleadmin";
pub const MEMBER_ROLE: &str = "orgrolemembr";

/// Creates an organization through the API and returns its id.
pub async fn create_org(server: &TestServer, name: &str) -> String {
    let response = server
        .post("/api/organizations", json!({ "name": name }))
        .await;
    assert_eq!(response.status(), 201, "create organization");
    let org: Value = response.json().await.unwrap();
    org["id"].as_str().unwrap().to_owned()
}

/// A list answer: the items and `Total-Number`.
pub async fn list_with_total(server: &TestServer, path: &str) -> (Vec<Value>, u64) {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let total = response.headers()["total-number"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    (response.json().await.unwrap(), total)
}
