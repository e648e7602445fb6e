//! Starting tenantry-server: the command `dev` runs, and a server for a test
//! run (SQLite in a temp dir, fixed bootstrap credentials, a free loopback
//! port; stopped on drop).

use std::path::Path;
use std::process::Command;

use crate::Result;
use crate::process;
use crate::service::{Service, Spec};

/// Bootstrap credentials the test server starts with.
pub const EDGE_CLIENT_ID: &str = "xtaskcompatedge000001";
pub const EDGE_CLIENT_SECRET: &str = "XtaskCompatSecret0123456789abcde";
pub const ADMIN_USERNAME: &str = "admin";
pub const ADMIN_PASSWORD: &str = "Xtask-compat-passw0rd";

/// The debug `tenantry-server` on `listen`, its data in `data_dir`.
pub fn command(listen: &str, data_dir: &Path) -> Command {
    let mut cmd = process::command(process::binary("tenantry-server"));
    cmd.arg("--listen")
        .arg(listen)
        .arg("--data-dir")
        .arg(data_dir)
        // The edge sends the browser's address in X-Forwarded-For.
        .arg("--trust-proxy");
    cmd
}

/// Starts a test server and waits until `GET /api/status` answers 204. Its
/// mail goes to its outbox folder.
pub fn start() -> Result<Service> {
    start_with(&|_| {})
}

/// A test server whose mail goes to the SMTP server on loopback `smtp_port`.
pub fn start_with_smtp(smtp_port: u16) -> Result<Service> {
    start_with(&|cmd| {
        cmd.env("TENANTRY_SMTP_HOST", "127.0.0.1")
            .env("TENANTRY_SMTP_PORT", smtp_port.to_string())
            .env("TENANTRY_SMTP_TLS", "none")
            .env_remove("TENANTRY_SMTP_USERNAME")
            .env_remove("TENANTRY_SMTP_PASSWORD");
    })
}

fn start_with(configure: &dyn Fn(&mut Command)) -> Result<Service> {
    Service::start(&Spec {
        name: "tenantry-server",
        command: &|port, dir| {
            let mut cmd = command(&format!("127.0.0.1:{port}"), &dir.join("data"));
            cmd.env_remove("DATABASE_URL")
                .env("TENANTRY_ADMIN_USERNAME", ADMIN_USERNAME)
                .env("TENANTRY_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .env("TENANTRY_EDGE_CLIENT_ID", EDGE_CLIENT_ID)
                .env("TENANTRY_EDGE_CLIENT_SECRET", EDGE_CLIENT_SECRET)
                // The browser tests' recovery and invitation calls all come from 127.0.0.1.
                .env("TENANTRY_RATE_LIMIT_PUBLIC", "1000")
                // Every browser test signs in from 127.0.0.1, which is also the one source
                // address: a ceiling as low as the per-address limit lets the lockout test
                // show an account lock and the admin's unlock.
                .env("TENANTRY_LOCKOUT_ACCOUNT_ATTEMPTS", "5");
            configure(&mut cmd);
            cmd
        },
        ready_path: "/api/status",
        ready_status: 204,
    })
}
