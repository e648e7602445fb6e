//! `/api/organization-roles`: the seeded roles, create with scopes, read, change,
//! delete, search and pages.

use crate::common::*;
use crate::organization_roles_common::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn a_fresh_install_has_the_admin_and_member_roles() {
    let server = TestServer::start().await;
    let response = server.get("/api/organization-roles").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["total-number"], "2");
    let roles: Vec<Value> = response.json().await.unwrap();
    assert_eq!(field(&roles, "name"), ["admin", "member"]);
    assert_eq!(field(&roles, "type"), ["User", "User"]);
    assert_eq!(
        field(roles[0]["scopes"].as_array().unwrap(), "name"),
        ["invite:members", "manage:members", "read:members"]
    );
    assert_eq!(roles[1]["scopes"], json!([]));
    for role in &roles {
        assert_eq!(role["resourceScopes"], json!([]));
        assert!(role["description"].is_string());
    }
    let scopes = list(&server, "/api/organization-scopes").await;
    assert_eq!(
        field(&scopes, "name"),
        ["invite:members", "manage:members", "read:members"]
    );
}

#[tokio::test]
async fn a_role_is_created_with_its_scopes_read_updated_and_deleted() {
    let server = TestServer::start().await;
    let billing = create_scope(&server, "read:billing").await;
    let (resource, api_scopes) = insert_resource(&server, "Billing API", &["invoices:read"]).await;
    let body = json!({
        "name": "accountant",
        "description": "Reads the books.",
        "organizationScopeIds": [billing],
        "resourceScopeIds": api_scopes,
    });
    let response = server.post("/api/organization-roles", body).await;
    assert_eq!(response.status(), 201);
    let role: Value = response.json().await.unwrap();
    let id = role["id"].as_str().unwrap();
    assert_eq!(id.len(), 12);
    assert_eq!(
        role,
        json!({"id": id, "name": "accountant", "description": "Reads the books.", "type": "User"})
    );
    assert_eq!(
        last_log(&server).await,
        (
            "Management.OrganizationRole.Create".into(),
            "Success".into()
        )
    );

    let path = format!("/api/organization-roles/{id}");
    let got: Value = server.get(&path).await.json().await.unwrap();
    assert_eq!(
        got,
        json!({
            "id": id, "name": "accountant", "description": "Reads the books.", "type": "User",
            "scopes": [{"id": billing, "name": "read:billing"}],
            "resourceScopes": [{
                "id": api_scopes[0], "name": "invoices:read",
                "resource": {"id": resource, "name": "Billing API"},
            }],
        })
    );

    let patched = server
        .patch(
            &path,
            json!({"name": "auditor", "type": "MachineToMachine"}),
        )
        .await;
    assert_eq!(patched.status(), 200);
    let patched: Value = patched.json().await.unwrap();
    assert_eq!(
        patched,
        json!({"id": id, "name": "auditor", "description": "Reads the books.", "type": "MachineToMachine"})
    );
    let cleared = server.patch(&path, json!({"description": null})).await;
    assert_eq!(
        cleared.json::<Value>().await.unwrap()["description"],
        Value::Null
    );
    let unchanged = server.patch(&path, json!({})).await;
    assert_eq!(unchanged.json::<Value>().await.unwrap()["name"], "auditor");
    assert_eq!(
        last_log(&server).await,
        (
            "Management.OrganizationRole.Update".into(),
            "Success".into()
        )
    );

    assert_eq!(server.delete(&path).await.status(), 204);
    assert_eq!(
        last_log(&server).await,
        (
            "Management.OrganizationRole.Delete".into(),
            "Success".into()
        )
    );
    expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
    // Its scopes stay: they belong to the template, not to the role.
    let scope = server
        .get(&format!("/api/organization-scopes/{billing}"))
        .await;
    assert_eq!(scope.status(), 200);
}

#[tokio::test]
async fn roles_are_listed_by_name_in_pages_and_found_by_q() {
    let server = TestServer::start().await;
    for (name, description) in [
        ("viewer", "Sees things"),
        ("billing", "Pays"),
        ("editor", "Edits"),
    ] {
        create_role(&server, json!({"name": name, "description": description})).await;
    }
    let response = server
        .get("/api/organization-roles?page=2&page_size=2")
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["total-number"], "5");
    let links: Vec<&str> = response
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "<http://tenantry.test/api/organization-roles?page=1&page_size=2>; rel=\"first\"",
            "<http://tenantry.test/api/organization-roles?page=1&page_size=2>; rel=\"prev\"",
            "<http://tenantry.test/api/organization-roles?page=3&page_size=2>; rel=\"last\"",
            "<http://tenantry.test/api/organization-roles?page=3&page_size=2>; rel=\"next\"",
        ]
    );
    let all = list(&server, "/api/organization-roles?page_size=100").await;
    let names = field(&all, "name");
    assert_eq!(
        names,
        ["admin", "billing", "editor", "member", "viewer"],
        "by name"
    );

    // Always paginated: without parameters, the first 20 with headers.
    let response = server.get("/api/organization-roles").await;
    assert_eq!(response.headers()["total-number"], "5");

    let found = list(&server, "/api/organization-roles?q=BILL").await;
    assert_eq!(field(&found, "name"), ["billing"], "ignoring case");
    let found = list(&server, "/api/organization-roles?q=sees").await;
    assert_eq!(field(&found, "name"), ["viewer"], "q searches descriptions");
    let id = &found[0]["id"];
    let found = list(
        &server,
        &format!("/api/organization-roles?q={}", id.as_str().unwrap()),
    )
    .await;
    assert_eq!(field(&found, "name"), ["viewer"], "q searches ids");
    let response = server.get("/api/organization-roles?q=e&page_size=1").await;
    let total: i64 = response.headers()["total-number"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(total >= 3, "q counts every match, not the page");
    let response = server.get("/api/organization-roles?q=%25").await;
    assert_eq!(response.headers()["total-number"], "0", "% is literal");

    for bad in ["page=0", "page_size=101", "page_size=abc"] {
        let response = server.get(&format!("/api/organization-roles?{bad}")).await;
        expect_error(response, 400, "guard.invalid_pagination").await;
    }
}

#[tokio::test]
async fn a_taken_name_or_unknown_scope_creates_nothing() {
    let server = TestServer::start().await;
    let taken = server
        .post("/api/organization-roles", json!({"name": "admin"}))
        .await;
    expect_error(taken, 422, "entity.unique_integrity_violation").await;
    assert_eq!(
        last_log(&server).await,
        ("Management.OrganizationRole.Create".into(), "Error".into())
    );

    let scope = create_scope(&server, "read:billing").await;
    let (_, api_scopes) = insert_resource(&server, "Billing API", &["invoices:read"]).await;
    for body in [
        json!({"name": "new", "organizationScopeIds": [scope, "nosuchscope1"]}),
        json!({"name": "new", "organizationScopeIds": [scope], "resourceScopeIds": ["nosuchscope1"]}),
        json!({"name": "new", "resourceScopeIds": [api_scopes[0], scope]}),
    ] {
        let response = server.post("/api/organization-roles", body).await;
        expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
    }
    let found = list(&server, "/api/organization-roles?q=new").await;
    assert!(found.is_empty(), "the role was not written: {found:?}");

    let role = create_role(&server, json!({"name": "new"})).await;
    let path = format!("/api/organization-roles/{}", role["id"].as_str().unwrap());
    let renamed = server.patch(&path, json!({"name": "member"})).await;
    expect_error(renamed, 422, "entity.unique_integrity_violation").await;
    let kept: Value = server.get(&path).await.json().await.unwrap();
    assert_eq!(kept["name"], "new");
}

#[tokio::test]
async fn malformed_input_and_unknown_ids_are_refused() {
    let server = TestServer::start().await;
    let long = "x".repeat(129);
    for body in [
        json!({}),
        json!({"name": ""}),
        json!({"name": long}),
        json!({"name": "x", "description": "d".repeat(257)}),
        json!({"name": "x", "type": "Robot"}),
        json!({"name": "x", "organizationScopeIds": "orgscoperead"}),
        json!({"name": "x", "organizationScopeIds": [""]}),
        json!({"name": "x", "resourceScopeIds": [1]}),
        json!([{"name": "x"}]),
    ] {
        let response = server.post("/api/organization-roles", body.clone()).await;
        let error = expect_error(response, 400, "guard.invalid_input").await;
        assert!(error["details"].is_string(), "{body}: {error}");
    }
    let malformed = server
        .api(Method::POST, "/api/organization-roles")
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    expect_error(malformed, 400, "guard.invalid_input").await;
    let roles = list(&server, "/api/organization-roles").await;
    assert_eq!(roles.len(), 2, "nothing was created");

    let admin = "/api/organization-roles/orgroleadmin";
    for body in [
        json!({"name": null}),
        json!({"name": ""}),
        json!({"type": null}),
        json!({"type": "user"}),
    ] {
        expect_error(server.patch(admin, body).await, 400, "guard.invalid_input").await;
    }
    let kept: Value = server.get(admin).await.json().await.unwrap();
    assert_eq!(
        (kept["name"].as_str(), kept["type"].as_str()),
        (Some("admin"), Some("User"))
    );

    for missing in ["nosuchrole01", "bad%20id"] {
        let path = format!("/api/organization-roles/{missing}");
        expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
        let patched = server.patch(&path, json!({"name": "x"})).await;
        expect_error(patched, 404, "entity.not_exists_with_id").await;
        expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
    }
}

#[tokio::test]
async fn concurrent_creates_of_one_name_leave_one_role() {
    let server = TestServer::start().await;
    let body = json!({"name": "racer", "organizationScopeIds": ["orgscoperead"]});
    let (a, b) = tokio::join!(
        server.post("/api/organization-roles", body.clone()),
        server.post("/api/organization-roles", body.clone()),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 422]);
    let found = list(&server, "/api/organization-roles?q=racer").await;
    assert_eq!(found.len(), 1);
    assert_eq!(
        field(found[0]["scopes"].as_array().unwrap(), "name"),
        ["read:members"]
    );
}
