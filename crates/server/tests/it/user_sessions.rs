//! Edge sessions on the server: the per-user epoch, "sign out everywhere"
//! (`POST /api/users/{userId}/sessions/revoke`), the events that bump the epoch, and
//! the refusal of a request that names a revoked session (`x-tenantry-session`).

use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

async fn epoch(server: &TestServer, id: &str) -> i64 {
    let response = server.get(&format!("/api/users/{id}/sessions")).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    body["epoch"].as_i64().unwrap()
}

async fn new_user(server: &TestServer, username: &str) -> String {
    let user = server
        .create_user(json!({ "username": username, "password": "first-password-1" }))
        .await;
    user["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn revoking_needs_the_api_token_and_an_existing_user_and_is_logged() {
    let server = TestServer::start().await;
    let id = new_user(&server, "tess").await;
    assert_eq!(epoch(&server, &id).await, 0);
    let path = format!("/api/users/{id}/sessions/revoke");
    let anonymous = server.client.post(server.url(&path)).send().await.unwrap();
    expect_error(anonymous, 401, "auth.authorization_header_missing").await;
    assert_eq!(epoch(&server, &id).await, 0, "nothing revoked");
    let unknown = server
        .post("/api/users/zzzzzzzzzzzz/sessions/revoke", json!({}))
        .await;
    expect_error(unknown, 404, "entity.not_found").await;
    let unknown = server.get("/api/users/zzzzzzzzzzzz/sessions").await;
    expect_error(unknown, 404, "entity.not_found").await;

    let revoked = server.api(Method::POST, &path).send().await.unwrap();
    assert_eq!(revoked.status(), 204);
    assert_eq!(epoch(&server, &id).await, 1);
    let logs = server
        .get(&format!(
            "/api/logs?logKey=Management.User.RevokeSessions&userId={id}"
        ))
        .await;
    let rows: Vec<Value> = logs.json().await.unwrap();
    // The refused attempt is logged as well as the revocation.
    let mut results: Vec<(&Value, &Value)> = rows
        .iter()
        .map(|r| (&r["payload"]["result"], &r["payload"]["status"]))
        .collect();
    results.sort_by_key(|(_, status)| status.as_u64());
    assert_eq!(
        results,
        [
            (&json!("Success"), &json!(204)),
            (&json!("Error"), &json!(401))
        ]
    );
}

#[tokio::test]
async fn a_request_naming_a_revoked_session_is_refused_and_changes_nothing() {
    let server = TestServer::start().await;
    let id = new_user(&server, "tess").await;
    let user_path = format!("/api/users/{id}");
    // Read once, so SQLite's user cache holds the user before the revocation.
    assert_eq!(server.get(&user_path).await.status(), 200);
    let named = |epoch: &str| format!("{id}.{epoch}");
    let current = server
        .api(Method::GET, "/api/users")
        .header("x-tenantry-session", named("0"))
        .send()
        .await
        .unwrap();
    assert_eq!(current.status(), 200);

    let revoke = format!("/api/users/{id}/sessions/revoke");
    assert_eq!(server.post(&revoke, json!({})).await.status(), 204);
    let stale = server
        .api(Method::PATCH, &user_path)
        .header("x-tenantry-session", named("0"))
        .json(&json!({ "name": "Taken over" }))
        .send()
        .await
        .unwrap();
    expect_error(stale, 401, "session.revoked").await;
    assert_eq!(fetch_user(&server, &id).await["name"], Value::Null);
    for bad in ["garbage", "zzzzzzzzzzzz.0", &named("x")] {
        let refused = server
            .api(Method::GET, "/api/users")
            .header("x-tenantry-session", bad)
            .send()
            .await
            .unwrap();
        expect_error(refused, 401, "session.revoked").await;
    }
    let fresh = server
        .api(Method::GET, "/api/users")
        .header("x-tenantry-session", named("1"))
        .send()
        .await
        .unwrap();
    assert_eq!(fresh.status(), 200);
}

#[tokio::test]
async fn password_suspension_and_role_changes_bump_the_epoch() {
    let server = TestServer::start().await;
    let id = new_user(&server, "tess").await;
    let password = format!("/api/users/{id}/password");
    let set = server.patch(&password, json!({ "password": "second-password-2" }));
    assert_eq!(set.await.status(), 200);
    assert_eq!(epoch(&server, &id).await, 1, "password set");
    let suspension = format!("/api/users/{id}/is-suspended");
    let suspend = server.patch(&suspension, json!({ "isSuspended": true }));
    assert_eq!(suspend.await.status(), 200);
    assert_eq!(epoch(&server, &id).await, 2, "suspended");
    let reinstate = server.patch(&suspension, json!({ "isSuspended": false }));
    assert_eq!(reinstate.await.status(), 200);
    assert_eq!(epoch(&server, &id).await, 2, "reinstating ends nothing");
    let user_path = format!("/api/users/{id}");
    let rename = server.patch(&user_path, json!({ "name": "Tess" }));
    assert_eq!(rename.await.status(), 200);
    assert_eq!(epoch(&server, &id).await, 2, "a profile edit ends nothing");

    let admin = admin_id(&server).await;
    let roles: Vec<Value> = server
        .get(&format!("/api/users/{admin}/roles"))
        .await
        .json()
        .await
        .unwrap();
    let role = roles[0]["id"].as_str().unwrap();
    let roles_path = format!("/api/users/{id}/roles");
    let given = server.post(&roles_path, json!({ "roleIds": [role] }));
    assert_eq!(given.await.status(), 201);
    assert_eq!(epoch(&server, &id).await, 2, "gaining a role ends nothing");
    let removed = server.delete(&format!("{roles_path}/{role}")).await;
    assert_eq!(removed.status(), 204);
    assert_eq!(epoch(&server, &id).await, 3, "role removed");

    let org = create_org(&server, "Org").await;
    let members = format!("/api/organizations/{org}/users");
    let added = server.post(&members, json!({ "userIds": [id] }));
    assert_eq!(added.await.status(), 201);
    let member_roles = format!("{members}/{id}/roles");
    let given = server.post(&member_roles, json!({ "organizationRoleNames": ["admin"] }));
    assert_eq!(given.await.status(), 201);
    assert_eq!(epoch(&server, &id).await, 3, "gaining an organization role");
    let held: Vec<Value> = server.get(&member_roles).await.json().await.unwrap();
    let org_role = held[0]["id"].as_str().unwrap();
    let dropped = server.delete(&format!("{member_roles}/{org_role}")).await;
    assert_eq!(dropped.status(), 204);
    assert_eq!(epoch(&server, &id).await, 4, "organization role removed");
    let left = server.delete(&format!("{members}/{id}")).await;
    assert_eq!(left.status(), 204);
    assert_eq!(epoch(&server, &id).await, 5, "membership removed");
}
