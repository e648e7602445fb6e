//! Server-side session revocation: a session cookie copied before sign-out, a password
//! change or reset, suspension, losing the admin role, deletion or an admin's "sign out
//! everywhere" is refused on the very next request, and reads or changes nothing;
//! a fresh sign-in works.

use reqwest::Method;
use serde_json::{Value, json};
use sqlx::Connection;

use crate::common::{ADMIN_PASSWORD, As, Stack, cookie_value, expect_error};
use crate::matrix::{PASSWORD, World};

const NEW_PASSWORD: &str = "another-password-9";

/// A second tenant admin, "tess", and her session.
async fn tenant_admin(stack: &Stack) -> (String, String) {
    let id = stack.server.create_user("tess", PASSWORD).await;
    stack.server.grant_tenant_admin(&id).await;
    (id, stack.session("tess", PASSWORD).await)
}

/// The copied tenant-admin cookie reads nothing and changes nothing.
async fn assert_tenant_admin_cookie_dead(stack: &Stack, copied: &str, victim: &str) {
    let who = As::Cookie(copied);
    let read = stack.call(Method::GET, "/api/users", &who, None).await;
    assert_eq!(cookie_value(&read).as_deref(), Some(""), "cookie cleared");
    expect_error(read, 401, "auth.unauthorized").await;
    let session = stack.call(Method::GET, "/auth/session", &who, None).await;
    expect_error(session, 401, "auth.unauthorized").await;
    let path = format!("/api/users/{victim}");
    let before = stack.server.get_json(&path).await;
    let patch = Some(json!({ "name": "Taken over" }));
    let write = stack.call(Method::PATCH, &path, &who, patch).await;
    expect_error(write, 401, "auth.unauthorized").await;
    let suspend = Some(json!({ "isSuspended": true }));
    let path_suspend = format!("{path}/is-suspended");
    let write = stack
        .call(Method::PATCH, &path_suspend, &who, suspend)
        .await;
    expect_error(write, 401, "auth.unauthorized").await;
    let after = stack.server.get_json(&path).await;
    assert_eq!(after["name"], before["name"]);
    assert_eq!(after["isSuspended"], false);
    assert_eq!(after["updatedAt"], before["updatedAt"], "nothing written");
}

/// The copied organization-admin cookie neither lists nor removes members.
async fn assert_org_admin_cookie_dead(stack: &Stack, copied: &str, org: &str, member: &str) {
    let who = As::Cookie(copied);
    let members = format!("/api/organizations/{org}/users");
    let read = stack.call(Method::GET, &members, &who, None).await;
    expect_error(read, 401, "auth.unauthorized").await;
    let remove = format!("{members}/{member}");
    let write = stack.call(Method::DELETE, &remove, &who, None).await;
    expect_error(write, 401, "auth.unauthorized").await;
    let path = format!("/api/organizations/{org}/users?page_size=100");
    let listed = stack.server.get_json(&path).await;
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert!(ids.contains(&member), "{member} is still a member: {ids:?}");
}

async fn works(stack: &Stack, cookie: &str) {
    let response = stack
        .call(Method::GET, "/auth/session", &As::Cookie(cookie), None)
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn sign_out_ends_a_copied_cookie() {
    let stack = Stack::start().await;
    let victim = stack.server.create_user("victim", PASSWORD).await;
    let cookie = stack.admin_session().await;
    let copied = cookie.clone();
    works(&stack, &copied).await;
    let out = stack
        .call(Method::POST, "/auth/sign-out", &As::Cookie(&cookie), None)
        .await;
    assert_eq!(out.status(), 204);
    assert_tenant_admin_cookie_dead(&stack, &copied, &victim).await;
    works(&stack, &stack.admin_session().await).await;
    // Signing out with a cookie that is dead already still clears it.
    let again = stack
        .call(Method::POST, "/auth/sign-out", &As::Cookie(&copied), None)
        .await;
    assert_eq!(cookie_value(&again).as_deref(), Some(""));
}

#[tokio::test]
async fn changing_ones_own_password_ends_copies_but_keeps_this_session() {
    let stack = Stack::start().await;
    let victim = stack.server.create_user("victim", PASSWORD).await;
    let cookie = stack.admin_session().await;
    let copied = cookie.clone();
    let body = json!({ "currentPassword": ADMIN_PASSWORD, "password": NEW_PASSWORD });
    let changed = stack
        .call(
            Method::POST,
            "/auth/session/password",
            &As::Cookie(&cookie),
            Some(body),
        )
        .await;
    assert_eq!(changed.status(), 204);
    let renewed = cookie_value(&changed).expect("a renewed cookie");
    assert_tenant_admin_cookie_dead(&stack, &copied, &victim).await;
    works(&stack, &renewed).await;
    works(&stack, &stack.session("admin", NEW_PASSWORD).await).await;
}

#[tokio::test]
async fn an_admin_setting_the_password_ends_the_users_sessions() {
    let stack = Stack::start().await;
    let victim = stack.server.create_user("victim", PASSWORD).await;
    let (tess, copied) = tenant_admin(&stack).await;
    let admin = stack.admin_session().await;
    let path = format!("/api/users/{tess}/password");
    let body = Some(json!({ "password": NEW_PASSWORD }));
    let set = stack
        .call(Method::PATCH, &path, &As::Cookie(&admin), body)
        .await;
    assert_eq!(set.status(), 200);
    assert_tenant_admin_cookie_dead(&stack, &copied, &victim).await;
    works(&stack, &stack.session("tess", NEW_PASSWORD).await).await;
    works(&stack, &admin).await;
}

#[tokio::test]
async fn a_password_reset_ends_the_users_sessions() {
    let stack = Stack::start().await;
    let victim = stack.server.create_user("victim", PASSWORD).await;
    let (tess, copied) = tenant_admin(&stack).await;
    let recover = format!("/api/users/{tess}/recover-password");
    assert_eq!(stack.server.post(&recover, json!({})).await.status(), 200);
    let token = reset_token_from_mail(&stack).await;
    let body = json!({ "token": token, "password": NEW_PASSWORD });
    let reset = stack
        .call(Method::POST, "/api/password-reset", &As::Nobody, Some(body))
        .await;
    assert_eq!(reset.status(), 200);
    assert_tenant_admin_cookie_dead(&stack, &copied, &victim).await;
    works(&stack, &stack.session("tess", NEW_PASSWORD).await).await;
}

#[tokio::test]
async fn suspension_ends_the_users_sessions() {
    let stack = Stack::start().await;
    let victim = stack.server.create_user("victim", PASSWORD).await;
    let (tess, copied) = tenant_admin(&stack).await;
    let path = format!("/api/users/{tess}/is-suspended");
    let suspend = stack
        .server
        .send(Method::PATCH, &path, Some(json!({ "isSuspended": true })));
    assert_eq!(suspend.await.status(), 200);
    assert_tenant_admin_cookie_dead(&stack, &copied, &victim).await;
    let reinstate = stack
        .server
        .send(Method::PATCH, &path, Some(json!({ "isSuspended": false })));
    assert_eq!(reinstate.await.status(), 200);
    expect_error(
        stack
            .call(Method::GET, "/api/users", &As::Cookie(&copied), None)
            .await,
        401,
        "auth.unauthorized",
    )
    .await;
    works(&stack, &stack.session("tess", PASSWORD).await).await;
}

#[tokio::test]
async fn losing_the_tenant_admin_role_ends_the_users_sessions() {
    let stack = Stack::start().await;
    let victim = stack.server.create_user("victim", PASSWORD).await;
    let (tess, copied) = tenant_admin(&stack).await;
    let roles = stack
        .server
        .get_json(&format!("/api/users/{tess}/roles"))
        .await;
    let role = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "tenant-admin")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let admin = stack.admin_session().await;
    let path = format!("/api/users/{tess}/roles/{role}");
    let removed = stack
        .call(Method::DELETE, &path, &As::Cookie(&admin), None)
        .await;
    assert_eq!(removed.status(), 204);
    assert_tenant_admin_cookie_dead(&stack, &copied, &victim).await;
    expect_error(
        stack.sign_in("tess", PASSWORD).await,
        403,
        "session.not_an_admin",
    )
    .await;
    stack.server.grant_tenant_admin(&tess).await;
    works(&stack, &stack.session("tess", PASSWORD).await).await;
}

#[tokio::test]
async fn losing_the_organization_admin_role_ends_the_users_sessions() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let copied = stack.session("alice", PASSWORD).await;
    let alice = user_id(&stack, "alice").await;
    let held = format!("/api/organizations/{}/users/{alice}/roles", world.org_a);
    let roles = stack.server.get_json(&held).await;
    let admin_role = roles[0]["id"].as_str().unwrap().to_owned();
    let admin = stack.admin_session().await;
    let removed = stack
        .call(
            Method::DELETE,
            &format!("{held}/{admin_role}"),
            &As::Cookie(&admin),
            None,
        )
        .await;
    assert_eq!(removed.status(), 204);
    assert_org_admin_cookie_dead(&stack, &copied, &world.org_a, &world.carol).await;
    // Bob, admin of B, was not touched.
    works(&stack, &stack.session("bob", PASSWORD).await).await;
}

#[tokio::test]
async fn deleting_the_user_ends_the_users_sessions() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let copied = stack.session("alice", PASSWORD).await;
    let alice = user_id(&stack, "alice").await;
    let admin = stack.admin_session().await;
    let path = format!("/api/users/{alice}");
    let deleted = stack
        .call(Method::DELETE, &path, &As::Cookie(&admin), None)
        .await;
    assert_eq!(deleted.status(), 204);
    assert_org_admin_cookie_dead(&stack, &copied, &world.org_a, &world.carol).await;
    works(&stack, &stack.session("bob", PASSWORD).await).await;
}

#[tokio::test]
async fn an_admin_signs_a_user_out_everywhere() {
    let stack = Stack::start().await;
    let victim = stack.server.create_user("victim", PASSWORD).await;
    let (tess, copied) = tenant_admin(&stack).await;
    let other_device = stack.session("tess", PASSWORD).await;
    let admin = stack.admin_session().await;
    let path = format!("/api/users/{tess}/sessions/revoke");
    let revoked = stack
        .call(Method::POST, &path, &As::Cookie(&admin), None)
        .await;
    assert_eq!(revoked.status(), 204);
    assert_tenant_admin_cookie_dead(&stack, &copied, &victim).await;
    assert_tenant_admin_cookie_dead(&stack, &other_device, &victim).await;
    works(&stack, &admin).await;
    works(&stack, &stack.session("tess", PASSWORD).await).await;
    // An organization admin may not sign anyone out.
    let world = World::build(&stack).await;
    let alice = stack.session("alice", PASSWORD).await;
    let path = format!("/api/users/{}/sessions/revoke", world.carol);
    let hidden = stack
        .call(Method::POST, &path, &As::Cookie(&alice), None)
        .await;
    assert_eq!(hidden.status(), 404);
}

async fn user_id(stack: &Stack, username: &str) -> String {
    let path = format!("/api/users?search.username={username}&mode.username=exact");
    let found: Value = stack.server.get_json(&path).await;
    found[0]["id"].as_str().unwrap().to_owned()
}

/// The reset token in the one queued mail.
async fn reset_token_from_mail(stack: &Stack) -> String {
    let url = &stack.server.config.database_url.as_ref().unwrap().0;
    let sql = "SELECT text_body FROM mail_queue";
    let bodies: Vec<String> = if url.starts_with("postgres") {
        let mut db = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&mut db).await.unwrap()
    } else {
        let mut db = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&mut db).await.unwrap()
    };
    assert_eq!(bodies.len(), 1, "one queued mail");
    let (_, rest) = bodies[0].split_once("token=").expect("a reset link");
    rest.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
