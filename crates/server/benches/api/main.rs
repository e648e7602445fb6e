//! `cargo xtask bench`: figures for the issue notes, printed, never asserted.
//!
//! - GET /api/users?page=1 and a fuzzy `search=%abc%` p50 at 1,000 and 100,000 users;
//! - GET /api/users/{id} requests per second against a constant-response axum route;
//! - /oidc/token requests per second.
//!
//! Throughput comes from `wrk` (a separate process) when it is installed.

mod load;
mod seed;

use std::time::Duration;

use load::{Target, latency_p50, throughput};
use tenantry_server::config::{Config, LogFormat, Secret};

const CLIENT_ID: &str = "benchclient1";
const CLIENT_SECRET: &str = "BenchSecretBenchSecretBenchSec01";
const INDICATOR: &str = "https://default.logto.app/api";
/// Sequential requests per latency figure; sub-millisecond medians need many.
const SAMPLES: usize = 2_000;

struct Running {
    base: String,
    token: String,
    sample_user_id: String,
    _dir: tempfile::TempDir,
}

async fn start_server(users: usize) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_path_buf(),
        database_url: None,
        public_url: None,
        api_indicator: INDICATOR.into(),
        trust_proxy: false,
        log_format: LogFormat::Text,
        admin_username: "admin".into(),
        admin_password: Some(Secret("bench-admin-password".into())),
        edge_client_id: Some(CLIENT_ID.into()),
        edge_client_secret: Some(Secret(CLIENT_SECRET.into())),
        lockout: Default::default(),
        password_policy: Default::default(),
        // High enough that tests and benches measure the API, not the limiter.
        rate_limit: tenantry_server::rate_limit::RateLimitConfig {
            requests: 1_000_000,
            token_failures: 1_000,
            ..Default::default()
        },
        mail: Default::default(),
        transport: Default::default(),
    };
    let (state, _) = tenantry_server::start(&config).await.unwrap();
    let sample_user_id = seed::users(state.store.as_ref(), users).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(tenantry_server::serve(
        listener,
        state,
        std::future::pending(),
    ));
    let token = load::fetch_token(&base, CLIENT_ID, CLIENT_SECRET, INDICATOR).await;
    Running {
        base,
        token,
        sample_user_id,
        _dir: dir,
    }
}

async fn start_constant_route() -> String {
    let app = axum::Router::new().route(
        "/constant",
        axum::routing::get(|| async {
            axum::Json(serde_json::json!({ "id": "constant", "ok": true }))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse. Logging is on, as in
    // production, but written nowhere.
    let _log_writer =
        tenantry_server::telemetry::init_with_writer(LogFormat::Text, std::io::sink());
    println!("Tenantry benchmarks (release build, SQLite, this machine)\n");

    let mut search_p50 = Vec::new();
    for users in [1_000, 100_000] {
        let started = std::time::Instant::now();
        let server = start_server(users).await;
        println!(
            "{users} users seeded in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let list = latency_p50(&server.base, "/api/users?page=1", &server.token, SAMPLES).await;
        let fuzzy = latency_p50(
            &server.base,
            "/api/users?search=%25abc%25",
            &server.token,
            SAMPLES,
        )
        .await;
        println!("  GET /api/users?page=1        p50 {}", ms(list));
        println!("  GET /api/users?search=%abc%  p50 {}", ms(fuzzy));
        search_p50.push(fuzzy);
        if users == 100_000 {
            let ratio = search_p50[1].as_secs_f64() / search_p50[0].as_secs_f64();
            println!(
                "  fuzzy search at 100,000 vs 1,000 users: {ratio:.2}x (target: under 5 ms, within 3x)\n"
            );

            let constant = start_constant_route().await;
            let seconds = 5;
            let baseline = throughput(&Target::get(&constant, "/constant", None), seconds).await;
            let path = format!("/api/users/{}", server.sample_user_id);
            let user = throughput(
                &Target::get(&server.base, &path, Some(&server.token)),
                seconds,
            )
            .await;
            let no_db = Target::get(&server.base, "/api/users/not.an.id", Some(&server.token));
            let auth_only = throughput(&no_db, seconds).await;
            let status = throughput(&Target::get(&server.base, "/api/status", None), seconds).await;
            println!("  constant axum route          {baseline:.0} req/s");
            println!(
                "  GET /api/status              {status:.0} req/s (constant answer through the server's own layers)"
            );
            println!(
                "  token check, no database     {auth_only:.0} req/s ({:.0}% of constant; GET /api/users/not.an.id, a 404)",
                100.0 * auth_only / baseline
            );
            println!(
                "  GET /api/users/{{id}}          {user:.0} req/s ({:.0}% of the bare route, {:.0}% of /api/status; target: at least 50%)",
                100.0 * user / baseline,
                100.0 * user / status
            );
            let body = format!(
                "grant_type=client_credentials&resource={}&scope=all",
                INDICATOR.replace(':', "%3A").replace('/', "%2F")
            );
            let token = Target::token(&server.base, CLIENT_ID, CLIENT_SECRET, &body);
            let tokens = throughput(&token, seconds).await;
            println!("  POST /oidc/token             {tokens:.0} req/s (target: at least 3,000/s)");
        }
    }
}
