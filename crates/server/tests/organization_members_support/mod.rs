//! Helpers of the organization member tests.
#![allow(dead_code)]

use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::common::TestServer;

/// The seeded organization roles.
pub const ADMIN_ROLE: &str = "orgroleadmin";
pub const MEMBER_ROLE: &str = "orgrolemembr";

pub async fn new_org(server: &TestServer, name: &str) -> String {
    let response = server
        .post("/api/organizations", json!({ "name": name }))
        .await;
    assert_eq!(response.status(), 201, "create organization");
    let org: Value = response.json().await.unwrap();
    org["id"].as_str().unwrap().to_owned()
}

pub async fn new_user(server: &TestServer, body: Value) -> String {
    let user = server.create_user(body).await;
    user["id"].as_str().unwrap().to_owned()
}

pub async fn add_members(server: &TestServer, org: &str, ids: &[&str]) -> Response {
    let path = format!("/api/organizations/{org}/users");
    server.post(&path, json!({ "userIds": ids })).await
}

pub async fn put_members(server: &TestServer, org: &str, ids: &[&str]) -> Response {
    let path = format!("/api/organizations/{org}/users");
    server
        .send_json(Method::PUT, &path, json!({ "userIds": ids }))
        .await
}

/// A list answer: the items and `Total-Number`.
pub async fn list(server: &TestServer, path: &str) -> (Vec<Value>, u64) {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let total = response.headers()["total-number"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    (response.json().await.unwrap(), total)
}

/// The ids of an organization's members, newest first.
pub async fn member_ids(server: &TestServer, org: &str) -> Vec<String> {
    let (members, _) = list(
        server,
        &format!("/api/organizations/{org}/users?page_size=100"),
    )
    .await;
    ids(&members)
}

pub fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The names of a member's organization roles, as the member list shows them.
pub fn role_names(member: &Value) -> Vec<&str> {
    member["organizationRoles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect()
}
