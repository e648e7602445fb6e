//! `cargo xtask setup`: installs what the project needs, skipping what is there.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::Result;
use crate::process::{self, cargo, command, header, output};

/// Debian packages the project needs: the PostgreSQL server for the tests,
/// Chromium and its driver for browser tests, nginx for the hosting sample's
/// browser test, wrk for benchmarks. Not
/// binaryen: Debian's version 108 breaks wasm-bindgen 0.2.130's output, so
/// wasm-opt comes from the npm package `binaryen` (see package.json).
const APT_PACKAGES: &[&str] = &["postgresql", "chromium", "chromium-driver", "nginx", "wrk"];

/// The trunk series the project uses (`Trunk.toml` is written for it).
const TRUNK_SERIES: &str = "0.21";

pub fn run() -> Result {
    header("setup");
    let started = Instant::now();
    wasm_target()?;
    apt_packages()?;
    trunk()?;
    wasm_bindgen()?;
    npm_packages()?;
    worker_build()?;
    wasm_split()?;
    python_packages()?;
    println!("setup: done in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The worker-build release the edge Worker is built with (it matches workers-rs 0.8.7).
const WORKER_BUILD_VERSION: &str = "0.8.7";

/// worker-build at `WORKER_BUILD_VERSION`, unless that one is installed.
fn worker_build() -> Result {
    let installed = output(Command::new("worker-build").arg("--version")).unwrap_or_default();
    if installed.trim() == WORKER_BUILD_VERSION {
        println!("setup: worker-build {WORKER_BUILD_VERSION} present");
        return Ok(());
    }
    process::run(process::cargo().args([
        "install",
        "worker-build",
        "--locked",
        "--version",
        WORKER_BUILD_VERSION,
    ]))
}

/// The portal's build splits its wasm (hosting/split-wasm.mjs) with this.
const WASM_SPLIT_VERSION: &str = "0.2.4";

fn wasm_split() -> Result {
    if output(Command::new("wasm-split-cli").arg("--help")).is_some() {
        println!("setup: wasm-split-cli present");
        return Ok(());
    }
    process::run(cargo().args([
        "install",
        "--locked",
        "wasm_split_cli_support",
        "--features",
        "build-binary",
        "--version",
        WASM_SPLIT_VERSION,
    ]))
}

fn wasm_target() -> Result {
    let installed =
        output(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|t| t == "wasm32-unknown-unknown") {
        println!("setup: wasm32-unknown-unknown target present");
        return Ok(());
    }
    process::run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn apt_packages() -> Result {
    let mut missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|pkg| !dpkg_installed(pkg))
        .collect();
    if output(Command::new("node").arg("--version")).is_none() {
        missing.extend(["nodejs", "npm"]);
    }
    if missing.is_empty() {
        println!("setup: Debian packages present");
        return Ok(());
    }
    println!("setup: installing Debian packages: {}", missing.join(" "));
    process::run(privileged("apt-get").arg("update"))?;
    process::run(
        privileged("apt-get")
            .args(["install", "-y"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn dpkg_installed(pkg: &str) -> bool {
    output(Command::new("dpkg").args(["-s", pkg]))
        .is_some_and(|status| status.contains("Status: install ok installed"))
}

/// A system command, through sudo unless xtask already runs as root.
fn privileged(program: &str) -> Command {
    if process::is_root() {
        Command::new(program)
    } else {
        let mut cmd = Command::new("sudo");
        cmd.arg(program);
        cmd
    }
}

fn trunk() -> Result {
    let version = output(Command::new("trunk").arg("--version")).unwrap_or_default();
    if is_trunk_series(&version) {
        println!("setup: {version} present");
        return Ok(());
    }
    let wanted = format!("~{TRUNK_SERIES}");
    process::run(cargo().args(["install", "trunk", "--locked", "--version", &wanted]))
}

fn is_trunk_series(version_line: &str) -> bool {
    version_line
        .strip_prefix("trunk ")
        .is_some_and(|v| v.starts_with(&format!("{TRUNK_SERIES}.")))
}

fn wasm_bindgen() -> Result {
    let lock = std::fs::read_to_string(process::project_root().join("Cargo.lock"))?;
    let wanted =
        locked_version(&lock, "wasm-bindgen").ok_or("wasm-bindgen is not in Cargo.lock")?;
    let installed = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if installed == format!("wasm-bindgen {wanted}") {
        println!("setup: {installed} present");
        return Ok(());
    }
    // No --locked: wasm-bindgen-cli's own lock file does not build on every toolchain.
    process::run(cargo().args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

/// The version of `package` recorded in a Cargo.lock.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let needle = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_string());
        }
    }
    None
}

/// The server's mail tests run a real SMTP server on loopback: aiosmtpd, from PyPI.
/// A python3 that refuses pip packages (Debian's own, PEP 668) gets Debian's
/// `python3-aiosmtpd` instead.
fn python_packages() -> Result {
    let present = || output(Command::new("python3").args(["-c", "import aiosmtpd"])).is_some();
    if present() {
        println!("setup: aiosmtpd present");
        return Ok(());
    }
    println!("setup: installing aiosmtpd");
    let pip = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "aiosmtpd"])
        .status();
    if !pip.is_ok_and(|s| s.success()) {
        process::run(privileged("apt-get").arg("update"))?;
        process::run(
            privileged("apt-get")
                .args(["install", "-y", "python3-aiosmtpd"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    if !present() {
        return Err("setup: python3 still cannot import aiosmtpd".into());
    }
    Ok(())
}

fn npm_packages() -> Result {
    let root = process::project_root();
    if !npm_install_needed(&root) {
        println!("setup: node_modules up to date");
        return Ok(());
    }
    process::run(command("npm").args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]))
}

/// `npm ci` is needed when node_modules is missing or older than the lock file
/// (npm records its install in node_modules/.package-lock.json).
fn npm_install_needed(root: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let lock = modified(&root.join("package-lock.json"));
    let installed = modified(&root.join("node_modules/.package-lock.json"));
    match (lock, installed) {
        (Some(lock), Some(installed)) => installed < lock,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }

    #[test]
    fn trunk_series_check() {
        assert!(is_trunk_series("trunk 0.21.14"));
        assert!(!is_trunk_series("trunk 0.20.3"));
        assert!(!is_trunk_series("trunk 0.210.0"));
        assert!(!is_trunk_series(""));
    }
}
