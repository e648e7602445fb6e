//! Issue 17: marking `tenant-admin` (or any role granting Management API scopes) as a
//! default role made every new user a tenant admin. Such defaults are refused.

use crate::common::*;
use serde_json::{Value, json};

const CODE: &str = "role.management_api_scopes_not_assignable_to_default_role";

async fn role_named(server: &TestServer, name: &str) -> Value {
    let roles: Vec<Value> = server.get("/api/roles").await.json().await.unwrap();
    roles
        .into_iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("role {name}"))
}

async fn management_scope_id(server: &TestServer) -> String {
    let scopes: Vec<Value> = server
        .get("/api/resources/management-api/scopes")
        .await
        .json()
        .await
        .unwrap();
    scopes[0]["id"].as_str().unwrap().to_owned()
}

async fn role_ids_of_new_user(server: &TestServer, username: &str) -> Vec<String> {
    let user = server.create_user(json!({ "username": username })).await;
    let id = user["id"].as_str().unwrap();
    let roles: Vec<Value> = server
        .get(&format!("/api/users/{id}/roles"))
        .await
        .json()
        .await
        .unwrap();
    roles
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn tenant_admin_cannot_become_a_default_role() {
    let server = TestServer::start().await;
    let admin_role = role_named(&server, "tenant-admin").await;
    let id = admin_role["id"].as_str().unwrap();
    let response = server
        .patch(&format!("/api/roles/{id}"), json!({ "isDefault": true }))
        .await;
    expect_error(response, 422, CODE).await;
    assert_eq!(
        role_named(&server, "tenant-admin").await["isDefault"],
        false
    );
    assert!(role_ids_of_new_user(&server, "newcomer").await.is_empty());
}

#[tokio::test]
async fn a_role_with_management_scopes_cannot_be_created_as_default() {
    let server = TestServer::start().await;
    let scope = management_scope_id(&server).await;
    let roles_before: Vec<Value> = server.get("/api/roles").await.json().await.unwrap();
    let response = server
        .post(
            "/api/roles",
            json!({"name": "sneaky", "description": "s", "isDefault": true, "scopeIds": [scope]}),
        )
        .await;
    expect_error(response, 422, CODE).await;
    let roles_after: Vec<Value> = server.get("/api/roles").await.json().await.unwrap();
    assert_eq!(roles_before.len(), roles_after.len(), "no role was created");

    // Not default, the same role is fine, but it cannot be made default afterwards.
    let response = server
        .post(
            "/api/roles",
            json!({"name": "operators", "description": "o", "scopeIds": [scope]}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let role: Value = response.json().await.unwrap();
    let id = role["id"].as_str().unwrap();
    let response = server
        .patch(&format!("/api/roles/{id}"), json!({ "isDefault": true }))
        .await;
    expect_error(response, 422, CODE).await;
    assert_eq!(role_named(&server, "operators").await["isDefault"], false);
    assert!(role_ids_of_new_user(&server, "newcomer").await.is_empty());
}

#[tokio::test]
async fn management_scopes_cannot_be_added_to_a_default_role() {
    let server = TestServer::start().await;
    let scope = management_scope_id(&server).await;
    let response = server
        .post(
            "/api/roles",
            json!({"name": "viewer", "description": "v", "isDefault": true}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let role: Value = response.json().await.unwrap();
    let id = role["id"].as_str().unwrap();
    let response = server
        .post(
            &format!("/api/roles/{id}/scopes"),
            json!({ "scopeIds": [scope] }),
        )
        .await;
    expect_error(response, 422, CODE).await;
    let scopes: Vec<Value> = server
        .get(&format!("/api/roles/{id}/scopes"))
        .await
        .json()
        .await
        .unwrap();
    assert!(scopes.is_empty(), "{scopes:?}");
    // New users still get the harmless default role, and nothing more.
    assert_eq!(role_ids_of_new_user(&server, "newcomer").await, ["viewer"]);
}
