//! Pagination `Link` URLs come from the configured public URL, never from a `Host`
//! header the client chose.

use crate::common::TestServer;

#[tokio::test]
async fn a_forged_host_never_reaches_link_headers() {
    let server = TestServer::start().await;
    server
        .create_user(serde_json::json!({ "username": "ann" }))
        .await;
    let answer = server
        .api(reqwest::Method::GET, "/api/users?page_size=1")
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let links: Vec<String> = answer
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    for link in &links {
        assert!(!link.contains("evil.example"), "{link}");
        assert!(
            link.starts_with("<http://tenantry.test/api/users?"),
            "{link}"
        );
    }
}
