//! The token endpoint, JWKS, discovery and bearer checks on the Management API.

use crate::common::*;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::Method;
use serde_json::Value;
use tenantry_server::auth::{AccessClaims, sign};

async fn token_call(
    server: &TestServer,
    basic: Option<(&str, &str)>,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let mut request = server.client.post(server.url("/oidc/token")).form(form);
    if let Some((id, secret)) = basic {
        request = request.basic_auth(id, Some(secret));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Basic credentials, form fields, expected status and OAuth error.
type TokenCase<'a> = (
    Option<(&'a str, &'a str)>,
    Vec<(&'a str, &'a str)>,
    u16,
    &'a str,
);

fn decode_part(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

#[tokio::test]
async fn issues_logto_shaped_es384_tokens() {
    let server = TestServer::start().await;
    let grant = [
        ("grant_type", "client_credentials"),
        ("resource", INDICATOR),
        ("scope", "all"),
    ];
    let (status, body) = token_call(&server, Some((CLIENT_ID, CLIENT_SECRET)), &grant).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "all");
    let token = body["access_token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let header = decode_part(parts[0]);
    assert_eq!(header["typ"], "at+jwt");
    assert_eq!(header["alg"], "ES384");
    let claims = decode_part(parts[1]);
    assert_eq!(claims["sub"], CLIENT_ID);
    assert_eq!(claims["client_id"], CLIENT_ID);
    assert_eq!(claims["iss"], "http://tenantry.test/oidc");
    assert_eq!(claims["aud"], INDICATOR);
    for claim in ["jti", "iat", "exp"] {
        assert!(!claims[claim].is_null(), "{claim}");
    }

    // The key that signed it is published, and the signature checks out with it.
    let jwks = server
        .client
        .get(server.url("/oidc/jwks"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        jwks.headers()["cache-control"],
        "no-cache, max-age=0, must-revalidate"
    );
    let jwks: Value = jwks.json().await.unwrap();
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == header["kid"])
        .unwrap();
    assert_eq!(key["crv"], "P-384");
    let mut point = vec![4u8];
    point.extend(URL_SAFE_NO_PAD.decode(key["x"].as_str().unwrap()).unwrap());
    point.extend(URL_SAFE_NO_PAD.decode(key["y"].as_str().unwrap()).unwrap());
    let signed = format!("{}.{}", parts[0], parts[1]);
    ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P384_SHA384_FIXED, &point)
        .verify(
            signed.as_bytes(),
            &URL_SAFE_NO_PAD.decode(parts[2]).unwrap(),
        )
        .expect("the JWKS key verifies the token");

    // Credentials in the body work too, as @logto/api sends them.
    let body_grant = [
        ("grant_type", "client_credentials"),
        ("resource", INDICATOR),
        ("scope", "all"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ];
    assert_eq!(token_call(&server, None, &body_grant).await.0, 200);

    let discovery: Value = server
        .client
        .get(server.url("/oidc/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(discovery["issuer"], "http://tenantry.test/oidc");
    assert_eq!(discovery["jwks_uri"], "http://tenantry.test/oidc/jwks");
}

#[tokio::test]
async fn token_errors_follow_oauth() {
    let server = TestServer::start().await;
    let good = Some((CLIENT_ID, CLIENT_SECRET));
    let cases: Vec<TokenCase> = vec![
        // Basic and a body secret at once.
        (
            good,
            vec![
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
                ("client_secret", CLIENT_SECRET),
            ],
            400,
            "invalid_request",
        ),
        // A body client_id that differs from Basic.
        (
            good,
            vec![
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
                ("client_id", "other"),
            ],
            400,
            "invalid_request",
        ),
        (
            None,
            vec![
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
            ],
            400,
            "invalid_request",
        ),
        (
            Some((CLIENT_ID, "wrong")),
            vec![
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
            ],
            401,
            "invalid_client",
        ),
        (
            Some(("nobody", CLIENT_SECRET)),
            vec![
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
            ],
            401,
            "invalid_client",
        ),
        (good, vec![("resource", INDICATOR)], 400, "invalid_request"),
        (
            good,
            vec![("grant_type", "password"), ("resource", INDICATOR)],
            400,
            "unsupported_grant_type",
        ),
        (
            good,
            vec![("grant_type", "client_credentials")],
            400,
            "invalid_target",
        ),
        (
            good,
            vec![
                ("grant_type", "client_credentials"),
                ("resource", "https://unknown.test/api"),
            ],
            400,
            "invalid_target",
        ),
    ];
    for (basic, form, status, error) in cases {
        let (got, body) = token_call(&server, basic, &form).await;
        assert_eq!(
            (got, body["error"].as_str().unwrap()),
            (status, error),
            "{form:?}: {body}"
        );
        assert!(body["error_description"].is_string());
        let text = body.to_string();
        assert!(!text.contains(CLIENT_SECRET), "no secret echoed");
    }
    // A malformed Basic header.
    let response = server
        .client
        .post(server.url("/oidc/token"))
        .header("authorization", "Basic !!!")
        .form(&[
            ("grant_type", "client_credentials"),
            ("resource", INDICATOR),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn management_api_checks_bearer_tokens() {
    let server = TestServer::start().await;
    let users = server.url("/api/users");

    expect_error(
        server.client.get(&users).send().await.unwrap(),
        401,
        "auth.authorization_header_missing",
    )
    .await;
    let basic = server
        .client
        .get(&users)
        .basic_auth("a", Some("b"))
        .send()
        .await
        .unwrap();
    expect_error(basic, 401, "auth.authorization_token_type_not_supported").await;
    let garbage = server
        .client
        .get(&users)
        .bearer_auth("not.a.jwt")
        .send()
        .await
        .unwrap();
    expect_error(garbage, 401, "auth.unauthorized").await;

    // A token without the `all` scope.
    let no_scope = server.fetch_token("").await;
    let response = server
        .client
        .get(&users)
        .bearer_auth(&no_scope)
        .send()
        .await
        .unwrap();
    expect_error(response, 403, "auth.forbidden").await;

    // Forged tokens signed with the server's own key but wrong in one claim each.
    let now = tenantry_server::ids::now_ms() / 1000;
    let good = AccessClaims {
        jti: "t".into(),
        sub: CLIENT_ID.into(),
        iat: now,
        exp: now + 600,
        scope: "all".into(),
        client_id: CLIENT_ID.into(),
        iss: "http://tenantry.test/oidc".into(),
        aud: INDICATOR.into(),
        client_secret_created_at: None,
    };
    let valid = sign(&server.state.keys, &good);
    assert_eq!(
        server
            .client
            .get(&users)
            .bearer_auth(&valid)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let variants = [
        AccessClaims {
            aud: "https://other.test/api".into(),
            ..good.clone()
        },
        AccessClaims {
            exp: now - 1,
            ..good.clone()
        },
        AccessClaims {
            iss: "http://evil.test/oidc".into(),
            ..good.clone()
        },
    ];
    for claims in variants {
        let token = sign(&server.state.keys, &claims);
        let response = server
            .client
            .get(&users)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        expect_error(response, 401, "auth.unauthorized").await;
    }

    // A token whose payload was changed after signing.
    let (head, rest) = valid.split_once('.').unwrap();
    let signature = rest.rsplit_once('.').unwrap().1;
    let raised = AccessClaims {
        exp: now + 999_999,
        ..good.clone()
    };
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&raised).unwrap());
    let tampered = format!("{head}.{payload}.{signature}");
    let response = server
        .client
        .get(&users)
        .bearer_auth(&tampered)
        .send()
        .await
        .unwrap();
    expect_error(response, 401, "auth.unauthorized").await;

    // The status route is public.
    let status = server
        .client
        .request(Method::GET, server.url("/api/status"))
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 204);
    // Its request id, also under the name Logto's core uses.
    let headers = status.headers();
    assert_eq!(headers["x-request-id"].len(), 16);
    assert_eq!(headers["logto-core-request-id"], headers["x-request-id"]);
}
