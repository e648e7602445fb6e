//! Issue 17: a huge `page` used to wrap `(page - 1) * page_size` to a negative OFFSET
//! (500 on PostgreSQL, silently page 1 on SQLite). Out-of-range pages are refused.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn a_page_past_the_offset_range_is_refused_on_every_paginated_list() {
    let server = TestServer::start().await;
    server
        .create_user(json!({"username": "paged_member"}))
        .await;
    let before = user_count(&server).await;
    // 2^63 / 100 + 1 wrapped to a negative OFFSET; 100,000,001 is one past the bound.
    for page in ["92233720368547759", "18446744073709551615", "100000001"] {
        for path in [
            "/api/users",
            "/api/roles",
            "/api/organizations",
            "/api/logs",
        ] {
            let response = server
                .get(&format!("{path}?page={page}&page_size=100"))
                .await;
            expect_error(response, 400, "guard.invalid_pagination").await;
        }
    }
    // The largest page allowed is simply empty, and the data is untouched.
    let response = server.get("/api/users?page=100000000&page_size=100").await;
    assert_eq!(response.status(), 200);
    let items: Vec<serde_json::Value> = response.json().await.unwrap();
    assert!(items.is_empty());
    assert_eq!(user_count(&server).await, before);
    assert_eq!(before, "2");
}
