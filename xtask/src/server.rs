//! A tenantry-server started for a test run: temp data dir (SQLite), fixed
//! bootstrap credentials, a free loopback port; stopped on drop.

use std::fs::File;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::Result;
use crate::process::{self, TempDir, Tracked};

/// Bootstrap credentials the test server starts with.
pub const EDGE_CLIENT_ID: &str = "xtaskcompatedge000001";
pub const EDGE_CLIENT_SECRET: &str = "XtaskCompatSecret0123456789abcde";
pub const ADMIN_USERNAME: &str = "admin";
pub const ADMIN_PASSWORD: &str = "Xtask-compat-passw0rd";

pub struct TestServer {
    child: Option<Tracked>,
    port: u16,
    /// Declared last: removed after the server has stopped.
    dir: TempDir,
}

impl TestServer {
    /// Starts `target/debug/tenantry-server` and waits until
    /// `GET /api/status` answers 204.
    pub fn start() -> Result<TestServer> {
        let binary = process::project_root().join("target/debug/tenantry-server");
        let dir = TempDir::new("tenantry-compat")?;
        let port = process::free_port()?;
        let log = File::create(dir.path().join("server.log"))?;
        let child = Tracked::spawn(
            Command::new(&binary)
                .arg("--listen")
                .arg(format!("127.0.0.1:{port}"))
                .arg("--data-dir")
                .arg(dir.path().join("data"))
                .env_remove("DATABASE_URL")
                .env("NO_COLOR", "1")
                .env("TENANTRY_ADMIN_USERNAME", ADMIN_USERNAME)
                .env("TENANTRY_ADMIN_PASSWORD", ADMIN_PASSWORD)
                .env("TENANTRY_EDGE_CLIENT_ID", EDGE_CLIENT_ID)
                .env("TENANTRY_EDGE_CLIENT_SECRET", EDGE_CLIENT_SECRET)
                .stdin(Stdio::null())
                .stdout(log.try_clone()?)
                .stderr(log),
        )?;
        let mut server = TestServer {
            child: Some(child),
            port,
            dir,
        };
        if let Err(err) = server.wait_ready(Duration::from_secs(60)) {
            return Err(format!("{err}\n--- server log ---\n{}", server.log()).into());
        }
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the server printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result {
        let started = Instant::now();
        loop {
            if let Some(child) = self.child.as_mut()
                && let Some(status) = child.0.try_wait()?
            {
                return Err(format!("tenantry-server exited early ({status})").into());
            }
            match status_code(self.port, "/api/status") {
                Some(204) => return Ok(()),
                Some(code) => return Err(format!("GET /api/status answered {code}").into()),
                None if started.elapsed() > timeout => {
                    return Err("tenantry-server did not answer in time".into());
                }
                None if process::interrupted() => return Err("interrupted".into()),
                None => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
}

impl Drop for TestServer {
    /// SIGTERM (graceful shutdown), then SIGKILL after 10 s.
    fn drop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        process::send_signal(child.0.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.0.kill();
        let _ = child.0.wait();
    }
}

/// The status code of `GET path` on the loopback port, or `None` if nothing
/// answers yet.
fn status_code(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    // "HTTP/1.1 204"
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_status_code_of_a_loopback_server() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let _ = conn.read(&mut buf).unwrap();
            conn.write_all(b"HTTP/1.1 204 No Content\r\n\r\n").unwrap();
        });
        assert_eq!(status_code(port, "/api/status"), Some(204));
        server.join().unwrap();
    }

    #[test]
    fn nothing_listening_is_none() {
        let port = process::free_port().unwrap();
        assert_eq!(status_code(port, "/"), None);
    }
}
