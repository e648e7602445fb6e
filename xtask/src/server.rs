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

/// The debug `tenantry-server` on `listen`, its data in `data_dir`, behind the edge.
pub fn command(listen: &str, data_dir: &Path) -> Command {
    let mut cmd = plain_command(listen, data_dir);
    // The edge sends the browser's address in X-Forwarded-For.
    cmd.arg("--trust-proxy");
    cmd
}

/// The debug `tenantry-server` on `listen`, its data in `data_dir`, called directly.
pub fn plain_command(listen: &str, data_dir: &Path) -> Command {
    let mut cmd = process::command(process::binary("tenantry-server"));
    cmd.arg("--listen")
        .arg(listen)
        .arg("--data-dir")
        .arg(data_dir);
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

/// A test server on the PostgreSQL database at `url`, whose rate limit lets a load
/// test through: several of them share one database.
pub fn start_on_postgres(url: &str) -> Result<Service> {
    start_with(&on_postgres(url))
}

/// Starts a server from `start_on_postgres` again, on the same port and database.
pub fn restart_on_postgres(server: &mut Service, url: &str) -> Result {
    let configure = on_postgres(url);
    server.restart(&spec(&|port, dir| test_command(port, dir, &configure)))
}

fn on_postgres(url: &str) -> impl Fn(&mut Command) {
    let url = url.to_owned();
    move |cmd: &mut Command| {
        cmd.env("DATABASE_URL", &url)
            .env("TENANTRY_RATE_LIMIT_REQUESTS", "1000000");
    }
}

fn start_with(configure: &dyn Fn(&mut Command)) -> Result<Service> {
    Service::start(&spec(&|port, dir| test_command(port, dir, configure)))
}

/// tenantry-server, ready once `GET /api/status` answers 204.
pub fn spec<'a>(command: &'a dyn Fn(u16, &Path) -> Command) -> Spec<'a> {
    Spec {
        name: "tenantry-server",
        command,
        ready_path: "/api/status",
        ready_status: 204,
    }
}

/// The test server on loopback `port`, its data in `<dir>/data`, with the fixed
/// bootstrap credentials.
fn test_command(port: u16, dir: &Path, configure: &dyn Fn(&mut Command)) -> Command {
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
}
