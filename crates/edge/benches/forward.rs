//! Added latency of the edge: `GET /api/users?page=1` through the edge (session cookie)
//! against the same call made directly to the server (bearer token), interleaved in
//! one run over a real server and edge on loopback. Prints p50 and p99 of each and
//! of the difference. When the Worker is built (`cargo xtask build-worker`), the same
//! run also measures it in workerd, with the same configuration and cookie.

#[path = "../tests/it/common/logs.rs"]
#[allow(dead_code)]
mod logs;
#[path = "../tests/it/common/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "../tests/it/common/worker.rs"]
#[allow(dead_code)]
mod worker;

use std::time::{Duration, Instant};

use reqwest::{Client, Method};
use server::{ADMIN_PASSWORD, CLIENT_ID, CLIENT_SECRET, INDICATOR, Server};
use tenantry_edge::{EdgeConfig, Limits, Secret, SessionKey};

const WARMUP: usize = 200;
const PATH: &str = "/api/users?page=1";

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
    let native = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(tenantry_edge::native::serve(
        listener,
        tenantry_edge::native::edge(config.clone()),
        None,
        std::future::pending(),
    ));
    let built = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../edge-worker/build/index_bg.wasm")
        .exists();
    // Logs at info only: trace lines would cost the Worker console writes.
    let worker = built.then(|| worker::WorkerEdge::start_logging(&config, None, "info"));
    let client = Client::new();
    // The session key is shared, so the native edge's cookie works at the Worker too.
    let cookie = sign_in(&client, &native).await;
    let through = |base: String| {
        let (client, cookie) = (client.clone(), cookie.clone());
        move || {
            let (client, cookie, url) = (client.clone(), cookie.clone(), format!("{base}{PATH}"));
            async move {
                let started = Instant::now();
                let response = client.get(url).header("cookie", cookie).send().await;
                let response = response.unwrap();
                assert_eq!(response.status(), 200);
                response.bytes().await.unwrap();
                started.elapsed()
            }
        }
    };
    let direct = || async {
        let started = Instant::now();
        let response = server.send(Method::GET, PATH, None).await;
        assert_eq!(response.status(), 200);
        response.bytes().await.unwrap();
        started.elapsed()
    };
    let via_native = through(native);
    let via_worker = worker.as_ref().map(|w| through(w.base.clone()));
    let (mut straight, mut native_times, mut worker_times) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..WARMUP + requests {
        let d = direct().await;
        let n = via_native().await;
        let w = match &via_worker {
            Some(call) => Some(call().await),
            None => None,
        };
        if round >= WARMUP {
            straight.push(d);
            native_times.push(n);
            worker_times.extend(w);
        }
    }
    println!("edge: GET {PATH}, {requests} requests each, interleaved");
    let (direct_p50, direct_p99) = percentiles(&mut straight.clone());
    row("direct to the server", ms(direct_p50), ms(direct_p99));
    report("the native edge", &native_times, &straight);
    if worker.is_some() {
        report("the Worker in workerd", &worker_times, &straight);
    } else {
        println!("  (the Worker is not built: cargo xtask build-worker)");
    }
}

/// Signs the admin in at `base` and returns the cookie pair.
async fn sign_in(client: &Client, base: &str) -> String {
    let signed_in = client
        .post(format!("{base}/auth/sign-in"))
        .header("x-tenantry", "1")
        .json(&serde_json::json!({ "username": "admin", "password": ADMIN_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200, "sign-in");
    signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Percentiles through one edge, and what it adds to the direct call.
fn report(edge: &str, through: &[Duration], direct: &[Duration]) {
    // Each pair ran back to back, so its difference is the edge's cost at that moment.
    let mut added: Vec<f64> = through
        .iter()
        .zip(direct)
        .map(|(e, d)| ms(*e) - ms(*d))
        .collect();
    added.sort_by(f64::total_cmp);
    let paired = |q: f64| added[((added.len() - 1) as f64 * q).round() as usize];
    let (p50, p99) = percentiles(&mut through.to_vec());
    let (direct_p50, direct_p99) = percentiles(&mut direct.to_vec());
    row(&format!("through {edge}"), ms(p50), ms(p99));
    let (added_p50, added_p99) = (ms(p50) - ms(direct_p50), ms(p99) - ms(direct_p99));
    row(&format!("added by {edge}"), added_p50, added_p99);
    row(
        &format!("added, per pair, {edge}"),
        paired(0.50),
        paired(0.99),
    );
}

fn row(label: &str, p50_ms: f64, p99_ms: f64) {
    println!("  {label:<38} p50 {p50_ms:>9.3} ms  p99 {p99_ms:>9.3} ms");
}

fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.50), at(0.99))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
