//! Eight users with distinct usernames, emails, phones and names, and the helpers the
//! search tests share: run a search and compare the usernames found, in order.
#![allow(dead_code)]

use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

/// A seeded user: username, email, phone, name.
type Person = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// Seeded users, oldest first.
pub const PEOPLE: [Person; 8] = [
    (
        "alice_w",
        Some("alice@example.com"),
        Some("15550001"),
        Some("Alice Wong"),
    ),
    (
        "Bob_Stone",
        Some("bob.stone@example.org"),
        Some("15550002"),
        Some("Bob Stone"),
    ),
    (
        "carol",
        Some("Carol.King@Example.com"),
        Some("15550003"),
        Some("Carol King"),
    ),
    (
        "dave99",
        Some("dave@sample.net"),
        Some("4420004"),
        Some("David Alison"),
    ),
    ("erin", Some("erin@example.org"), None, Some("Erin Wong")),
    ("frank", None, Some("4420006"), Some("Frank Malice")),
    ("Grace", Some("grace@sample.net"), Some("15550007"), None),
    (
        "heidi",
        Some("HEIDI@example.com"),
        Some("4420008"),
        Some("Heidi Stone"),
    ),
];

/// Creates the users a millisecond or more apart, so `createdAt` orders them.
pub async fn seed(server: &TestServer) -> Vec<Value> {
    let mut users = Vec::new();
    for (username, email, phone, name) in PEOPLE {
        let body = json!({"username": username, "primaryEmail": email,
            "primaryPhone": phone, "name": name});
        users.push(server.create_user(body).await);
        server.clock.advance_ms(2);
    }
    users
}

/// The usernames found, in order, after checking the total and the newest-first order.
pub async fn find(server: &TestServer, query: &[(&str, &str)]) -> Vec<String> {
    let response = server
        .api(Method::GET, "/api/users")
        .query(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{query:?}");
    let total: usize = response.headers()["total-number"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let users: Vec<Value> = response.json().await.unwrap();
    assert_eq!(users.len(), total, "{query:?}: one page holds all");
    let stamps: Vec<i64> = users
        .iter()
        .map(|u| u["createdAt"].as_i64().unwrap())
        .collect();
    assert!(
        stamps.windows(2).all(|w| w[0] >= w[1]),
        "{query:?}: newest first"
    );
    users
        .iter()
        .map(|u| u["username"].as_str().unwrap_or("").to_owned())
        .collect()
}

pub async fn expect(server: &TestServer, query: &[(&str, &str)], usernames: &[&str]) {
    assert_eq!(find(server, query).await, usernames, "{query:?}");
}

pub async fn expect_invalid(server: &TestServer, query: &[(&str, &str)]) {
    let response = server
        .api(Method::GET, "/api/users")
        .query(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400, "{query:?}");
    expect_error(response, 400, "request.invalid_input").await;
}

pub const EVERYONE: [&str; 9] = [
    "heidi",
    "Grace",
    "frank",
    "erin",
    "dave99",
    "carol",
    "Bob_Stone",
    "alice_w",
    "admin",
];
