//! `/api/users`: create, read, update, delete, suspension, custom data and profile.
//! Field rules are in `users_validation.rs`, passwords in `users_passwords.rs`.

use crate::common::*;
use serde_json::{Value, json};
use tenantry_server::ids::now_ms;

/// Every field of Logto's user JSON (`userInfoSelectFields` plus `hasPassword`).
const LOGTO_USER_FIELDS: [&str; 16] = [
    "id",
    "username",
    "primaryEmail",
    "primaryPhone",
    "name",
    "avatar",
    "customData",
    "identities",
    "lastSignInAt",
    "createdAt",
    "updatedAt",
    "profile",
    "applicationId",
    "cimdClientId",
    "isSuspended",
    "hasPassword",
];

#[tokio::test]
async fn create_answers_200_with_every_logto_field() {
    let server = TestServer::start().await;
    let before = now_ms();
    let response = server
        .post(
            "/api/users",
            json!({
                "username": "jane_doe",
                "primaryEmail": "jane@example.com",
                "primaryPhone": "15551234567",
                "name": "Jane Doe",
                "avatar": "https://cdn.example.com/jane.png",
                "customData": {"plan": "pro", "seats": 3},
                "profile": {"givenName": "Jane", "familyName": "Doe"},
                "password": "correct horse battery",
            }),
        )
        .await;
    let after = now_ms();
    assert_eq!(
        response.status(),
        200,
        "POST /api/users answers 200, as Logto"
    );
    let user: Value = response.json().await.unwrap();
    for field in LOGTO_USER_FIELDS {
        assert!(user.get(field).is_some(), "{field} missing from {user}");
    }
    for secret in [
        "password",
        "passwordEncrypted",
        "passwordDigest",
        "passwordEncryptionMethod",
    ] {
        assert!(
            user.get(secret).is_none(),
            "{secret} must never be sent: {user}"
        );
    }
    let id = user["id"].as_str().unwrap();
    assert_eq!(id.len(), 12);
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()),
        "{id}"
    );
    assert_eq!(user["username"], "jane_doe");
    assert_eq!(user["primaryEmail"], "jane@example.com");
    assert_eq!(user["primaryPhone"], "15551234567");
    assert_eq!(user["name"], "Jane Doe");
    assert_eq!(user["avatar"], "https://cdn.example.com/jane.png");
    assert_eq!(user["customData"], json!({"plan": "pro", "seats": 3}));
    assert_eq!(
        user["profile"],
        json!({"givenName": "Jane", "familyName": "Doe"})
    );
    assert_eq!(user["identities"], json!({}));
    assert_eq!(user["lastSignInAt"], Value::Null);
    assert_eq!(user["applicationId"], Value::Null);
    assert_eq!(user["isSuspended"], false);
    assert_eq!(user["hasPassword"], true);
    for stamp in ["createdAt", "updatedAt"] {
        let at = user[stamp].as_i64().expect("epoch milliseconds");
        assert!(
            (before..=after).contains(&at),
            "{stamp} {at} not in {before}..={after}"
        );
    }
    assert_eq!(
        fetch_user(&server, id).await,
        user,
        "GET answers what POST did"
    );

    // Every field is optional.
    let bare = server.create_user(json!({})).await;
    for field in ["username", "primaryEmail", "primaryPhone", "name", "avatar"] {
        assert_eq!(bare[field], Value::Null, "{field}");
    }
    assert_eq!(bare["customData"], json!({}));
    assert_eq!(bare["profile"], json!({}));
    assert_eq!(bare["hasPassword"], false);
    assert_ne!(bare["id"], user["id"]);
}

#[tokio::test]
async fn patch_changes_only_the_given_fields_and_null_clears() {
    let server = TestServer::start().await;
    let user = server
        .create_user(json!({
            "username": "pat", "primaryEmail": "pat@example.com", "primaryPhone": "123456",
            "name": "Pat", "avatar": "https://x.test/p.png",
            "customData": {"a": 1, "b": 2}, "profile": {"nickname": "P"},
        }))
        .await;
    let path = format!("/api/users/{}", user["id"].as_str().unwrap());
    // `updatedAt` is in milliseconds: make sure it moves.
    server.clock.advance_ms(3);

    let response = server.patch(&path, json!({"name": "Patricia"})).await;
    assert_eq!(response.status(), 200);
    let patched: Value = response.json().await.unwrap();
    assert!(
        patched["updatedAt"].as_i64() > user["updatedAt"].as_i64(),
        "updatedAt moves"
    );
    let mut expected = user.clone();
    expected["name"] = json!("Patricia");
    expected["updatedAt"] = patched["updatedAt"].clone();
    assert_eq!(patched, expected, "only the name changed");
    assert_eq!(
        fetch_user(&server, user["id"].as_str().unwrap()).await,
        patched
    );

    let body = json!({"username": null, "primaryEmail": null, "primaryPhone": null,
        "name": null, "avatar": null});
    let cleared: Value = server.patch(&path, body).await.json().await.unwrap();
    for field in ["username", "primaryEmail", "primaryPhone", "name", "avatar"] {
        assert_eq!(cleared[field], Value::Null, "{field} cleared: {cleared}");
    }
    assert_eq!(
        cleared["customData"],
        json!({"a": 1, "b": 2}),
        "absent fields are kept"
    );

    // JSON fields given to PATCH /users/{id} are replaced whole.
    let body = json!({"customData": {"c": 3}, "profile": {"givenName": "Pat"}});
    let replaced: Value = server.patch(&path, body).await.json().await.unwrap();
    assert_eq!(replaced["customData"], json!({"c": 3}));
    assert_eq!(replaced["profile"], json!({"givenName": "Pat"}));
    assert_eq!(replaced["createdAt"], user["createdAt"]);

    // What was cleared is free for someone else.
    let other = server
        .post(
            "/api/users",
            json!({"username": "pat", "primaryEmail": "pat@example.com"}),
        )
        .await;
    assert_eq!(other.status(), 200);
}

#[tokio::test]
async fn delete_answers_204_then_the_user_is_gone() {
    let server = TestServer::start().await;
    let user = server.create_user(json!({"username": "leaving"})).await;
    let path = format!("/api/users/{}", user["id"].as_str().unwrap());
    assert_eq!(server.delete(&path).await.status(), 204);
    expect_error(server.get(&path).await, 404, "entity.not_found").await;
    expect_error(server.delete(&path).await, 404, "entity.not_found").await;
    let found = server
        .get("/api/users?search.username=leaving&mode.username=exact")
        .await;
    assert_eq!(found.headers()["total-number"], "0");
    assert_eq!(user_count(&server).await, "1", "only the admin is left");
    // The username can be used again.
    assert_eq!(
        server
            .post("/api/users", json!({"username": "leaving"}))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn suspension_is_set_and_lifted() {
    let server = TestServer::start().await;
    let user = server.create_user(json!({"username": "sam"})).await;
    let id = user["id"].as_str().unwrap();
    let path = format!("/api/users/{id}/is-suspended");
    for suspended in [true, false, true] {
        let response = server.patch(&path, json!({"isSuspended": suspended})).await;
        assert_eq!(response.status(), 200);
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["isSuspended"], suspended);
        assert_eq!(answer["username"], "sam", "the answer is the whole user");
        assert_eq!(fetch_user(&server, id).await["isSuspended"], suspended);
    }
}

#[tokio::test]
async fn custom_data_is_read_and_merged_shallowly() {
    let server = TestServer::start().await;
    let data = json!({"plan": "free", "limits": {"seats": 1, "projects": 2}, "tags": ["a"]});
    let user = server
        .create_user(json!({"username": "cd", "customData": data}))
        .await;
    let id = user["id"].as_str().unwrap();
    let path = format!("/api/users/{id}/custom-data");

    let read = server.get(&path).await;
    assert_eq!(read.status(), 200);
    assert_eq!(read.json::<Value>().await.unwrap(), data);

    let patch = json!({"customData": {"plan": "pro", "limits": {"seats": 10}, "new": true}});
    let response = server.patch(&path, patch).await;
    assert_eq!(response.status(), 200);
    let merged = json!({"plan": "pro", "limits": {"seats": 10}, "tags": ["a"], "new": true});
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        merged,
        "top-level keys merge"
    );
    assert_eq!(
        server.get(&path).await.json::<Value>().await.unwrap(),
        merged
    );
    let stored = fetch_user(&server, id).await;
    assert_eq!(stored["customData"], merged);
    assert_eq!(stored["username"], "cd");

    // An empty patch changes nothing.
    let same = server.patch(&path, json!({"customData": {}})).await;
    assert_eq!(same.json::<Value>().await.unwrap(), merged);
}

#[tokio::test]
async fn profile_is_merged_shallowly() {
    let server = TestServer::start().await;
    let profile = json!({"givenName": "Ada", "address": {"country": "UK", "locality": "London"}});
    let user = server
        .create_user(json!({"username": "ada", "profile": profile}))
        .await;
    let id = user["id"].as_str().unwrap();
    let path = format!("/api/users/{id}/profile");
    let patch = json!({"profile": {"familyName": "Lovelace", "address": {"country": "GB"}}});
    let response = server.patch(&path, patch).await;
    assert_eq!(response.status(), 200);
    let expected = json!({"givenName": "Ada", "familyName": "Lovelace",
        "address": {"country": "GB"}});
    assert_eq!(response.json::<Value>().await.unwrap(), expected);
    let stored = fetch_user(&server, id).await;
    assert_eq!(stored["profile"], expected);
    assert_eq!(stored["customData"], json!({}), "custom data is untouched");
}
