//! `cargo xtask <task>`: every developer and CI task of Tenantry.
//!
//! The tasks run the project's tools (cargo, trunk, node, PostgreSQL) as
//! processes; xtask links none of the project's crates.

mod bootstrap;
mod clippy;
mod dev;
mod edge;
mod logto_suite;
mod portal_bench;
mod postgres;
mod process;
#[cfg(test)]
mod rust_source;
mod server;
mod service;
mod setup;
mod smtp;
mod soak;
mod steps;
mod test;
#[cfg(test)]
mod tidy;
mod worker;

use std::process::ExitCode;

/// Error type of every task: a message for the developer.
pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "\
usage: cargo xtask <task> [args]

tasks:
  setup   install what the project needs (skips what is present)
  dev     setup, build, and run the server on SQLite in ./data and the edge
  test    everything CI checks (fmt, clippy, builds, browser tests, all tests on SQLite and PostgreSQL)
  e2e     the portal's browser tests against a real server and edge (a step of test)
  bench   cargo bench -p tenantry-server [args], then the edge's added latency (native and Worker),
          then the portal's size and speed (`bench portal`: only the portal's)
  build-worker [--portal]  the edge as a Cloudflare Worker (and the portal's dist/)
  e2e-worker  the portal's browser tests through the Worker in workerd (a step of test)
  soak [--minutes N] [--rate R]  two servers and two edges on one PostgreSQL under load
          (default 10 min at 200 requests/s), one server killed and restarted halfway;
          fails on errors or on acknowledged writes missing from the database
  logto-suite [--group1] [--timeout SECS] [patterns…]  Logto's own API integration tests
          (a Logto source tree in LOGTO_SRC) against tenantry-server, a table of the counts
          per file; without LOGTO_SRC it says how to get one";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    process::install_interrupt_handler();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("dev") => dev::run(),
        Some("test") => test::run(),
        Some("e2e") => test::portal_e2e(),
        Some("bench") if args.get(1).is_some_and(|a| a == "portal") => portal_bench::run(),
        Some("bench") => bench(&args[1..]),
        Some("build-worker") => worker::run(&args[1..]),
        Some("e2e-worker") => worker::e2e(),
        Some("soak") => soak::run(&args[1..]),
        Some("logto-suite") => logto_suite::run(&args[1..]),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask bench [args]`: the server's benchmarks (extra args passed through),
/// then the edge's added latency on a forwarded `GET /api/users?page=1`, natively and
/// as a Cloudflare Worker in workerd (whose wasm size `worker::build` prints), then the
/// portal's size and speed.
fn bench(args: &[String]) -> Result {
    // worker-build, workerd and Chromium come from setup (it skips what is present).
    setup::run()?;
    process::header("cargo bench -p tenantry-server");
    process::run(
        process::cargo()
            .args(["bench", "-p", "tenantry-server"])
            .args(args),
    )?;
    worker::build()?;
    process::header("cargo bench -p tenantry-edge");
    process::run(process::cargo().args(["bench", "-p", "tenantry-edge"]))?;
    portal_bench::run()
}
