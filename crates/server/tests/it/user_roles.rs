//! A user's global roles (`/api/users/{id}/roles`) and organizations.

use std::collections::BTreeSet;

use crate::common::*;
use reqwest::{Method, Response};
use serde_json::{Value, json};
use sqlx::{Connection, PgConnection, SqliteConnection};
use tenantry_server::store::Window;

fn database_url(server: &TestServer) -> String {
    server
        .config
        .database_url
        .as_ref()
        .expect("tests name a database")
        .0
        .clone()
}

/// The id of a bootstrapped role, by name (the API has no role list yet).
async fn role_id_named(server: &TestServer, name: &str) -> String {
    let url = database_url(server);
    let sql = "SELECT id FROM roles WHERE name = $1";
    if url.starts_with("postgres") {
        let mut db = PgConnection::connect(&url).await.unwrap();
        sqlx::query_scalar(sql)
            .bind(name)
            .fetch_one(&mut db)
            .await
            .unwrap()
    } else {
        let mut db = SqliteConnection::connect(&url).await.unwrap();
        sqlx::query_scalar(sql)
            .bind(name)
            .fetch_one(&mut db)
            .await
            .unwrap()
    }
}

/// Adds a User-type role straight to the database and returns its id.
async fn insert_user_role(server: &TestServer, name: &str) -> String {
    let id = tenantry_server::ids::new_id();
    let url = database_url(server);
    let sql = "INSERT INTO roles (id, name, description, type, is_default, created_at) \
               VALUES ($1, $2, $3, 'User', $4, $5)";
    let description = format!("{name} role");
    let now = tenantry_server::ids::now_ms();
    if url.starts_with("postgres") {
        let mut db = PgConnection::connect(&url).await.unwrap();
        let query = sqlx::query(sql)
            .bind(&id)
            .bind(name)
            .bind(&description)
            .bind(false);
        query.bind(now).execute(&mut db).await.unwrap();
    } else {
        let mut db = SqliteConnection::connect(&url).await.unwrap();
        let query = sqlx::query(sql)
            .bind(&id)
            .bind(name)
            .bind(&description)
            .bind(false);
        query.bind(now).execute(&mut db).await.unwrap();
    }
    id
}

/// The ids of the roles the user holds, as the API lists them.
async fn held(server: &TestServer, user_id: &str) -> BTreeSet<String> {
    let response = server
        .get(&format!("/api/users/{user_id}/roles?page_size=100"))
        .await;
    assert_eq!(response.status(), 200);
    let roles: Vec<Value> = response.json().await.unwrap();
    roles
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| id.to_string()).collect()
}

async fn new_user(server: &TestServer, username: &str) -> String {
    let user = server.create_user(json!({ "username": username })).await;
    user["id"].as_str().unwrap().to_owned()
}

async fn put_roles(server: &TestServer, user_id: &str, ids: &[&str]) -> Response {
    let path = format!("/api/users/{user_id}/roles");
    server
        .send_json(Method::PUT, &path, json!({ "roleIds": ids }))
        .await
}

#[tokio::test]
async fn the_admin_holds_the_bootstrapped_tenant_admin_role() {
    let server = TestServer::start().await;
    let admin = admin_id(&server).await;
    let response = server.get(&format!("/api/users/{admin}/roles")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["total-number"], "1");
    let url = format!("http://tenantry.test/api/users/{admin}/roles?page=1");
    let link: Vec<&str> = response
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        link.join(", "),
        format!("<{url}>; rel=\"first\", <{url}>; rel=\"last\"")
    );
    let roles: Vec<Value> = response.json().await.unwrap();
    assert_eq!(roles.len(), 1);
    let role = &roles[0];
    assert_eq!(role["name"], "tenant-admin");
    assert_eq!(role["type"], "User");
    assert_eq!(role["isDefault"], false);
    assert!(role["description"].is_string());
    let id = role["id"].as_str().unwrap();
    assert_eq!(id, role_id_named(&server, "tenant-admin").await);
    let stored = server.state.store.role(id).await.unwrap().unwrap();
    assert_eq!(stored.role_type, "User");

    let edge = role_id_named(&server, "edge").await;
    let stored = server.state.store.role(&edge).await.unwrap().unwrap();
    assert_eq!(stored.role_type, "MachineToMachine");
    let window = Window {
        limit: 10,
        offset: 0,
    };
    let (records, total) = server.state.store.user_roles(&admin, window).await.unwrap();
    assert_eq!((records.len(), total), (1, 1));
}

#[tokio::test]
async fn post_adds_roles_and_a_repeat_adds_nothing() {
    let server = TestServer::start().await;
    let admin_role = role_id_named(&server, "tenant-admin").await;
    let auditor = insert_user_role(&server, "auditor").await;
    let user = new_user(&server, "roley").await;
    let path = format!("/api/users/{user}/roles");
    assert_eq!(held(&server, &user).await, set(&[]));

    let response = server.post(&path, json!({ "roleIds": [admin_role] })).await;
    assert_eq!(response.status(), 201);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(
        answer,
        json!({"roleIds": [admin_role], "addedRoleIds": [admin_role]})
    );
    assert_eq!(held(&server, &user).await, set(&[&admin_role]));

    let both = json!({ "roleIds": [admin_role, auditor] });
    let answer: Value = server.post(&path, both).await.json().await.unwrap();
    assert_eq!(
        answer,
        json!({"roleIds": [admin_role, auditor], "addedRoleIds": [auditor]})
    );

    let again = server.post(&path, json!({ "roleIds": [auditor] })).await;
    assert_eq!(again.status(), 201);
    let answer: Value = again.json().await.unwrap();
    assert_eq!(answer, json!({"roleIds": [auditor], "addedRoleIds": []}));
    assert_eq!(held(&server, &user).await, set(&[&admin_role, &auditor]));

    // The roles carry their details.
    let roles: Vec<Value> = server.get(&path).await.json().await.unwrap();
    let auditor_json = roles.iter().find(|r| r["id"] == auditor.as_str()).unwrap();
    let expected = json!({"id": auditor, "name": "auditor", "description": "auditor role",
        "type": "User", "isDefault": false});
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(&auditor_json[key], value, "{key}");
    }
}

#[tokio::test]
async fn put_replaces_the_roles() {
    let server = TestServer::start().await;
    let (a, b, c) = (
        insert_user_role(&server, "role_a").await,
        insert_user_role(&server, "role_b").await,
        insert_user_role(&server, "role_c").await,
    );
    let user = new_user(&server, "replaced").await;
    let path = format!("/api/users/{user}/roles");
    assert_eq!(
        server
            .post(&path, json!({ "roleIds": [a, b] }))
            .await
            .status(),
        201
    );

    let response = put_roles(&server, &user, &[&b, &c]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(held(&server, &user).await, set(&[&b, &c]));
    assert_eq!(put_roles(&server, &user, &[]).await.status(), 200);
    assert_eq!(held(&server, &user).await, set(&[]));
    // Another user's roles are untouched.
    let admin = admin_id(&server).await;
    assert_eq!(held(&server, &admin).await.len(), 1);
}

#[tokio::test]
async fn delete_removes_a_held_role() {
    let server = TestServer::start().await;
    let (a, b) = (
        insert_user_role(&server, "role_a").await,
        insert_user_role(&server, "role_b").await,
    );
    let user = new_user(&server, "deleter").await;
    assert_eq!(put_roles(&server, &user, &[&a, &b]).await.status(), 200);
    let path = format!("/api/users/{user}/roles/{a}");
    assert_eq!(server.delete(&path).await.status(), 204);
    assert_eq!(held(&server, &user).await, set(&[&b]));
    expect_error(server.delete(&path).await, 404, "entity.not_found").await;
    let unknown = format!("/api/users/{user}/roles/nosuchrole00");
    expect_error(
        server.delete(&unknown).await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    let odd = format!("/api/users/{user}/roles/%27%3B--");
    expect_error(server.delete(&odd).await, 404, "entity.not_exists_with_id").await;
    assert_eq!(held(&server, &user).await, set(&[&b]));
}

#[tokio::test]
async fn unknown_and_machine_roles_are_refused_without_change() {
    let server = TestServer::start().await;
    let kept = insert_user_role(&server, "kept").await;
    let extra = insert_user_role(&server, "extra").await;
    let edge = role_id_named(&server, "edge").await;
    let user = new_user(&server, "guarded").await;
    let path = format!("/api/users/{user}/roles");
    assert_eq!(put_roles(&server, &user, &[&kept]).await.status(), 200);

    for ids in [vec![extra.as_str(), "nosuchrole00"], vec!["nosuchrole00"]] {
        let response = server.post(&path, json!({ "roleIds": ids })).await;
        expect_error(response, 404, "entity.not_exists_with_id").await;
        let response = put_roles(&server, &user, &ids).await;
        expect_error(response, 404, "entity.not_exists_with_id").await;
        assert_eq!(held(&server, &user).await, set(&[&kept]), "{ids:?}");
    }
    for ids in [vec![extra.as_str(), edge.as_str()], vec![edge.as_str()]] {
        let response = server.post(&path, json!({ "roleIds": ids })).await;
        expect_error(response, 422, "user.invalid_role_type").await;
        let response = put_roles(&server, &user, &ids).await;
        expect_error(response, 422, "user.invalid_role_type").await;
        assert_eq!(held(&server, &user).await, set(&[&kept]), "{ids:?}");
    }
}

#[tokio::test]
async fn malformed_role_bodies_are_refused_without_change() {
    let server = TestServer::start().await;
    let kept = insert_user_role(&server, "kept").await;
    let user = new_user(&server, "malformed").await;
    let path = format!("/api/users/{user}/roles");
    assert_eq!(put_roles(&server, &user, &[&kept]).await.status(), 200);
    for method in [Method::POST, Method::PUT] {
        for body in [
            json!({}),
            json!({"roleIds": "x"}),
            json!({"roleIds": [1]}),
            json!([]),
        ] {
            let response = server.send_json(method.clone(), &path, body.clone()).await;
            expect_error(response, 400, "guard.invalid_input").await;
        }
        let request = server
            .api(method.clone(), &path)
            .header("content-type", "application/json");
        let response = request.body("{\"roleIds\": [").send().await.unwrap();
        assert_eq!(response.status(), 400, "{method} broken JSON");
        let body: Value = response.json().await.unwrap();
        assert!(
            body["code"].is_string() && body["message"].is_string(),
            "{body}"
        );
        assert_eq!(held(&server, &user).await, set(&[&kept]));
    }
}

#[tokio::test]
async fn role_routes_of_an_unknown_user_answer_404() {
    let server = TestServer::start().await;
    let role = role_id_named(&server, "tenant-admin").await;
    for user in ["nosuchuser00", "a%20b", "%E2%9C%93"] {
        let path = format!("/api/users/{user}/roles");
        expect_error(server.get(&path).await, 404, "entity.not_found").await;
        let post = server.post(&path, json!({ "roleIds": [role] })).await;
        expect_error(post, 404, "entity.not_found").await;
        expect_error(
            put_roles(&server, user, &[&role]).await,
            404,
            "entity.not_found",
        )
        .await;
        let delete = server.delete(&format!("{path}/{role}")).await;
        expect_error(delete, 404, "entity.not_found").await;
        let organizations = server
            .get(&format!("/api/users/{user}/organizations"))
            .await;
        expect_error(organizations, 404, "entity.not_found").await;
    }
}

#[tokio::test]
async fn roles_are_paginated() {
    let server = TestServer::start().await;
    let user = new_user(&server, "many_roles").await;
    let mut ids = Vec::new();
    for name in ["role_x", "role_y", "role_z"] {
        ids.push(insert_user_role(&server, name).await);
    }
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(put_roles(&server, &user, &refs).await.status(), 200);
    let path = format!("/api/users/{user}/roles");
    let base = format!("http://tenantry.test{path}");

    let first = server.get(&format!("{path}?page=1&page_size=2")).await;
    assert_eq!(first.headers()["total-number"], "3");
    let link: Vec<&str> = first
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let expected = format!(
        "<{base}?page=1&page_size=2>; rel=\"first\", <{base}?page=2&page_size=2>; rel=\"last\", \
         <{base}?page=2&page_size=2>; rel=\"next\""
    );
    assert_eq!(link.join(", "), expected);
    let first: Vec<Value> = first.json().await.unwrap();
    let second = server.get(&format!("{path}?page=2&page_size=2")).await;
    assert_eq!(second.headers()["total-number"], "3");
    let second: Vec<Value> = second.json().await.unwrap();
    assert_eq!((first.len(), second.len()), (2, 1));
    let seen: BTreeSet<String> = first
        .iter()
        .chain(&second)
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(seen, set(&refs), "the pages hold every role once");

    for bad in [
        "page=0",
        "page=-1",
        "page=x",
        "page_size=0",
        "page_size=101",
    ] {
        let response = server.get(&format!("{path}?{bad}")).await;
        expect_error(response, 400, "guard.invalid_pagination").await;
    }
}

#[tokio::test]
async fn organizations_are_empty_until_they_exist() {
    let server = TestServer::start().await;
    let user = new_user(&server, "unaffiliated").await;
    let response = server
        .get(&format!("/api/users/{user}/organizations"))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.json::<Value>().await.unwrap(), json!([]));
    let admin = admin_id(&server).await;
    let response = server
        .get(&format!("/api/users/{admin}/organizations"))
        .await;
    assert_eq!(response.json::<Value>().await.unwrap(), json!([]));
}
