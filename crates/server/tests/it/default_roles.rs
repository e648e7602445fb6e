//! New users get the User roles marked `isDefault`, as in Logto: those created by
//! `POST /api/users` and those created by accepting an invitation.

use crate::common::*;
use crate::invites::*;
use serde_json::{Value, json};

/// Creates a role and returns its id.
async fn role(server: &TestServer, body: Value) -> String {
    let response = server.post("/api/roles", body).await;
    assert_eq!(response.status(), 200, "create role");
    let role: Value = response.json().await.unwrap();
    role["id"].as_str().unwrap().to_owned()
}

/// Two default User roles, one plain User role and one M2M role.
async fn seed_roles(server: &TestServer) -> Vec<String> {
    let mut defaults = vec![
        role(
            server,
            json!({ "name": "viewer", "description": "v", "isDefault": true }),
        )
        .await,
        role(
            server,
            json!({ "name": "reader", "description": "r", "isDefault": true }),
        )
        .await,
    ];
    role(server, json!({ "name": "editor", "description": "e" })).await;
    let m2m = json!({ "name": "robot", "description": "m", "type": "MachineToMachine" });
    role(server, m2m).await;
    defaults.sort();
    defaults
}

/// The ids of a user's roles, sorted.
async fn role_ids(server: &TestServer, user: &str) -> Vec<String> {
    let response = server.get(&format!("/api/users/{user}/roles")).await;
    assert_eq!(response.status(), 200);
    let roles: Vec<Value> = response.json().await.unwrap();
    let mut ids: Vec<String> = roles
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_created_user_gets_the_default_user_roles() {
    let server = TestServer::start().await;
    let before = server.create_user(json!({ "username": "early" })).await;
    let defaults = seed_roles(&server).await;

    let user = server.create_user(json!({ "username": "late" })).await;
    let id = user["id"].as_str().unwrap();
    assert_eq!(role_ids(&server, id).await, defaults);
    let early = before["id"].as_str().unwrap();
    assert!(role_ids(&server, early).await.is_empty(), "only new users");

    // A refused creation leaves no user and no role grant behind.
    let taken = server
        .post("/api/users", json!({ "username": "late" }))
        .await;
    expect_error(taken, 422, "user.username_already_in_use").await;
    assert_eq!(user_count(&server).await, "3", "admin, early and late");
}

#[tokio::test]
async fn an_invitee_account_gets_the_default_user_roles() {
    let Some((server, smtp, _mail)) = server_with_smtp(5).await else {
        return;
    };
    let defaults = seed_roles(&server).await;
    let org = create_org(&server, "Rocket Labs").await;
    let body = json!({
        "invitee": "dee@example.com",
        "organizationId": org,
        "expiresAt": later(&server, 24 * HOUR),
        "organizationRoleIds": [MEMBER_ROLE],
        "messagePayload": {},
    });
    invite_ok(&server, body).await;
    let (id, token) = link_of(&mail(&server, &smtp, 1).await);
    let accepted = accept(
        &server,
        &id,
        json!({ "token": token, "password": "Dee-s3cret" }),
    )
    .await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    assert_eq!(accepted["isNewUser"], true);
    let dee = accepted["userId"].as_str().unwrap();
    assert_eq!(role_ids(&server, dee).await, defaults);
}
