//! Passwords: set, verify, has-password, and digests imported from other systems.

use crate::common::*;
use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Argon2, Params, Version};
use serde_json::{Value, json};
use sha2::Digest;

async fn verify(server: &TestServer, id: &str, password: &str) -> reqwest::Response {
    let path = format!("/api/users/{id}/password/verify");
    server.post(&path, json!({ "password": password })).await
}

async fn has_password(server: &TestServer, id: &str) -> Value {
    let response = server.get(&format!("/api/users/{id}/has-password")).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// Creates a user from an imported digest, then checks the right password passes and a
/// wrong one fails, twice (the first success may rehash the digest).
async fn check_import(server: &TestServer, algorithm: &str, digest: &str, password: &str) {
    let username = format!("imported_{}", algorithm.to_lowercase());
    let body = json!({"username": username, "passwordDigest": digest,
        "passwordAlgorithm": algorithm});
    let response = server.post("/api/users", body).await;
    assert_eq!(response.status(), 200, "{algorithm} import");
    let user: Value = response.json().await.unwrap();
    assert_eq!(user["hasPassword"], true, "{algorithm}");
    assert!(
        !user.to_string().contains(digest),
        "the digest is never sent back"
    );
    let id = user["id"].as_str().unwrap();
    for round in 1..=2 {
        let right = verify(server, id, password).await;
        assert_eq!(
            right.status(),
            204,
            "{algorithm}, round {round}: the right password"
        );
        let wrong = verify(server, id, &format!("{password}x")).await;
        expect_error(wrong, 422, "session.invalid_credentials").await;
    }
}

#[tokio::test]
async fn set_then_verify_a_password() {
    let server = TestServer::start().await;
    let user = server.create_user(json!({"username": "pw_user"})).await;
    let id = user["id"].as_str().unwrap();
    assert_eq!(
        has_password(&server, id).await,
        json!({"hasPassword": false})
    );
    // Without a password nothing verifies.
    expect_error(
        verify(&server, id, "anything").await,
        422,
        "session.invalid_credentials",
    )
    .await;

    let path = format!("/api/users/{id}/password");
    let response = server
        .patch(&path, json!({"password": "n3w p4ssw0rd!"}))
        .await;
    assert_eq!(response.status(), 200);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["id"], user["id"], "the answer is the user");
    assert_eq!(answer["hasPassword"], true);
    assert!(answer.get("passwordEncrypted").is_none() && !answer.to_string().contains("argon2"));
    assert_eq!(
        has_password(&server, id).await,
        json!({"hasPassword": true})
    );

    assert_eq!(verify(&server, id, "n3w p4ssw0rd!").await.status(), 204);
    for wrong in ["n3w p4ssw0rd", "N3W P4SSW0RD!", " n3w p4ssw0rd!"] {
        expect_error(
            verify(&server, id, wrong).await,
            422,
            "session.invalid_credentials",
        )
        .await;
    }

    // A new password replaces the old one.
    assert_eq!(
        server
            .patch(&path, json!({"password": "second-pw-22"}))
            .await
            .status(),
        200
    );
    assert_eq!(verify(&server, id, "second-pw-22").await.status(), 204);
    expect_error(
        verify(&server, id, "n3w p4ssw0rd!").await,
        422,
        "session.invalid_credentials",
    )
    .await;

    // An empty password is refused and the old one still works.
    expect_error(
        server.patch(&path, json!({"password": ""})).await,
        400,
        "guard.invalid_input",
    )
    .await;
    assert_eq!(verify(&server, id, "second-pw-22").await.status(), 204);
}

#[tokio::test]
async fn a_password_given_at_creation_verifies() {
    let server = TestServer::start().await;
    let user = server
        .create_user(json!({"username": "born", "password": "hunter2!"}))
        .await;
    let id = user["id"].as_str().unwrap();
    assert_eq!(has_password(&server, id).await["hasPassword"], true);
    assert_eq!(verify(&server, id, "hunter2!").await.status(), 204);
    expect_error(
        verify(&server, id, "hunter2").await,
        422,
        "session.invalid_credentials",
    )
    .await;
}

#[tokio::test]
async fn bcrypt_and_argon2i_digests_can_be_imported() {
    let server = TestServer::start().await;
    let bcrypt = bcrypt::hash("legacy-secret", 4).unwrap();
    check_import(&server, "Bcrypt", &bcrypt, "legacy-secret").await;

    let params = Params::new(1024, 1, 1, None).unwrap();
    let argon2i = Argon2::new(argon2::Algorithm::Argon2i, Version::V0x13, params);
    let salt = SaltString::encode_b64(b"tenantry-salt-01").unwrap();
    let digest = argon2i
        .hash_password(b"argon-secret", &salt)
        .unwrap()
        .to_string();
    assert!(digest.starts_with("$argon2i$"));
    check_import(&server, "Argon2i", &digest, "argon-secret").await;
}

#[tokio::test]
async fn legacy_hex_digests_can_be_imported() {
    let server = TestServer::start().await;
    let sha256 = hex::encode(sha2::Sha256::digest(b"sha-secret"));
    check_import(&server, "SHA256", &sha256, "sha-secret").await;
    let md5 = hex::encode(md5::Md5::digest(b"md5-secret"));
    check_import(&server, "MD5", &md5, "md5-secret").await;
    let sha1 = hex::encode(sha1::Sha1::digest(b"sha1-secret"));
    check_import(&server, "SHA1", &sha1, "sha1-secret").await;
}

#[tokio::test]
async fn password_import_errors() {
    let server = TestServer::start().await;
    let digest = bcrypt::hash("pw", 4).unwrap();
    let both = json!({"username": "both", "password": "pw", "passwordDigest": digest,
        "passwordAlgorithm": "Bcrypt"});
    expect_error(
        server.post("/api/users", both).await,
        400,
        "user.password_and_digest",
    )
    .await;
    let no_algorithm = json!({"username": "no_algo", "passwordDigest": digest});
    let response = server.post("/api/users", no_algorithm).await;
    expect_error(response, 400, "user.password_algorithm_required").await;
    let unknown = json!({"username": "unknown_algo", "passwordDigest": digest,
        "passwordAlgorithm": "Scrypt"});
    expect_error(
        server.post("/api/users", unknown).await,
        400,
        "guard.invalid_input",
    )
    .await;
    let empty = json!({"username": "empty_pw", "password": ""});
    expect_error(
        server.post("/api/users", empty).await,
        400,
        "guard.invalid_input",
    )
    .await;
    let total = server.get("/api/users").await.headers()["total-number"].clone();
    assert_eq!(total, "1", "no user was created");
}

#[tokio::test]
async fn password_routes_of_an_unknown_user_answer_404() {
    let server = TestServer::start().await;
    let id = "nosuchuser00";
    let set = server
        .patch(
            &format!("/api/users/{id}/password"),
            json!({"password": "x"}),
        )
        .await;
    expect_error(set, 404, "entity.not_found").await;
    expect_error(verify(&server, id, "x").await, 404, "entity.not_found").await;
    let has = server.get(&format!("/api/users/{id}/has-password")).await;
    expect_error(has, 404, "entity.not_found").await;
}
