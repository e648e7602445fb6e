//! A program started for a test run (tenantry-server, tenantry-edge): its own
//! temp dir holding its output, ready once a loopback GET answers, stopped on drop.

use std::fs::File;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::Result;
use crate::process::{self, TempDir, Tracked};

pub struct Service {
    name: &'static str,
    child: Option<Tracked>,
    port: u16,
    /// Declared last: removed after the program has stopped.
    dir: TempDir,
}

/// What `start` needs to know about a program.
pub struct Spec<'a> {
    pub name: &'static str,
    /// Called with the free loopback port and the temp dir; returns the command.
    pub command: &'a dyn Fn(u16, &Path) -> Command,
    /// Ready once `GET ready_path` answers `ready_status`; an empty path means
    /// ready once the port accepts connections (a program that is not HTTP).
    pub ready_path: &'static str,
    pub ready_status: u16,
}

impl Service {
    /// Starts the program, output to `<temp dir>/<name>.log`, and waits up to
    /// a minute until it is ready; an error carries its log.
    pub fn start(spec: &Spec) -> Result<Service> {
        let mut service = Service {
            name: spec.name,
            child: None,
            port: process::free_port()?,
            dir: TempDir::new(spec.name)?,
        };
        service.spawn(spec)?;
        Ok(service)
    }

    /// Kills the program with SIGKILL, as a crash would: no graceful shutdown.
    pub fn kill(&mut self) -> Result {
        if let Some(mut child) = self.child.take() {
            child.0.kill()?;
            child.0.wait()?;
        }
        Ok(())
    }

    /// Starts the program again on the same port and temp dir (its log goes on)
    /// and waits until it is ready.
    pub fn restart(&mut self, spec: &Spec) -> Result {
        self.kill()?;
        self.spawn(spec)
    }

    fn spawn(&mut self, spec: &Spec) -> Result {
        let log = File::options()
            .create(true)
            .append(true)
            .open(self.log_path())?;
        let child = Tracked::spawn(
            (spec.command)(self.port, self.dir.path())
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .stdout(log.try_clone()?)
                .stderr(log),
        )?;
        self.child = Some(child);
        if let Err(err) = self.wait_ready(spec, Duration::from_secs(60)) {
            return Err(format!("{err}\n{}", self.log_section()).into());
        }
        Ok(())
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the program printed so far, under a heading with its name.
    pub fn log_section(&self) -> String {
        let log = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        format!("--- {} log ---\n{log}", self.name)
    }

    /// The program's temp dir (removed when it stops).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join(format!("{}.log", self.name))
    }

    fn wait_ready(&mut self, spec: &Spec, timeout: Duration) -> Result {
        let started = Instant::now();
        loop {
            if let Some(child) = self.child.as_mut()
                && let Some(status) = child.0.try_wait()?
            {
                return Err(format!("{} exited early ({status})", self.name).into());
            }
            let status = if spec.ready_path.is_empty() {
                TcpStream::connect(("127.0.0.1", self.port))
                    .ok()
                    .map(|_| spec.ready_status)
            } else {
                status_code(self.port, spec.ready_path)
            };
            match status {
                Some(code) if code == spec.ready_status => return Ok(()),
                Some(code) => {
                    return Err(format!("GET {} answered {code}", spec.ready_path).into());
                }
                None if started.elapsed() > timeout => {
                    return Err(format!("{} did not answer in time", self.name).into());
                }
                None if process::interrupted() => return Err("interrupted".into()),
                None => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
}

impl Drop for Service {
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

/// Runs `cmd` like `process::run`; on failure prints the services' logs.
pub fn run_against(cmd: &mut Command, services: &[&Service]) -> Result {
    let result = process::run(cmd);
    if result.is_err() {
        for service in services {
            eprintln!("{}", service.log_section());
        }
    }
    result
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
