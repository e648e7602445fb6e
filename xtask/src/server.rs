//! A tenantry-server started for a test run: SQLite in a temp dir, fixed
//! bootstrap credentials, a free loopback port; stopped on drop.

use std::process::Command;

use crate::Result;
use crate::process;
use crate::service::{Service, Spec};

/// Bootstrap credentials the test server starts with.
pub const EDGE_CLIENT_ID: &str = "xtaskcompatedge000001";
pub const EDGE_CLIENT_SECRET: &str = "XtaskCompatSecret0123456789abcde";
pub const ADMIN_USERNAME: &str = "admin";
pub const ADMIN_PASSWORD: &str = "Xtask-compat-passw0rd";

/// Starts the debug `tenantry-server` and waits until `GET /api/status`
/// answers 204.
pub fn start() -> Result<Service> {
    Service::start(&Spec {
        name: "tenantry-server",
        command: &|port, dir| {
            let mut cmd = Command::new(process::binary("tenantry-server"));
            cmd.arg("--listen")
                .arg(format!("127.0.0.1:{port}"))
                .arg("--data-dir")
                .arg(dir.join("data"))
                // An edge in front sends the browser's address in X-Forwarded-For.
                .arg("--trust-proxy")
                .env_remove("DATABASE_URL")
                .env("TENANTRY_ADMIN_USERNAME", ADMIN_USERNAME)
                .env("TENANTRY_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .env("TENANTRY_EDGE_CLIENT_ID", EDGE_CLIENT_ID)
                .env("TENANTRY_EDGE_CLIENT_SECRET", EDGE_CLIENT_SECRET);
            cmd
        },
        ready_path: "/api/status",
        ready_status: 204,
    })
}
