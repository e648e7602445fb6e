//! The load's view of the stack: four targets (each server directly with an M2M
//! token, each edge with an admin session cookie) and one request to any of them.

use std::sync::Mutex;
use std::time::Duration;

use reqwest::{Client, Method};
use serde_json::Value;

use crate::Result;
use crate::server;

/// The Management API's resource indicator (the servers' default).
const API_INDICATOR: &str = "https://default.logto.app/api";
const SESSION_COOKIE: &str = "__Host-tenantry_session";

/// One place requests go to.
pub struct Target {
    pub name: &'static str,
    base: String,
    auth: Auth,
    /// Whether its requests reach server B, the one that is killed.
    pub reaches_b: bool,
}

enum Auth {
    Bearer(String),
    /// The session cookie, renewed whenever the edge sends a new one.
    Session(Mutex<String>),
}

/// A response: its status and its JSON body (`Null` when it has none).
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The HTTP client for the whole load: plain HTTP, a timeout that turns a hang
/// into an error. Idle connections are dropped after 5 s, before the servers' and
/// edges' 10 s header timeout closes them: reusing one the peer is closing fails
/// with no fault of the peer's.
pub fn http() -> Result<Client> {
    Ok(Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_idle_timeout(Duration::from_secs(5))
        .build()?)
}

impl Target {
    /// A server called directly with an M2M token from its `/oidc/token`.
    pub async fn server(http: &Client, name: &'static str, url: String, b: bool) -> Result<Target> {
        let token = m2m_token(http, &url).await?;
        Ok(Target {
            name,
            base: url,
            auth: Auth::Bearer(token),
            reaches_b: b,
        })
    }

    /// An edge called as the signed-in admin, as the portal does.
    pub async fn edge(http: &Client, name: &'static str, url: String, b: bool) -> Result<Target> {
        let answer = http
            .post(format!("{url}/auth/sign-in"))
            .header("x-tenantry", "1")
            .json(&serde_json::json!({
                "username": server::ADMIN_USERNAME,
                "password": server::ADMIN_PASSWORD,
            }))
            .send()
            .await?;
        let status = answer.status();
        let cookie = session_cookie(answer.headers())
            .ok_or_else(|| format!("sign-in at {url} answered {status} without a session"))?;
        Ok(Target {
            name,
            base: url,
            auth: Auth::Session(Mutex::new(cookie)),
            reaches_b: b,
        })
    }

    /// One request; `Err` when no HTTP answer came (refused, reset, timed out).
    pub async fn send(
        &self,
        http: &Client,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> std::result::Result<Answer, String> {
        let mut request = http.request(method, format!("{}{path}", self.base));
        request = match &self.auth {
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Session(cookie) => {
                let cookie = cookie.lock().map(|c| c.clone()).unwrap_or_default();
                request.header("cookie", cookie).header("x-tenantry", "1")
            }
        };
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(|err| causes(&err))?;
        if let (Auth::Session(cookie), Some(renewed)) =
            (&self.auth, session_cookie(response.headers()))
            && let Ok(mut cookie) = cookie.lock()
        {
            *cookie = renewed;
        }
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|err| causes(&err))?;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Answer { status, body })
    }
}

/// An access token for the Management API, with the bootstrap M2M credentials.
async fn m2m_token(http: &Client, server_url: &str) -> Result<String> {
    let answer = http
        .post(format!("{server_url}/oidc/token"))
        .basic_auth(server::EDGE_CLIENT_ID, Some(server::EDGE_CLIENT_SECRET))
        .form(&[
            ("grant_type", "client_credentials"),
            ("resource", API_INDICATOR),
            ("scope", "all"),
        ])
        .send()
        .await?;
    let status = answer.status();
    let body: Value = answer.json().await?;
    match body["access_token"].as_str() {
        Some(token) => Ok(token.to_owned()),
        None => Err(format!("{server_url}/oidc/token answered {status}: {body}").into()),
    }
}

/// `name=value` of the session cookie in a response's `Set-Cookie`, if any.
fn session_cookie(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter(|value| value.starts_with(&format!("{SESSION_COOKIE}=")))
        .filter_map(|value| value.split(';').next())
        // A cleared cookie (sign-out) has an empty value.
        .find(|pair| pair.len() > SESSION_COOKIE.len() + 1)
        .map(str::to_owned)
}

/// An error with its causes, as reqwest's own message names none.
fn causes(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}
