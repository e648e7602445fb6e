//! `cargo xtask test`: everything CI checks, in order, stopping at the first
//! failure, then how long each step took.

use crate::Result;
use crate::postgres::Cluster;
use crate::process::{self, cargo, command, header, trunk};
use crate::service::run_against;
use crate::smtp::Smtp;
use crate::{edge, server, setup};

pub fn run() -> Result {
    let result = run_steps();
    print!("{}", crate::steps::summary());
    result
}

fn run_steps() -> Result {
    setup::run()?;

    header("cargo fmt --all --check");
    process::run(cargo().args(["fmt", "--all", "--check"]))?;

    header("cargo clippy --workspace --all-targets");
    process::run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;

    crate::clippy::wasm()?;

    portal_browser_tests()?;

    portal_e2e()?;
    crate::worker::edge_suite()?;
    crate::worker::portal_e2e()?;
    compat()?;

    header("start a throwaway PostgreSQL cluster");
    let postgres = Cluster::start()?;
    println!("PostgreSQL listening at {}", postgres.url());

    header("cargo test --workspace (SQLite)");
    process::run(cargo().args(["test", "--workspace"]))?;

    // The tests again on PostgreSQL (the store's tests are the integration tests, one
    // binary per crate). `--workspace --tests` builds the same targets as the step
    // above but the doc-tests, so cargo unifies features alike and rebuilds nothing.
    header("cargo test --workspace --tests (PostgreSQL)");
    process::run(
        cargo()
            .args(["test", "--workspace", "--tests"])
            .env("TENANTRY_TEST_POSTGRES_URL", postgres.url()),
    )?;
    // `postgres` drops here and stops the cluster quietly.
    Ok(())
}

/// The portal's components and API client, compiled to wasm and run by
/// wasm-bindgen-test-runner in headless Chromium through Debian's chromedriver
/// (browser arguments in webdriver.json). The runner is set here, not in
/// .cargo/config.toml, so native builds never see it.
fn portal_browser_tests() -> Result {
    header("portal components in headless Chromium (wasm-bindgen-test)");
    let chromedriver =
        std::env::var_os("CHROMEDRIVER").unwrap_or_else(|| "/usr/bin/chromedriver".into());
    process::run(
        cargo()
            .args([
                "test",
                "-p",
                "tenantry-portal",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(["--test", "browser"])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", chromedriver),
    )
}

/// `cargo xtask e2e`, also a step of `test`: the release `dist/` in headless
/// Chromium, served by a real edge in front of a real server on SQLite (both
/// on loopback, stopped afterwards). Leaves the server binary built for compat.
pub fn portal_e2e() -> Result {
    build_portal_stack()?;

    header("portal through the edge in headless Chromium (node --test tests/e2e/)");
    let smtp = Smtp::start()?;
    let server = server::start_with_smtp(smtp.port())?;
    let edge = edge::start(&server)?;
    println!(
        "tenantry-edge at {} in front of {}",
        edge.url(),
        server.url()
    );
    run_against(
        command("node")
            .args(["--test", "tests/e2e/"])
            .env("TENANTRY_PORTAL_URL", edge.url())
            .env("TENANTRY_E2E_EMBED_KEY", edge::EMBED_KEY)
            .env("TENANTRY_E2E_SERVER_URL", server.url())
            .env("TENANTRY_ADMIN_USERNAME", server::ADMIN_USERNAME)
            .env("TENANTRY_ADMIN_PASSWORD", server::ADMIN_PASSWORD)
            .env("TENANTRY_E2E_MAIL_DIR", smtp.mail_dir()),
        &[&edge, &server, smtp.service()],
    )
}

/// The release `dist/` and the debug server and edge that serve it.
pub fn build_portal_stack() -> Result {
    header("trunk build --release (portal)");
    process::run(trunk().args(["build", "--release"]))?;

    // The binaries as the tests build them (with every test binary of the workspace):
    // `cargo build -p …` would resolve features differently and compile the shared
    // dependencies a second time for the test steps.
    header("cargo test --workspace --no-run (binaries and tests)");
    process::run(cargo().args(["test", "--workspace", "--no-run"]))
}

/// Logto's own client (`@logto/api`) against a running server on SQLite.
fn compat() -> Result {
    header("Logto compatibility test (node --test crates/server/tests/compat/)");
    let server = server::start()?;
    println!("tenantry-server listening at {}", server.url());
    run_against(
        command("node")
            .args(["--test", "crates/server/tests/compat/"])
            .env("TENANTRY_URL", server.url())
            .env("TENANTRY_EDGE_CLIENT_ID", server::EDGE_CLIENT_ID)
            .env("TENANTRY_EDGE_CLIENT_SECRET", server::EDGE_CLIENT_SECRET)
            .env("TENANTRY_ADMIN_USERNAME", server::ADMIN_USERNAME)
            .env("TENANTRY_ADMIN_PASSWORD", server::ADMIN_PASSWORD),
        &[&server],
    )
}
