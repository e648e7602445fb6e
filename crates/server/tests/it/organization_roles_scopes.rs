//! `/api/organization-roles/{id}/scopes` and `/resource-scopes`: what a role grants.

use crate::common::*;
use crate::organization_roles_common::*;
use serde_json::{Value, json};

/// The two relations share their rules; each case runs on both.
struct Relation {
    path: &'static str,
    field: &'static str,
}

const SCOPES: Relation = Relation {
    path: "scopes",
    field: "organizationScopeIds",
};
const RESOURCE_SCOPES: Relation = Relation {
    path: "resource-scopes",
    field: "scopeIds",
};

/// A new role and three scopes of the relation's kind, named a, b, c.
async fn setup(server: &TestServer, relation: &Relation) -> (String, Vec<String>) {
    let role = create_role(server, json!({"name": "tester"})).await;
    let scopes = if relation.path == "scopes" {
        let mut ids = Vec::new();
        for name in ["scope:a", "scope:b", "scope:c"] {
            ids.push(create_scope(server, name).await);
        }
        ids
    } else {
        let names = ["scope:a", "scope:b", "scope:c"];
        insert_resource(server, "Test API", &names).await.1
    };
    let path = format!(
        "/api/organization-roles/{}/{}",
        role["id"].as_str().unwrap(),
        relation.path
    );
    (path, scopes)
}

async fn names(server: &TestServer, path: &str) -> Vec<String> {
    field(&list(server, path).await, "name")
}

#[tokio::test]
async fn scopes_are_added_replaced_and_removed() {
    for relation in [SCOPES, RESOURCE_SCOPES] {
        let server = TestServer::start().await;
        let (path, ids) = setup(&server, &relation).await;
        assert!(list(&server, &path).await.is_empty());

        let added = server
            .post(&path, json!({ relation.field: [ids[1], ids[0], ids[1]] }))
            .await;
        assert_eq!(added.status(), 201, "{path}");
        // Adding again keeps what is held.
        let again = server
            .post(&path, json!({ relation.field: [ids[0]] }))
            .await;
        assert_eq!(again.status(), 201);
        assert_eq!(names(&server, &path).await, ["scope:a", "scope:b"]);

        let replaced = put(&server, &path, json!({ relation.field: [ids[2], ids[0]] })).await;
        assert_eq!(replaced.status(), 204);
        assert_eq!(names(&server, &path).await, ["scope:a", "scope:c"]);

        let removed = server.delete(&format!("{path}/{}", ids[0])).await;
        assert_eq!(removed.status(), 204);
        assert_eq!(names(&server, &path).await, ["scope:c"]);
        let gone = server.delete(&format!("{path}/{}", ids[0])).await;
        expect_error(gone, 404, "entity.not_found").await;

        let cleared = put(&server, &path, json!({ relation.field: [] })).await;
        assert_eq!(cleared.status(), 204);
        assert!(list(&server, &path).await.is_empty());
    }
}

#[tokio::test]
async fn the_role_list_shows_what_each_role_grants() {
    let server = TestServer::start().await;
    let (scopes_path, scope_ids) = setup(&server, &SCOPES).await;
    let resource_path = scopes_path.replace("/scopes", "/resource-scopes");
    let (resource_id, api_scopes) = insert_resource(&server, "Mail API", &["mail:send"]).await;
    let body = json!({ "organizationScopeIds": [scope_ids[2]] });
    assert_eq!(server.post(&scopes_path, body).await.status(), 201);
    let body = json!({ "scopeIds": [api_scopes[0]] });
    assert_eq!(server.post(&resource_path, body).await.status(), 201);

    let roles = list(&server, "/api/organization-roles?q=tester").await;
    assert_eq!(
        roles[0]["scopes"],
        json!([{"id": scope_ids[2], "name": "scope:c"}])
    );
    assert_eq!(
        roles[0]["resourceScopes"],
        json!([{"id": api_scopes[0], "name": "mail:send", "resource": {"id": resource_id, "name": "Mail API"}}])
    );
    let listed = list(&server, &resource_path).await;
    assert_eq!(listed.len(), 1);
    let scope = &listed[0];
    assert_eq!(scope["id"], api_scopes[0]);
    assert_eq!(scope["resourceId"], resource_id);
    assert_eq!(scope["name"], "mail:send");
    assert!(scope["createdAt"].is_i64());
}

#[tokio::test]
async fn lists_are_whole_unless_a_page_is_asked_for() {
    for relation in [SCOPES, RESOURCE_SCOPES] {
        let server = TestServer::start().await;
        let (path, ids) = setup(&server, &relation).await;
        let added = server.post(&path, json!({ relation.field: ids })).await;
        assert_eq!(added.status(), 201);

        let whole = server.get(&path).await;
        assert!(whole.headers().get("total-number").is_none());
        assert!(whole.headers().get("link").is_none());
        assert_eq!(whole.json::<Vec<Value>>().await.unwrap().len(), 3);

        let page = server.get(&format!("{path}?page=2&page_size=2")).await;
        assert_eq!(page.headers()["total-number"], "3");
        let links: Vec<&str> = page
            .headers()
            .get_all("link")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(links.len(), 3, "first, prev, last: {links:?}");
        assert!(links[1].contains("page=1") && links[1].ends_with("rel=\"prev\""));
        let page: Vec<Value> = page.json().await.unwrap();
        assert_eq!(field(&page, "name"), ["scope:c"]);

        let bad = server.get(&format!("{path}?page_size=0")).await;
        expect_error(bad, 400, "guard.invalid_pagination").await;
    }
}

#[tokio::test]
async fn unknown_ids_change_nothing() {
    for relation in [SCOPES, RESOURCE_SCOPES] {
        let server = TestServer::start().await;
        let (path, ids) = setup(&server, &relation).await;
        let added = server
            .post(&path, json!({ relation.field: [ids[0]] }))
            .await;
        assert_eq!(added.status(), 201);

        let unknown = json!({ relation.field: [ids[1], "nosuchscope1"] });
        let response = server.post(&path, unknown.clone()).await;
        expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
        let response = put(&server, &path, unknown).await;
        expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
        assert_eq!(
            names(&server, &path).await,
            ["scope:a"],
            "{path}: unchanged"
        );

        let missing = format!("/api/organization-roles/nosuchrole01/{}", relation.path);
        expect_error(server.get(&missing).await, 404, "entity.not_exists_with_id").await;
        let body = json!({ relation.field: [ids[0]] });
        let response = server.post(&missing, body.clone()).await;
        expect_error(response, 404, "entity.not_exists_with_id").await;
        let response = put(&server, &missing, body).await;
        expect_error(response, 404, "entity.not_exists_with_id").await;
        let response = server.delete(&format!("{missing}/{}", ids[0])).await;
        expect_error(response, 404, "entity.not_exists_with_id").await;
        let response = server.delete(&format!("{path}/nosuchscope1")).await;
        expect_error(response, 404, "entity.not_found").await;
    }
}

#[tokio::test]
async fn malformed_bodies_are_refused() {
    for relation in [SCOPES, RESOURCE_SCOPES] {
        let server = TestServer::start().await;
        let (path, ids) = setup(&server, &relation).await;
        for body in [
            json!({ relation.field: [] }),
            json!({ relation.field: [""] }),
            json!({ relation.field: ids[0] }),
            json!({ relation.field: [7] }),
            json!({ "ids": [ids[0]] }),
            json!([ids[0]]),
        ] {
            let response = server.post(&path, body.clone()).await;
            expect_error(response, 400, "guard.invalid_input").await;
        }
        for body in [
            json!({}),
            json!({ relation.field: [""] }),
            json!({ relation.field: null }),
        ] {
            let response = put(&server, &path, body).await;
            expect_error(response, 400, "guard.invalid_input").await;
        }
        assert!(list(&server, &path).await.is_empty());
    }
}

#[tokio::test]
async fn changes_are_audited() {
    let server = TestServer::start().await;
    for relation in [SCOPES, RESOURCE_SCOPES] {
        let (path, ids) = setup(&server, &relation).await;
        let noun = if relation.path == "scopes" {
            "Scope"
        } else {
            "ResourceScope"
        };
        let body = json!({ relation.field: [ids[0]] });
        assert_eq!(server.post(&path, body.clone()).await.status(), 201);
        let expected = format!("Management.OrganizationRole.Add{noun}s");
        assert_eq!(last_log(&server).await, (expected, "Success".into()));
        assert_eq!(put(&server, &path, body).await.status(), 204);
        let expected = format!("Management.OrganizationRole.Replace{noun}s");
        assert_eq!(last_log(&server).await, (expected, "Success".into()));
        let response = server.delete(&format!("{path}/nosuchscope1")).await;
        assert_eq!(response.status(), 404);
        let expected = format!("Management.OrganizationRole.Remove{noun}");
        assert_eq!(last_log(&server).await, (expected, "Error".into()));
        // The next setup needs a free role name.
        let role_path = path.rsplit_once('/').unwrap().0.to_owned();
        assert_eq!(server.delete(&role_path).await.status(), 204);
    }
}
