//! Two server processes on one PostgreSQL database: an application created on one is
//! accepted on the other, and once deleted there its token is refused on the other
//! too (issue 13 step 9; issue 17's deleted-application finding across instances).
//! A SQLite file has one server, so this runs on PostgreSQL only.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::INDICATOR;
use crate::server_process::{ServerProcess, TwoServers};

/// How long a change may take to reach the other instance before the test fails.
const PROPAGATION_LIMIT: Duration = Duration::from_secs(10);

async fn json_of(response: reqwest::Response) -> Value {
    response.json().await.unwrap()
}

/// Polls `server` with `token` until it answers `want`: the last statuses seen, then
/// the number of polls.
async fn until_status(server: &ServerProcess, token: &str, want: StatusCode) -> Vec<u16> {
    let started = Instant::now();
    let mut seen = Vec::new();
    loop {
        let status = server
            .client
            .get(format!("{}/api/users", server.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status();
        seen.push(status.as_u16());
        if status == want || started.elapsed() > PROPAGATION_LIMIT {
            let polls = seen.len();
            seen.drain(..polls.saturating_sub(3));
            seen.push(polls as u16);
            return seen;
        }
        // A poll for a condition, not a measure of time: spare the rate limiter.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn application_changes_on_one_instance_reach_the_other() {
    if std::env::var("TENANTRY_TEST_POSTGRES_URL").is_err() {
        eprintln!("skipped: one server per SQLite file, so nothing to propagate");
        return;
    }
    let TwoServers {
        first: one,
        second: two,
        database_url: _,
        dir: _dir,
    } = TwoServers::start().await;

    let app = json_of(
        one.api(Method::POST, "/api/applications")
            .json(&json!({ "name": "Reporter", "type": "MachineToMachine" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let app = app["id"].as_str().unwrap().to_owned();
    let edge_role: Value = json_of(
        one.api(Method::GET, "/api/roles?search=edge")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let role = edge_role[0]["id"].as_str().unwrap();
    let granted = one
        .api(Method::POST, &format!("/api/applications/{app}/roles"))
        .json(&json!({ "roleIds": [role] }))
        .send()
        .await
        .unwrap();
    assert_eq!(granted.status(), 201);
    let secret = json_of(
        one.api(Method::POST, &format!("/api/applications/{app}/secrets"))
            .json(&json!({ "name": "main" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let secret = secret["value"].as_str().unwrap().to_owned();

    // The token comes from instance one; instance two learns of the new application.
    let answer = json_of(
        one.client
            .post(format!("{}/oidc/token", one.base))
            .basic_auth(&app, Some(&secret))
            .form(&[
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
                ("scope", "all"),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    let token = answer["access_token"].as_str().expect("a token").to_owned();
    let seen = until_status(&two, &token, StatusCode::OK).await;
    assert_eq!(
        seen[seen.len() - 2],
        200,
        "accepted on the other instance: {seen:?}"
    );

    let deleted = one
        .api(Method::DELETE, &format!("/api/applications/{app}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let seen = until_status(&two, &token, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        seen[seen.len() - 2],
        401,
        "refused on the other instance: {seen:?}"
    );
    eprintln!(
        "the deletion reached the other instance after {} poll(s)",
        seen[seen.len() - 1]
    );
}
