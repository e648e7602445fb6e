//! The API client's error mapping and headers, on real fetch `Response`s.

use gloo_net::http::{Method, Response};
use tenantry_portal::api::{
    ApiError, CSRF_HEADER, Client, decode, error_from_response, total_number,
};
use tenantry_portal::pages::sign_in::sign_in_message;
use wasm_bindgen_test::wasm_bindgen_test;

fn response(status: u16, body: &str) -> Response {
    Response::builder().status(status).body(Some(body)).unwrap()
}

#[wasm_bindgen_test]
async fn an_error_body_becomes_a_typed_error_with_its_data() {
    let body = r#"{"code":"user.locked","message":"The account is locked.","data":{"lockedUntil":1700000000000}}"#;
    let err = error_from_response(response(423, body)).await;
    assert_eq!(err.status(), Some(423));
    assert_eq!(err.code(), Some("user.locked"));
    assert_eq!(err.data().unwrap()["lockedUntil"], 1_700_000_000_000_i64);
    assert_eq!(err.to_string(), "The account is locked.");
    assert!(sign_in_message(&err).starts_with("This account is locked"));
}

#[wasm_bindgen_test]
async fn sign_in_refusals_read_as_sentences() {
    let wrong = error_from_response(response(
        422,
        r#"{"code":"session.invalid_credentials","message":"x"}"#,
    ))
    .await;
    assert_eq!(sign_in_message(&wrong), "Wrong username or password.");
    let suspended =
        error_from_response(response(422, r#"{"code":"user.suspended","message":"x"}"#)).await;
    assert!(sign_in_message(&suspended).contains("suspended"));
    let limited = error_from_response(response(429, "")).await;
    assert!(sign_in_message(&limited).starts_with("Too many attempts"));
}

#[wasm_bindgen_test]
async fn a_body_that_is_not_json_keeps_the_status() {
    let err = error_from_response(response(502, "<html>Bad gateway</html>")).await;
    assert!(matches!(err, ApiError::Http { status: 502, .. }));
    assert_eq!(err.code(), None);
    assert_eq!(err.to_string(), "The server answered with status 502.");

    let err = error_from_response(response(503, "upstream down")).await;
    assert_eq!(
        err.to_string(),
        "The server answered with status 503: upstream down"
    );
}

#[wasm_bindgen_test]
async fn a_success_that_is_not_the_expected_json_is_a_decode_error() {
    let result: Result<Vec<String>, _> = decode(response(200, "<!doctype html>")).await;
    assert!(matches!(result, Err(ApiError::Decode { status: 200, .. })));
}

#[wasm_bindgen_test]
async fn an_unreachable_edge_is_a_network_error() {
    let client = Client::new("http://127.0.0.1:1");
    let result: Result<serde_json::Value, _> = client.get("/auth/session").await;
    let err = result.unwrap_err();
    assert!(matches!(err, ApiError::Network(_)), "{err:?}");
    assert_eq!(err.status(), None);
    assert!(
        err.to_string()
            .starts_with("The server could not be reached")
    );
}

#[wasm_bindgen_test]
async fn a_real_error_answer_is_mapped_too() {
    // The test runner's own server has no edge routes.
    let client = Client::new("");
    let result: Result<serde_json::Value, _> = client.get("/auth/no-such-route").await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
    assert!(!err.is_unauthorized());
}

#[wasm_bindgen_test]
fn writes_carry_the_csrf_header_and_reads_do_not() {
    let client = Client::new("");
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        let request = client
            .request(method.clone(), "/api/users")
            .build()
            .unwrap();
        assert_eq!(
            request.headers().get(CSRF_HEADER.0).as_deref(),
            Some("1"),
            "{method}"
        );
    }
    let get = client.request(Method::GET, "/api/users").build().unwrap();
    assert_eq!(get.headers().get(CSRF_HEADER.0), None);
}

#[wasm_bindgen_test]
fn urls_are_relative_to_the_configured_edge() {
    assert_eq!(Client::new("").url("/api/users"), "/api/users");
    assert_eq!(
        Client::new("https://edge.example/").url("/api/users"),
        "https://edge.example/api/users"
    );
}

#[wasm_bindgen_test]
fn the_total_comes_from_the_total_number_header() {
    let with = Response::builder()
        .header("Total-Number", "42")
        .body(Some("[]"))
        .unwrap();
    assert_eq!(total_number(&with), Some(42));
    assert_eq!(total_number(&response(200, "[]")), None);
}
