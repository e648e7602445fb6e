//! The built `tenantry-server` binary as a child process, for tests that need several
//! independent server instances on one database (each with its own pool and memory).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use reqwest::{Client, Method, RequestBuilder};
use serde_json::Value;

use super::{ADMIN_PASSWORD, CLIENT_ID, CLIENT_SECRET, INDICATOR};

pub struct ServerProcess {
    child: Child,
    pub base: String,
    pub client: Client,
    token: String,
}

impl ServerProcess {
    /// Starts the binary on a free loopback port over `database_url` and waits until
    /// it prints its address; then fetches a Management API token from it.
    pub async fn start(data_dir: &Path, database_url: &str) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tenantry-server"))
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(data_dir)
            .env("DATABASE_URL", database_url)
            .env("TENANTRY_ADMIN_USERNAME", "admin")
            .env("TENANTRY_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("TENANTRY_EDGE_CLIENT_ID", CLIENT_ID)
            .env("TENANTRY_EDGE_CLIENT_SECRET", CLIENT_SECRET)
            .env("TENANTRY_RATE_LIMIT_REQUESTS", "1000000")
            .env_remove("TENANTRY_SMTP_HOST")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tenantry-server");
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
