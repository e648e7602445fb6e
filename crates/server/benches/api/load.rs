//! Latency from sequential requests in-process; throughput from `wrk` when present,
//! else from concurrent in-process requests.

use std::process::Command;
use std::time::{Duration, Instant};

use base64::Engine;

pub async fn fetch_token(base: &str, id: &str, secret: &str, indicator: &str) -> String {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/oidc/token"))
        .basic_auth(id, Some(secret))
        .form(&[
            ("grant_type", "client_credentials"),
            ("resource", indicator),
            ("scope", "all"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["access_token"].as_str().unwrap().to_owned()
}

/// Median time of `count` sequential GETs (after a short warm-up).
pub async fn latency_p50(base: &str, path: &str, token: &str, count: usize) -> Duration {
    let client = reqwest::Client::new();
    let url = format!("{base}{path}");
    let mut times = Vec::with_capacity(count);
    for i in 0..count + 20 {
        let started = Instant::now();
        let response = client.get(&url).bearer_auth(token).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "{url}: {}",
            response.status()
        );
        response.bytes().await.unwrap();
        if i >= 20 {
            times.push(started.elapsed());
        }
    }
    times.sort();
    times[times.len() / 2]
}

/// One kind of request to repeat.
pub struct Target {
    url: String,
    method: &'static str,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl Target {
    pub fn get(base: &str, path: &str, bearer: Option<&str>) -> Self {
        let headers = bearer
            .map(|t| ("Authorization".into(), format!("Bearer {t}")))
            .into_iter()
            .collect();
        Target {
            url: format!("{base}{path}"),
            method: "GET",
            headers,
            body: None,
        }
    }

    pub fn token(base: &str, id: &str, secret: &str, body: &str) -> Self {
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        Target {
            url: format!("{base}/oidc/token"),
            method: "POST",
            headers: vec![
                ("Authorization".into(), format!("Basic {basic}")),
                (
                    "Content-Type".into(),
                    "application/x-www-form-urlencoded".into(),
                ),
            ],
            body: Some(body.to_owned()),
        }
    }
}

/// Requests per second over `seconds`.
pub async fn throughput(target: &Target, seconds: u64) -> f64 {
    match wrk(target, seconds) {
        Some(rate) => rate,
        None => in_process(target, seconds).await,
    }
}

fn wrk(target: &Target, seconds: u64) -> Option<f64> {
    let script = tempfile::NamedTempFile::new().ok()?;
    let mut lua = format!("wrk.method = \"{}\"\n", target.method);
    for (name, value) in &target.headers {
        lua.push_str(&format!("wrk.headers[\"{name}\"] = \"{value}\"\n"));
    }
    if let Some(body) = &target.body {
        lua.push_str(&format!("wrk.body = \"{body}\"\n"));
    }
    std::fs::write(script.path(), lua).ok()?;
    let output = Command::new("wrk")
        .args(["-t1", "-c32", &format!("-d{seconds}s"), "-s"])
        .arg(script.path())
        .arg(&target.url)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
}

async fn in_process(target: &Target, seconds: u64) -> f64 {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..32 {
        let client = client.clone();
        let url = target.url.clone();
        let method: reqwest::Method = target.method.parse().unwrap();
        let headers = target.headers.clone();
        let body = target.body.clone();
        tasks.push(tokio::spawn(async move {
            let mut done = 0u64;
            while Instant::now() < deadline {
                let mut request = client.request(method.clone(), &url);
                for (name, value) in &headers {
                    request = request.header(name, value);
                }
                if let Some(body) = &body {
                    request = request.body(body.clone());
                }
                if request.send().await.is_ok_and(|r| r.status().is_success()) {
                    done += 1;
                }
            }
            done
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.unwrap();
    }
    total as f64 / seconds as f64
}
