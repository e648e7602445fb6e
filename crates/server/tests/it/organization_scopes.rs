//! `/api/organization-scopes`: create, read, change, delete, search, optional pages.

use crate::common::*;
use crate::organization_roles_common::*;
use reqwest::Method;
use serde_json::{Value, json};

const SEEDED: [&str; 3] = ["invite:members", "manage:members", "read:members"];

#[tokio::test]
async fn a_scope_is_created_read_updated_and_deleted() {
    let server = TestServer::start().await;
    let body = json!({"name": "read:billing", "description": "See invoices."});
    let response = server.post("/api/organization-scopes", body).await;
    assert_eq!(response.status(), 201);
    let scope: Value = response.json().await.unwrap();
    let id = scope["id"].as_str().unwrap();
    assert_eq!(id.len(), 12);
    assert_eq!(
        scope,
        json!({"id": id, "name": "read:billing", "description": "See invoices."})
    );
    assert_eq!(
        last_log(&server).await,
        (
            "Management.OrganizationScope.Create".into(),
            "Success".into()
        )
    );
    let path = format!("/api/organization-scopes/{id}");
    let got: Value = server.get(&path).await.json().await.unwrap();
    assert_eq!(got, scope);

    let renamed = server.patch(&path, json!({"name": "view:billing"})).await;
    assert_eq!(renamed.status(), 200);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(renamed["name"], "view:billing");
    assert_eq!(
        renamed["description"], "See invoices.",
        "kept when not sent"
    );
    let cleared = server.patch(&path, json!({"description": null})).await;
    assert_eq!(
        cleared.json::<Value>().await.unwrap()["description"],
        Value::Null
    );
    assert_eq!(
        last_log(&server).await,
        (
            "Management.OrganizationScope.Update".into(),
            "Success".into()
        )
    );

    assert_eq!(server.delete(&path).await.status(), 204);
    assert_eq!(
        last_log(&server).await,
        (
            "Management.OrganizationScope.Delete".into(),
            "Success".into()
        )
    );
    expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
    expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;

    // Without a description the field is null.
    let bare = server
        .post("/api/organization-scopes", json!({"name": "bare"}))
        .await;
    assert_eq!(
        bare.json::<Value>().await.unwrap()["description"],
        Value::Null
    );
}

#[tokio::test]
async fn the_list_is_whole_unless_a_page_is_asked_for() {
    let server = TestServer::start().await;
    for name in ["b:scope", "a:scope", "c:scope"] {
        create_scope(&server, name).await;
    }
    let response = server.get("/api/organization-scopes").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("total-number").is_none());
    assert!(response.headers().get("link").is_none());
    let all: Vec<Value> = response.json().await.unwrap();
    let mut expected = vec!["a:scope", "b:scope", "c:scope"];
    expected.extend(SEEDED);
    assert_eq!(field(&all, "name"), expected, "ordered by name");

    let response = server
        .get("/api/organization-scopes?page=2&page_size=2")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["total-number"], "6");
    let links: Vec<&str> = response
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "<http://tenantry.test/api/organization-scopes?page=1&page_size=2>; rel=\"first\"",
            "<http://tenantry.test/api/organization-scopes?page=1&page_size=2>; rel=\"prev\"",
            "<http://tenantry.test/api/organization-scopes?page=3&page_size=2>; rel=\"last\"",
            "<http://tenantry.test/api/organization-scopes?page=3&page_size=2>; rel=\"next\"",
        ]
    );
    let page: Vec<Value> = response.json().await.unwrap();
    assert_eq!(field(&page, "name"), ["c:scope", "invite:members"]);

    // page_size alone paginates too.
    let response = server.get("/api/organization-scopes?page_size=1").await;
    assert_eq!(response.headers()["total-number"], "6");
    assert_eq!(response.json::<Vec<Value>>().await.unwrap().len(), 1);

    for bad in ["page=0", "page_size=101", "page=x"] {
        let response = server.get(&format!("/api/organization-scopes?{bad}")).await;
        expect_error(response, 400, "guard.invalid_pagination").await;
    }
}

#[tokio::test]
async fn q_matches_part_of_the_name_in_any_case() {
    let server = TestServer::start().await;
    create_scope(&server, "Read:Billing").await;
    create_scope(&server, "100%_done").await;
    let found = list(&server, "/api/organization-scopes?q=BILL").await;
    assert_eq!(field(&found, "name"), ["Read:Billing"]);
    let found = list(&server, "/api/organization-scopes?q=members").await;
    assert_eq!(field(&found, "name"), SEEDED);
    // LIKE wildcards in q are literal.
    let found = list(&server, "/api/organization-scopes?q=%25_").await;
    assert_eq!(field(&found, "name"), ["100%_done"]);
    let found = list(&server, "/api/organization-scopes?q=_").await;
    assert_eq!(field(&found, "name"), ["100%_done"]);
    let response = server
        .get("/api/organization-scopes?q=members&page=1")
        .await;
    assert_eq!(response.headers()["total-number"], "3");
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let server = TestServer::start().await;
    let id = create_scope(&server, "read:billing").await;
    let path = format!("/api/organization-scopes/{id}");

    let taken = server
        .post("/api/organization-scopes", json!({"name": "read:billing"}))
        .await;
    expect_error(taken, 422, "entity.unique_integrity_violation").await;
    assert_eq!(
        last_log(&server).await,
        ("Management.OrganizationScope.Create".into(), "Error".into())
    );
    let taken = server.patch(&path, json!({"name": "read:members"})).await;
    expect_error(taken, 422, "entity.unique_integrity_violation").await;

    let long = "x".repeat(129);
    for (body, code) in [
        (json!({"name": "read billing"}), "scope.name_with_space"),
        (json!({"name": "read\tbilling"}), "scope.name_with_space"),
        (json!({"name": ""}), "guard.invalid_input"),
        (json!({"name": long}), "guard.invalid_input"),
        (json!({"name": 5}), "guard.invalid_input"),
        (json!({"description": "no name"}), "guard.invalid_input"),
        (
            json!({"name": "ok", "description": "d".repeat(257)}),
            "guard.invalid_input",
        ),
        (json!(["read:billing"]), "guard.invalid_input"),
    ] {
        let response = server.post("/api/organization-scopes", body.clone()).await;
        expect_error(response, 400, code).await;
    }
    for (body, code) in [
        (json!({"name": null}), "guard.invalid_input"),
        (json!({"name": "has space"}), "scope.name_with_space"),
        (json!({"description": 3}), "guard.invalid_input"),
    ] {
        expect_error(server.patch(&path, body).await, 400, code).await;
    }
    let malformed = server
        .api(Method::POST, "/api/organization-scopes")
        .header("content-type", "application/json")
        .body("{\"name\":")
        .send()
        .await
        .unwrap();
    expect_error(malformed, 400, "guard.invalid_input").await;

    let unchanged: Value = server.get(&path).await.json().await.unwrap();
    assert_eq!(unchanged["name"], "read:billing");
    assert_eq!(unchanged["description"], "read:billing scope");
    let all = list(&server, "/api/organization-scopes").await;
    assert_eq!(all.len(), 4, "nothing was created");

    // Unknown and impossible ids: 404, and a bad body still wins over a missing scope.
    for missing in ["nosuchscope1", "bad%20id", &"a".repeat(65)] {
        let path = format!("/api/organization-scopes/{missing}");
        expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
        let patched = server.patch(&path, json!({"name": "x"})).await;
        expect_error(patched, 404, "entity.not_exists_with_id").await;
        expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
    }
    let bad_body = server
        .patch("/api/organization-scopes/nosuchscope1", json!({"name": ""}))
        .await;
    expect_error(bad_body, 400, "guard.invalid_input").await;
}

#[tokio::test]
async fn deleting_a_scope_takes_it_from_the_roles() {
    let server = TestServer::start().await;
    let scope = create_scope(&server, "read:billing").await;
    let role = create_role(
        &server,
        json!({"name": "billing", "organizationScopeIds": [scope]}),
    )
    .await;
    let role_scopes = format!(
        "/api/organization-roles/{}/scopes",
        role["id"].as_str().unwrap()
    );
    assert_eq!(list(&server, &role_scopes).await.len(), 1);
    let path = format!("/api/organization-scopes/{scope}");
    assert_eq!(server.delete(&path).await.status(), 204);
    assert!(list(&server, &role_scopes).await.is_empty());
}

#[tokio::test]
async fn the_routes_need_a_management_token() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(server.url("/api/organization-scopes"))
        .send()
        .await
        .unwrap();
    expect_error(response, 401, "auth.authorization_header_missing").await;
}
