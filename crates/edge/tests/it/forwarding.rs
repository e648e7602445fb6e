//! Forwarding: the allowlist, CSRF, query filtering, `Total-Number` and `Link`, the
//! self-protection refusals, public routes and their limit, CORS.

use crate::common::{As, HOST_ORIGIN, Stack, expect_error};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn pagination_headers_come_back_with_links_on_the_edge() {
    let stack = Stack::start().await;
    stack.server.create_user("ann", "ann-password-1").await;
    let cookie = stack.admin_session().await;
    let response = stack
        .call(
            Method::GET,
            "/api/users?page=1&page_size=1&debug=1",
            &As::Cookie(&cookie),
            None,
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["total-number"], "2");
    // One header per link, or one folded header (a Worker's `Headers` fold them).
    let links: Vec<String> = response
        .headers()
        .get_all("link")
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(", <"))
        .map(|link| format!("<{}", link.trim_start_matches('<')))
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    // Relative: no public URL is configured, and the request's Host is never used.
    let first = "</api/users?page=1&page_size=1>; rel=\"first\"".to_owned();
    assert_eq!(links[0], first, "unknown parameters are not forwarded");
    assert!(response.headers().contains_key("x-request-id"));
    let users: Vec<Value> = response.json().await.unwrap();
    assert_eq!(users.len(), 1);
    assert!(
        users[0].get("customData").is_some(),
        "tenant admins see every field"
    );
}

#[tokio::test]
async fn anything_outside_the_allowlist_is_404() {
    let stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    let admin_id = stack.server.admin_id().await;
    let who = As::Cookie(&cookie);
    for (method, path) in [
        (Method::GET, "/api/status".to_owned()),
        (Method::GET, "/api/swagger.json".to_owned()),
        (
            Method::POST,
            format!("/api/users/{admin_id}/password/verify"),
        ),
        (Method::GET, "/api/users/a%2Fb".to_owned()),
        (Method::GET, "/api/users/../oidc/jwks".to_owned()),
        (Method::GET, format!("/api/users/{}", "x".repeat(65))),
        (Method::GET, "/api/nothing".to_owned()),
        (Method::DELETE, "/api/logs".to_owned()),
        (Method::POST, "/embed/other".to_owned()),
        (Method::GET, "/auth/other".to_owned()),
    ] {
        let response = stack
            .call(method.clone(), &path, &who, Some(json!({})))
            .await;
        assert_eq!(response.status(), 404, "{method} {path}");
    }
    // /oidc is not the edge's and there are no static files here.
    let response = stack
        .call(Method::POST, "/oidc/token", &As::Nobody, None)
        .await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn changes_without_the_csrf_header_are_refused() {
    let stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    let bare = |method: Method, path: &str| {
        stack
            .client
            .request(method, format!("{}{path}", stack.edge))
            .header(
                "cookie",
                format!("{}={cookie}", crate::common::SESSION_COOKIE),
            )
    };
    let response = bare(Method::POST, "/api/users")
        .json(&json!({"username": "x"}))
        .send()
        .await
        .unwrap();
    expect_error(response, 403, "edge.csrf_header_missing").await;
    let response = bare(Method::POST, "/auth/sign-in")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    expect_error(response, 403, "edge.csrf_header_missing").await;
    let response = bare(Method::POST, "/api/users")
        .header("x-tenantry", "0")
        .json(&json!({"username": "x"}))
        .send()
        .await
        .unwrap();
    expect_error(response, 403, "edge.csrf_header_missing").await;
    assert_eq!(
        bare(Method::GET, "/api/users")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let found = stack
        .server
        .get_json("/api/users?search.username=x&mode.username=exact")
        .await;
    assert_eq!(found, json!([]), "nothing was created");
}

#[tokio::test]
async fn admins_cannot_delete_suspend_or_demote_themselves() {
    let stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    let who = As::Cookie(&cookie);
    let me = stack.server.admin_id().await;
    let response = stack
        .call(Method::DELETE, &format!("/api/users/{me}"), &who, None)
        .await;
    expect_error(response, 400, "user.cannot_delete_self").await;
    let path = format!("/api/users/{me}/is-suspended");
    let response = stack
        .call(
            Method::PATCH,
            &path,
            &who,
            Some(json!({"isSuspended": true})),
        )
        .await;
    expect_error(response, 400, "user.cannot_suspend_self").await;
    let roles = stack
        .server
        .get_json(&format!("/api/users/{me}/roles"))
        .await;
    let role = roles[0]["id"].as_str().unwrap();
    let path = format!("/api/users/{me}/roles/{role}");
    let response = stack.call(Method::DELETE, &path, &who, None).await;
    expect_error(response, 400, "user.cannot_remove_own_admin_role").await;
    let path = format!("/api/users/{me}/roles");
    let response = stack
        .call(Method::PUT, &path, &who, Some(json!({"roleIds": []})))
        .await;
    expect_error(response, 400, "user.cannot_remove_own_admin_role").await;
    // Still a tenant admin, still active.
    let user = stack.server.get_json(&format!("/api/users/{me}")).await;
    assert_eq!(user["isSuspended"], false);
    assert_eq!(
        stack
            .server
            .get_json(&format!("/api/users/{me}/roles"))
            .await,
        roles
    );
    // Others can be deleted.
    let other = stack.server.create_user("other", "other-password-1").await;
    let response = stack
        .call(Method::DELETE, &format!("/api/users/{other}"), &who, None)
        .await;
    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn server_errors_come_back_as_they_are() {
    let stack = Stack::start().await;
    let cookie = stack.admin_session().await;
    let who = As::Cookie(&cookie);
    let response = stack
        .call(Method::GET, "/api/users/nosuchuser01", &who, None)
        .await;
    expect_error(response, 404, "entity.not_found").await;
    let response = stack
        .call(Method::GET, "/api/users?page=0", &who, None)
        .await;
    expect_error(response, 400, "guard.invalid_pagination").await;
    let created = stack
        .call(
            Method::POST,
            "/api/users",
            &who,
            Some(json!({"username": "bea", "password": "bea-password-1"})),
        )
        .await;
    assert_eq!(created.status(), 200);
    let response = stack
        .call(
            Method::POST,
            "/api/users",
            &who,
            Some(json!({"username": "bea"})),
        )
        .await;
    expect_error(response, 422, "user.username_already_in_use").await;
}

#[tokio::test]
async fn public_routes_need_no_session_and_are_limited_per_ip() {
    let limits = tenantry_edge::Limits {
        public_per_ip: 3,
        ..crate::common::generous_limits()
    };
    let stack = Stack::start_with(limits).await;
    let body = json!({"email": "nobody@example.com"});
    for _ in 0..3 {
        let response = stack
            .call(
                Method::POST,
                "/api/recover-password",
                &As::Nobody,
                Some(body.clone()),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.json::<Value>().await.unwrap(),
            json!({"status": "success"})
        );
    }
    let response = stack
        .call(
            Method::POST,
            "/api/password-reset",
            &As::Nobody,
            Some(json!({"token": "x", "password": "p"})),
        )
        .await;
    expect_error(response, 429, "request.too_many_requests").await;
}

#[tokio::test]
async fn cors_opens_only_to_allowed_origins_on_embed_routes() {
    let stack = Stack::start().await;
    let preflight = |origin: &str, path: &str| {
        stack
            .client
            .request(Method::OPTIONS, format!("{}{path}", stack.edge))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .send()
    };
    let members = "/api/organizations/org000000001/users";
    let allowed = preflight(HOST_ORIGIN, members).await.unwrap();
    assert_eq!(allowed.status(), 204);
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        HOST_ORIGIN
    );
    assert!(
        allowed
            .headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
    let other = preflight("https://evil.example", members).await.unwrap();
    assert_eq!(other.status(), 404);
    assert!(other.headers().get("access-control-allow-origin").is_none());
    let not_embed = preflight(HOST_ORIGIN, "/api/users").await.unwrap();
    assert!(
        not_embed
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    let sign_in = preflight(HOST_ORIGIN, "/auth/sign-in").await.unwrap();
    assert!(
        sign_in
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    // A real request from the host page gets the header; one to /api/users does not.
    let cookie = stack.admin_session().await;
    let response = stack
        .request(Method::GET, "/api/users", &As::Cookie(&cookie))
        .header("origin", HOST_ORIGIN)
        .send()
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

#[tokio::test]
async fn the_server_sees_the_browser_address_and_the_request_id() {
    let stack = Stack::start().await;
    // A browser on another loopback address than the edge's own.
    let browser = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap();
    let response = browser
        .post(format!("{}/auth/sign-in", stack.edge))
        .header("x-tenantry", "1")
        .json(&json!({"username": "admin", "password": "wrong"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(request_id.len(), 16);
    let logs = stack.server.get_json("/api/logs?page_size=20").await;
    let from_browser = logs
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["payload"]["ip"] == "127.0.0.2")
        .count();
    assert!(
        from_browser >= 1,
        "the password check is logged with the browser's address: {logs}"
    );
}
