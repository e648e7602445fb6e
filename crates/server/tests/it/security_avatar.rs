//! Issue 17: `javascript:` (and other non-image) avatar URLs were stored and later
//! rendered as links and images. Only `https:` and `data:image/…` URLs are kept.

use crate::common::*;
use serde_json::{Value, json};

const HOSTILE: [&str; 5] = [
    "javascript:alert(document.cookie)",
    "javascript://x.test/%0Aalert(1)",
    "http://plain.test/a.png",
    "data:text/html,<script>alert(1)</script>",
    "vbscript://x.test",
];

#[tokio::test]
async fn hostile_avatar_urls_are_refused_on_create_and_patch() {
    let server = TestServer::start().await;
    let before = user_count(&server).await;
    for avatar in HOSTILE {
        let response = server
            .post(
                "/api/users",
                json!({"username": "mallory", "avatar": avatar}),
            )
            .await;
        expect_error(response, 400, "guard.invalid_input").await;
    }
    assert_eq!(user_count(&server).await, before, "no user was created");

    let user = server
        .create_user(json!({"username": "pat", "avatar": "https://cdn.test/pat.png"}))
        .await;
    let id = user["id"].as_str().unwrap();
    for avatar in HOSTILE {
        let response = server
            .patch(&format!("/api/users/{id}"), json!({"avatar": avatar}))
            .await;
        expect_error(response, 400, "guard.invalid_input").await;
    }
    assert_eq!(
        fetch_user(&server, id).await["avatar"],
        "https://cdn.test/pat.png"
    );

    // What stays allowed: https, inline images, "" and null.
    let inline = "data:image/png;base64,iVBORw0KGgo=";
    for avatar in [json!(inline), json!(""), Value::Null] {
        let response = server
            .patch(&format!("/api/users/{id}"), json!({"avatar": avatar}))
            .await;
        assert_eq!(response.status(), 200, "{avatar}");
        assert_eq!(fetch_user(&server, id).await["avatar"], avatar);
    }
}
