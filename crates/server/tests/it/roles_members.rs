//! `/api/roles/{id}/users`, `/applications` and `/scopes`: who holds a role and what
//! it grants; User roles only for users, machine-to-machine roles only for apps.

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn users_join_and_leave_a_role() {
    let server = TestServer::start().await;
    let role = id(&create_role(&server, "editor", "User").await);
    let ann = id(&server
        .create_user(json!({ "username": "ann", "name": "Ann" }))
        .await);
    let ben = id(&server.create_user(json!({ "username": "ben" })).await);
    let path = format!("/api/roles/{role}/users");
    let added = server
        .post(&path, json!({ "userIds": [ann, ben, ann] }))
        .await;
    assert_eq!(added.status(), 201);

    let (users, headers) = list(&server, &format!("{path}?page_size=1")).await;
    assert_eq!(headers["total-number"], "2");
    assert_eq!(field(&users, "username"), ["ben"], "newest first");
    let (found, _) = list(
        &server,
        &format!("{path}?search.username=ann&mode.username=exact"),
    )
    .await;
    assert_eq!(field(&found, "username"), ["ann"]);
    assert_eq!(found[0]["hasPassword"], false);
    let held = json_of(server.get(&format!("/api/users/{ann}/roles")).await, 200).await;
    assert_eq!(held[0]["name"], "editor");

    let twice = server.post(&path, json!({ "userIds": [ben] })).await;
    let body = expect_error(twice, 422, "role.user_exists").await;
    assert_eq!(body["data"]["userId"], ben.as_str());
    let unknown = server
        .post(&path, json!({ "userIds": ["nosuchuser01"] }))
        .await;
    expect_error(unknown, 404, "entity.not_found").await;
    for bad in [
        json!({ "userIds": [] }),
        json!({ "userIds": [""] }),
        json!({ "userIds": "ann" }),
        json!({}),
    ] {
        expect_error(server.post(&path, bad).await, 400, "guard.invalid_input").await;
    }
    let missing_role = server
        .post("/api/roles/nosuchrole01/users", json!({ "userIds": [ann] }))
        .await;
    expect_error(missing_role, 404, "entity.not_exists_with_id").await;
    expect_error(
        server.get("/api/roles/nosuchrole01/users").await,
        404,
        "entity.not_exists_with_id",
    )
    .await;

    assert_eq!(server.delete(&format!("{path}/{ann}")).await.status(), 204);
    expect_error(
        server.delete(&format!("{path}/{ann}")).await,
        404,
        "entity.not_found",
    )
    .await;
    let (left, _) = list(&server, &path).await;
    assert_eq!(field(&left, "username"), ["ben"]);
    let keys = audit_keys(&server, "Management.Role.AssignUsers").await;
    assert_eq!(keys.iter().filter(|k| k.0 == "Success").count(), 1);
    assert_eq!(
        audit_keys(&server, "Management.Role.RemoveUser")
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn role_types_decide_who_may_hold_them() {
    let server = TestServer::start().await;
    let user_role = id(&create_role(&server, "people", "User").await);
    let robot_role = id(&create_role(&server, "robots", "MachineToMachine").await);
    let ann = id(&server.create_user(json!({ "username": "ann" })).await);
    let app = id(&create_app(&server, "Sync job").await);

    let to_user = server
        .post(
            &format!("/api/roles/{robot_role}/users"),
            json!({ "userIds": [ann] }),
        )
        .await;
    // Logto's codes differ by route: a constraint here, a check on the user's route.
    expect_error(to_user, 422, "entity.db_constraint_violated").await;
    let via_user = server
        .post(
            &format!("/api/users/{ann}/roles"),
            json!({ "roleIds": [robot_role] }),
        )
        .await;
    expect_error(via_user, 422, "user.invalid_role_type").await;
    let to_app = server
        .post(
            &format!("/api/roles/{user_role}/applications"),
            json!({ "applicationIds": [app] }),
        )
        .await;
    expect_error(to_app, 422, "application.invalid_role_type").await;
    let via_app = server
        .post(
            &format!("/api/applications/{app}/roles"),
            json!({ "roleIds": [user_role] }),
        )
        .await;
    expect_error(via_app, 422, "application.invalid_role_type").await;
    let (none, _) = list(&server, &format!("/api/roles/{user_role}/applications")).await;
    assert!(none.is_empty());
}

#[tokio::test]
async fn applications_join_and_leave_a_role() {
    let server = TestServer::start().await;
    let role = id(&create_role(&server, "reporting", "MachineToMachine").await);
    let first = id(&create_app(&server, "First").await);
    let second = id(&create_app(&server, "Second").await);
    let path = format!("/api/roles/{role}/applications");
    let added = server
        .post(&path, json!({ "applicationIds": [first, second] }))
        .await;
    assert_eq!(added.status(), 201);
    let (apps, headers) = list(&server, &format!("{path}?page=1&page_size=1")).await;
    assert_eq!(headers["total-number"], "2");
    assert_eq!(field(&apps, "name"), ["Second"]);
    assert_eq!(apps[0]["type"], "MachineToMachine");

    let twice = server
        .post(&path, json!({ "applicationIds": [first] }))
        .await;
    expect_error(twice, 422, "role.application_exists").await;
    let unknown = server
        .post(&path, json!({ "applicationIds": ["nosuchapp001"] }))
        .await;
    expect_error(unknown, 404, "entity.not_exists_with_id").await;
    expect_error(
        server.post(&path, json!({ "applicationIds": [] })).await,
        400,
        "guard.invalid_input",
    )
    .await;

    assert_eq!(
        server.delete(&format!("{path}/{first}")).await.status(),
        204
    );
    expect_error(
        server.delete(&format!("{path}/{first}")).await,
        404,
        "entity.not_found",
    )
    .await;
    let gone = server.delete(&format!("{path}/nosuchapp001")).await;
    expect_error(gone, 404, "entity.not_exists_with_id").await;
    let (left, _) = list(&server, &path).await;
    assert_eq!(field(&left, "name"), ["Second"]);
    assert_eq!(
        audit_keys(&server, "Management.Role.AssignApplications")
            .await
            .len(),
        4
    );
    assert_eq!(
        audit_keys(&server, "Management.Role.RemoveApplication")
            .await
            .len(),
        3
    );
}

#[tokio::test]
async fn scopes_are_granted_and_taken_back() {
    let server = TestServer::start().await;
    let resource = id(&create_resource(&server, "Reports", "https://reports.example").await);
    let read = id(&create_scope(&server, &resource, "read").await);
    let write = id(&create_scope(&server, &resource, "write").await);
    let role = id(&create_role(&server, "report-writer", "MachineToMachine").await);
    let path = format!("/api/roles/{role}/scopes");

    let granted = json_of(
        server
            .post(&path, json!({ "scopeIds": [read, write] }))
            .await,
        201,
    )
    .await;
    let names: Vec<&str> = granted
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["read", "write"]);
    let all = server.get(&path).await;
    assert!(
        all.headers().get("total-number").is_none(),
        "not paginated unless asked"
    );
    let all: Vec<serde_json::Value> = all.json().await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["resource"]["id"], resource.as_str());
    assert_eq!(all[0]["resourceId"], resource.as_str());
    let (page, headers) = list(&server, &format!("{path}?page=2&page_size=1")).await;
    assert_eq!(headers["total-number"], "2");
    assert_eq!(field(&page, "name"), ["write"]);

    let twice = server.post(&path, json!({ "scopeIds": [read] })).await;
    expect_error(twice, 422, "role.scope_exists").await;
    let unknown = server
        .post(&path, json!({ "scopeIds": ["nosuchscope1"] }))
        .await;
    expect_error(unknown, 404, "entity.not_exists_with_id").await;
    assert_eq!(
        server.delete(&format!("{path}/{write}")).await.status(),
        204
    );
    expect_error(
        server.delete(&format!("{path}/{write}")).await,
        404,
        "entity.not_found",
    )
    .await;
    let (left, _) = list(&server, &path).await;
    assert_eq!(field(&left, "name"), ["read"]);
}

#[tokio::test]
async fn protected_roles_keep_their_holders_and_the_all_scope() {
    let server = TestServer::start().await;
    let admin_role = id(&role_named(&server, "tenant-admin").await);
    let admin = admin_id(&server).await;
    let last = server
        .delete(&format!("/api/roles/{admin_role}/users/{admin}"))
        .await;
    expect_error(last, 422, "role.last_admin").await;

    let (scopes, _) = list(&server, &format!("/api/roles/{admin_role}/scopes")).await;
    assert_eq!(field(&scopes, "name"), ["all"]);
    let all = id(&scopes[0]);
    for name in ["tenant-admin", "edge"] {
        let role = id(&role_named(&server, name).await);
        let removed = server
            .delete(&format!("/api/roles/{role}/scopes/{all}"))
            .await;
        expect_error(removed, 403, "role.internal_role_violation").await;
    }
    // A second admin: now the first may lose the role through the role's own route.
    let other = id(&server
        .create_user(json!({ "username": "second_admin" }))
        .await);
    let path = format!("/api/roles/{admin_role}/users");
    assert_eq!(
        server
            .post(&path, json!({ "userIds": [other] }))
            .await
            .status(),
        201
    );
    assert_eq!(
        server.delete(&format!("{path}/{admin}")).await.status(),
        204
    );
    server.fetch_token("all").await;
}
