//! Server instances as child processes, for tests that need several independent
//! instances on one database (each with its own pool, caches and memory).
//!
//! The child is this test binary itself, running only `serve_as_child_process`, which
//! starts the server as `main.rs` does. Not the `tenantry-server` binary: with a target
//! folder shared between checkouts, that path may hold another checkout's build.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use reqwest::{Client, Method, RequestBuilder};
use serde_json::Value;

use crate::common::{CLIENT_ID, CLIENT_SECRET, INDICATOR};

const CHILD_DATA_DIR: &str = "TENANTRY_TEST_CHILD_DATA_DIR";
const CHILD_DATABASE_URL: &str = "TENANTRY_TEST_CHILD_DATABASE_URL";
const CHILD_TEST: &str = "server_process::serve_as_child_process";

/// Does nothing in a test run; in a child started by `ServerProcess::start`, serves
/// the test configuration over the given database until the parent kills it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_as_child_process() {
    let (Some(dir), Ok(url)) = (
        std::env::var_os(CHILD_DATA_DIR),
        std::env::var(CHILD_DATABASE_URL),
    ) else {
        return;
    };
    let config = crate::common::config(&PathBuf::from(dir), &url);
    let (state, _) = tenantry_server::start(&config)
        .await
        .expect("server starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!(
        "tenantry-server listening on http://{}",
        listener.local_addr().unwrap()
    );
    tenantry_server::serve(listener, state, std::future::pending())
        .await
        .unwrap();
}

/// Two server processes on one fresh database (PostgreSQL when configured, else one
/// SQLite file), started one after the other so the first bootstraps it.
pub struct TwoServers {
    pub first: ServerProcess,
    pub second: ServerProcess,
    pub database_url: String,
    /// Holds the data dirs (and the SQLite file): keep it bound for the test's length.
    pub dir: tempfile::TempDir,
}

impl TwoServers {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let database_url = crate::common::database_url(dir.path()).await;
        let first = ServerProcess::start(&dir.path().join("one"), &database_url).await;
        let second = ServerProcess::start(&dir.path().join("two"), &database_url).await;
        TwoServers {
            first,
            second,
            database_url,
            dir,
        }
    }
}

pub struct ServerProcess {
    child: Child,
    pub base: String,
    pub client: Client,
    token: String,
}

impl ServerProcess {
    /// Starts a server on a free loopback port over `database_url` and waits until
    /// it prints its address; then fetches a Management API token from it.
    pub async fn start(data_dir: &Path, database_url: &str) -> Self {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_DATA_DIR, data_dir)
            .env(CHILD_DATABASE_URL, database_url)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a server process");
        let stdout = child.stdout.take().expect("piped stdout");
        let base = tokio::task::spawn_blocking(move || {
            let mut lines = BufReader::new(stdout).lines();
            let base = lines
                .by_ref()
                .map_while(Result::ok)
                .find_map(|line| {
                    line.split_once("listening on ")
                        .map(|(_, url)| url.trim().to_owned())
                })
                .expect("the server prints its address");
            // Keep draining, so the child never blocks on a full pipe.
            std::thread::spawn(move || lines.for_each(drop));
            base
        })
        .await
        .unwrap();
        let mut server = Self {
            child,
            base,
            client: Client::new(),
            token: String::new(),
        };
        server.token = server.fetch_token().await;
        server
    }

    async fn fetch_token(&self) -> String {
        let answer: Value = self
            .client
            .post(format!("{}/oidc/token", self.base))
            .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
            .form(&[
                ("grant_type", "client_credentials"),
                ("resource", INDICATOR),
                ("scope", "all"),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["access_token"].as_str().expect("a token").to_owned()
    }

    /// A request with the Management API token.
    pub fn api(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
