//! `/api/organizations`: create, read, change, delete, and the audit rows they leave.

use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

async fn create(server: &TestServer, body: Value) -> Value {
    let response = server.post("/api/organizations", body).await;
    assert_eq!(response.status(), 201, "create organization");
    response.json().await.unwrap()
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[tokio::test]
async fn an_organization_is_created_read_updated_and_deleted() {
    let server = TestServer::start().await;
    let before = tenantry_server::ids::now_ms();
    let minimal = create(&server, json!({ "name": "Acme" })).await;
    let id = minimal["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 12);
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    );
    assert_eq!(
        keys(&minimal),
        [
            "branding",
            "color",
            "createdAt",
            "customCss",
            "customData",
            "description",
            "id",
            "isMfaRequired",
            "name"
        ]
    );
    assert_eq!(minimal["name"], "Acme");
    assert_eq!(minimal["description"], Value::Null);
    assert_eq!(minimal["customData"], json!({}));
    assert_eq!(minimal["isMfaRequired"], false);
    assert_eq!(minimal["color"], json!({}));
    assert_eq!(minimal["branding"], json!({}));
    assert_eq!(minimal["customCss"], Value::Null);
    assert!(minimal["createdAt"].as_i64().unwrap() >= before);

    let full = create(
        &server,
        json!({
            "name": "Globex",
            "description": "Widgets",
            "customData": { "plan": "pro", "seats": 10 },
            "isMfaRequired": true,
            "color": { "primaryColor": "#112233", "isDarkModeEnabled": false, "extra": 1 },
            "branding": { "logoUrl": "https://globex.test/logo.png" },
            "customCss": "body { color: red; }",
            "id": "chosenbyme00",
            "createdAt": 1
        }),
    )
    .await;
    assert_ne!(full["id"], "chosenbyme00", "the server picks the id");
    assert_ne!(full["createdAt"], 1);
    assert_eq!(full["description"], "Widgets");
    assert_eq!(full["customData"], json!({ "plan": "pro", "seats": 10 }));
    assert_eq!(full["isMfaRequired"], true);
    assert_eq!(
        full["color"],
        json!({ "primaryColor": "#112233", "isDarkModeEnabled": false })
    );
    assert_eq!(
        full["branding"],
        json!({ "logoUrl": "https://globex.test/logo.png" })
    );
    assert_eq!(full["customCss"], "body { color: red; }");

    let path = format!("/api/organizations/{}", full["id"].as_str().unwrap());
    let got = server.get(&path).await;
    assert_eq!(got.status(), 200);
    assert_eq!(got.json::<Value>().await.unwrap(), full);

    let patched = server
        .patch(
            &path,
            json!({ "name": "Globex Corp", "description": null, "customData": { "plan": "free" } }),
        )
        .await;
    assert_eq!(patched.status(), 200);
    let patched: Value = patched.json().await.unwrap();
    assert_eq!(patched["name"], "Globex Corp");
    assert_eq!(patched["description"], Value::Null);
    assert_eq!(patched["customData"], json!({ "plan": "free" }), "replaced");
    assert_eq!(patched["isMfaRequired"], true, "fields not sent are kept");
    assert_eq!(patched["customCss"], "body { color: red; }");
    assert_eq!(patched["createdAt"], full["createdAt"]);
    let empty = server.patch(&path, json!({})).await;
    assert_eq!(empty.json::<Value>().await.unwrap(), patched);
    let cleared = server
        .patch(
            &path,
            json!({ "customCss": null, "isMfaRequired": false, "color": {} }),
        )
        .await;
    let cleared: Value = cleared.json().await.unwrap();
    assert_eq!(cleared["customCss"], Value::Null);
    assert_eq!(cleared["isMfaRequired"], false);
    assert_eq!(cleared["color"], json!({}));
    assert_eq!(
        server.get(&path).await.json::<Value>().await.unwrap(),
        cleared
    );

    assert_eq!(server.delete(&path).await.status(), 204);
    expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
    expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
    let gone = server.patch(&path, json!({ "name": "x" })).await;
    expect_error(gone, 404, "entity.not_exists_with_id").await;
    let other = format!("/api/organizations/{id}");
    assert_eq!(server.get(&other).await.status(), 200, "others stay");
}

#[tokio::test]
async fn unknown_and_impossible_ids_answer_404() {
    let server = TestServer::start().await;
    for id in ["nosuchorg000", "a%20b", "%E2%9C%93", &"x".repeat(65)] {
        let path = format!("/api/organizations/{id}");
        let body = expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
        assert!(body["message"].as_str().unwrap().contains("organization"));
        let patch = server.patch(&path, json!({ "name": "n" })).await;
        expect_error(patch, 404, "entity.not_exists_with_id").await;
        expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let server = TestServer::start().await;
    let bad_creates = [
        json!({}),
        json!({ "name": "" }),
        json!({ "name": null }),
        json!({ "name": 5 }),
        json!({ "name": "n".repeat(129) }),
        json!({ "name": "n", "description": "d".repeat(257) }),
        json!({ "name": "n", "customData": [1] }),
        json!({ "name": "n", "customData": "x" }),
        json!({ "name": "n", "isMfaRequired": "yes" }),
        json!({ "name": "n", "color": { "primaryColor": "blue" } }),
        json!({ "name": "n", "color": [] }),
        json!({ "name": "n", "branding": { "favicon": "not a url" } }),
        json!({ "name": "n", "customCss": 1 }),
        json!({ "name": "a\u{0}b" }),
    ];
    for body in bad_creates {
        let response = server.post("/api/organizations", body.clone()).await;
        expect_error(response, 400, "guard.invalid_input").await;
    }
    let ok = create(
        &server,
        json!({ "name": "n".repeat(128), "description": "d".repeat(256) }),
    )
    .await;
    let raw = server
        .api(Method::POST, "/api/organizations")
        .header("content-type", "application/json")
        .body("{\"name\":")
        .send()
        .await
        .unwrap();
    expect_error(raw, 400, "guard.invalid_input").await;
    let array = server
        .post("/api/organizations", json!([{ "name": "n" }]))
        .await;
    expect_error(array, 400, "guard.invalid_input").await;

    let path = format!("/api/organizations/{}", ok["id"].as_str().unwrap());
    for body in [
        json!({ "name": null }),
        json!({ "name": "" }),
        json!({ "description": "d".repeat(257) }),
        json!({ "customData": null }),
        json!({ "color": { "darkPrimaryColor": "#12" } }),
        json!({ "branding": { "logoUrl": 3 } }),
        json!({ "isMfaRequired": null }),
    ] {
        let response = server.patch(&path, body.clone()).await;
        expect_error(response, 400, "guard.invalid_input").await;
    }
    let unchanged = server.get(&path).await.json::<Value>().await.unwrap();
    assert_eq!(unchanged, ok, "refused requests change nothing");
    let (_, total) = list_with_total(&server, "/api/organizations").await;
    assert_eq!(total, 1, "only the valid organization was created");
}

fn names(items: &[Value]) -> Vec<&str> {
    items.iter().map(|o| o["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn organizations_are_listed_newest_first_with_pages_and_search() {
    let server = TestServer::start().await;
    let mut ids = Vec::new();
    for name in [
        "Alpha Team",
        "beta team",
        "Gamma",
        "100% Delta",
        "Epsilon_X",
    ] {
        ids.push(create(&server, json!({ "name": name })).await["id"].clone());
        server.clock.advance_ms(3);
    }
    let (all, total) = list_with_total(&server, "/api/organizations").await;
    assert_eq!(total, 5);
    assert_eq!(
        names(&all),
        [
            "Epsilon_X",
            "100% Delta",
            "Gamma",
            "beta team",
            "Alpha Team"
        ]
    );
    assert!(all.iter().all(|o| o.get("usersCount").is_none()));

    let response = server.get("/api/organizations?page=2&page_size=2").await;
    let base = "http://tenantry.test/api/organizations";
    let link: Vec<&str> = response
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        link.join(", "),
        format!(
            "<{base}?page=1&page_size=2>; rel=\"first\", <{base}?page=1&page_size=2>; rel=\"prev\", \
             <{base}?page=3&page_size=2>; rel=\"last\", <{base}?page=3&page_size=2>; rel=\"next\""
        )
    );
    assert_eq!(response.headers()["total-number"], "5");
    let page: Vec<Value> = response.json().await.unwrap();
    assert_eq!(names(&page), ["Gamma", "beta team"]);

    let (found, total) = list_with_total(&server, "/api/organizations?q=TEAM").await;
    assert_eq!((names(&found), total), (vec!["beta team", "Alpha Team"], 2));
    let (found, _) = list_with_total(&server, "/api/organizations?q=%25%20").await;
    assert_eq!(names(&found), ["100% Delta"], "% is literal");
    let (found, _) = list_with_total(&server, "/api/organizations?q=n_").await;
    assert_eq!(names(&found), ["Epsilon_X"], "_ is literal");
    let id = ids[2].as_str().unwrap();
    let (found, _) = list_with_total(&server, &format!("/api/organizations?q={}", &id[2..9])).await;
    assert!(names(&found).contains(&"Gamma"), "q matches the id");
    let (found, total) = list_with_total(&server, "/api/organizations?q=nothing-like-it").await;
    assert_eq!((found.len(), total), (0, 0));

    for flag in ["true", "1"] {
        let path = format!("/api/organizations?showFeatured={flag}&page_size=1");
        let (featured, _) = list_with_total(&server, &path).await;
        assert_eq!(featured[0]["usersCount"], 0);
        assert_eq!(featured[0]["featuredUsers"], json!([]));
    }

    for bad in ["page=0", "page_size=101", "page=x"] {
        let response = server.get(&format!("/api/organizations?{bad}")).await;
        expect_error(response, 400, "guard.invalid_pagination").await;
    }
}

#[tokio::test]
async fn each_change_leaves_an_audit_row() {
    let server = TestServer::start().await;
    let org = create(&server, json!({ "name": "Audited" })).await;
    let path = format!("/api/organizations/{}", org["id"].as_str().unwrap());
    server.advance_ms(1000).await;
    assert_eq!(
        server.patch(&path, json!({ "name": "A2" })).await.status(),
        200
    );
    server.advance_ms(1000).await;
    let refused = server.post("/api/organizations", json!({})).await;
    assert_eq!(refused.status(), 400);
    server.advance_ms(1000).await;
    assert_eq!(server.delete(&path).await.status(), 204);

    let logs: Vec<Value> = server
        .get("/api/logs?page_size=4")
        .await
        .json()
        .await
        .unwrap();
    let seen: Vec<String> = logs
        .iter()
        .map(|row| {
            format!(
                "{} {}",
                row["key"].as_str().unwrap(),
                row["payload"]["result"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            "Management.Organization.Delete Success",
            "Management.Organization.Create Error",
            "Management.Organization.Update Success",
            "Management.Organization.Create Success",
        ]
    );
}
