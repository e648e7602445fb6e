//! Two server processes on one PostgreSQL database count against one rate limit
//! (issue 13 step 9): the strict public bucket (5 requests a minute per address) is
//! spent by requests to either instance. A SQLite file has one server, so this runs
//! on PostgreSQL only.

use reqwest::StatusCode;
use serde_json::json;

use crate::server_process::{ServerProcess, TwoServers};

/// A recovery request for a fresh address (so only the public bucket can refuse it):
/// the status and the `RateLimit-Remaining` it was answered with.
async fn recover(server: &ServerProcess, n: usize) -> (StatusCode, Option<String>) {
    let response = server
        .client
        .post(format!("{}/api/recover-password", server.base))
        .json(&json!({ "email": format!("nobody{n}@example.com") }))
        .send()
        .await
        .unwrap();
    let remaining = response
        .headers()
        .get("ratelimit-remaining")
        .map(|v| v.to_str().unwrap().to_owned());
    (response.status(), remaining)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_spend_one_public_limit() {
    if std::env::var("TENANTRY_TEST_POSTGRES_URL").is_err() {
        eprintln!("skipped: one server per SQLite file, so nothing to share");
        return;
    }
    let TwoServers {
        first,
        second,
        database_url: _,
        dir: _dir,
    } = TwoServers::start().await;

    let mut answers = Vec::new();
    for n in 0..6 {
        let server = if n % 2 == 0 { &first } else { &second };
        answers.push(recover(server, n).await);
    }
    let statuses: Vec<u16> = answers.iter().map(|(s, _)| s.as_u16()).collect();
    let remaining: Vec<Option<&str>> = answers.iter().map(|(_, r)| r.as_deref()).collect();
    assert_eq!(statuses[..5], [statuses[0]; 5], "{answers:?}");
    assert_ne!(statuses[0], 429, "{answers:?}");
    assert_eq!(statuses[5], 429, "{answers:?}");
    assert_eq!(
        remaining,
        [
            Some("4"),
            Some("3"),
            Some("2"),
            Some("1"),
            Some("0"),
            Some("0")
        ]
    );
}
