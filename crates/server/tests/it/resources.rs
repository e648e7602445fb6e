//! `/api/resources`: API resources, the default one, and the Management API that
//! stays as bootstrapped.

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn resources_are_listed_whole_or_by_page_with_their_scopes() {
    let server = TestServer::start().await;
    let all = server.get("/api/resources").await;
    assert!(
        all.headers().get("total-number").is_none(),
        "not paginated unless asked"
    );
    let all: Vec<Value> = all.json().await.unwrap();
    assert_eq!(all.len(), 1);
    let api = &all[0];
    assert_eq!(api["id"], "management-api");
    assert_eq!(api["indicator"], INDICATOR);
    assert_eq!(api["tenantId"], "default");
    assert_eq!(api["accessTokenTtl"], 3600);
    assert!(api.get("scopes").is_none());

    let billing = id(&create_resource(&server, "Billing", "https://billing.example").await);
    create_scope(&server, &billing, "read").await;
    let (with_scopes, _) = list(&server, "/api/resources?includeScopes=true").await;
    assert_eq!(
        field(&with_scopes, "name"),
        ["Logto Management API", "Billing"]
    );
    let scope_names = |r: &Value| field(r["scopes"].as_array().unwrap(), "name");
    assert_eq!(scope_names(&with_scopes[0]), ["all"]);
    assert_eq!(scope_names(&with_scopes[1]), ["read"]);

    let (page, headers) = list(&server, "/api/resources?page=2&page_size=1").await;
    assert_eq!(headers["total-number"], "2");
    assert_eq!(field(&page, "name"), ["Billing"]);
    let bad = server.get("/api/resources?page=0").await;
    expect_error(bad, 400, "guard.invalid_pagination").await;
}

#[tokio::test]
async fn create_get_change_and_delete_a_resource() {
    let server = TestServer::start().await;
    let body =
        json!({ "name": "Orders", "indicator": "https://orders.example", "accessTokenTtl": 600 });
    let created = json_of(server.post("/api/resources", body).await, 201).await;
    assert_eq!(created["accessTokenTtl"], 600);
    assert_eq!(created["isDefault"], false);
    assert_eq!(created["scopes"], json!([]));
    let resource = id(&created);
    let path = format!("/api/resources/{resource}");
    let fetched = json_of(server.get(&path).await, 200).await;
    assert_eq!(fetched["indicator"], "https://orders.example");

    let again = server
        .post(
            "/api/resources",
            json!({ "name": "Other", "indicator": "https://orders.example" }),
        )
        .await;
    expect_error(again, 422, "resource.resource_identifier_in_use").await;
    let default_ttl = create_resource(&server, "Stock", "https://stock.example").await;
    assert_eq!(default_ttl["accessTokenTtl"], 3600);

    let changed = json_of(
        server
            .patch(
                &path,
                json!({ "name": "Orders API", "accessTokenTtl": 120 }),
            )
            .await,
        200,
    )
    .await;
    assert_eq!(
        (changed["name"].as_str(), changed["accessTokenTtl"].as_i64()),
        (Some("Orders API"), Some(120))
    );
    assert_eq!(
        changed["indicator"], "https://orders.example",
        "the indicator stays"
    );

    assert_eq!(server.delete(&path).await.status(), 204);
    expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
    expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
    expect_error(
        server.patch(&path, json!({ "name": "x" })).await,
        404,
        "entity.not_exists_with_id",
    )
    .await;
    assert_eq!(
        audit_keys(&server, "Management.Resource.Create")
            .await
            .len(),
        3
    );
    assert_eq!(
        audit_keys(&server, "Management.Resource.Update")
            .await
            .len(),
        2
    );
    assert_eq!(
        audit_keys(&server, "Management.Resource.Delete")
            .await
            .len(),
        2
    );
}

#[tokio::test]
async fn malformed_resources_are_refused() {
    let server = TestServer::start().await;
    for body in [
        json!({ "name": "no indicator" }),
        json!({ "indicator": "https://no-name.example" }),
        json!({ "name": "", "indicator": "https://empty.example" }),
        json!({ "name": "a", "indicator": "" }),
        json!({ "name": "a", "indicator": "https://ttl.example", "accessTokenTtl": 0 }),
        json!({ "name": "a", "indicator": "https://ttl.example", "accessTokenTtl": "long" }),
        json!([1]),
    ] {
        expect_error(
            server.post("/api/resources", body).await,
            400,
            "guard.invalid_input",
        )
        .await;
    }
    let resource = id(&create_resource(&server, "R", "https://r.example").await);
    let bad_ttl = server
        .patch(
            &format!("/api/resources/{resource}"),
            json!({ "accessTokenTtl": -5 }),
        )
        .await;
    expect_error(bad_ttl, 400, "guard.invalid_input").await;
    let (all, _) = list(&server, "/api/resources").await;
    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn one_resource_at_most_is_the_default() {
    let server = TestServer::start().await;
    let first = id(&create_resource(&server, "First", "https://first.example").await);
    let second = id(&create_resource(&server, "Second", "https://second.example").await);
    let set = |id: &str, value: bool| {
        let path = format!("/api/resources/{id}/is-default");
        let server = &server;
        async move {
            json_of(
                server.patch(&path, json!({ "isDefault": value })).await,
                200,
            )
            .await
        }
    };
    assert_eq!(set(&first, true).await["isDefault"], true);
    assert_eq!(set(&second, true).await["isDefault"], true);
    let (all, _) = list(&server, "/api/resources").await;
    let defaults: Vec<&Value> = all.iter().filter(|r| r["isDefault"] == true).collect();
    assert_eq!(defaults.len(), 1);
    assert_eq!(defaults[0]["id"], second.as_str());
    assert_eq!(set(&second, false).await["isDefault"], false);
    let missing = server
        .patch(
            "/api/resources/nosuchres001/is-default",
            json!({ "isDefault": true }),
        )
        .await;
    expect_error(missing, 404, "entity.not_exists_with_id").await;
    let bad = server
        .patch(
            &format!("/api/resources/{first}/is-default"),
            json!({ "isDefault": "yes" }),
        )
        .await;
    expect_error(bad, 400, "guard.invalid_input").await;
    assert_eq!(
        audit_keys(&server, "Management.Resource.UpdateIsDefault")
            .await
            .len(),
        5
    );
}

#[tokio::test]
async fn the_management_api_cannot_be_renamed_or_deleted() {
    let server = TestServer::start().await;
    let path = "/api/resources/management-api";
    let rename = server.patch(path, json!({ "name": "Mine now" })).await;
    expect_error(rename, 400, "resource.cannot_modify_management_api").await;
    expect_error(
        server.delete(path).await,
        400,
        "resource.cannot_delete_management_api",
    )
    .await;
    let (scopes, _) = list(&server, &format!("{path}/scopes")).await;
    let all = id(&scopes[0]);
    assert_eq!(
        (all.as_str(), &scopes[0]["name"]),
        ("management-api-all", &json!("all"))
    );
    let added = server
        .post(&format!("{path}/scopes"), json!({ "name": "more" }))
        .await;
    expect_error(added, 400, "resource.cannot_modify_management_api").await;
    let scope_path = format!("{path}/scopes/{all}");
    expect_error(
        server.delete(&scope_path).await,
        400,
        "resource.cannot_modify_management_api",
    )
    .await;
    let renamed = server
        .patch(&scope_path, json!({ "name": "everything" }))
        .await;
    expect_error(renamed, 400, "resource.cannot_modify_management_api").await;
    let api = json_of(server.get(path).await, 200).await;
    assert_eq!(api["name"], "Logto Management API");
    server.fetch_token("all").await;
}
