//! The portal's part of `cargo xtask bench`: the gzip size of what a first visit
//! downloads, the time to an interactive users table, and the render time of a
//! 100-row page, measured by tests/bench/portal.mjs in headless Chromium against
//! a real edge and server on loopback (the same stack as the browser tests).

use crate::Result;
use crate::process::{command, header};
use crate::service::run_against;
use crate::{edge, server, test};

pub fn run() -> Result {
    test::build_portal_stack()?;
    header("portal size and speed (node tests/bench/portal.mjs)");
    let server = server::start()?;
    let edge = edge::start(&server)?;
    run_against(
        command("node")
            .arg("tests/bench/portal.mjs")
            .env("TENANTRY_PORTAL_URL", edge.url())
            .env("TENANTRY_ADMIN_USERNAME", server::ADMIN_USERNAME)
            .env("TENANTRY_ADMIN_PASSWORD", server::ADMIN_PASSWORD),
        &[&edge, &server],
    )
}
