//! Running other programs: headers, status checks, and signal forwarding.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::Result;

/// Set once Ctrl-C (or SIGTERM/SIGHUP) reached xtask.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Process ids of the children xtask is waiting for, to forward signals to.
static CHILDREN: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// The repository root (the parent of `xtask/`).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent")
        .to_path_buf()
}

/// Cargo's target dir: `CARGO_TARGET_DIR` when that is set, else `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(|dir| project_root().join(dir))
        .unwrap_or_else(|| project_root().join("target"))
}

/// A debug binary of the workspace, in the target dir.
pub fn binary(name: &str) -> PathBuf {
    target_dir().join("debug").join(name)
}

/// A `cargo` command run from the repository root.
pub fn cargo() -> Command {
    command("cargo")
}

/// A `trunk` command run from the repository root. node_modules/.bin comes
/// first in PATH, so trunk finds the wasm-opt of the npm package `binaryen`
/// that Trunk.toml names (Debian's binaryen 108 breaks wasm-bindgen's
/// output); trunk's own update check is off, as it never downloads.
pub fn trunk() -> Command {
    let bin = project_root().join("node_modules/.bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let paths = std::iter::once(bin).chain(std::env::split_paths(&path));
    let mut cmd = command("trunk");
    if let Ok(joined) = std::env::join_paths(paths) {
        cmd.env("PATH", joined);
    }
    cmd.env("TRUNK_SKIP_VERSION_CHECK", "true");
    cmd
}

/// A command run from the repository root.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(project_root());
    cmd
}

/// Prints a step header, so a long log shows where each step starts.
pub fn header(title: &str) {
    crate::steps::start(title);
    println!("\n==== {title} ====");
}

/// Whether Ctrl-C or a termination signal was received.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Installs the handler that records an interruption and forwards SIGINT to
/// the children being waited for. xtask itself then unwinds normally, so the
/// `Drop` guards (PostgreSQL cluster, server, temp dirs) run.
pub fn install_interrupt_handler() {
    let result = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        let pids = CHILDREN.lock().map(|c| c.clone()).unwrap_or_default();
        for pid in pids {
            send_signal(pid, "INT");
        }
    });
    if let Err(err) = result {
        eprintln!("xtask: warning: cannot handle Ctrl-C: {err}");
    }
}

/// Sends `signal` (a name such as `TERM`) to a process, ignoring failures.
pub fn send_signal(pid: u32, signal: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// A child process whose pid receives forwarded signals while it lives.
pub struct Tracked(pub Child);

impl Tracked {
    pub fn spawn(cmd: &mut Command) -> Result<Tracked> {
        if interrupted() {
            return Err("interrupted".into());
        }
        let child = cmd
            .spawn()
            .map_err(|err| format!("cannot start {}: {err}", describe(cmd)))?;
        if let Ok(mut children) = CHILDREN.lock() {
            children.push(child.id());
        }
        Ok(Tracked(child))
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        let pid = self.0.id();
        if let Ok(mut children) = CHILDREN.lock() {
            children.retain(|&p| p != pid);
        }
    }
}

/// Runs `cmd` with inherited stdio and fails unless it exits successfully.
pub fn run(cmd: &mut Command) -> Result {
    let mut child = Tracked::spawn(cmd)?;
    let status = child.0.wait()?;
    if interrupted() {
        return Err("interrupted".into());
    }
    if !status.success() {
        return Err(format!("{} failed ({status})", describe(cmd)).into());
    }
    Ok(())
}

/// Runs `cmd` quietly and returns its trimmed stdout if it succeeded, or
/// `None` if it could not run or failed (used to probe installed tools).
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Whether xtask runs as root (then system tools run directly, and
/// PostgreSQL runs as the `postgres` user).
pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// The command line, for error messages.
pub fn describe(cmd: &Command) -> String {
    let mut line = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// A loopback TCP port that was free a moment ago.
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// A fresh empty directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> Result<TempDir> {
        TempDir::new_in(&std::env::temp_dir(), prefix)
    }

    /// A fresh directory under `base`.
    pub fn new_in(base: &Path, prefix: &str) -> Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .subsec_nanos();
        let name = format!("{prefix}-{}-{nanos}", std::process::id());
        let path = base.join(name);
        std::fs::create_dir(&path)?;
        Ok(TempDir(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_reports_a_failing_command() {
        let err = run(Command::new("false").arg("x")).unwrap_err();
        assert!(err.to_string().contains("false x failed"), "{err}");
    }

    #[test]
    fn temp_dir_is_removed_on_drop() {
        let dir = TempDir::new("xtask-selftest").unwrap();
        let path = dir.path().to_path_buf();
        std::fs::write(path.join("f"), "x").unwrap();
        drop(dir);
        assert!(!path.exists());
    }
}
