//! Audit rows about one organization name it in their payload.

use crate::common::*;
use serde_json::{Value, json};

async fn rows_with_key(server: &TestServer, key: &str) -> Vec<Value> {
    let (rows, _) = list_with_total(server, &format!("/api/logs?logKey={key}")).await;
    rows
}

#[tokio::test]
async fn organization_rows_carry_the_organization_id() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let user = server.create_user(json!({ "username": "ann" })).await;
    let user_id = user["id"].as_str().unwrap();
    let path = format!("/api/organizations/{org}/users");
    let added = server.post(&path, json!({ "userIds": [user_id] })).await;
    assert_eq!(added.status(), 201);
    let removed = server.delete(&format!("{path}/{user_id}")).await;
    assert_eq!(removed.status(), 204);

    for key in [
        "Management.Organization.AddUsers",
        "Management.Organization.RemoveUser",
    ] {
        let rows = rows_with_key(&server, key).await;
        assert_eq!(rows.len(), 1, "{key}");
        assert_eq!(rows[0]["payload"]["organizationId"], org.as_str(), "{key}");
    }
    let removal = &rows_with_key(&server, "Management.Organization.RemoveUser").await[0];
    assert_eq!(removal["payload"]["userId"], user_id);

    let user_rows = rows_with_key(&server, "Management.User.Create").await;
    assert!(user_rows[0]["payload"].get("organizationId").is_none());
}
