//! Every route the edge forwards exists on the server with the same method, as the
//! server's own `/api/swagger.json` documents it: the allowlist cannot name a route
//! that would only ever answer the server's 404.

use std::collections::HashSet;

use crate::common::server::Server;
use tenantry_edge::core::forwarded_routes;

/// A path pattern with every `{…}` segment made alike, so `{id}` matches `{userId}`.
fn shape(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "{}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn every_allowlisted_route_is_a_documented_server_route() {
    let server = Server::start().await;
    let document = server.get_json("/api/swagger.json").await;
    let documented: HashSet<(String, String)> = document["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            let methods = item.as_object().cloned().unwrap_or_default();
            methods
                .into_iter()
                .map(move |(method, _)| (method.to_uppercase(), shape(path)))
        })
        .collect();
    let missing: Vec<String> = forwarded_routes()
        .filter(|(method, pattern)| {
            !documented.contains(&(method.as_str().to_owned(), shape(pattern)))
        })
        .map(|(method, pattern)| format!("{} {pattern}", method.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "allowlisted but not served:\n{}",
        missing.join("\n")
    );
}
