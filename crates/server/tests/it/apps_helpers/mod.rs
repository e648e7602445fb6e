//! Helpers the role, resource, application and token tests share: create things
//! through the API, read a list with its headers, exchange client credentials, and
//! run SQL on the test database.
#![allow(dead_code)]

use reqwest::Response;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use sqlx::{Connection, PgConnection, SqliteConnection};

use crate::common::*;

/// A JSON answer with the expected status.
pub async fn json_of(response: Response, status: u16) -> Value {
    let got = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(got, status, "{body}");
    body
}

/// `GET` a list: its items and headers.
pub async fn list(server: &TestServer, path: &str) -> (Vec<Value>, HeaderMap) {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let headers = response.headers().clone();
    (response.json().await.unwrap(), headers)
}

/// The `field` of each item.
pub fn field(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| i[field].as_str().unwrap_or("-").to_owned())
        .collect()
}

pub async fn create_role(server: &TestServer, name: &str, role_type: &str) -> Value {
    let body = json!({ "name": name, "description": format!("{name} role"), "type": role_type });
    json_of(server.post("/api/roles", body).await, 200).await
}

pub async fn create_app(server: &TestServer, name: &str) -> Value {
    let body = json!({ "name": name, "type": "MachineToMachine" });
    json_of(server.post("/api/applications", body).await, 200).await
}

/// A new secret's full answer (with `value`).
pub async fn create_secret(server: &TestServer, app_id: &str, name: &str) -> Value {
    let path = format!("/api/applications/{app_id}/secrets");
    json_of(server.post(&path, json!({ "name": name })).await, 201).await
}

pub async fn create_resource(server: &TestServer, name: &str, indicator: &str) -> Value {
    let body = json!({ "name": name, "indicator": indicator });
    json_of(server.post("/api/resources", body).await, 201).await
}

pub async fn create_scope(server: &TestServer, resource_id: &str, name: &str) -> Value {
    let path = format!("/api/resources/{resource_id}/scopes");
    let body = json!({ "name": name, "description": format!("{name} things") });
    json_of(server.post(&path, body).await, 201).await
}

pub fn id(value: &Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

/// `POST /oidc/token` with client credentials in the body; status and JSON answer.
pub async fn exchange(
    server: &TestServer,
    client_id: &str,
    secret: &str,
    resource: &str,
    scope: &str,
) -> (u16, Value) {
    let response = server
        .client
        .post(server.url("/oidc/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", secret),
            ("resource", resource),
            ("scope", scope),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// The claims of a JWT, unverified.
pub fn claims(token: &str) -> Value {
    use base64::Engine;
    let part = token.split('.').nth(1).expect("a JWT");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn database_url(server: &TestServer) -> String {
    let url = server.config.database_url.as_ref().expect("a database");
    url.0.clone()
}

/// Runs one statement on the test database (text binds only).
pub async fn execute(server: &TestServer, sql: &str, binds: &[&str]) {
    let url = database_url(server);
    if url.starts_with("postgres") {
        let mut db = PgConnection::connect(&url).await.unwrap();
        let mut query = sqlx::query(sql);
        for b in binds {
            query = query.bind(*b);
        }
        query.execute(&mut db).await.unwrap();
    } else {
        let mut db = SqliteConnection::connect(&url).await.unwrap();
        let mut query = sqlx::query(sql);
        for b in binds {
            query = query.bind(*b);
        }
        query.execute(&mut db).await.unwrap();
    }
}

/// One text column of the first row a query finds.
pub async fn fetch_text(server: &TestServer, sql: &str, binds: &[&str]) -> Option<String> {
    let url = database_url(server);
    if url.starts_with("postgres") {
        let mut db = PgConnection::connect(&url).await.unwrap();
        let mut query = sqlx::query_scalar(sql);
        for b in binds {
            query = query.bind(*b);
        }
        query.fetch_optional(&mut db).await.unwrap()
    } else {
        let mut db = SqliteConnection::connect(&url).await.unwrap();
        let mut query = sqlx::query_scalar(sql);
        for b in binds {
            query = query.bind(*b);
        }
        query.fetch_optional(&mut db).await.unwrap()
    }
}

/// The bootstrapped role with this name.
pub async fn role_named(server: &TestServer, name: &str) -> Value {
    let (roles, _) = list(
        server,
        &format!("/api/roles?search.name={name}&mode.name=exact"),
    )
    .await;
    assert_eq!(roles.len(), 1, "one role named {name}");
    roles[0].clone()
}

/// Audit keys, newest first, of the rows with this key prefix.
pub async fn audit_keys(server: &TestServer, key: &str) -> Vec<(String, String)> {
    let (rows, _) = list(server, &format!("/api/logs?page_size=100&logKey={key}")).await;
    rows.iter()
        .map(|r| {
            let p = &r["payload"];
            (
                p["result"].as_str().unwrap_or("-").to_owned(),
                p["error"]["code"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

/// The domain's clock, which tests move by hand.
pub trait ClockNow {
    fn clock_now(&self) -> i64;
}

impl ClockNow for TestServer {
    fn clock_now(&self) -> i64 {
        use tenantry_server::clock::Clock;
        self.clock.now_ms()
    }
}
