//! `POST /embed/tokens`: only with the embed key, for an existing organization, known
//! permissions and at most 15 minutes.

use crate::common::{As, EMBED_KEY, Server, Stack, edge_config, expect_error, generous_limits};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn minting_checks_the_key_the_organization_and_the_claims() {
    let stack = Stack::start().await;
    let created = stack
        .server
        .send(
            Method::POST,
            "/api/organizations",
            Some(json!({"name": "Org"})),
        )
        .await;
    let org: Value = created.json().await.unwrap();
    let org = org["id"].as_str().unwrap();
    let stack = &stack;
    let mint = |who: As<'static>, body: Value| async move {
        stack
            .call(Method::POST, "/embed/tokens", &who, Some(body))
            .await
    };
    let good = json!({"organizationId": org, "permissions": ["read:members"], "ttlSeconds": 60});
    let response = mint(As::Bearer(EMBED_KEY), good.clone()).await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert!(answer["token"].as_str().unwrap().starts_with("te1."));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let expires_at = answer["expiresAt"].as_u64().unwrap();
    assert!(expires_at > now + 50_000 && expires_at <= now + 61_000);

    expect_error(
        mint(As::Nobody, good.clone()).await,
        401,
        "auth.unauthorized",
    )
    .await;
    expect_error(
        mint(As::Bearer("not-the-key"), good.clone()).await,
        401,
        "auth.unauthorized",
    )
    .await;
    for bad in [
        json!({"organizationId": org, "permissions": []}),
        json!({"organizationId": org, "permissions": ["manage:everything"]}),
        json!({"organizationId": org, "permissions": ["read:members"], "ttlSeconds": 901}),
        json!({"organizationId": org, "permissions": ["read:members"], "userId": "a/b"}),
        json!({"organizationId": "a/b", "permissions": ["read:members"]}),
        json!({"permissions": ["read:members"]}),
    ] {
        expect_error(
            mint(As::Bearer(EMBED_KEY), bad).await,
            400,
            "guard.invalid_input",
        )
        .await;
    }
    let unknown = json!({"organizationId": "zzzzzzzzzzzz", "permissions": ["read:members"]});
    expect_error(
        mint(As::Bearer(EMBED_KEY), unknown).await,
        422,
        "organization.not_found",
    )
    .await;
    // The token calls its organization's routes; a session cookie cannot mint.
    let cookie = stack.admin_session().await;
    let response = stack
        .call(
            Method::POST,
            "/embed/tokens",
            &As::Cookie(&cookie),
            Some(good),
        )
        .await;
    expect_error(response, 401, "auth.unauthorized").await;
}

#[tokio::test]
async fn without_an_embed_key_there_is_no_embedding() {
    crate::common::logs::capture();
    let server = Server::start().await;
    let mut config = edge_config(&server.base, generous_limits());
    config.embed_key = None;
    let stack = Stack::with_server(server, config).await;
    let body = json!({"organizationId": "zzzzzzzzzzzz", "permissions": ["read:members"]});
    let response = stack
        .call(
            Method::POST,
            "/embed/tokens",
            &As::Bearer(EMBED_KEY),
            Some(body),
        )
        .await;
    assert_eq!(response.status(), 404);
}
