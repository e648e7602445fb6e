//! Slow clients (slowloris) cannot starve the server: connections that trickle their
//! headers or body are closed after the read timeouts, idle keep-alive connections
//! too, and a normal request is served meanwhile. Past the connection cap, new
//! connections wait for a free slot instead of failing.

use std::time::{Duration, Instant};

use tenantry_server::transport::TransportConfig;

use crate::common::slow::{closed_after, idle_keep_alive, partial_body, partial_headers};
use crate::common::{TestServer, config, database_url};

const HEADER_TIMEOUT: Duration = Duration::from_millis(600);
const BODY_TIMEOUT: Duration = Duration::from_millis(600);

async fn server(max_connections: usize) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    let mut config = config(dir.path(), &url);
    config.transport = TransportConfig {
        header_timeout_secs: HEADER_TIMEOUT.as_secs_f64(),
        body_timeout_secs: BODY_TIMEOUT.as_secs_f64(),
        max_connections,
    };
    TestServer::start_with(dir, config).await
}

/// A normal request gets its answer; when, counted from `since`.
async fn served_at(server: &TestServer, since: Instant) -> Duration {
    let response = reqwest::get(format!("{}/api/status", server.base))
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    since.elapsed()
}

#[tokio::test]
async fn slow_headers_and_bodies_are_cut_off_while_others_are_served() {
    let server = server(256).await;
    let address = server.address.to_string();
    let opened = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..100 {
        slow.push(partial_headers(&address).await);
    }
    for _ in 0..50 {
        slow.push(partial_body(&address, "/api/recover-password", 1_000).await);
    }
    let idle = idle_keep_alive(&address).await;
    slow.push(idle);
    let served = served_at(&server, opened).await;
    let last = slow.last_mut().unwrap();
    assert!(
        closed_after(last, opened, Duration::ZERO).await.is_none(),
        "the normal request was served while the slow connections were held"
    );
    for (i, stream) in slow.iter_mut().enumerate() {
        closed_after(stream, opened, Duration::from_secs(5))
            .await
            .unwrap_or_else(|| panic!("slow connection {i} is still open after 5 s"));
    }
    eprintln!(
        "server: {} slow connections held; a normal request served {served:?} after \
         opening them, all cut off after {:?} (timeouts {HEADER_TIMEOUT:?}, {BODY_TIMEOUT:?})",
        slow.len(),
        opened.elapsed()
    );
    served_at(&server, opened).await;
}

#[tokio::test]
async fn past_the_connection_cap_new_connections_wait_for_a_slot() {
    let server = server(8).await;
    let address = server.address.to_string();
    let opened = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..8 {
        slow.push(partial_headers(&address).await);
    }
    // Every slot is taken: the next request is accepted once a slow one is cut off.
    let served = served_at(&server, opened).await;
    let mut cut_off = 0;
    for stream in &mut slow {
        cut_off += usize::from(closed_after(stream, opened, Duration::ZERO).await.is_some());
    }
    assert!(cut_off >= 1, "the request waited for a slot");
    eprintln!(
        "server: with the cap (8) held by slow clients, a request was served after {served:?}"
    );
    for stream in &mut slow {
        assert!(
            closed_after(stream, opened, Duration::from_secs(5))
                .await
                .is_some()
        );
    }
    served_at(&server, opened).await;
}
