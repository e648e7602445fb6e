//! Logto's rules on user fields: unique usernames, emails (in any case) and phones,
//! well-formed values, and values no longer than Logto's columns. A refused create adds
//! no user; a refused update changes nothing.

use crate::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn taken_usernames_emails_and_phones_are_refused() {
    let server = TestServer::start().await;
    let taken = server
        .create_user(json!({
            "username": "taken_name", "primaryEmail": "Taken@Example.com", "primaryPhone": "5550100",
        }))
        .await;
    let other = server
        .create_user(json!({"username": "other", "name": "Other"}))
        .await;
    let other_path = format!("/api/users/{}", other["id"].as_str().unwrap());
    let cases = [
        (
            json!({"username": "taken_name"}),
            "user.username_already_in_use",
        ),
        (
            json!({"primaryEmail": "Taken@Example.com"}),
            "user.email_already_in_use",
        ),
        (
            json!({"primaryEmail": "taken@example.com"}),
            "user.email_already_in_use",
        ),
        (
            json!({"primaryEmail": "TAKEN@EXAMPLE.COM"}),
            "user.email_already_in_use",
        ),
        (
            json!({"primaryPhone": "5550100"}),
            "user.phone_already_in_use",
        ),
    ];
    for (body, code) in cases {
        expect_error(server.post("/api/users", body.clone()).await, 422, code).await;
        let mut patch = body;
        patch["name"] = json!("Changed");
        expect_error(server.patch(&other_path, patch).await, 422, code).await;
        assert_eq!(
            fetch_user(&server, other["id"].as_str().unwrap()).await,
            other,
            "unchanged"
        );
    }
    assert_eq!(user_count(&server).await, "3", "no user was created");

    // A user keeps its own values, in any case.
    let taken_path = format!("/api/users/{}", taken["id"].as_str().unwrap());
    let own = json!({"username": "taken_name", "primaryEmail": "taken@example.com",
        "primaryPhone": "5550100"});
    let response = server.patch(&taken_path, own).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<Value>().await.unwrap()["primaryEmail"],
        "taken@example.com"
    );

    // Usernames are case-sensitive, as in Logto by default (CASE_SENSITIVE_USERNAME).
    let response = server
        .post("/api/users", json!({"username": "Taken_Name"}))
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]

async fn emails_differing_in_non_ascii_case_are_taken() {
    let server = TestServer::start().await;
    server
        .create_user(json!({"primaryEmail": "Émile@Zola.fr"}))
        .await;
    let response = server
        .post("/api/users", json!({"primaryEmail": "émile@zola.fr"}))
        .await;
    expect_error(response, 422, "user.email_already_in_use").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn racing_creates_of_one_username_or_email_let_one_win() {
    let server = TestServer::start().await;
    let bodies: Vec<(Value, &str)> = vec![
        (json!({"username": "racer"}), "user.username_already_in_use"),
        (
            json!({"primaryEmail": "Race@Example.com"}),
            "user.email_already_in_use",
        ),
        (
            json!({"primaryPhone": "5550199"}),
            "user.phone_already_in_use",
        ),
    ];
    for (body, code) in bodies {
        let requests = (0..6).map(|n| {
            let mut body = body.clone();
            if body.get("primaryEmail").is_some() && n % 2 == 1 {
                body["primaryEmail"] = json!("race@example.com");
            }
            server
                .api(reqwest::Method::POST, "/api/users")
                .json(&body)
                .send()
        });
        let racing: Vec<_> = requests.map(tokio::spawn).collect();
        let mut created = 0;
        for request in racing {
            let response = request.await.unwrap().unwrap();
            if response.status() == 200 {
                created += 1;
            } else {
                expect_error(response, 422, code).await;
            }
        }
        assert_eq!(created, 1, "{body}: exactly one create wins");
    }
    assert_eq!(user_count(&server).await, "4");
}

#[tokio::test]

async fn a_nul_character_is_stored_or_refused_never_a_500() {
    let server = TestServer::start().await;
    let user = server.create_user(json!({"username": "nul_target"})).await;
    let id = user["id"].as_str().unwrap();
    for (field, value) in [
        ("name", "a\u{0}b"),
        ("primaryEmail", "a\u{0}@b.co"),
        ("avatar", "https://x.test/\u{0}"),
    ] {
        // Another value for the update, so it cannot clash with the created user.
        let other = value.replace('b', "c");
        for (response, value) in [
            (
                server.post("/api/users", json!({ field: value })).await,
                value,
            ),
            (
                server
                    .patch(&format!("/api/users/{id}"), json!({ field: other }))
                    .await,
                &other,
            ),
        ] {
            let status = response.status().as_u16();
            assert!(status == 200 || status == 400, "{field}: {status}");
            let body: Value = response.json().await.unwrap();
            if status == 200 {
                assert_eq!(body[field], value, "{field} round-trips");
            } else {
                assert_eq!(body["code"], "guard.invalid_input", "{field}: {body}");
            }
        }
    }
}

#[tokio::test]
async fn badly_formed_fields_are_refused() {
    let server = TestServer::start().await;
    let user = server.create_user(json!({"username": "valid_user"})).await;
    let id = user["id"].as_str().unwrap();
    let bad = [
        ("username", "1starts_with_digit"),
        ("username", "has space"),
        ("username", "dash-ed"),
        ("username", "dot.ted"),
        ("username", ""),
        ("username", "émile"),
        ("primaryEmail", "no-at-sign"),
        ("primaryEmail", "a@b"),
        ("primaryEmail", "a b@c.de"),
        ("primaryEmail", ""),
        ("primaryPhone", "+15551234"),
        ("primaryPhone", "555-1234"),
        ("primaryPhone", "555 1234"),
        ("primaryPhone", ""),
        ("avatar", "not a url"),
        ("avatar", "/relative.png"),
    ];
    for (field, value) in bad {
        let response = server.post("/api/users", json!({ field: value })).await;
        let error = expect_error(response, 400, "guard.invalid_input").await;
        assert!(
            error.to_string().contains(field),
            "the error names {field}: {error}"
        );
        let patch = json!({ field: value, "customData": {"changed": true} });
        let response = server.patch(&format!("/api/users/{id}"), patch).await;
        expect_error(response, 400, "guard.invalid_input").await;
        assert_eq!(
            fetch_user(&server, id).await,
            user,
            "{field}={value:?} changed nothing"
        );
    }
    assert_eq!(user_count(&server).await, "2", "no user was created");

    // Forms Logto accepts.
    let good = json!({"username": "_Under_9", "primaryEmail": "first.last+tag@sub.example.co",
        "primaryPhone": "0044207", "avatar": ""});
    let created = server.create_user(good.clone()).await;
    for field in ["username", "primaryEmail", "primaryPhone", "avatar"] {
        assert_eq!(created[field], good[field], "{field}");
    }
}

#[tokio::test]
async fn values_longer_than_logto_columns_are_refused() {
    let server = TestServer::start().await;
    let user = server.create_user(json!({"username": "sized"})).await;
    let id = user["id"].as_str().unwrap();
    let at_limit = json!({
        "username": format!("u{}", "a".repeat(127)),
        "primaryEmail": format!("{}@example.com", "a".repeat(116)),
        "primaryPhone": "1".repeat(128),
        "name": "é".repeat(128),
        "avatar": format!("https://x.test/{}", "a".repeat(2048 - 15)),
    });
    for (field, value) in at_limit.as_object().unwrap() {
        let mut too_long = value.as_str().unwrap().to_owned();
        too_long.push(if field == "primaryPhone" { '1' } else { 'a' });
        if field == "primaryEmail" {
            too_long = format!("a{}", value.as_str().unwrap());
        }
        let response = server.post("/api/users", json!({ field: too_long })).await;
        expect_error(response, 422, "entity.value_too_long").await;
        let patch = json!({ field: too_long, "customData": {"changed": true} });
        let response = server.patch(&format!("/api/users/{id}"), patch).await;
        expect_error(response, 422, "entity.value_too_long").await;
        assert_eq!(
            fetch_user(&server, id).await,
            user,
            "{field} changed nothing"
        );
    }
    assert_eq!(user_count(&server).await, "2", "no user was created");

    // Exactly at the limit (in characters, not bytes) is fine.
    let created = server.create_user(at_limit.clone()).await;
    for (field, value) in at_limit.as_object().unwrap() {
        assert_eq!(&created[field], value, "{field}");
    }
}

#[tokio::test]
async fn an_empty_change_is_refused_and_sso_identities_are_listed_empty() {
    let server = TestServer::start().await;
    let user = server.create_user(json!({ "username": "still" })).await;
    let path = format!("/api/users/{}", user["id"].as_str().unwrap());
    expect_error(
        server.patch(&path, json!({})).await,
        422,
        "entity.invalid_input",
    )
    .await;
    let plain: Value = server.get(&path).await.json().await.unwrap();
    assert_eq!(plain, user, "unchanged, and no ssoIdentities unless asked");
    let with_sso: Value = server
        .get(&format!("{path}?includeSsoIdentities=true"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(with_sso["ssoIdentities"], json!([]));
}
