//! Starting tenantry-edge: the command `dev` runs, and an edge for a test run
//! in front of a test server (a free loopback port; stopped on drop). Both
//! serve the portal's `dist/`.

use std::path::Path;
use std::process::Command;

use crate::Result;
use crate::process;
use crate::server;
use crate::service::{Service, Spec};

/// 32 fixed bytes, base64: test sessions need no secret key.
pub const SESSION_KEY: &str = "eHRhc2stZTJlLXNlc3Npb24ta2V5LTAxMjM0NTY3ODk=";

/// The test edge's embed key (at least 32 characters): browser tests mint
/// embed tokens with it, as a host SaaS backend would.
pub const EMBED_KEY: &str = "xtask-e2e-embed-key-0123456789abcdef";

/// The edge's machine-to-machine credentials.
pub struct Credentials<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a str,
}

/// The debug `tenantry-edge` on `listen` in front of `server_url`, serving
/// `dist/`; a development session key goes to `data_dir` unless
/// `TENANTRY_SESSION_KEY` is set.
pub fn command(listen: &str, server_url: &str, data_dir: &Path, creds: &Credentials) -> Command {
    let mut cmd = process::command(process::binary("tenantry-edge"));
    cmd.arg("--listen")
        .arg(listen)
        .arg("--server-url")
        .arg(server_url)
        .arg("--static-dir")
        .arg(process::project_root().join("dist"))
        .arg("--data-dir")
        .arg(data_dir)
        .env("TENANTRY_EDGE_CLIENT_ID", creds.client_id)
        .env("TENANTRY_EDGE_CLIENT_SECRET", creds.client_secret);
    cmd
}

/// Every browser test signs in from 127.0.0.1, in parallel, many as admin:
/// the test edges (native and Worker) allow that many sign-ins and public calls.
pub const TEST_RATE_LIMITS: [(&str, &str); 3] = [
    ("TENANTRY_SIGN_IN_PER_IP", "1000"),
    ("TENANTRY_SIGN_IN_PER_USERNAME", "1000"),
    ("TENANTRY_PUBLIC_PER_IP", "1000"),
];

/// Starts a test edge with the test server's credentials and waits until
/// `GET /auth/session` answers 401 (signed out).
pub fn start(server: &Service) -> Result<Service> {
    start_with(server, &[])
}

/// A test edge with extra environment variables (limits raised for a load test).
pub fn start_with(server: &Service, extra_env: &[(&str, &str)]) -> Result<Service> {
    let server_url = server.url();
    let creds = Credentials {
        client_id: server::EDGE_CLIENT_ID,
        client_secret: server::EDGE_CLIENT_SECRET,
    };
    Service::start(&Spec {
        name: "tenantry-edge",
        command: &|port, dir| {
            let mut cmd = command(&format!("127.0.0.1:{port}"), &server_url, dir, &creds);
            cmd.env("TENANTRY_SESSION_KEY", SESSION_KEY)
                .env("TENANTRY_EMBED_KEY", EMBED_KEY)
                // The embed test's host page: same edge, another origin.
                .env(
                    "TENANTRY_ALLOWED_ORIGIN",
                    format!("http://localhost:{port}"),
                )
                .envs(TEST_RATE_LIMITS)
                .envs(extra_env.iter().copied());
            cmd
        },
        ready_path: "/auth/session",
        ready_status: 401,
    })
}
