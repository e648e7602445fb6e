//! Concurrent edits of different fields of one user, sent to two server processes on
//! one database: every write names only its own columns (merges compare-and-set), so
//! both changes survive each round.

use reqwest::Method;
use serde_json::{Value, json};

use crate::db_probe::DbProbe;
use crate::server_process::{ServerProcess, TwoServers};

const ROUNDS: usize = 100;

async fn patch(server: &ServerProcess, path: &str, body: Value) -> u16 {
    let response = server
        .api(Method::PATCH, path)
        .json(&body)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_edits_of_different_fields_all_survive() {
    let TwoServers {
        first,
        second,
        database_url: url,
        dir: _dir,
    } = TwoServers::start().await;
    let mut db = DbProbe::connect(&url).await;
    let created: Value = first
        .api(Method::POST, "/api/users")
        .json(&json!({ "username": "edited" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    let user = format!("/api/users/{id}");
    let suspension = format!("{user}/is-suspended");
    let custom_data = format!("{user}/custom-data");

    for round in 0..ROUNDS {
        let name = format!("Name {round}");
        let avatar = format!("https://example.com/{round}.png");
        let suspended = round % 2 == 0;
        let (a, b, c) = tokio::join!(
            patch(&first, &user, json!({ "name": name })),
            patch(&second, &user, json!({ "avatar": avatar })),
            patch(&second, &suspension, json!({ "isSuspended": suspended })),
        );
        assert_eq!((a, b, c), (200, 200, 200), "round {round}");
        let (d, e) = tokio::join!(
            patch(
                &first,
                &custom_data,
                json!({ "customData": { "a": round } })
            ),
            patch(
                &second,
                &custom_data,
                json!({ "customData": { "b": round } })
            ),
        );
        assert_eq!((d, e), (200, 200), "round {round}");

        let stored = db
            .texts::<4>(
                "SELECT name, avatar, custom_data, \
                 CASE WHEN is_suspended THEN 'yes' ELSE 'no' END FROM users WHERE id = $1",
                &id,
            )
            .await;
        assert_eq!(
            stored[0].as_deref(),
            Some(name.as_str()),
            "round {round}: name lost"
        );
        assert_eq!(
            stored[1].as_deref(),
            Some(avatar.as_str()),
            "round {round}: avatar lost"
        );
        let custom: Value = serde_json::from_str(stored[2].as_deref().unwrap()).unwrap();
        assert_eq!(
            custom["a"], round,
            "round {round}: customData.a lost: {custom}"
        );
        assert_eq!(
            custom["b"], round,
            "round {round}: customData.b lost: {custom}"
        );
        let expected = if suspended { "yes" } else { "no" };
        assert_eq!(
            stored[3].as_deref(),
            Some(expected),
            "round {round}: suspension lost"
        );
    }
}
