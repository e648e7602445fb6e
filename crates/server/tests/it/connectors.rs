//! `/api/connectors`: Tenantry has no connectors, and says so in Logto's shape.

use crate::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn the_connector_list_is_empty_and_ids_are_unknown() {
    let server = TestServer::start().await;
    for path in ["/api/connectors", "/api/connectors?target=smtp"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.json::<Value>().await.unwrap(), json!([]), "{path}");
    }
    let body = expect_error(
        server
            .get("/api/connectors/simple-mail-transfer-protocol")
            .await,
        404,
        "entity.not_found",
    )
    .await;
    assert!(body["message"].as_str().unwrap().contains("connector"));

    let anonymous = server
        .client
        .get(server.url("/api/connectors"))
        .send()
        .await;
    assert_eq!(anonymous.unwrap().status(), 401);
}
