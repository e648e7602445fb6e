//! The edge under test as a Cloudflare Worker: the wasm build of `tenantry-edge-worker`
//! (`cargo xtask build-worker`) in workerd, started by `tests/worker/miniflare.mjs`.
//! Its console lines join the captured log (and go to stderr with `TENANTRY_WORKER_ECHO=1`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use base64::Engine;
use serde_json::{Map, Value};
use tenantry_edge::EdgeConfig;

use super::logs;

/// Whether `TENANTRY_EDGE_UNDER_TEST=worker` asks for the Worker instead of the binary.
pub fn selected() -> bool {
    std::env::var("TENANTRY_EDGE_UNDER_TEST").is_ok_and(|v| v == "worker")
}

pub struct WorkerEdge {
    pub base: String,
    child: Option<Child>,
    /// Closing it tells the script to stop workerd and exit.
    stdin: Option<ChildStdin>,
}

impl WorkerEdge {
    /// Starts the Worker configured as `config`, serving `assets` when given, logging
    /// everything.
    pub fn start(config: &EdgeConfig, assets: Option<&Path>) -> WorkerEdge {
        WorkerEdge::start_logging(config, assets, "trace")
    }

    /// Starts the Worker, logging at `level` (`RUST_LOG`).
    pub fn start_logging(config: &EdgeConfig, assets: Option<&Path>, level: &str) -> WorkerEdge {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert!(
            root.join("crates/edge-worker/build/index_bg.wasm").exists(),
            "build the Worker first: cargo xtask build-worker"
        );
        let mut command = Command::new("node");
        command
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/worker/miniflare.mjs"))
            .env(
                "TENANTRY_WORKER_BINDINGS",
                bindings(config, level).to_string(),
            )
            .env("TENANTRY_WORKER_WATCH_STDIN", "1")
            .env("TENANTRY_WORKER_TEST_CLOCK", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(dir) = assets {
            command.env("TENANTRY_WORKER_ASSETS", PathBuf::from(dir));
        }
        let mut child = command.spawn().expect("node runs");
        let (ready, listening) = mpsc::channel();
        relay(child.stdout.take().unwrap(), Some(ready));
        relay(child.stderr.take().unwrap(), None);
        let base = listening
            .recv_timeout(Duration::from_secs(60))
            .expect("the Worker starts (see the log above)");
        WorkerEdge {
            base,
            stdin: child.stdin.take(),
            child: Some(child),
        }
    }
}

/// The Worker's bindings: the native edge's settings under the same names.
fn bindings(config: &EdgeConfig, level: &str) -> Value {
    let key = base64::engine::general_purpose::STANDARD.encode(config.session_key.0);
    let mut vars = Map::new();
    let mut put = |name: &str, value: String| {
        vars.insert(name.to_owned(), Value::String(value));
    };
    put("TENANTRY_SERVER_URL", config.server_url.clone());
    put("TENANTRY_API_INDICATOR", config.api_indicator.clone());
    put("TENANTRY_EDGE_CLIENT_ID", config.client_id.clone());
    put(
        "TENANTRY_EDGE_CLIENT_SECRET",
        config.client_secret.expose().to_owned(),
    );
    put("TENANTRY_SESSION_KEY", key);
    if let Some(embed) = &config.embed_key {
        put("TENANTRY_EMBED_KEY", embed.expose().to_owned());
    }
    put("TENANTRY_ALLOWED_ORIGIN", config.allowed_origins.join(","));
    if let Some(url) = &config.public_url {
        put("TENANTRY_PUBLIC_URL", url.clone());
    }
    let limits = &config.limits;
    put("TENANTRY_SIGN_IN_PER_IP", limits.sign_in_per_ip.to_string());
    put(
        "TENANTRY_SIGN_IN_PER_USERNAME",
        limits.sign_in_per_username.to_string(),
    );
    put("TENANTRY_PUBLIC_PER_IP", limits.public_per_ip.to_string());
    put(
        "TENANTRY_EMBED_MINT_PER_IP",
        limits.embed_mint_per_ip.to_string(),
    );
    put(
        "TENANTRY_PER_EMBED_TOKEN",
        limits.per_embed_token.to_string(),
    );
    put(
        "TENANTRY_PER_SESSION_USER",
        limits.per_session_user.to_string(),
    );
    put("RUST_LOG", level.to_owned());
    Value::Object(vars)
}

/// Copies the script's output lines into the log; the first `listening <url>` line
/// goes to `ready`.
fn relay(output: impl Read + Send + 'static, mut ready: Option<mpsc::Sender<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("listening ")
                && let Some(ready) = ready.take()
            {
                let _ = ready.send(url.to_owned());
                continue;
            }
            if std::env::var_os("TENANTRY_WORKER_ECHO").is_some() {
                eprintln!("worker: {line}");
            }
            logs::record(&format!("{line}\n"));
        }
    });
}

/// Moves the Worker's clock forward (the test wrapper's `/__test/clock`).
pub fn advance_clock(base: &str, ms: u64) {
    let address = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("the Worker listens");
    let request = format!(
        "POST /__test/clock?advance_ms={ms} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    // The status line is enough; workerd may keep the connection open regardless.
    let mut answer = [0u8; 12];
    stream.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"HTTP/1.1 204", "the test clock moved");
}

impl Drop for WorkerEdge {
    fn drop(&mut self) {
        drop(self.stdin.take());
        if let Some(mut child) = self.child.take() {
            // The script stops workerd and exits on its own; kill it if it hangs.
            std::thread::spawn(move || {
                for _ in 0..50 {
                    if let Ok(Some(_)) = child.try_wait() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                let _ = child.kill();
                let _ = child.wait();
            });
        }
    }
}
