//! Issue 17: id lists in bodies were de-duplicated in quadratic time (about 1 s of CPU
//! for one request). They are now bounded (1000 ids) and de-duplicated linearly.

use std::time::Instant;

use crate::common::*;
use serde_json::{Value, json};

async fn member_ids(server: &TestServer, org: &str) -> Vec<String> {
    let response = server.get(&format!("/api/organizations/{org}/users")).await;
    assert_eq!(response.status(), 200);
    let members: Vec<Value> = response.json().await.unwrap();
    members
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect()
}

fn distinct_ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("nouser{i:06}")).collect()
}

#[tokio::test]
async fn over_long_id_lists_are_refused_before_any_change() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let user = server.create_user(json!({"username": "kept"})).await;
    let user_id = user["id"].as_str().unwrap().to_owned();
    let role: Value = server
        .post("/api/roles", json!({"name": "viewer", "description": "v"}))
        .await
        .json()
        .await
        .unwrap();
    let role_id = role["id"].as_str().unwrap();

    // A real id first, so a partial write would show.
    let mut long = vec![user_id.clone()];
    long.extend(distinct_ids(1000));
    let cases = [
        (
            "POST",
            format!("/api/organizations/{org}/users"),
            json!({"userIds": long}),
        ),
        (
            "PUT",
            format!("/api/organizations/{org}/users"),
            json!({"userIds": long}),
        ),
        (
            "POST",
            format!("/api/organizations/{org}/users/roles"),
            json!({"userIds": long, "organizationRoleIds": [ADMIN_ROLE]}),
        ),
        (
            "POST",
            format!("/api/roles/{role_id}/users"),
            json!({"userIds": long}),
        ),
        (
            "POST",
            format!("/api/roles/{role_id}/applications"),
            json!({"applicationIds": long}),
        ),
        (
            "POST",
            format!("/api/roles/{role_id}/scopes"),
            json!({"scopeIds": long}),
        ),
        (
            "POST",
            format!("/api/users/{user_id}/roles"),
            json!({"roleIds": long}),
        ),
        (
            "PUT",
            format!("/api/users/{user_id}/roles"),
            json!({"roleIds": long}),
        ),
        (
            "POST",
            "/api/roles".to_owned(),
            json!({"name": "many", "description": "m", "scopeIds": long}),
        ),
        (
            "POST",
            format!("/api/organization-roles/{ADMIN_ROLE}/scopes"),
            json!({"organizationScopeIds": long}),
        ),
    ];
    for (method, path, body) in cases {
        let started = Instant::now();
        let response = server.send_json(method.parse().unwrap(), &path, body).await;
        expect_error(response, 400, "guard.invalid_input").await;
        assert!(started.elapsed().as_secs_f64() < 1.0, "{method} {path}");
    }
    assert!(member_ids(&server, &org).await.is_empty());
    let roles: Vec<Value> = server
        .get(&format!("/api/users/{user_id}/roles"))
        .await
        .json()
        .await
        .unwrap();
    assert!(roles.is_empty(), "no role was granted: {roles:?}");
    let held: Vec<Value> = server
        .get(&format!("/api/roles/{role_id}/users"))
        .await
        .json()
        .await
        .unwrap();
    assert!(held.is_empty());
    let response = server.get("/api/roles?search=many").await;
    let found: Vec<Value> = response.json().await.unwrap();
    assert!(found.is_empty(), "the role was not created");
}

#[tokio::test]
async fn a_full_list_of_repeats_is_de_duplicated_quickly() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let user = server.create_user(json!({"username": "repeated"})).await;
    let user_id = user["id"].as_str().unwrap().to_owned();
    let repeats = vec![user_id.clone(); 1000];
    let started = Instant::now();
    let response = server
        .post(
            &format!("/api/organizations/{org}/users"),
            json!({"userIds": repeats}),
        )
        .await;
    assert_eq!(response.status(), 201);
    assert!(started.elapsed().as_secs_f64() < 1.0);
    assert_eq!(member_ids(&server, &org).await, [user_id]);
}
