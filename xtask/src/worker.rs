//! The edge as a Cloudflare Worker: `cargo xtask build-worker [--portal]` builds it
//! with worker-build (and the portal's dist/ with trunk), using the installed
//! wasm-bindgen and the npm packages' esbuild and wasm-opt, so nothing downloads.
//! A built Worker also starts in workerd (miniflare) for the portal's browser tests.

use std::path::PathBuf;
use std::process::Command;

use crate::Result;
use crate::process::{self, cargo, command, header, output, trunk};
use crate::server;
use crate::service::{Service, Spec, run_against};
use crate::smtp::Smtp;

/// The portal's browser tests that also run through the Worker-served portal: sign-in,
/// users, organizations, members (with mail), embedding, and the Content-Security-Policy
/// (miniflare applies dist/_headers as Cloudflare does) (add a screen's test file here
/// to cover it too). Not shell.test.mjs: it serves dist/ itself.
const THROUGH_WORKER: &[&str] = &[
    "tests/e2e/users.test.mjs",
    "tests/e2e/organizations.test.mjs",
    "tests/e2e/members.test.mjs",
    "tests/e2e/embed.test.mjs",
    "tests/e2e/csp.test.mjs",
];

fn crate_dir() -> PathBuf {
    process::project_root().join("crates/edge-worker")
}

/// The built module.
pub fn wasm_path() -> PathBuf {
    crate_dir().join("build/index_bg.wasm")
}

/// `cargo xtask build-worker [--portal]`.
pub fn run(args: &[String]) -> Result {
    if args.iter().any(|a| a == "--portal") {
        header("trunk build --release (portal)");
        process::run(trunk().args(["build", "--release"]))?;
    }
    build()
}

/// `worker-build --release` of crates/edge-worker, then its size.
pub fn build() -> Result {
    header("worker-build --release (crates/edge-worker)");
    let bin = process::project_root().join("node_modules/.bin");
    let wasm_bindgen = output(Command::new("which").arg("wasm-bindgen"))
        .ok_or("wasm-bindgen is not installed: cargo xtask setup")?;
    process::run(
        command("worker-build")
            .arg("--release")
            .current_dir(crate_dir())
            .env("WASM_BINDGEN_BIN", wasm_bindgen.trim())
            .env("ESBUILD_BIN", bin.join("esbuild"))
            .env("WASM_OPT_BIN", bin.join("wasm-opt")),
    )?;
    let (raw, gzip) = size()?;
    println!("edge Worker wasm: {raw} bytes raw, {gzip} bytes gzip");
    Ok(())
}

/// The built wasm's size in bytes, raw and gzip -9.
pub fn size() -> Result<(u64, u64)> {
    let path = wasm_path();
    let raw = std::fs::metadata(&path)?.len();
    let gzipped = Command::new("gzip").arg("-9c").arg(&path).output()?;
    Ok((raw, gzipped.stdout.len() as u64))
}

/// `cargo xtask test` step: builds the Worker (`clippy::wasm` lints it: on the host
/// the crate is empty, so the workspace's clippy does not see it), then runs the edge's end-to-end suite
/// (the same test code as for the native edge) against it in workerd.
pub fn edge_suite() -> Result {
    build()?;
    header("cargo test --workspace --test edge, the edge under test: the Worker in workerd");
    // `--workspace`, not `-p tenantry-edge`: features resolve as in the other test
    // runs, so the edge's tests are built once for all of them.
    process::run(
        cargo()
            .args(["test", "--workspace", "--test", "edge"])
            .env("TENANTRY_EDGE_UNDER_TEST", "worker"),
    )
}

/// `cargo xtask e2e-worker`: builds the server and the Worker, then `portal_e2e`
/// against the `dist/` already built (by `cargo xtask e2e` or `build-worker --portal`).
pub fn e2e() -> Result {
    if !process::project_root().join("dist/index.html").exists() {
        return Err("no dist/: run cargo xtask build-worker --portal first".into());
    }
    header("cargo build -p tenantry-server");
    process::run(cargo().args(["build", "-p", "tenantry-server"]))?;
    build()?;
    portal_e2e()
}

/// `cargo xtask test` step, after the portal's e2e built `dist/`: the portal's
/// browser tests through the Worker serving it as static assets.
pub fn portal_e2e() -> Result {
    header("portal through the Worker in workerd (node --test, THROUGH_WORKER)");
    let smtp = Smtp::start()?;
    let server = server::start_with_smtp(smtp.port())?;
    let edge = start(&server)?;
    println!("edge Worker at {} in front of {}", edge.url(), server.url());
    run_against(
        command("node")
            .arg("--test")
            .args(THROUGH_WORKER)
            .env("TENANTRY_PORTAL_URL", edge.url())
            .env("TENANTRY_E2E_EMBED_KEY", crate::edge::EMBED_KEY)
            .env("TENANTRY_ADMIN_USERNAME", server::ADMIN_USERNAME)
            .env("TENANTRY_ADMIN_PASSWORD", server::ADMIN_PASSWORD)
            .env("TENANTRY_E2E_MAIL_DIR", smtp.mail_dir()),
        &[&edge, &server, smtp.service()],
    )
}

/// The built Worker in workerd in front of `server`, serving `dist/`, ready once
/// `GET /auth/session` answers 401.
pub fn start(server: &Service) -> Result<Service> {
    // As the native test edge: its embed key, and the embed test's host page (same
    // edge, another origin) allowed.
    let bindings = |port: u16| {
        let limits: String = crate::edge::TEST_RATE_LIMITS
            .iter()
            .map(|(name, value)| format!(r#","{name}":"{value}""#))
            .collect();
        format!(
            r#"{{"TENANTRY_SERVER_URL":"{}","TENANTRY_EDGE_CLIENT_ID":"{}","TENANTRY_EDGE_CLIENT_SECRET":"{}","TENANTRY_SESSION_KEY":"{}","TENANTRY_EMBED_KEY":"{}","TENANTRY_ALLOWED_ORIGIN":"http://localhost:{port}"{limits}}}"#,
            server.url(),
            server::EDGE_CLIENT_ID,
            server::EDGE_CLIENT_SECRET,
            crate::edge::SESSION_KEY,
            crate::edge::EMBED_KEY,
        )
    };
    Service::start(&Spec {
        name: "tenantry-edge-worker",
        command: &|port, _dir| {
            let mut cmd = command("node");
            cmd.arg("crates/edge/tests/worker/miniflare.mjs")
                .env("TENANTRY_WORKER_BINDINGS", bindings(port))
                .env("TENANTRY_WORKER_PORT", port.to_string())
                .env(
                    "TENANTRY_WORKER_ASSETS",
                    process::project_root().join("dist"),
                );
            cmd
        },
        ready_path: "/auth/session",
        ready_status: 401,
    })
}
