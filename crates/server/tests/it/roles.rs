//! `/api/roles` and `/api/roles/{id}`: list with holders, create, change, delete, and
//! the bootstrapped roles that must stay.

use crate::apps_helpers::*;
use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn the_list_counts_and_features_holders_with_pagination() {
    let server = TestServer::start().await;
    let (roles, headers) = list(&server, "/api/roles").await;
    assert_eq!(headers["total-number"], "2");
    assert!(headers.get_all("link").iter().count() >= 2);
    let admin_role = roles.iter().find(|r| r["name"] == "tenant-admin").unwrap();
    assert_eq!(admin_role["type"], "User");
    assert_eq!(admin_role["tenantId"], "default");
    assert_eq!(admin_role["isDefault"], false);
    assert_eq!(admin_role["usersCount"], 1);
    assert_eq!(admin_role["applicationsCount"], 0);
    let admin = admin_id(&server).await;
    assert_eq!(
        admin_role["featuredUsers"],
        json!([{ "id": admin, "avatar": null, "name": "Administrator" }])
    );
    let edge = roles.iter().find(|r| r["name"] == "edge").unwrap();
    assert_eq!(edge["type"], "MachineToMachine");
    assert_eq!(edge["applicationsCount"], 1);
    assert_eq!(
        edge["featuredApplications"],
        json!([{ "id": CLIENT_ID, "name": "Tenantry edge", "type": "MachineToMachine" }])
    );

    // Four users on one role: the count says four, three are featured.
    let role = create_role(&server, "support", "User").await;
    let mut ids = Vec::new();
    for n in 0..4 {
        ids.push(id(&server
            .create_user(json!({ "username": format!("sup{n}") }))
            .await));
    }
    let path = format!("/api/roles/{}/users", id(&role));
    assert_eq!(
        server.post(&path, json!({ "userIds": ids })).await.status(),
        201
    );
    let (page, headers) = list(&server, "/api/roles?page=1&page_size=1&search.name=support").await;
    assert_eq!(headers["total-number"], "1");
    assert_eq!(page[0]["usersCount"], 4);
    assert_eq!(page[0]["featuredUsers"].as_array().unwrap().len(), 3);

    let (second, headers) = list(&server, "/api/roles?page=2&page_size=2").await;
    assert_eq!(headers["total-number"], "3");
    assert_eq!(second.len(), 1);
    let links: Vec<&str> = headers
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert!(
        links.iter().any(|l| l.contains("rel=\"prev\"")),
        "{links:?}"
    );
    let bad = server.get("/api/roles?page_size=101").await;
    expect_error(bad, 400, "guard.invalid_pagination").await;
}

#[tokio::test]
async fn the_list_filters_by_type_search_and_exclusions() {
    let server = TestServer::start().await;
    create_role(&server, "reporter", "User").await;
    create_role(&server, "billing-sync", "MachineToMachine").await;
    let names = |items: Vec<Value>| {
        let mut names = field(&items, "name");
        names.sort();
        names
    };
    let (m2m, _) = list(&server, "/api/roles?type=MachineToMachine").await;
    assert_eq!(names(m2m), ["billing-sync", "edge"]);
    let (found, _) = list(&server, "/api/roles?search=%25REPORT%25").await;
    assert_eq!(names(found), ["reporter"]);
    let (exact, _) = list(&server, "/api/roles?search.name=edge&mode.name=exact").await;
    assert_eq!(names(exact), ["edge"]);
    let (described, _) = list(&server, "/api/roles?search.description=%25sync%20role").await;
    assert_eq!(names(described), ["billing-sync"]);
    let (regex, _) = list(&server, "/api/roles?search=%5Ebill&mode=posix").await;
    assert_eq!(names(regex), ["billing-sync"]);

    let admin = admin_id(&server).await;
    let (not_admins, _) = list(&server, &format!("/api/roles?excludeUserId={admin}")).await;
    assert_eq!(names(not_admins), ["billing-sync", "edge", "reporter"]);
    let path = format!("/api/roles?excludeApplicationId={CLIENT_ID}&type=MachineToMachine");
    let (not_edge, _) = list(&server, &path).await;
    assert_eq!(names(not_edge), ["billing-sync"]);

    for bad in [
        "/api/roles?type=Robot",
        "/api/roles?search.password=x",
        "/api/roles?search=(&mode=posix",
        "/api/roles?search=a&mode=similar_to",
    ] {
        let code = if bad.contains("type=") {
            "guard.invalid_input"
        } else {
            "request.invalid_input"
        };
        expect_error(server.get(bad).await, 400, code).await;
    }
}

#[tokio::test]
async fn create_get_change_and_delete_a_role() {
    let server = TestServer::start().await;
    let created = create_role(&server, "auditor", "User").await;
    assert_eq!(created["tenantId"], "default");
    assert_eq!(created["description"], "auditor role");
    assert_eq!(created["type"], "User");
    assert_eq!(created["isDefault"], false);
    let role_id = id(&created);
    assert_eq!(role_id.len(), 12);
    let fetched = json_of(server.get(&format!("/api/roles/{role_id}")).await, 200).await;
    assert_eq!(fetched, created);

    // Without `type`, a role is for users; duplicate names are refused.
    let plain = json_of(
        server
            .post(
                "/api/roles",
                json!({ "name": "viewer", "description": "Views", "isDefault": true }),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(plain["type"], "User");
    assert_eq!(plain["isDefault"], true);
    let again = server
        .post(
            "/api/roles",
            json!({ "name": "auditor", "description": "x" }),
        )
        .await;
    expect_error(again, 422, "role.name_in_use").await;

    let path = format!("/api/roles/{role_id}");
    let changed = json_of(
        server
            .patch(
                &path,
                json!({ "name": "auditors", "description": "Reads logs" }),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(
        (changed["name"].as_str(), changed["description"].as_str()),
        (Some("auditors"), Some("Reads logs"))
    );
    let taken = server.patch(&path, json!({ "name": "viewer" })).await;
    expect_error(taken, 422, "role.name_in_use").await;
    let unchanged = json_of(server.get(&path).await, 200).await;
    assert_eq!(unchanged["name"], "auditors");

    assert_eq!(server.delete(&path).await.status(), 204);
    expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
    expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
    let patch_missing = server.patch(&path, json!({ "name": "x" })).await;
    expect_error(patch_missing, 404, "entity.not_exists_with_id").await;
    expect_error(
        server.get("/api/roles/not%20an%20id").await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
}

#[tokio::test]
async fn malformed_role_bodies_are_refused() {
    let server = TestServer::start().await;
    let long = "x".repeat(129);
    for body in [
        json!({ "name": "no-description" }),
        json!({ "description": "no name" }),
        json!({ "name": "", "description": "empty" }),
        json!({ "name": long, "description": "too long" }),
        json!({ "name": "t", "description": "bad type", "type": "Robot" }),
        json!({ "name": "t", "description": "bad scopes", "scopeIds": "all" }),
        json!(["name"]),
    ] {
        expect_error(
            server.post("/api/roles", body.clone()).await,
            400,
            "guard.invalid_input",
        )
        .await;
    }
    let unknown_scope = json!({ "name": "t", "description": "d", "scopeIds": ["nosuchscope1"] });
    expect_error(
        server.post("/api/roles", unknown_scope).await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    let (roles, _) = list(&server, "/api/roles").await;
    assert_eq!(roles.len(), 2, "nothing was created");
    let role = create_role(&server, "r", "User").await;
    let bad_patch = server
        .patch(
            &format!("/api/roles/{}", id(&role)),
            json!({ "description": "" }),
        )
        .await;
    expect_error(bad_patch, 400, "guard.invalid_input").await;
    let not_json = server
        .api(Method::POST, "/api/roles")
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    expect_error(not_json, 400, "guard.invalid_input").await;
}

#[tokio::test]
async fn a_role_is_created_with_its_scopes() {
    let server = TestServer::start().await;
    let resource = create_resource(&server, "Billing", "https://billing.example").await;
    let read = create_scope(&server, &id(&resource), "read:invoices").await;
    let body = json!({ "name": "billing-reader", "description": "Reads invoices",
        "type": "MachineToMachine", "scopeIds": [id(&read)] });
    let role = json_of(server.post("/api/roles", body).await, 200).await;
    let (scopes, _) = list(&server, &format!("/api/roles/{}/scopes", id(&role))).await;
    assert_eq!(field(&scopes, "name"), ["read:invoices"]);
    assert_eq!(
        scopes[0]["resource"]["indicator"],
        "https://billing.example"
    );
}

#[tokio::test]
async fn the_bootstrapped_roles_cannot_be_deleted_or_renamed() {
    let server = TestServer::start().await;
    for name in ["tenant-admin", "edge"] {
        let role = role_named(&server, name).await;
        let path = format!("/api/roles/{}", id(&role));
        expect_error(
            server.delete(&path).await,
            403,
            "role.internal_role_violation",
        )
        .await;
        let rename = server
            .patch(&path, json!({ "name": format!("{name}-2") }))
            .await;
        expect_error(rename, 403, "role.internal_role_violation").await;
        let described = server
            .patch(&path, json!({ "description": "Still here" }))
            .await;
        assert_eq!(json_of(described, 200).await["name"], name);
    }
    // The edge still gets tokens, and the admin is still protected.
    server.fetch_token("all").await;
    let admin = admin_id(&server).await;
    let delete_admin = server.delete(&format!("/api/users/{admin}")).await;
    expect_error(delete_admin, 422, "user.cannot_delete_admin").await;
}

#[tokio::test]
async fn role_changes_are_audited() {
    let server = TestServer::start().await;
    let role = create_role(&server, "ops", "User").await;
    let path = format!("/api/roles/{}", id(&role));
    server
        .patch(&path, json!({ "description": "Operations" }))
        .await;
    server
        .post("/api/roles", json!({ "name": "ops", "description": "dup" }))
        .await;
    server.delete(&path).await;
    let create = audit_keys(&server, "Management.Role.Create").await;
    assert_eq!(
        create,
        [
            ("Error".into(), "role.name_in_use".into()),
            ("Success".into(), "-".into())
        ]
    );
    assert_eq!(audit_keys(&server, "Management.Role.Update").await.len(), 1);
    assert_eq!(
        audit_keys(&server, "Management.Role.Delete").await,
        [("Success".into(), "-".into())]
    );
}

#[tokio::test]
async fn concurrent_creates_of_one_name_leave_one_role() {
    let server = TestServer::start().await;
    let body = json!({ "name": "racer", "description": "Races" });
    let (a, b) = tokio::join!(
        server.post("/api/roles", body.clone()),
        server.post("/api/roles", body.clone())
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 422]);
    let (found, _) = list(&server, "/api/roles?search.name=racer&mode.name=exact").await;
    assert_eq!(found.len(), 1);
}
