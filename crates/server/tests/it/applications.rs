//! `/api/applications`: machine-to-machine applications and their roles (the other
//! types: `application_kinds`).

use crate::apps_helpers::*;
use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn create_get_change_and_delete_an_application() {
    let server = TestServer::start().await;
    let body = json!({ "name": "Nightly sync", "type": "MachineToMachine",
        "description": "Copies invoices", "customData": { "team": "billing" } });
    let created = json_of(server.post("/api/applications", body).await, 200).await;
    let app = id(&created);
    assert_eq!(app.len(), 12);
    assert_eq!(created["tenantId"], "default");
    assert_eq!(created["type"], "MachineToMachine");
    assert_eq!(created["description"], "Copies invoices");
    assert_eq!(created["customData"], json!({ "team": "billing" }));
    assert_eq!(
        created["oidcClientMetadata"],
        json!({ "redirectUris": [], "postLogoutRedirectUris": [] })
    );
    assert_eq!(created["isThirdParty"], false);
    // The default secret's value is in this answer only.
    let secret = created["secret"].as_str().unwrap();
    assert_eq!(secret.len(), 32);
    let mut shown = created.clone();
    shown.as_object_mut().unwrap().remove("secret");
    let path = format!("/api/applications/{app}");
    assert_eq!(json_of(server.get(&path).await, 200).await, shown);

    let changed = json_of(
        server
            .patch(
                &path,
                json!({ "name": "Hourly sync", "description": null, "customData": { "x": 1 } }),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(changed["name"], "Hourly sync");
    assert_eq!(changed["description"], Value::Null);
    assert_eq!(changed["customData"], json!({ "x": 1 }));
    let kept = json_of(server.patch(&path, json!({})).await, 200).await;
    assert_eq!(kept, changed);

    assert_eq!(server.delete(&path).await.status(), 204);
    for response in [
        server.get(&path).await,
        server.delete(&path).await,
        server.patch(&path, json!({ "name": "x" })).await,
    ] {
        expect_error(response, 404, "entity.not_exists_with_id").await;
    }
    expect_error(
        server.get("/api/applications/a%20b").await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    assert_eq!(
        audit_keys(&server, "Management.Application.Create")
            .await
            .len(),
        1
    );
    assert_eq!(
        audit_keys(&server, "Management.Application.Update")
            .await
            .len(),
        3
    );
    assert_eq!(
        audit_keys(&server, "Management.Application.Delete")
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn bad_application_input_is_refused() {
    let server = TestServer::start().await;
    for body in [
        json!({ "name": "x", "type": "Robot" }),
        json!({ "name": "x" }),
        json!({ "type": "MachineToMachine" }),
        json!({ "name": "", "type": "MachineToMachine" }),
        json!({ "name": "x", "type": "MachineToMachine", "customData": [1] }),
        json!({ "name": "x", "type": "MachineToMachine", "description": 5 }),
        json!({ "name": "x", "type": "SPA", "oidcClientMetadata": { "redirectUris": ["no uri"] } }),
        json!({ "name": "x", "type": "SPA",
            "oidcClientMetadata": { "redirectUris": ["JavaScript:alert(1)"] } }),
        json!({ "name": "x", "type": "SPA", "oidcClientMetadata": { "redirectUris": "https://a.example" } }),
        json!({ "name": "x", "type": "SPA", "isThirdParty": "yes" }),
    ] {
        expect_error(
            server.post("/api/applications", body).await,
            400,
            "guard.invalid_input",
        )
        .await;
    }
    let app = id(&create_app(&server, "ok").await);
    let bad = server
        .patch(&format!("/api/applications/{app}"), json!({ "name": "" }))
        .await;
    expect_error(bad, 400, "guard.invalid_input").await;
    let not_json = server
        .api(Method::PATCH, &format!("/api/applications/{app}"))
        .header("content-type", "application/json")
        .body("[")
        .send()
        .await
        .unwrap();
    expect_error(not_json, 400, "guard.invalid_input").await;
}

#[tokio::test]
async fn the_list_filters_by_type_search_and_role() {
    let server = TestServer::start().await;
    let alpha = id(&create_app(&server, "Alpha importer").await);
    create_app(&server, "Beta exporter").await;
    let all = server.get("/api/applications").await;
    assert!(
        all.headers().get("total-number").is_none(),
        "not paginated unless asked"
    );
    let all: Vec<Value> = all.json().await.unwrap();
    assert_eq!(
        field(&all, "name"),
        ["Beta exporter", "Alpha importer", "Tenantry edge"]
    );
    let (page, headers) = list(&server, "/api/applications?page=2&page_size=2").await;
    assert_eq!(headers["total-number"], "3");
    assert_eq!(field(&page, "name"), ["Tenantry edge"]);

    let (m2m, _) = list(
        &server,
        "/api/applications?types=MachineToMachine&types=SPA",
    )
    .await;
    assert_eq!(m2m.len(), 3);
    let (spa, _) = list(&server, "/api/applications?types=SPA,Native").await;
    assert!(spa.is_empty());
    let (found, _) = list(&server, "/api/applications?search=%25IMPORT%25").await;
    assert_eq!(field(&found, "name"), ["Alpha importer"]);

    let role = id(&create_role(&server, "importers", "MachineToMachine").await);
    let grant = server
        .post(
            &format!("/api/applications/{alpha}/roles"),
            json!({ "roleIds": [role] }),
        )
        .await;
    assert_eq!(grant.status(), 201);
    let (without, _) = list(&server, &format!("/api/applications?excludeRoleId={role}")).await;
    assert_eq!(field(&without, "name"), ["Beta exporter", "Tenantry edge"]);
    for bad in [
        "/api/applications?types=Robot",
        "/api/applications?search.secret=x",
    ] {
        let code = if bad.contains("types") {
            "guard.invalid_input"
        } else {
            "request.invalid_input"
        };
        expect_error(server.get(bad).await, 400, code).await;
    }
}

#[tokio::test]
async fn application_roles_are_added_replaced_listed_and_removed() {
    let server = TestServer::start().await;
    let app = id(&create_app(&server, "Worker").await);
    let reader = id(&create_role(&server, "reader", "MachineToMachine").await);
    let writer = id(&create_role(&server, "writer", "MachineToMachine").await);
    let path = format!("/api/applications/{app}/roles");

    let added = json_of(
        server.post(&path, json!({ "roleIds": [reader] })).await,
        201,
    )
    .await;
    assert_eq!(
        added,
        json!({ "roleIds": [reader], "addedRoleIds": [reader] })
    );
    let again = json_of(
        server
            .post(&path, json!({ "roleIds": [reader, writer] }))
            .await,
        201,
    )
    .await;
    assert_eq!(again["addedRoleIds"], json!([writer]));
    let (roles, headers) = list(&server, &format!("{path}?page_size=1")).await;
    assert_eq!(headers["total-number"], "2");
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0]["tenantId"], "default");

    let replaced = server
        .send_json(Method::PUT, &path, json!({ "roleIds": [writer] }))
        .await;
    assert_eq!(replaced.status(), 200);
    let (roles, _) = list(&server, &path).await;
    assert_eq!(field(&roles, "name"), ["writer"]);
    let emptied = server
        .send_json(Method::PUT, &path, json!({ "roleIds": [] }))
        .await;
    assert_eq!(emptied.status(), 200);
    let (roles, _) = list(&server, &path).await;
    assert!(roles.is_empty());

    server.post(&path, json!({ "roleIds": [reader] })).await;
    assert_eq!(
        server.delete(&format!("{path}/{reader}")).await.status(),
        204
    );
    expect_error(
        server.delete(&format!("{path}/{reader}")).await,
        404,
        "entity.not_found",
    )
    .await;
    expect_error(
        server.delete(&format!("{path}/nosuchrole01")).await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    let unknown = server
        .post(&path, json!({ "roleIds": ["nosuchrole01"] }))
        .await;
    expect_error(unknown, 404, "entity.not_exists_with_id").await;
    let bad_put = server
        .send_json(Method::PUT, &path, json!({ "roleIds": ["nosuchrole01"] }))
        .await;
    expect_error(bad_put, 404, "entity.not_exists_with_id").await;
    expect_error(
        server.post(&path, json!({ "roleIds": "x" })).await,
        400,
        "guard.invalid_input",
    )
    .await;
    let no_app = server.get("/api/applications/nosuchapp001/roles").await;
    expect_error(no_app, 404, "entity.not_exists_with_id").await;
    let keys = [
        ("Management.Application.AssignRoles", 5),
        ("Management.Application.ReplaceRoles", 3),
        ("Management.Application.RemoveRole", 3),
    ];
    for (key, n) in keys {
        assert_eq!(audit_keys(&server, key).await.len(), n, "{key}");
    }
}
