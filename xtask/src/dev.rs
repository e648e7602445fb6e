//! `cargo xtask dev`: setup, build, then run the server on SQLite in ./data and the
//! edge in front of it (serving the portal from dist/) in the foreground until Ctrl-C.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::Result;
use crate::bootstrap::Bootstrap;
use crate::process::{self, Tracked, cargo, header, trunk};
use crate::{edge, server, setup};

const SERVER_LISTEN: &str = "127.0.0.1:3001";
const EDGE_LISTEN: &str = "127.0.0.1:3000";

pub fn run() -> Result {
    setup::run()?;

    header("cargo build -p tenantry-server -p tenantry-edge");
    process::run(cargo().args(["build", "-p", "tenantry-server", "-p", "tenantry-edge"]))?;

    header("trunk build (portal)");
    process::run(trunk().arg("build"))?;

    let root = process::project_root();
    let data_dir = root.join("data");
    let bootstrap_file = data_dir.join("bootstrap.json");
    header("tenantry-server and tenantry-edge");
    let mut server = Tracked::spawn(&mut server::command(SERVER_LISTEN, &data_dir))?;
    // On the first start the server writes the edge's credentials while it boots.
    let creds = wait_for_bootstrap(&bootstrap_file, &mut server)?;
    let mut edge = Tracked::spawn(&mut edge::command(
        EDGE_LISTEN,
        &format!("http://{SERVER_LISTEN}"),
        &data_dir,
        &edge::Credentials {
            client_id: &creds.edge_client_id,
            client_secret: &creds.edge_client_secret,
        },
    ))?;
    println!();
    println!("Portal:   http://{EDGE_LISTEN}  (through the edge; sign in below)");
    println!(
        "Admin:    {} / {}",
        creds.admin_username, creds.admin_password
    );
    println!(
        "API:      http://{SERVER_LISTEN}/api (OpenAPI: http://{SERVER_LISTEN}/api/swagger.json)"
    );
    println!("Token:    http://{SERVER_LISTEN}/oidc/token");
    println!(
        "Edge M2M: {} / {}",
        creds.edge_client_id, creds.edge_client_secret
    );
    println!("Data:     {}", data_dir.display());
    println!("Press Ctrl-C to stop.\n");

    // Whichever stops first (Ctrl-C reaches both), the other is stopped too.
    loop {
        if let Some(status) = server.0.try_wait()? {
            stop(&mut edge);
            return finished("tenantry-server", status);
        }
        if let Some(status) = edge.0.try_wait()? {
            stop(&mut server);
            return finished("tenantry-edge", status);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The credentials from `bootstrap.json`, waiting up to a minute for the first start.
fn wait_for_bootstrap(path: &Path, server: &mut Tracked) -> Result<Bootstrap> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(creds) = Bootstrap::read(path) {
            return Ok(creds);
        }
        if let Some(status) = server.0.try_wait()? {
            return Err(format!("tenantry-server exited ({status})").into());
        }
        if Instant::now() > deadline || process::interrupted() {
            return Err(format!("no {} after a minute", path.display()).into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn stop(child: &mut Tracked) {
    process::send_signal(child.0.id(), "TERM");
    let _ = child.0.wait();
}

fn finished(name: &str, status: std::process::ExitStatus) -> Result {
    if status.success() || process::interrupted() {
        Ok(())
    } else {
        Err(format!("{name} exited ({status})").into())
    }
}
