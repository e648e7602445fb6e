//! Malformed input on the user routes: broken JSON, wrong types, oversize bodies, unknown
//! and odd ids. Each answer is a JSON error with `code` and `message`, never a 500, and
//! the stored user is unchanged afterwards.

use crate::common::*;
use reqwest::{Method, Response};
use serde_json::{Value, json};

/// The routes that take a body, with a valid body for each.
fn body_routes(id: &str) -> Vec<(Method, String, Value)> {
    let user = format!("/api/users/{id}");
    vec![
        (
            Method::POST,
            "/api/users".into(),
            json!({"username": "fresh"}),
        ),
        (Method::PATCH, user.clone(), json!({"name": "Changed"})),
        (
            Method::PATCH,
            format!("{user}/password"),
            json!({"password": "changed-pw-1"}),
        ),
        (
            Method::POST,
            format!("{user}/password/verify"),
            json!({"password": "orig-inal-pw"}),
        ),
        (
            Method::PATCH,
            format!("{user}/is-suspended"),
            json!({"isSuspended": true}),
        ),
        (
            Method::PATCH,
            format!("{user}/custom-data"),
            json!({"customData": {"k": 1}}),
        ),
        (
            Method::PATCH,
            format!("{user}/profile"),
            json!({"profile": {"nickname": "n"}}),
        ),
    ]
}

/// The user every test damages, and its JSON as stored.
async fn victim(server: &TestServer) -> (String, Value) {
    let body = json!({"username": "victim", "primaryEmail": "victim@example.com",
        "name": "Victim", "password": "orig-inal-pw", "customData": {"keep": true}});
    let user = server.create_user(body).await;
    (user["id"].as_str().unwrap().to_owned(), user)
}

/// Asserts a JSON error answer (not a 500) and returns its body.
async fn expect_json_error(response: Response, status: u16, context: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "{context}");
    let body: Value = response
        .json()
        .await
        .unwrap_or_else(|e| panic!("{context}: {e}"));
    assert!(
        body["code"].as_str().is_some_and(|c| !c.is_empty()),
        "{context}: {body}"
    );
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{context}: {body}"
    );
    body
}

async fn assert_unchanged(server: &TestServer, id: &str, user: &Value, context: &str) {
    let now: Value = server
        .get(&format!("/api/users/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(&now, user, "{context}: the user changed");
    let verify_path = format!("/api/users/{id}/password/verify");
    let verify = server
        .post(&verify_path, json!({"password": "orig-inal-pw"}))
        .await;
    assert_eq!(verify.status(), 204, "{context}: the password changed");
    let total = server.get("/api/users").await.headers()["total-number"].clone();
    assert_eq!(total, "2", "{context}: a user was created");
}

#[tokio::test]
async fn broken_json_is_refused_with_400() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    let broken = [
        "",
        "not json",
        "{\"username\": ",
        "{\"username\": \"a\",}",
        "{'a': 1}",
        "\u{0}",
    ];
    for (method, path, _) in body_routes(&id) {
        for raw in broken {
            let context = format!("{method} {path} with {raw:?}");
            let request = server.api(method.clone(), &path);
            let response = request
                .header("content-type", "application/json")
                .body(raw)
                .send()
                .await
                .unwrap();
            expect_json_error(response, 400, &context).await;
            assert_unchanged(&server, &id, &user, &context).await;
        }
    }
}

/// Sends `body`, expects 400 `guard.invalid_input`, and checks nothing changed.
async fn expect_invalid_input(
    server: &TestServer,
    (id, user): (&str, &Value),
    method: Method,
    path: &str,
    body: Value,
) {
    let context = format!("{method} {path} with {body}");
    let response = server.send_json(method, path, body).await;
    let error = expect_json_error(response, 400, &context).await;
    assert_eq!(error["code"], "guard.invalid_input", "{context}");
    assert_unchanged(server, id, user, &context).await;
}

#[tokio::test]
async fn wrong_json_types_are_refused_with_guard_invalid_input() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    let user_path = format!("/api/users/{id}");
    let cases: Vec<(Method, String, Vec<Value>)> = vec![
        (
            Method::POST,
            "/api/users".into(),
            vec![
                json!({"username": 123}),
                json!({"customData": "x"}),
                json!({"customData": [1]}),
                json!({"profile": "x"}),
                json!({"password": 123}),
                json!({"name": true}),
                json!({"primaryEmail": ["a@b.co"]}),
                json!("user"),
                json!(null),
            ],
        ),
        (
            Method::PATCH,
            user_path.clone(),
            vec![
                json!({"username": 123}),
                json!({"customData": "x"}),
                json!({"profile": [1]}),
                json!({"avatar": false}),
                json!({"primaryPhone": 5550100}),
            ],
        ),
        (
            Method::PATCH,
            format!("{user_path}/password"),
            vec![
                json!({}),
                json!({"password": 123}),
                json!({"password": null}),
            ],
        ),
        (
            Method::POST,
            format!("{user_path}/password/verify"),
            vec![json!({}), json!({"password": ["original"]})],
        ),
        (
            Method::PATCH,
            format!("{user_path}/is-suspended"),
            vec![
                json!({}),
                json!({"isSuspended": "yes"}),
                json!({"isSuspended": 1}),
            ],
        ),
        (
            Method::PATCH,
            format!("{user_path}/custom-data"),
            vec![
                json!({}),
                json!({"customData": "x"}),
                json!({"customData": [1]}),
                json!({"customData": null}),
                json!({"keep": false}),
            ],
        ),
        (
            Method::PATCH,
            format!("{user_path}/profile"),
            vec![json!({}), json!({"profile": "x"}), json!({"profile": 1})],
        ),
    ];
    for (method, path, bodies) in cases {
        for body in bodies {
            expect_invalid_input(&server, (&id, &user), method.clone(), &path, body).await;
        }
    }
}

#[tokio::test]
async fn bodies_over_256_kib_are_refused_with_413() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    let blob = "a".repeat(300 * 1024);
    for (method, path, mut body) in body_routes(&id) {
        let context = format!("{method} {path} with 300 KiB");
        body["customData"] = json!({ "blob": blob });
        body["padding"] = json!(blob);
        let response = server.send_json(method, &path, body).await;
        expect_json_error(response, 413, &context).await;
        assert_unchanged(&server, &id, &user, &context).await;
    }
}

#[tokio::test]
async fn unknown_users_answer_404_on_every_route() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    let unknown = "nosuchuser00";
    let mut routes: Vec<(Method, String, Option<Value>)> = body_routes(unknown)
        .into_iter()
        .skip(1)
        .map(|(method, path, body)| (method, path, Some(body)))
        .collect();
    for path in ["", "/has-password", "/custom-data"] {
        routes.push((Method::GET, format!("/api/users/{unknown}{path}"), None));
    }
    routes.push((Method::DELETE, format!("/api/users/{unknown}"), None));
    for (method, path, body) in routes {
        let context = format!("{method} {path}");
        let request = server.api(method, &path);
        let request = match body {
            Some(body) => request.json(&body),
            None => request,
        };
        let response = request.send().await.unwrap();
        expect_error(response, 404, "entity.not_found").await;
        assert_unchanged(&server, &id, &user, &context).await;
    }
}

#[tokio::test]
async fn odd_ids_answer_a_json_404() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    let long = "x".repeat(300);
    let odd = [
        "a%20b",
        "%E2%9C%93",
        "..%2F..%2Fetc%2Fpasswd",
        "%27%3B--",
        "%25",
        "%00",
        "a.b",
        "VICTIM",
        long.as_str(),
    ];
    for raw in odd {
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let context = format!("{method} /api/users/{raw}");
            let request = server.api(method.clone(), &format!("/api/users/{raw}"));
            let request = if method == Method::PATCH {
                request.json(&json!({"name": "Changed"}))
            } else {
                request
            };
            let response = request.send().await.unwrap();
            expect_error(response, 404, "entity.not_found").await;
            assert_unchanged(&server, &id, &user, &context).await;
        }
        let custom = server.get(&format!("/api/users/{raw}/custom-data")).await;
        expect_error(custom, 404, "entity.not_found").await;
    }
}

#[tokio::test]

async fn an_id_that_is_not_utf8_gets_a_json_error() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    for path in ["/api/users/%FF", "/api/users/%C3%28/custom-data"] {
        let response = server.get(path).await;
        let status = response.status().as_u16();
        assert!(status == 400 || status == 404, "{path}: {status}");
        expect_json_error(response, status, path).await;
        assert_unchanged(&server, &id, &user, path).await;
    }
}

#[tokio::test]

async fn json_arrays_are_not_objects() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    let user_path = format!("/api/users/{id}");
    let cases = [
        (Method::POST, "/api/users".to_owned(), json!([])),
        (Method::POST, "/api/users".to_owned(), json!(["array_made"])),
        (Method::PATCH, user_path.clone(), json!([])),
        (Method::PATCH, user_path.clone(), json!(["renamed"])),
        (
            Method::PATCH,
            format!("{user_path}/password"),
            json!(["changed"]),
        ),
        (
            Method::POST,
            format!("{user_path}/password/verify"),
            json!(["original"]),
        ),
        (
            Method::PATCH,
            format!("{user_path}/is-suspended"),
            json!([true]),
        ),
        (
            Method::PATCH,
            format!("{user_path}/custom-data"),
            json!([{"k": 1}]),
        ),
        (
            Method::PATCH,
            format!("{user_path}/profile"),
            json!([{"nickname": "n"}]),
        ),
    ];
    for (method, path, body) in cases {
        expect_invalid_input(&server, (&id, &user), method, &path, body).await;
    }
}

#[tokio::test]

async fn an_unsupported_method_gets_a_json_error() {
    let server = TestServer::start().await;
    let (id, user) = victim(&server).await;
    for (method, path) in [
        (Method::PUT, format!("/api/users/{id}")),
        (Method::DELETE, format!("/api/users/{id}/custom-data")),
        (Method::POST, format!("/api/users/{id}/has-password")),
    ] {
        let context = format!("{method} {path}");
        let response = server
            .send_json(method, &path, json!({"name": "Changed"}))
            .await;
        expect_json_error(response, 405, &context).await;
        assert_unchanged(&server, &id, &user, &context).await;
    }
}
