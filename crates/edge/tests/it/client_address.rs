//! Behind a reverse proxy (`--trust-proxy`) the per-IP sign-in limit counts each
//! client by the last `X-Forwarded-For` entry; without it the header is ignored, so a
//! client cannot pick its own bucket. Native adapter only: the Worker reads
//! `CF-Connecting-IP`.

use crate::common::{Server, edge_config, generous_limits, worker};
use tenantry_edge::Limits;
use tenantry_edge::native::Site;

/// An edge allowing two sign-in attempts per IP, in front of `server`.
async fn edge(server: &Server, trust_proxy: bool) -> String {
    let limits = Limits {
        sign_in_per_ip: 2,
        ..generous_limits()
    };
    let site = Site {
        static_dir: None,
        trust_proxy,
        ..Site::default()
    };
    crate::common::native_edge(edge_config(&server.base, limits), site).await
}

/// The status of a wrong sign-in (a fresh username each time) said to come from `ip`.
async fn attempt(base: &str, ip: &str, n: u32) -> u16 {
    reqwest::Client::new()
        .post(format!("{base}/auth/sign-in"))
        .header("x-tenantry", "1")
        .header("x-forwarded-for", format!("198.51.100.7, {ip}"))
        .json(&serde_json::json!({"username": format!("nobody{n}"), "password": "x"}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_address_has_its_own_budget() {
    if worker::selected() {
        return;
    }
    let server = Server::start().await;
    let base = edge(&server, true).await;
    assert_eq!(attempt(&base, "203.0.113.1", 1).await, 422);
    assert_eq!(attempt(&base, "203.0.113.1", 2).await, 422);
    assert_eq!(attempt(&base, "203.0.113.1", 3).await, 429);
    assert_eq!(attempt(&base, "203.0.113.2", 4).await, 422);
}

#[tokio::test]
async fn without_the_flag_a_forwarded_address_is_ignored() {
    if worker::selected() {
        return;
    }
    let server = Server::start().await;
    let base = edge(&server, false).await;
    assert_eq!(attempt(&base, "203.0.113.1", 1).await, 422);
    assert_eq!(attempt(&base, "203.0.113.2", 2).await, 422);
    assert_eq!(attempt(&base, "203.0.113.3", 3).await, 429);
}
