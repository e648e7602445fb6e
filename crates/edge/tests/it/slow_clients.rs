//! Slow clients (slowloris) cannot starve the edge: connections that trickle their
//! headers or body are closed after the read timeouts, idle keep-alive connections
//! too, and a normal request is served meanwhile; past the connection cap, new
//! connections wait for a slot and the edge keeps accepting.

use std::time::{Duration, Instant};

use tenantry_edge::native::{Site, TransportConfig};

use crate::common::server::slow::{closed_after, idle_keep_alive, partial_body, partial_headers};
use crate::common::{Server, edge_config, generous_limits, native_edge};

const TIMEOUT: Duration = Duration::from_millis(600);

async fn edge(server: &Server, max_connections: usize) -> String {
    let site = Site {
        transport: TransportConfig {
            header_timeout_secs: TIMEOUT.as_secs_f64(),
            body_timeout_secs: TIMEOUT.as_secs_f64(),
            max_connections,
        },
        ..Site::default()
    };
    native_edge(edge_config(&server.base, generous_limits()), site).await
}

/// A normal request through the edge gets its answer; when, counted from `since`.
async fn served_at(base: &str, since: Instant) -> Duration {
    let response = reqwest::Client::new()
        .post(format!("{base}/auth/sign-out"))
        .header("x-tenantry", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    since.elapsed()
}

#[tokio::test]
async fn slow_headers_and_bodies_are_cut_off_while_others_are_served() {
    let server = Server::start().await;
    let base = edge(&server, 256).await;
    let address = base.trim_start_matches("http://").to_owned();
    let opened = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..100 {
        slow.push(partial_headers(&address).await);
    }
    for _ in 0..50 {
        slow.push(partial_body(&address, "/auth/sign-in", 1_000).await);
    }
    slow.push(idle_keep_alive(&address).await);
    let served = served_at(&base, opened).await;
    let last = slow.last_mut().unwrap();
    assert!(
        closed_after(last, opened, Duration::ZERO).await.is_none(),
        "the normal request was served while the slow connections were held"
    );
    let mut timed_out_bodies = 0;
    for (i, stream) in slow.iter_mut().enumerate() {
        let (_, answer) = closed_after(stream, opened, Duration::from_secs(5))
            .await
            .unwrap_or_else(|| panic!("slow connection {i} is still open after 5 s"));
        if answer.starts_with("HTTP/1.1 408") {
            assert!(answer.contains("guard.request_timeout"), "{answer}");
            timed_out_bodies += 1;
        }
    }
    // The slow bodies got a clear answer; the slow headers were simply closed.
    assert_eq!(timed_out_bodies, 50);
    eprintln!(
        "edge: {} slow connections held; a normal request served {served:?} after opening \
         them, all cut off after {:?} (timeouts {TIMEOUT:?})",
        slow.len(),
        opened.elapsed()
    );
    served_at(&base, opened).await;
}

#[tokio::test]
async fn past_the_connection_cap_new_connections_wait_for_a_slot() {
    let server = Server::start().await;
    let base = edge(&server, 8).await;
    let address = base.trim_start_matches("http://").to_owned();
    let opened = Instant::now();
    let mut slow = Vec::new();
    for _ in 0..8 {
        slow.push(partial_headers(&address).await);
    }
    // Every slot is taken: the next request is accepted once a slow one is cut off.
    let served = served_at(&base, opened).await;
    let mut cut_off = 0;
    for stream in &mut slow {
        cut_off += usize::from(closed_after(stream, opened, Duration::ZERO).await.is_some());
    }
    assert!(cut_off >= 1, "the request waited for a slot");
    eprintln!("edge: with the cap (8) held by slow clients, a request was served after {served:?}");
    for stream in &mut slow {
        assert!(
            closed_after(stream, opened, Duration::from_secs(5))
                .await
                .is_some()
        );
    }
    served_at(&base, opened).await;
}
