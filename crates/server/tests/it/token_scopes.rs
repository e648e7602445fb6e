//! The token endpoint for any registered resource: the scope is what was asked for
//! and the application's roles grant, with the resource's token lifetime.

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::{Value, json};

const BILLING: &str = "https://billing.example/api";

/// A billing resource with `read`, `write` and `admin` scopes, an application whose
/// role grants `read` and `write`, and that application's secret.
async fn billing_app(server: &TestServer) -> (String, String, String) {
    let resource = create_resource(server, "Billing", BILLING).await;
    let resource = id(&resource);
    let ttl = server
        .patch(
            &format!("/api/resources/{resource}"),
            json!({ "accessTokenTtl": 900 }),
        )
        .await;
    assert_eq!(ttl.status(), 200);
    let read = id(&create_scope(server, &resource, "read").await);
    let write = id(&create_scope(server, &resource, "write").await);
    create_scope(server, &resource, "admin").await;
    let role = id(&create_role(server, "billing-client", "MachineToMachine").await);
    let granted = server
        .post(
            &format!("/api/roles/{role}/scopes"),
            json!({ "scopeIds": [read, write] }),
        )
        .await;
    assert_eq!(granted.status(), 201);
    let app = id(&create_app(server, "Invoicer").await);
    let given = server
        .post(
            &format!("/api/applications/{app}/roles"),
            json!({ "roleIds": [role] }),
        )
        .await;
    assert_eq!(given.status(), 201);
    let secret = create_secret(server, &app, "default").await["value"]
        .as_str()
        .unwrap()
        .to_owned();
    (app, secret, role)
}

#[tokio::test]
async fn the_scope_is_what_was_asked_and_granted() {
    let server = TestServer::start().await;
    let (app, secret, _) = billing_app(&server).await;
    let (status, token) = exchange(&server, &app, &secret, BILLING, "write admin read other").await;
    assert_eq!(status, 200, "{token}");
    assert_eq!(token["scope"], "write read", "in the order asked");
    assert_eq!(token["expires_in"], 900, "the resource's accessTokenTtl");
    let claims = claims(token["access_token"].as_str().unwrap());
    assert_eq!(claims["aud"], BILLING);
    assert_eq!(claims["scope"], "write read");
    assert_eq!(claims["sub"], app.as_str());
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        900
    );

    let (_, nothing) = exchange(&server, &app, &secret, BILLING, "admin").await;
    assert!(nothing.get("scope").is_none(), "{nothing}");
    // Its roles grant nothing on the Management API: a token there carries no `all`.
    let (status, management) = exchange(&server, &app, &secret, INDICATOR, "all").await;
    assert_eq!(status, 200);
    assert!(management.get("scope").is_none());
    let (status, unknown) =
        exchange(&server, &app, &secret, "https://nowhere.example", "read").await;
    assert_eq!(
        (status, unknown["error"].as_str()),
        (400, Some("invalid_target"))
    );
}

#[tokio::test]
async fn tokens_follow_role_and_scope_changes_and_stay_on_their_resource() {
    let server = TestServer::start().await;
    let (app, secret, role) = billing_app(&server).await;
    let (_, token) = exchange(&server, &app, &secret, BILLING, "read").await;
    // A billing token is not a Management API token.
    let bearer = token["access_token"].as_str().unwrap();
    let refused = server
        .client
        .get(server.url("/api/users"))
        .bearer_auth(bearer)
        .send()
        .await
        .unwrap();
    expect_error(refused, 401, "auth.unauthorized").await;

    let (scopes, _) = list(&server, &format!("/api/roles/{role}/scopes")).await;
    let read = scopes.iter().find(|s| s["name"] == "read").map(id).unwrap();
    let taken = server
        .delete(&format!("/api/roles/{role}/scopes/{read}"))
        .await;
    assert_eq!(taken.status(), 204);
    let (_, token) = exchange(&server, &app, &secret, BILLING, "read write").await;
    assert_eq!(token["scope"], "write");

    let removed = server
        .delete(&format!("/api/applications/{app}/roles/{role}"))
        .await;
    assert_eq!(removed.status(), 204);
    let (status, token) = exchange(&server, &app, &secret, BILLING, "read write").await;
    assert_eq!(status, 200);
    assert_eq!(token.get("scope"), None::<&Value>);
}

#[tokio::test]
async fn without_a_resource_the_default_one_is_meant() {
    let server = TestServer::start().await;
    let (app, secret, _) = billing_app(&server).await;
    let without_resource = || {
        let request = server
            .client
            .post(server.url("/oidc/token"))
            .basic_auth(&app, Some(&secret))
            .form(&[("grant_type", "client_credentials"), ("scope", "read")]);
        async move {
            let response = request.send().await.unwrap();
            (
                response.status().as_u16(),
                response.json::<Value>().await.unwrap(),
            )
        }
    };
    let (status, refused) = without_resource().await;
    assert_eq!(
        (status, refused["error"].as_str()),
        (400, Some("invalid_target"))
    );
    assert_eq!(
        refused["error_description"],
        "both `resource` and `organization_id` are not provided"
    );

    let resources: Vec<Value> = server.get("/api/resources").await.json().await.unwrap();
    let billing = resources
        .iter()
        .find(|r| r["indicator"] == BILLING)
        .unwrap();
    let path = format!("/api/resources/{}/is-default", id(billing));
    let made = server.patch(&path, json!({ "isDefault": true })).await;
    assert_eq!(made.status(), 200);
    let (status, token) = without_resource().await;
    assert_eq!(status, 200, "{token}");
    assert_eq!(token["scope"], "read");
    assert_eq!(
        claims(token["access_token"].as_str().unwrap())["aud"],
        BILLING
    );
}
