//! The tenantry-server the suite runs against, started as the hand-run `run.sh` did: a
//! free loopback port, a throwaway SQLite data dir, raised rate limits.

use std::path::Path;
use std::process::Command;

use crate::Result;
use crate::server::{self, ADMIN_PASSWORD, ADMIN_USERNAME, EDGE_CLIENT_ID, EDGE_CLIENT_SECRET};
use crate::service::Service;

/// Started and ready; stopped and its data removed on drop. The shim gets its tokens
/// with the bootstrap M2M application (`server::EDGE_CLIENT_ID`).
pub fn start() -> Result<Service> {
    Service::start(&server::spec(&command))
}

fn command(port: u16, dir: &Path) -> Command {
    let mut cmd = server::plain_command(&format!("127.0.0.1:{port}"), &dir.join("data"));
    // Raised so that the suite's request volume is not what fails it; lockout left as is.
    cmd.args([
        "--rate-limit-requests",
        "1000000",
        "--rate-limit-token-failures",
        "1000000",
        "--rate-limit-public",
        "1000000",
        "--rate-limit-invitation-mails",
        "1000000",
    ])
    .env_remove("DATABASE_URL")
    .env("TENANTRY_ADMIN_USERNAME", ADMIN_USERNAME)
    .env("TENANTRY_ADMIN_PASSWORD", ADMIN_PASSWORD)
    .env("TENANTRY_EDGE_CLIENT_ID", EDGE_CLIENT_ID)
    .env("TENANTRY_EDGE_CLIENT_SECRET", EDGE_CLIENT_SECRET);
    cmd
}
