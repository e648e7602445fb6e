//! Rate limits keyed on the end caller (issue 17): the edge names who acts
//! (`X-Tenantry-Actor`) and from where (`X-Forwarded-For`), believed only from the
//! edge's application; token failures count per (client id, address); self-service
//! recovery is limited per (mail address, source) and never revokes a mailed link.

use crate::apps_helpers::{create_app, create_secret, exchange, id};
use crate::common::*;
use reqwest::Response;
use serde_json::{Value, json};

/// A server allowing `requests` per window to each caller, 3 token failures a minute.
async fn strict_server(requests: u32) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    let mut config = config(dir.path(), &url);
    config.rate_limit.requests = requests;
    config.rate_limit.window_secs = 3600;
    config.rate_limit.token_failures = 3;
    config.rate_limit.public = 1_000;
    TestServer::start_with(dir, config).await
}

/// A GET of the user list with `token`, naming `actor` and `address`.
async fn list_as(server: &TestServer, token: &str, actor: &str, address: &str) -> u16 {
    server
        .client
        .get(server.url("/api/users"))
        .bearer_auth(token)
        .header("x-tenantry-actor", actor)
        .header("x-forwarded-for", address)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Another M2M application with full access (the edge's role), and its token.
pub async fn other_client(server: &TestServer) -> (String, String, String) {
    let app = create_app(server, "other").await;
    let roles: Value = server
        .get("/api/roles?page_size=100")
        .await
        .json()
        .await
        .unwrap();
    let edge_role = roles
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "edge")
        .expect("the edge role")["id"]
        .clone();
    let path = format!("/api/applications/{}/roles", id(&app));
    let assigned = server.post(&path, json!({ "roleIds": [edge_role] })).await;
    assert!(assigned.status().is_success());
    let secret = create_secret(server, &id(&app), "s").await;
    let secret = secret["value"].as_str().unwrap().to_owned();
    let (status, answer) = exchange(server, &id(&app), &secret, INDICATOR, "all").await;
    assert_eq!(status, 200);
    let token = answer["access_token"].as_str().unwrap().to_owned();
    (id(&app), secret, token)
}

#[tokio::test]
async fn each_caller_the_edge_names_has_its_own_bucket() {
    let server = strict_server(40).await;
    let token = server.fetch_token("all").await;
    // Make the token known-verified (the first use checks its signature).
    assert_eq!(
        list_as(&server, &token, "user:warmup", "192.0.2.1").await,
        200
    );
    let mut greedy = Vec::new();
    for _ in 0..41 {
        greedy.push(list_as(&server, &token, "embed:greedy", "192.0.2.9").await);
    }
    assert_eq!(greedy.iter().filter(|s| **s == 200).count(), 40);
    assert_eq!(greedy.last(), Some(&429));
    // The admin, and an anonymous caller from another address, are untouched.
    assert_eq!(
        list_as(&server, &token, "user:theadmin", "192.0.2.9").await,
        200
    );
    let anonymous = server
        .client
        .get(server.url("/api/users"))
        .bearer_auth(&token)
        .header("x-forwarded-for", "192.0.2.77")
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 200);
}

#[tokio::test]
async fn another_client_naming_callers_gains_nothing() {
    let server = strict_server(60).await;
    let (_, _, token) = other_client(&server).await;
    let mut statuses = Vec::new();
    for n in 0..61 {
        let actor = format!("user:fake{n}");
        statuses.push(list_as(&server, &token, &actor, &format!("192.0.2.{n}")).await);
    }
    // One bucket for the client, whatever it claims: the 61st is refused ...
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429));
}

#[tokio::test]
async fn a_forged_header_is_not_written_to_the_audit_log() {
    let server = strict_server(1_000).await;
    let (_, _, token) = other_client(&server).await;
    let created = server
        .client
        .post(server.url("/api/users"))
        .bearer_auth(&token)
        .header("x-tenantry-actor", "user:innocent")
        .json(&json!({"username": "madebyother"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let logs: Value = server
        .get("/api/logs?logKey=Management.User.Create")
        .await
        .json()
        .await
        .unwrap();
    let row = &logs[0]["payload"];
    assert_eq!(row["result"], "Success");
    assert!(row.get("actorUserId").is_none(), "{row}");
}

/// A client whose connections come from `ip` (any 127.0.0.0/8 address reaches the server).
fn client_from(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(ip))
        .build()
        .unwrap()
}

/// `POST /oidc/token` for the edge's client id with `secret`, from `client`.
async fn token_with(server: &TestServer, client: &reqwest::Client, secret: &str) -> Response {
    client
        .post(server.url("/oidc/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", secret),
            ("resource", INDICATOR),
            ("scope", "all"),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn wrong_secrets_from_one_address_never_refuse_the_right_one_from_another() {
    let server = strict_server(1_000).await;
    let attacker = client_from([127, 0, 0, 2]);
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            token_with(&server, &attacker, "wrong")
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, [401, 401, 401, 429, 429]);
    // The attacker's address stays refused even with the right secret ...
    let refused = token_with(&server, &attacker, CLIENT_SECRET).await;
    assert_eq!(refused.status(), 429);
    // ... while the edge, from its own address, still gets its tokens, and they work.
    let edge = client_from([127, 0, 0, 1]);
    let answer = token_with(&server, &edge, CLIENT_SECRET).await;
    assert_eq!(answer.status(), 200);
    let answer: Value = answer.json().await.unwrap();
    let token = answer["access_token"].as_str().unwrap();
    let users = server
        .client
        .get(server.url("/api/users"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(users.status(), 200);
    let apps: Value = server.get("/api/applications").await.json().await.unwrap();
    assert_eq!(apps.as_array().unwrap().len(), 1, "nothing was created");
}
