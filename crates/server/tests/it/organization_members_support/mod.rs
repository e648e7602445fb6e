//! Helpers of the organization member tests.
#![allow(dead_code)]

use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::common::{TestServer, list_with_total};

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

/// The ids of an organization's members, newest first.
pub async fn member_ids(server: &TestServer, org: &str) -> Vec<String> {
    let (members, _) = list_with_total(
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
