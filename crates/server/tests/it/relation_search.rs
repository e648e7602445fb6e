//! `search` on the lists of what a user, an application or a role holds, as on the
//! top-level lists (Logto filters these by id, name and description).

use crate::apps_helpers::*;
use crate::common::*;
use serde_json::{Value, json};

async fn names(server: &TestServer, path: &str) -> Vec<String> {
    let items: Vec<Value> = json_of(server.get(path).await, 200)
        .await
        .as_array()
        .unwrap()
        .clone();
    field(&items, "name")
}

#[tokio::test]
async fn relation_lists_honour_search() {
    let server = TestServer::start().await;
    let reader = id(&create_role(&server, "invoice reader", "User").await);
    let writer = id(&create_role(&server, "invoice writer", "User").await);
    let user = server.create_user(json!({ "username": "ann" })).await;
    let user = user["id"].as_str().unwrap();
    let path = format!("/api/users/{user}/roles");
    let given = server
        .post(&path, json!({ "roleIds": [reader, writer] }))
        .await;
    assert_eq!(given.status(), 201);
    assert_eq!(
        names(&server, &format!("{path}?search=%25reader%25")).await,
        ["invoice reader"]
    );
    assert_eq!(names(&server, &path).await.len(), 2, "all without a search");

    let robot = id(&create_role(&server, "robot exporter", "MachineToMachine").await);
    let app = id(&create_app(&server, "Nightly").await);
    let path = format!("/api/applications/{app}/roles");
    assert_eq!(
        server
            .post(&path, json!({ "roleIds": [robot] }))
            .await
            .status(),
        201
    );
    assert_eq!(
        names(&server, &format!("{path}?search=%25export%25")).await,
        ["robot exporter"]
    );
    assert!(
        names(&server, &format!("{path}?search=%25nothing%25"))
            .await
            .is_empty()
    );

    let path = format!("/api/roles/{robot}/applications");
    assert_eq!(
        names(&server, &format!("{path}?search=%25Night%25")).await,
        ["Nightly"]
    );
    assert!(
        names(&server, &format!("{path}?search=%25not-found%25"))
            .await
            .is_empty()
    );
}
