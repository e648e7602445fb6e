//! Logto's sign-in application types as records: SPA, Native and Traditional apps are
//! created with their client metadata and third-party flag, a Traditional one with a
//! default secret, as in Logto; only machine-to-machine apps get tokens.

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::{Value, json};

async fn create(server: &TestServer, body: Value) -> Value {
    json_of(server.post("/api/applications", body).await, 200).await
}

#[tokio::test]
async fn sign_in_types_are_kept_with_their_metadata() {
    let server = TestServer::start().await;
    let spa = create(&server, json!({ "name": "Shop", "type": "SPA" })).await;
    assert_eq!(spa["type"], "SPA");
    assert_eq!(spa["isThirdParty"], false);
    assert_eq!(
        spa["oidcClientMetadata"],
        json!({ "redirectUris": [], "postLogoutRedirectUris": [] })
    );
    assert!(spa.get("secret").is_none(), "a SPA has no secret");
    let spa_id = id(&spa);
    let secrets = format!("/api/applications/{spa_id}/secrets");
    assert_eq!(json_of(server.get(&secrets).await, 200).await, json!([]));
    let refused = server.post(&secrets, json!({ "name": "x" })).await;
    expect_error(refused, 422, "entity.db_constraint_violated").await;

    // Redirect URIs (a native app's own scheme too) and custom client metadata change.
    let native = id(&create(&server, json!({ "name": "App", "type": "Native" })).await);
    let uris = json!(["io.logto://my-app/callback"]);
    let patch = json!({
        "oidcClientMetadata": { "redirectUris": uris, "postLogoutRedirectUris": uris },
        "customClientMetadata": { "rotateRefreshToken": true, "refreshTokenTtlInDays": 10 },
    });
    let path = format!("/api/applications/{native}");
    let patched = json_of(server.patch(&path, patch).await, 200).await;
    assert_eq!(patched["oidcClientMetadata"]["redirectUris"], uris);
    let got = json_of(server.get(&path).await, 200).await;
    assert_eq!(got["oidcClientMetadata"]["postLogoutRedirectUris"], uris);
    assert_eq!(
        got["customClientMetadata"],
        json!({ "rotateRefreshToken": true, "refreshTokenTtlInDays": 10 })
    );
    let bad = server
        .patch(
            &path,
            json!({ "oidcClientMetadata": { "redirectUris": ["nope"] } }),
        )
        .await;
    expect_error(bad, 400, "guard.invalid_input").await;
    assert_eq!(json_of(server.get(&path).await, 200).await, got);

    // Listing by type and by third party.
    let third = create(
        &server,
        json!({ "name": "Partner", "type": "Traditional", "isThirdParty": true }),
    )
    .await;
    assert_eq!(third["isThirdParty"], true);
    let only_third: Vec<Value> = server
        .get("/api/applications?isThirdParty=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(field(&only_third, "name"), ["Partner"]);
    let first_party: Vec<Value> = server
        .get("/api/applications?isThirdParty=false")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        field(&first_party, "name"),
        ["App", "Shop", "Tenantry edge"]
    );
    let spas: Vec<Value> = server
        .get("/api/applications?types=SPA")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(field(&spas, "name"), ["Shop"]);
}

#[tokio::test]
async fn logto_rules_on_types_are_kept() {
    let server = TestServer::start().await;
    let cases = [
        (
            json!({ "name": "x", "type": "SAML" }),
            400,
            "application.saml.use_saml_app_api",
        ),
        (
            json!({ "name": "x", "type": "Protected" }),
            400,
            "application.protected_app_metadata_is_required",
        ),
        (
            json!({ "name": "x", "type": "Protected",
                "protectedAppMetadata": { "origin": "https://a.example", "subDomain": "a" } }),
            501,
            "application.protected_app_not_configured",
        ),
        (
            json!({ "name": "x", "type": "MachineToMachine", "isThirdParty": true }),
            400,
            "application.invalid_third_party_application_type",
        ),
        (
            json!({ "name": "x", "type": "SPA", "customClientMetadata": { "isDeviceFlow": true } }),
            422,
            "application.device_flow_native_only",
        ),
    ];
    for (body, status, code) in cases {
        expect_error(server.post("/api/applications", body).await, status, code).await;
    }
    let device = create(
        &server,
        json!({ "name": "TV", "type": "Native", "customClientMetadata": { "isDeviceFlow": true } }),
    )
    .await;
    let path = format!("/api/applications/{}", id(&device));
    let flipped = server
        .patch(
            &path,
            json!({ "customClientMetadata": { "isDeviceFlow": false } }),
        )
        .await;
    expect_error(flipped, 422, "application.device_flow_not_changeable").await;
    let kept = server
        .patch(
            &path,
            json!({ "customClientMetadata": { "isDeviceFlow": true, "idTokenTtl": 60 } }),
        )
        .await;
    assert_eq!(kept.status(), 200);
    let listed: Vec<Value> = server.get("/api/applications").await.json().await.unwrap();
    assert_eq!(
        field(&listed, "name"),
        ["TV", "Tenantry edge"],
        "nothing else made"
    );
}

#[tokio::test]
async fn only_machine_to_machine_applications_get_tokens() {
    let server = TestServer::start().await;
    let web = create(&server, json!({ "name": "Site", "type": "Traditional" })).await;
    let m2m = create(
        &server,
        json!({ "name": "Job", "type": "MachineToMachine" }),
    )
    .await;
    let listed = json_of(
        server
            .get(&format!("/api/applications/{}/secrets", id(&web)))
            .await,
        200,
    )
    .await;
    assert_eq!(listed[0]["name"], "Default secret");
    let token = |app: &Value| {
        let (client_id, secret) = (id(app), app["secret"].as_str().unwrap().to_owned());
        let request = server
            .client
            .post(server.url("/oidc/token"))
            .basic_auth(client_id, Some(secret))
            .form(&[
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
            ]);
        async move { request.send().await.unwrap() }
    };
    let refused = token(&web).await;
    assert_eq!(refused.status(), 400);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized_client");
    // The M2M app's default secret is accepted (it holds no role, so no scope).
    let accepted = token(&m2m).await;
    let body: Value = accepted.json().await.unwrap();
    assert_ne!(body["error"], "unauthorized_client");
    assert_ne!(body["error"], "invalid_client");
}
