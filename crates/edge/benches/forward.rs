//! Added latency of the edge: `GET /api/users?page=1` through the edge (session cookie)
//! against the same call made directly to the server (bearer token), interleaved in
//! one run over a real server and edge on loopback. Prints p50 and p99 of each and
//! of the difference.

#[path = "../tests/common/server.rs"]
#[allow(dead_code)]
mod server;

use std::time::{Duration, Instant};

use reqwest::Method;
use server::{ADMIN_PASSWORD, CLIENT_ID, CLIENT_SECRET, INDICATOR, Server};
use tenantry_edge::{EdgeConfig, Limits, Secret, SessionKey};

const WARMUP: usize = 200;

fn main() {
    let requests: usize = std::env::var("EDGE_BENCH_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run(requests));
}

async fn run(requests: usize) {
    let server = Server::start().await;
    for i in 0..30 {
        server
            .create_user(&format!("user{i:02}"), "user-password-1")
            .await;
    }
    let config = EdgeConfig {
        server_url: server.base.clone(),
        api_indicator: INDICATOR.into(),
        client_id: CLIENT_ID.into(),
        client_secret: Secret(CLIENT_SECRET.into()),
        session_key: SessionKey([7; 32]),
        embed_key: None,
        allowed_origins: Vec::new(),
        public_url: None,
        limits: Limits::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let edge = format!("http://{}/api/users?page=1", listener.local_addr().unwrap());
    let sign_in = edge.replace("/api/users?page=1", "/auth/sign-in");
    tokio::spawn(tenantry_edge::native::serve(
        listener,
        tenantry_edge::native::edge(config),
        None,
        std::future::pending(),
    ));
    let client = reqwest::Client::new();
    let signed_in = client
        .post(&sign_in)
        .header("x-tenantry", "1")
        .json(&serde_json::json!({ "username": "admin", "password": ADMIN_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200, "sign-in");
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let through_edge = || async {
        let started = Instant::now();
        let response = client
            .get(&edge)
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.bytes().await.unwrap();
        started.elapsed()
    };
    let direct = || async {
        let started = Instant::now();
        let response = server.send(Method::GET, "/api/users?page=1", None).await;
        assert_eq!(response.status(), 200);
        response.bytes().await.unwrap();
        started.elapsed()
    };
    for _ in 0..WARMUP {
        through_edge().await;
        direct().await;
    }
    let (mut via_edge, mut straight) = (Vec::new(), Vec::new());
    for _ in 0..requests {
        via_edge.push(through_edge().await);
        straight.push(direct().await);
    }
    // Each pair ran back to back, so its difference is the edge's cost at that moment.
    let mut added: Vec<f64> = via_edge
        .iter()
        .zip(&straight)
        .map(|(e, d)| ms(*e) - ms(*d))
        .collect();
    added.sort_by(f64::total_cmp);
    let paired = |q: f64| added[((added.len() - 1) as f64 * q).round() as usize];
    let (edge_p50, edge_p99) = percentiles(&mut via_edge);
    let (direct_p50, direct_p99) = percentiles(&mut straight);
    println!("edge: GET /api/users?page=1, {requests} requests each, interleaved");
    println!(
        "  direct to the server  p50 {:>9.3} ms  p99 {:>9.3} ms",
        ms(direct_p50),
        ms(direct_p99)
    );
    println!(
        "  through the edge      p50 {:>9.3} ms  p99 {:>9.3} ms",
        ms(edge_p50),
        ms(edge_p99)
    );
    println!(
        "  added by the edge     p50 {:>9.3} ms  p99 {:>9.3} ms",
        ms(edge_p50) - ms(direct_p50),
        ms(edge_p99) - ms(direct_p99)
    );
    println!(
        "  added, per pair       p50 {:>9.3} ms  p99 {:>9.3} ms",
        paired(0.50),
        paired(0.99)
    );
}

fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.50), at(0.99))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
