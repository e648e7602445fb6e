//! The portal's files on the edge's origin, with `index.html` for unknown pages (the
//! Worker: Workers static assets configured as in wrangler.toml).

use crate::common::worker::{self, WorkerEdge};
use crate::common::{Server, edge_config, generous_limits};

#[tokio::test]
async fn serves_files_and_falls_back_to_index_html() {
    let server = Server::start().await;
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app.js"), "console.log(1)").unwrap();
    let config = edge_config(&server.base, generous_limits());
    let mut _worker = None;
    let base = if worker::selected() {
        let edge = WorkerEdge::start(&config, Some(dist.path()));
        _worker.insert(edge).base.clone()
    } else {
        crate::common::native_edge(config, Some(dist.path().to_path_buf()).into()).await
    };
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("{base}{path}")).send();
    let script = get("/app.js").await.unwrap();
    assert_eq!(script.status(), 200);
    assert_eq!(script.text().await.unwrap(), "console.log(1)");
    for page in ["/", "/users/abc123", "/organizations"] {
        let response = get(page).await.unwrap();
        assert_eq!(response.status(), 200, "{page}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("<title>portal</title>")
        );
    }
    // The edge's own paths never fall back to the page.
    let api = get("/api/nothing").await.unwrap();
    assert_eq!(api.status(), 404);
    assert!(api.text().await.unwrap().contains("guard.not_found"));
    // Not the page either (Workers static assets answer 405, the native edge 404).
    let post = client.post(format!("{base}/users")).send().await.unwrap();
    assert!(matches!(post.status().as_u16(), 404 | 405), "{post:?}");
}
