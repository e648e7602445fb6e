//! `/api/resources/{id}/scopes`: single-word names, unique within a resource.

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn scopes_are_created_listed_searched_changed_and_deleted() {
    let server = TestServer::start().await;
    let resource = id(&create_resource(&server, "Docs", "https://docs.example").await);
    let path = format!("/api/resources/{resource}/scopes");
    let read = create_scope(&server, &resource, "read:docs").await;
    assert_eq!(read["resourceId"], resource.as_str());
    assert_eq!(read["description"], "read:docs things");
    assert_eq!(read["tenantId"], "default");
    create_scope(&server, &resource, "write:docs").await;
    let bare = json_of(
        server.post(&path, json!({ "name": "admin:docs" })).await,
        201,
    )
    .await;
    assert_eq!(bare["description"], "");

    let all = server.get(&path).await;
    assert!(all.headers().get("total-number").is_none());
    let all: Vec<Value> = all.json().await.unwrap();
    assert_eq!(
        field(&all, "name"),
        ["admin:docs", "read:docs", "write:docs"]
    );
    let (page, headers) = list(&server, &format!("{path}?page=1&page_size=2")).await;
    assert_eq!(headers["total-number"], "3");
    assert_eq!(page.len(), 2);
    let (found, _) = list(&server, &format!("{path}?search=%25WRITE%25")).await;
    assert_eq!(field(&found, "name"), ["write:docs"]);
    let (exact, headers) = list(
        &server,
        &format!("{path}?search.name=read:docs&mode.name=exact&page=1"),
    )
    .await;
    assert_eq!(
        (
            field(&exact, "name"),
            headers["total-number"].to_str().unwrap()
        ),
        (vec!["read:docs".to_owned()], "1")
    );
    expect_error(
        server.get(&format!("{path}?search.owner=x")).await,
        400,
        "request.invalid_input",
    )
    .await;

    let scope_path = format!("{path}/{}", id(&read));
    let changed = json_of(
        server
            .patch(&scope_path, json!({ "description": "Read documents" }))
            .await,
        200,
    )
    .await;
    assert_eq!(
        (changed["name"].as_str(), changed["description"].as_str()),
        (Some("read:docs"), Some("Read documents"))
    );
    let renamed = json_of(
        server
            .patch(&scope_path, json!({ "name": "view:docs" }))
            .await,
        200,
    )
    .await;
    assert_eq!(renamed["name"], "view:docs");
    let taken = server
        .patch(&scope_path, json!({ "name": "write:docs" }))
        .await;
    expect_error(taken, 422, "scope.name_exists").await;
    assert_eq!(server.delete(&scope_path).await.status(), 204);
    expect_error(
        server.delete(&scope_path).await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    let (left, _) = list(&server, &path).await;
    assert_eq!(field(&left, "name"), ["admin:docs", "write:docs"]);

    let keys = ["CreateScope", "UpdateScope", "DeleteScope"];
    let counts: Vec<usize> = audit_counts(&server, &keys).await;
    assert_eq!(counts, [3, 3, 2]);
}

async fn audit_counts(server: &TestServer, keys: &[&str]) -> Vec<usize> {
    let mut counts = Vec::new();
    for key in keys {
        counts.push(
            audit_keys(server, &format!("Management.Resource.{key}"))
                .await
                .len(),
        );
    }
    counts
}

#[tokio::test]
async fn scope_names_are_single_words_unique_within_their_resource() {
    let server = TestServer::start().await;
    let docs = id(&create_resource(&server, "Docs", "https://docs.example").await);
    let mail = id(&create_resource(&server, "Mail", "https://mail.example").await);
    let path = format!("/api/resources/{docs}/scopes");
    for name in ["read docs", " read", "read\tdocs"] {
        let spaced = server.post(&path, json!({ "name": name })).await;
        expect_error(spaced, 400, "scope.name_with_space").await;
    }
    for body in [
        json!({}),
        json!({ "name": "" }),
        json!({ "name": 7 }),
        json!({ "name": "x".repeat(257) }),
    ] {
        expect_error(server.post(&path, body).await, 400, "guard.invalid_input").await;
    }
    let read = create_scope(&server, &docs, "read").await;
    expect_error(
        server.post(&path, json!({ "name": "read" })).await,
        422,
        "scope.name_exists",
    )
    .await;
    create_scope(&server, &mail, "read").await;
    let spaced = server
        .patch(
            &format!("{path}/{}", id(&read)),
            json!({ "name": "read all" }),
        )
        .await;
    expect_error(spaced, 400, "scope.name_with_space").await;

    // A scope is found only under its own resource.
    let elsewhere = format!("/api/resources/{mail}/scopes/{}", id(&read));
    expect_error(
        server.patch(&elsewhere, json!({ "name": "x" })).await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    expect_error(
        server.delete(&elsewhere).await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    let unknown = server
        .post("/api/resources/nosuchres001/scopes", json!({ "name": "x" }))
        .await;
    expect_error(unknown, 404, "entity.not_exists_with_id").await;
    expect_error(
        server.get("/api/resources/nosuchres001/scopes").await,
        404,
        "entity.not_exists_with_id",
    )
    .await;

    // Deleting a resource deletes its scopes, and roles stop granting them.
    let role = id(&create_role(&server, "reader", "MachineToMachine").await);
    let grant = server
        .post(
            &format!("/api/roles/{role}/scopes"),
            json!({ "scopeIds": [id(&read)] }),
        )
        .await;
    assert_eq!(grant.status(), 201);
    assert_eq!(
        server
            .delete(&format!("/api/resources/{docs}"))
            .await
            .status(),
        204
    );
    let (granted, _) = list(&server, &format!("/api/roles/{role}/scopes")).await;
    assert!(granted.is_empty());
}
