//! Helpers of the organization role and scope tests.
#![allow(dead_code)]

use reqwest::{Method, Response};
use serde_json::{Value, json};
use sqlx::{Connection, PgConnection, SqliteConnection};

use super::common::TestServer;

/// Creates an organization scope and returns its id.
pub async fn create_scope(server: &TestServer, name: &str) -> String {
    let body = json!({ "name": name, "description": format!("{name} scope") });
    let response = server.post("/api/organization-scopes", body).await;
    assert_eq!(response.status(), 201, "create scope {name}");
    let scope: Value = response.json().await.unwrap();
    scope["id"].as_str().unwrap().to_owned()
}

/// Creates an organization role from `body` and returns its JSON.
pub async fn create_role(server: &TestServer, body: Value) -> Value {
    let response = server.post("/api/organization-roles", body).await;
    assert_eq!(response.status(), 201, "create role");
    response.json().await.unwrap()
}

pub async fn put(server: &TestServer, path: &str, body: Value) -> Response {
    server.send_json(Method::PUT, path, body).await
}

/// A JSON list, which must answer 200.
pub async fn list(server: &TestServer, path: &str) -> Vec<Value> {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.json().await.unwrap()
}

/// The `field` of each item, in order.
pub fn field(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|item| item[field].as_str().unwrap_or("-").to_owned())
        .collect()
}

/// Runs statements straight on the test's database (for rows the API cannot make yet).
pub async fn execute(server: &TestServer, sql: &str, binds: &[&str]) {
    let url = &server.config.database_url.as_ref().unwrap().0;
    if url.starts_with("postgres") {
        let mut db = PgConnection::connect(url).await.unwrap();
        let mut query = sqlx::query(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        query.execute(&mut db).await.unwrap();
    } else {
        let mut db = SqliteConnection::connect(url).await.unwrap();
        let mut query = sqlx::query(sql);
        for bind in binds {
            query = query.bind(*bind);
        }
        query.execute(&mut db).await.unwrap();
    }
}

/// Adds an API resource with these scopes; returns the resource id and the scope ids.
pub async fn insert_resource(
    server: &TestServer,
    name: &str,
    scopes: &[&str],
) -> (String, Vec<String>) {
    let resource_id = tenantry_server::ids::new_id();
    let indicator = format!("https://{name}.example.com");
    execute(
        server,
        "INSERT INTO resources (id, name, indicator, created_at) VALUES ($1, $2, $3, 0)",
        &[&resource_id, name, &indicator],
    )
    .await;
    let mut ids = Vec::new();
    for scope in scopes {
        let id = tenantry_server::ids::new_id();
        execute(
            server,
            "INSERT INTO scopes (id, resource_id, name, description, created_at) \
             VALUES ($1, $2, $3, '', 0)",
            &[&id, &resource_id, scope],
        )
        .await;
        ids.push(id);
    }
    (resource_id, ids)
}

/// The newest audit row's key and result.
pub async fn last_log(server: &TestServer) -> (String, String) {
    let rows = list(server, "/api/logs?page_size=1").await;
    let payload = &rows[0]["payload"];
    (
        payload["key"].as_str().unwrap().to_owned(),
        payload["result"].as_str().unwrap().to_owned(),
    )
}
