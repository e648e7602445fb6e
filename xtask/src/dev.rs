//! `cargo xtask dev`: setup, build, then run the server on SQLite in ./data
//! in the foreground until Ctrl-C.

use std::process::Command;

use crate::Result;
use crate::bootstrap::Bootstrap;
use crate::process::{self, Tracked, cargo, header, trunk};
use crate::setup;

const LISTEN: &str = "127.0.0.1:3001";

pub fn run() -> Result {
    setup::run()?;

    header("cargo build -p tenantry-server");
    process::run(cargo().args(["build", "-p", "tenantry-server"]))?;

    header("trunk build (portal)");
    process::run(trunk().arg("build"))?;

    let root = process::project_root();
    let data_dir = root.join("data");
    header("tenantry-server");
    println!("API:      http://{LISTEN}/api (OpenAPI: http://{LISTEN}/api/swagger.json)");
    println!("Token:    http://{LISTEN}/oidc/token");
    println!("Portal:   {} (static files)", root.join("dist").display());
    println!("Data:     {}", data_dir.display());
    match Bootstrap::read(&data_dir.join("bootstrap.json")) {
        Some(creds) => {
            println!(
                "Admin:    {} / {}",
                creds.admin_username, creds.admin_password
            );
            println!(
                "Edge M2M: {} / {}",
                creds.edge_client_id, creds.edge_client_secret
            );
        }
        None => println!("First start: the server prints the admin's credentials below."),
    }
    println!("Press Ctrl-C to stop.\n");

    let mut server = Tracked::spawn(
        Command::new(root.join("target/debug/tenantry-server"))
            .current_dir(&root)
            .arg("--listen")
            .arg(LISTEN)
            .arg("--data-dir")
            .arg(&data_dir),
    )?;
    let status = server.0.wait()?;
    if status.success() || process::interrupted() {
        Ok(())
    } else {
        Err(format!("tenantry-server exited ({status})").into())
    }
}
