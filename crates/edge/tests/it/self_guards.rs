//! A signed-in tenant admin cannot lock themself out through any route: not by
//! deleting or suspending their account, nor by dropping the tenant-admin role from
//! the user side, from the role side, or by deleting or renaming the role itself.

use crate::common::{As, Stack, expect_error};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn admins_cannot_lock_themselves_out_through_any_route() {
    let stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    let who = As::Cookie(&cookie);
    let me = stack.server.admin_id().await;
    // A second tenant admin, so the server's last-admin rule would not stop anything.
    let other = stack.server.create_user("other", "other-password-1").await;
    stack.server.grant_tenant_admin(&other).await;
    let roles_before = stack
        .server
        .get_json(&format!("/api/users/{me}/roles"))
        .await;
    let role = roles_before[0]["id"].as_str().unwrap().to_owned();
    let role_before = stack.server.get_json(&format!("/api/roles/{role}")).await;

    let attacks: [(Method, String, Option<Value>, &str); 7] = [
        (
            Method::DELETE,
            format!("/api/users/{me}"),
            None,
            "user.cannot_delete_self",
        ),
        (
            Method::PATCH,
            format!("/api/users/{me}/is-suspended"),
            Some(json!({"isSuspended": true})),
            "user.cannot_suspend_self",
        ),
        (
            Method::DELETE,
            format!("/api/users/{me}/roles/{role}"),
            None,
            "user.cannot_remove_own_admin_role",
        ),
        (
            Method::PUT,
            format!("/api/users/{me}/roles"),
            Some(json!({"roleIds": []})),
            "user.cannot_remove_own_admin_role",
        ),
        (
            Method::DELETE,
            format!("/api/roles/{role}/users/{me}"),
            None,
            "user.cannot_remove_own_admin_role",
        ),
        (
            Method::DELETE,
            format!("/api/roles/{role}"),
            None,
            "user.cannot_remove_own_admin_role",
        ),
        (
            Method::PATCH,
            format!("/api/roles/{role}"),
            Some(json!({"name": "former-admin"})),
            "user.cannot_remove_own_admin_role",
        ),
    ];
    for (method, path, body, code) in attacks {
        let response = stack.call(method.clone(), &path, &who, body).await;
        assert_eq!(response.status(), 400, "{method} {path}");
        expect_error(response, 400, code).await;
    }

    // Nothing changed: still active, still holding the role, the role intact.
    let user = stack.server.get_json(&format!("/api/users/{me}")).await;
    assert_eq!(user["isSuspended"], false);
    let roles_after = stack
        .server
        .get_json(&format!("/api/users/{me}/roles"))
        .await;
    assert_eq!(roles_after, roles_before);
    assert_eq!(
        stack.server.get_json(&format!("/api/roles/{role}")).await,
        role_before
    );
    let holders = stack
        .server
        .get_json(&format!("/api/roles/{role}/users"))
        .await;
    assert!(
        holders
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"] == me.as_str())
    );
    // The session still works as a tenant admin.
    let response = stack.call(Method::GET, "/api/users", &who, None).await;
    assert_eq!(response.status(), 200);

    // The guards are about the caller only: another admin's role can go, and the
    // role's description can change.
    let path = format!("/api/roles/{role}/users/{other}");
    assert_eq!(
        stack.call(Method::DELETE, &path, &who, None).await.status(),
        204
    );
    let theirs = stack
        .server
        .get_json(&format!("/api/users/{other}/roles"))
        .await;
    assert_eq!(theirs, json!([]));
    let body = json!({"name": "tenant-admin", "description": "Runs the tenant."});
    let path = format!("/api/roles/{role}");
    assert_eq!(
        stack
            .call(Method::PATCH, &path, &who, Some(body))
            .await
            .status(),
        200
    );
}
