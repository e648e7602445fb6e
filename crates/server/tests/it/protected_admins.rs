//! Protected tenant admins: a holder of `tenant-admin` cannot be deleted, and the last
//! active holder can neither lose the role nor be suspended.

use crate::common::*;
use reqwest::{Method, Response};
use serde_json::{Value, json};

/// The names of the roles a user holds, as the API lists them.
async fn role_names(server: &TestServer, user_id: &str) -> Vec<String> {
    let response = server
        .get(&format!("/api/users/{user_id}/roles?page_size=100"))
        .await;
    assert_eq!(response.status(), 200);
    let roles: Vec<Value> = response.json().await.unwrap();
    roles
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn is_admin(server: &TestServer, user_id: &str) -> bool {
    role_names(server, user_id)
        .await
        .contains(&"tenant-admin".to_owned())
}

/// The id of the `tenant-admin` role, read from the bootstrapped admin's roles.
async fn admin_role_id(server: &TestServer, admin: &str) -> String {
    let response = server.get(&format!("/api/users/{admin}/roles")).await;
    let roles: Vec<Value> = response.json().await.unwrap();
    let role = roles
        .iter()
        .find(|r| r["name"] == "tenant-admin")
        .expect("the bootstrapped admin holds tenant-admin");
    role["id"].as_str().unwrap().to_owned()
}

async fn new_user(server: &TestServer, username: &str) -> String {
    let user = server.create_user(json!({ "username": username })).await;
    user["id"].as_str().unwrap().to_owned()
}

/// A new user who holds `tenant-admin`.
async fn new_admin(server: &TestServer, username: &str, role: &str) -> String {
    let id = new_user(server, username).await;
    grant(server, &id, role).await;
    id
}

async fn grant(server: &TestServer, user_id: &str, role: &str) {
    let path = format!("/api/users/{user_id}/roles");
    let response = server.post(&path, json!({ "roleIds": [role] })).await;
    assert_eq!(response.status(), 201, "grant tenant-admin");
}

async fn remove_role(server: &TestServer, user_id: &str, role: &str) -> Response {
    server
        .delete(&format!("/api/users/{user_id}/roles/{role}"))
        .await
}

async fn put_roles(server: &TestServer, user_id: &str, ids: &[&str]) -> Response {
    let path = format!("/api/users/{user_id}/roles");
    server
        .send_json(Method::PUT, &path, json!({ "roleIds": ids }))
        .await
}

async fn suspend(server: &TestServer, user_id: &str, suspended: bool) -> Response {
    let path = format!("/api/users/{user_id}/is-suspended");
    server
        .patch(&path, json!({ "isSuspended": suspended }))
        .await
}

async fn is_suspended(server: &TestServer, user_id: &str) -> bool {
    let response = server.get(&format!("/api/users/{user_id}")).await;
    assert_eq!(response.status(), 200);
    let user: Value = response.json().await.unwrap();
    user["isSuspended"].as_bool().expect("isSuspended")
}

#[tokio::test]
async fn an_admin_cannot_be_deleted_until_the_role_is_removed() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let role = admin_role_id(&server, &admin).await;
    let second = new_admin(&server, "second_admin", &role).await;

    for id in [&admin, &second] {
        let refused = server.delete(&format!("/api/users/{id}")).await;
        expect_error(refused, 422, "user.cannot_delete_admin").await;
        let still = server.get(&format!("/api/users/{id}")).await;
        assert_eq!(still.status(), 200, "a refused delete keeps the user");
        assert!(is_admin(&server, id).await, "and the user keeps the role");
    }

    assert_eq!(remove_role(&server, &second, &role).await.status(), 204);
    let deleted = server.delete(&format!("/api/users/{second}")).await;
    assert_eq!(deleted.status(), 204);
    let gone = server.get(&format!("/api/users/{second}")).await;
    expect_error(gone, 404, "entity.not_found").await;

    // A user without the role is deleted as before.
    let plain = new_user(&server, "plain").await;
    let deleted = server.delete(&format!("/api/users/{plain}")).await;
    assert_eq!(deleted.status(), 204);
}

#[tokio::test]
async fn the_last_admin_cannot_lose_the_role_by_delete() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let role = admin_role_id(&server, &admin).await;

    let refused = remove_role(&server, &admin, &role).await;
    expect_error(refused, 422, "role.last_admin").await;
    assert!(is_admin(&server, &admin).await, "the role is kept");

    let second = new_admin(&server, "second_admin", &role).await;
    assert_eq!(remove_role(&server, &admin, &role).await.status(), 204);
    assert!(!is_admin(&server, &admin).await);

    // Now the second admin is the last one.
    let refused = remove_role(&server, &second, &role).await;
    expect_error(refused, 422, "role.last_admin").await;
    assert!(is_admin(&server, &second).await);
}

#[tokio::test]
async fn the_last_admin_cannot_lose_the_role_by_replace() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let role = admin_role_id(&server, &admin).await;

    let refused = put_roles(&server, &admin, &[]).await;
    expect_error(refused, 422, "role.last_admin").await;
    assert!(is_admin(&server, &admin).await, "the role is kept");
    // Replacing with a set that keeps the role is fine.
    assert_eq!(put_roles(&server, &admin, &[&role]).await.status(), 200);
    assert!(is_admin(&server, &admin).await);

    let second = new_admin(&server, "second_admin", &role).await;
    assert_eq!(put_roles(&server, &admin, &[]).await.status(), 200);
    assert!(!is_admin(&server, &admin).await);

    let refused = put_roles(&server, &second, &[]).await;
    expect_error(refused, 422, "role.last_admin").await;
    assert!(is_admin(&server, &second).await);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_suspended() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let role = admin_role_id(&server, &admin).await;

    let refused = suspend(&server, &admin, true).await;
    expect_error(refused, 422, "role.last_admin").await;
    assert!(!is_suspended(&server, &admin).await, "not suspended");

    // Users without the role are suspended as before.
    let plain = new_user(&server, "plain").await;
    assert_eq!(suspend(&server, &plain, true).await.status(), 200);
    assert!(is_suspended(&server, &plain).await);

    // With a second active admin, one of them may be suspended.
    let second = new_admin(&server, "second_admin", &role).await;
    assert_eq!(suspend(&server, &second, true).await.status(), 200);
    assert!(is_suspended(&server, &second).await);

    // The suspended admin does not count: the first is the last active one again.
    let refused = suspend(&server, &admin, true).await;
    expect_error(refused, 422, "role.last_admin").await;
    assert!(!is_suspended(&server, &admin).await);
    let refused = remove_role(&server, &admin, &role).await;
    expect_error(refused, 422, "role.last_admin").await;
    assert!(is_admin(&server, &admin).await);

    // Once the second is active again, the first may be suspended.
    assert_eq!(suspend(&server, &second, false).await.status(), 200);
    assert_eq!(suspend(&server, &admin, true).await.status(), 200);
    assert!(is_suspended(&server, &admin).await);
}

#[tokio::test]
async fn a_suspended_admin_may_lose_the_role() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let role = admin_role_id(&server, &admin).await;
    let second = new_admin(&server, "second_admin", &role).await;
    assert_eq!(suspend(&server, &second, true).await.status(), 200);

    // The one active admin stays; the suspended one may go.
    assert_eq!(remove_role(&server, &second, &role).await.status(), 204);
    assert!(!is_admin(&server, &second).await);
    assert!(is_admin(&server, &admin).await);
}

/// Whether the user holds `tenant-admin` and is not suspended.
async fn is_active_admin(server: &TestServer, user_id: &str) -> bool {
    is_admin(server, user_id).await && !is_suspended(server, user_id).await
}

/// The two admins each lose the role, or are suspended, at the same moment: one of
/// the two requests must be refused, or the tenant is left without an active admin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_leave_an_active_admin() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let role = admin_role_id(&server, &admin).await;
    let second = new_admin(&server, "second_admin", &role).await;

    for round in 0..20 {
        let by_suspension = round % 2 == 1;
        let take = |id: &str| {
            let (server, id, role) = (&server, id.to_owned(), role.clone());
            async move {
                let response = if by_suspension {
                    suspend(server, &id, true).await
                } else {
                    remove_role(server, &id, &role).await
                };
                response.status().is_success() as usize
            }
        };
        let (a, b) = tokio::join!(take(&admin), take(&second));
        let active = is_active_admin(&server, &admin).await as usize
            + is_active_admin(&server, &second).await as usize;
        let what = if by_suspension {
            "suspensions"
        } else {
            "removals"
        };
        assert_eq!((a + b, active), (1, 1), "round {round}: {what}");
        // Make whoever lost it an active admin again.
        for id in [&admin, &second] {
            if !is_admin(&server, id).await {
                grant(&server, id, &role).await;
            }
            assert_eq!(suspend(&server, id, false).await.status(), 200);
        }
    }
}
