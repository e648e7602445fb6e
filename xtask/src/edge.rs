//! A tenantry-edge started for a test run in front of a test server, serving
//! the portal's `dist/`, on a free loopback port; stopped on drop.

use std::process::Command;

use crate::Result;
use crate::process;
use crate::server;
use crate::service::{Service, Spec};

/// 32 fixed bytes, base64: test sessions need no secret key.
const SESSION_KEY: &str = "eHRhc2stZTJlLXNlc3Npb24ta2V5LTAxMjM0NTY3ODk=";

/// Starts the debug `tenantry-edge` with the test server's M2M credentials
/// and waits until `GET /auth/session` answers 401 (signed out).
pub fn start(server: &Service) -> Result<Service> {
    let server_url = server.url();
    Service::start(&Spec {
        name: "tenantry-edge",
        command: &|port, dir| {
            let mut cmd = Command::new(process::binary("tenantry-edge"));
            cmd.arg("--listen")
                .arg(format!("127.0.0.1:{port}"))
                .arg("--server-url")
                .arg(&server_url)
                .arg("--static-dir")
                .arg(process::project_root().join("dist"))
                .arg("--data-dir")
                .arg(dir)
                .env("TENANTRY_EDGE_CLIENT_ID", server::EDGE_CLIENT_ID)
                .env("TENANTRY_EDGE_CLIENT_SECRET", server::EDGE_CLIENT_SECRET)
                .env("TENANTRY_SESSION_KEY", SESSION_KEY)
                .env_remove("TENANTRY_EMBED_KEY");
            cmd
        },
        ready_path: "/auth/session",
        ready_status: 401,
    })
}
