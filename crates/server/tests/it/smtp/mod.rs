//! A real SMTP server for the mail tests: aiosmtpd on loopback as a child process,
//! saving what it receives as JSON (see `capture.py`). Killed on drop.
#![allow(dead_code)]

pub mod worker;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Whether the tests can run: aiosmtpd present, or else skipped with a message —
/// except under CI, where `cargo xtask setup` installs it and its absence is a bug.
pub fn aiosmtpd_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 lacks aiosmtpd under CI; `cargo xtask setup` installs it"
        );
        eprintln!(
            "SKIPPED: python3 lacks aiosmtpd (install it with `cargo xtask setup` \
             or `python3 -m pip install aiosmtpd`)"
        );
    }
    found
}

/// A loopback port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct SmtpServer {
    child: Child,
    folder: PathBuf,
    pub port: u16,
}

impl SmtpServer {
    /// Starts listening on `port` and saving messages into `folder`; returns once
    /// the port accepts connections.
    pub fn start(port: u16, folder: &Path) -> Self {
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/smtp");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "capture.Capture"])
            .arg(folder)
            .env("PYTHONPATH", &here)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::null())
            .spawn()
            .expect("start python3 -m aiosmtpd");
        let mut server = SmtpServer {
            child,
            folder: folder.to_path_buf(),
            port,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("aiosmtpd exited early: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The messages received so far, oldest first.
    pub fn messages(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.folder)
            .map(|dir| dir.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "json"));
        names.retain(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'));
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `count` messages arrived, then returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                Instant::now() < deadline,
                "{count} message(s) expected, {} received",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a message file as a mail client would (Python's `email` parser), with the
/// same JSON fields as a received message. Needs python3, not aiosmtpd.
pub fn read_eml(path: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/smtp/capture.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("run python3");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}
