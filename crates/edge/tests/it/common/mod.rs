//! A real `tenantry-server` and a real edge, both on `127.0.0.1:0`: the server over a
//! fresh SQLite file (or a fresh PostgreSQL database when `TENANTRY_TEST_POSTGRES_URL`
//! is set), the edge pointed at it with the server's bootstrap M2M credentials.
#![allow(dead_code)]

pub mod logs;
pub mod server;
pub mod worker;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::Value;
use tenantry_edge::core::Env;
use tenantry_edge::native::{ReqwestOutbound, SystemEnv};
use tenantry_edge::{Edge, EdgeConfig, Limits, Secret, SessionKey};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use server::{ADMIN_PASSWORD, CLIENT_ID, CLIENT_SECRET, INDICATOR, Server};

pub const EMBED_KEY: &str = "embed-key-for-tests-0123456789abcdef";
pub const HOST_ORIGIN: &str = "https://host.example";
pub const SESSION_COOKIE: &str = "__Host-tenantry_session";

/// The system clock plus an offset the test moves forward (in the Worker too).
#[derive(Clone, Default)]
pub struct EdgeClock {
    offset: Arc<AtomicU64>,
    worker: Arc<OnceLock<String>>,
}

impl EdgeClock {
    pub fn advance_minutes(&self, minutes: u64) {
        self.offset.fetch_add(minutes * 60_000, Ordering::SeqCst);
        if let Some(base) = self.worker.get() {
            worker::advance_clock(base, minutes * 60_000);
        }
    }
}

impl Env for EdgeClock {
    fn now_ms(&self) -> u64 {
        SystemEnv.now_ms() + self.offset.load(Ordering::SeqCst)
    }

    fn fill_random(&self, buf: &mut [u8]) {
        SystemEnv.fill_random(buf)
    }
}

/// Who a request comes from.
pub enum As<'a> {
    Nobody,
    Cookie(&'a str),
    Bearer(&'a str),
}

pub struct Stack {
    pub server: Server,
    /// The edge's base URL.
    pub edge: String,
    pub clock: EdgeClock,
    pub client: Client,
    stop: Option<oneshot::Sender<()>>,
    /// The Worker, when `TENANTRY_EDGE_UNDER_TEST=worker` put it under test.
    worker: Option<worker::WorkerEdge>,
}

/// A native edge with `config` and `site`, serving until the test ends; its base URL.
pub async fn native_edge(config: EdgeConfig, site: tenantry_edge::native::Site) -> String {
    let edge = Edge::new(config, ReqwestOutbound::new(), SystemEnv);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(tenantry_edge::native::serve(
        listener,
        edge,
        site,
        std::future::pending(),
    ));
    base
}

/// Limits high enough that only the rate-limit tests meet them.
pub fn generous_limits() -> Limits {
    Limits {
        sign_in_per_ip: 10_000,
        sign_in_per_username: 10_000,
        public_per_ip: 10_000,
        embed_mint_per_ip: 10_000,
        per_embed_token: 10_000,
        per_session_user: 10_000,
        ..Limits::default()
    }
}

pub fn edge_config(server_url: &str, limits: Limits) -> EdgeConfig {
    EdgeConfig {
        server_url: server_url.to_owned(),
        api_indicator: INDICATOR.into(),
        client_id: CLIENT_ID.into(),
        client_secret: Secret(CLIENT_SECRET.into()),
        session_key: SessionKey([42; 32]),
        embed_key: Some(Secret(EMBED_KEY.into())),
        allowed_origins: vec![HOST_ORIGIN.into()],
        public_url: None,
        limits,
    }
}

impl Stack {
    pub async fn start() -> Stack {
        Stack::start_with(generous_limits()).await
    }

    pub async fn start_with(limits: Limits) -> Stack {
        logs::capture();
        let server = Server::start().await;
        let config = edge_config(&server.base, limits);
        Stack::with_server(server, config).await
    }

    /// An edge with `config` in front of `server`: the native one, or the Worker when
    /// `TENANTRY_EDGE_UNDER_TEST=worker`.
    pub async fn with_server(server: Server, config: EdgeConfig) -> Stack {
        let clock = EdgeClock::default();
        if worker::selected() {
            let edge = worker::WorkerEdge::start(&config, None);
            let _ = clock.worker.set(edge.base.clone());
            return Stack {
                server,
                edge: edge.base.clone(),
                clock,
                client: Client::new(),
                stop: None,
                worker: Some(edge),
            };
        }
        let edge = Edge::new(config, ReqwestOutbound::new(), clock.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            tenantry_edge::native::serve(listener, edge, None, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        Stack {
            server,
            edge: base,
            clock,
            client: Client::new(),
            stop: Some(stop),
            worker: None,
        }
    }

    /// Replaces the server by a fresh one (new database, so a new signing key) on the
    /// same address; the edge keeps running with its cached token.
    pub async fn restart_server(&mut self) {
        let address = self.server.address;
        self.server.halt().await;
        self.server = Server::start_at(address).await;
    }

    /// A request to the edge carrying `X-Tenantry: 1` and the caller's credentials.
    pub fn request(&self, method: Method, path: &str, who: &As) -> RequestBuilder {
        let builder = self
            .client
            .request(method, format!("{}{path}", self.edge))
            .header("x-tenantry", "1");
        match who {
            As::Nobody => builder,
            As::Cookie(c) => builder.header("cookie", format!("{SESSION_COOKIE}={c}")),
            As::Bearer(t) => builder.bearer_auth(t),
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        who: &As<'_>,
        body: Option<Value>,
    ) -> Response {
        let mut builder = self.request(method, path, who);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        builder.send().await.unwrap()
    }

    pub async fn sign_in(&self, username: &str, password: &str) -> Response {
        let body = serde_json::json!({ "username": username, "password": password });
        self.call(Method::POST, "/auth/sign-in", &As::Nobody, Some(body))
            .await
    }

    /// Signs in and returns the session cookie's value.
    pub async fn session(&self, username: &str, password: &str) -> String {
        let response = self.sign_in(username, password).await;
        assert_eq!(response.status(), 200, "sign-in of {username}");
        cookie_value(&response).expect("a session cookie")
    }

    /// The admin's session.
    pub async fn admin_session(&self) -> String {
        self.session("admin", ADMIN_PASSWORD).await
    }

    /// Mints an embed token for `org` with `permissions`.
    pub async fn embed_token(&self, org: &str, permissions: &[&str]) -> String {
        let body = serde_json::json!({ "organizationId": org, "permissions": permissions });
        let response = self
            .call(
                Method::POST,
                "/embed/tokens",
                &As::Bearer(EMBED_KEY),
                Some(body),
            )
            .await;
        assert_eq!(response.status(), 200, "mint an embed token");
        let answer: Value = response.json().await.unwrap();
        answer["token"].as_str().unwrap().to_owned()
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The session cookie's value from a response's `Set-Cookie`.
pub fn cookie_value(response: &Response) -> Option<String> {
    set_cookie(response).and_then(|line| {
        let value = line.strip_prefix(&format!("{SESSION_COOKIE}="))?;
        Some(value.split(';').next()?.to_owned())
    })
}

/// The whole `Set-Cookie` line of the session cookie.
pub fn set_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(SESSION_COOKIE))
        .map(str::to_owned)
}

/// Asserts a Logto error answer and returns its body.
pub async fn expect_error(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "status for {code}");
    let body: Value = response.json().await.expect("a JSON error body");
    assert_eq!(body["code"], code, "{body}");
    assert!(body["message"].is_string(), "{body}");
    body
}
