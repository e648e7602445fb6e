//! `cargo xtask soak [--minutes N] [--rate R]` (default 10 minutes at 200 requests/s,
//! not part of `cargo xtask test`): two server instances and an edge in front of each
//! on one throwaway PostgreSQL cluster, under a mixed load of reads and writes from
//! several callers; halfway through, server B is killed with SIGKILL and restarted on
//! the same database. Then it prints the errors, rows written against rows found
//! and the p50/p99 latency, and fails unless there were no errors and the rows match.

mod client;
mod ledger;
mod load;
mod ops;
mod options;
mod report;
mod stack;
mod stats;
mod verify;
mod window;

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::Result;
use crate::process::{self, cargo, header};
use client::Target;
use load::Shared;
use options::Options;
use report::Report;
use stack::Stack;
use window::KillWindow;

/// Roles the load adds to and removes from its users.
const ROLES: usize = 4;
/// How long server B stays down before its restart.
const DOWN: Duration = Duration::from_secs(2);
/// After B answers again, failures to it still count to the kill window for this
/// long (connections to the old process, the edge's next call).
const GRACE: Duration = Duration::from_secs(2);

pub fn run(args: &[String]) -> Result {
    let options = Options::parse(args)?;
    header("cargo build -p tenantry-server -p tenantry-edge");
    process::run(cargo().args(["build", "-p", "tenantry-server", "-p", "tenantry-edge"]))?;

    header("two servers and two edges on one PostgreSQL cluster");
    let mut stack = Stack::start()?;
    println!("{}", stack.describe());

    header(&format!(
        "load: {} min at {} requests/s from {} callers, server B killed halfway",
        options.minutes,
        options.rate,
        options.callers()
    ));
    let runtime = tokio::runtime::Runtime::new()?;
    let shared = runtime.block_on(connect(&stack, &options))?;
    let window = shared.window.clone();
    let started = Instant::now();
    let load = runtime.spawn(load::run(shared, options.callers()));
    wait_until(started + options.duration() / 2);
    if !process::interrupted() {
        println!("kill -9 server B, restart in {} s", DOWN.as_secs());
        window.open();
        let crashed = stack.crash_server_b(DOWN);
        window.close_after(GRACE);
        if let Err(err) = crashed {
            return Err(format!("restart of server B: {err}").into());
        }
        println!("server B answers again");
    }
    let (ledger, stats) = runtime.block_on(load)?;
    let elapsed = started.elapsed();
    if process::interrupted() {
        return Err("interrupted".into());
    }

    header("rows written against rows found (PostgreSQL)");
    let rows = verify::check(&stack.postgres.url(), &ledger)?;
    let mut report = Report {
        stats,
        rows,
        elapsed,
        kill_window: window.length(),
        rate: options.rate,
    };
    print!("{}", report.render());
    if report.passed() {
        return Ok(());
    }
    eprintln!("{}", stack.log_tails(20));
    Err("soak test failed: errors outside the kill window, or rows that do not match".into())
}

/// The four targets (both servers directly, both edges as the admin) and the roles.
async fn connect(stack: &Stack, options: &Options) -> Result<Arc<Shared>> {
    let http = client::http()?;
    let [server_a, server_b] = &stack.servers;
    let [edge_a, edge_b] = &stack.edges;
    let targets = vec![
        Target::server(&http, "server A", server_a.url(), false).await?,
        Target::server(&http, "server B", server_b.url(), true).await?,
        Target::edge(&http, "edge A", edge_a.url(), false).await?,
        Target::edge(&http, "edge B", edge_b.url(), true).await?,
    ];
    let role_ids = load::create_roles(&http, &targets[0], ROLES).await?;
    let period = Duration::from_secs_f64(f64::from(options.callers()) / f64::from(options.rate));
    Ok(Arc::new(Shared {
        http,
        targets,
        // Most of the load goes to the servers directly, the rest through the edges.
        weights: vec![3, 3, 2, 2],
        role_ids,
        window: Arc::new(KillWindow::new()),
        deadline: Instant::now() + options.duration(),
        period,
    }))
}

/// Sleeps until `at`, waking early on Ctrl-C.
fn wait_until(at: Instant) {
    while Instant::now() < at && !process::interrupted() {
        std::thread::sleep(
            Duration::from_millis(100).min(at.saturating_duration_since(Instant::now())),
        );
    }
}
