//! One test file in its own jest process (a file whose test code leaves an unhandled
//! rejection kills its process; that must not take the other files down), and the
//! counts read from jest's `--json --outputFile` report.

use std::fs::File;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::Result;
use crate::process::{self, Tracked};
use crate::server;

/// Tests of one file by their result.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    pub passed: u32,
    pub failed: u32,
    /// Skipped (`it.skip`, pending) and `it.todo` tests.
    pub skipped: u32,
}

impl Counts {
    pub fn total(&self) -> u32 {
        self.passed + self.failed + self.skipped
    }

    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

/// How a file's jest process ended.
#[derive(Debug, Clone, PartialEq)]
pub enum End {
    /// It wrote its report; `suite_error` when jest also reported "Test suite failed
    /// to run" (the file did not load, or a `beforeAll`/`afterAll` hook threw).
    Reported {
        suite_error: bool,
        status: Option<i32>,
    },
    /// It exited without a report (the exit code, or `None` for a signal).
    Crashed(Option<i32>),
    /// Stopped after the per-file timeout.
    TimedOut(Duration),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub counts: Counts,
    pub end: End,
    pub elapsed: Duration,
}

/// One jest run: `file` (relative to the test package) against the server.
pub struct Run<'a> {
    pub package: &'a Path,
    pub file: &'a str,
    pub json: &'a Path,
    pub log: &'a Path,
    pub server_url: &'a str,
    pub timeout: Duration,
}

impl Run<'_> {
    pub fn run(&self) -> Result<Outcome> {
        let started = Instant::now();
        let log = File::create(self.log)?;
        let mut child = Tracked::spawn(
            self.command()
                .stdin(Stdio::null())
                .stdout(log.try_clone()?)
                .stderr(log),
        )?;
        let Some(status) = wait(&mut child, self.timeout)? else {
            return Ok(Outcome {
                counts: Counts::default(),
                end: End::TimedOut(self.timeout),
                elapsed: started.elapsed(),
            });
        };
        let report = std::fs::read_to_string(self.json)
            .ok()
            .and_then(|text| parse_report(&text).ok());
        let (counts, end) = match report {
            Some((counts, suite_error)) => (
                counts,
                End::Reported {
                    suite_error,
                    status: status.code(),
                },
            ),
            None => (Counts::default(), End::Crashed(status.code())),
        };
        Ok(Outcome {
            counts,
            end,
            elapsed: started.elapsed(),
        })
    }

    /// jest in band (`-i`, one process) for exactly this file, as Logto's `test:api`
    /// script runs it, with the shim's credentials for the server's token endpoint.
    fn command(&self) -> Command {
        let mut cmd = Command::new("node");
        cmd.current_dir(self.package)
            .arg("node_modules/jest/bin/jest.js")
            .args(["-i", "--forceExit", "--ci", "--json"])
            .arg(format!("--outputFile={}", self.json.display()))
            .args(["--runTestsByPath", self.file])
            .env("NODE_OPTIONS", "--experimental-vm-modules")
            .env("INTEGRATION_TESTS_LOGTO_URL", self.server_url)
            .env("INTEGRATION_TESTS_LOGTO_CONSOLE_URL", self.server_url)
            .env("TENANTRY_CLIENT_ID", server::EDGE_CLIENT_ID)
            .env("TENANTRY_CLIENT_SECRET", server::EDGE_CLIENT_SECRET)
            .env("NO_COLOR", "1");
        cmd
    }
}

/// Waits for the process, or stops it after `timeout` (SIGTERM, SIGKILL 10 s later, as
/// `timeout -k 10` does) and answers `None`.
fn wait(child: &mut Tracked, timeout: Duration) -> Result<Option<ExitStatus>> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(status) = child.0.try_wait()? {
            return Ok(Some(status));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    process::send_signal(child.0.id(), "TERM");
    let grace = Instant::now() + Duration::from_secs(10);
    while Instant::now() < grace {
        if child.0.try_wait()?.is_some() {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.0.kill()?;
    child.0.wait()?;
    Ok(None)
}

/// The counts of a jest `--json` report, and whether jest reported "Test suite failed
/// to run" for the file.
pub fn parse_report(text: &str) -> Result<(Counts, bool)> {
    let report: serde_json::Value = serde_json::from_str(text)?;
    let number = |key: &str| -> Result<u32> {
        let value = report[key]
            .as_u64()
            .ok_or_else(|| format!("jest report without {key}"))?;
        Ok(u32::try_from(value)?)
    };
    let counts = Counts {
        passed: number("numPassedTests")?,
        failed: number("numFailedTests")?,
        skipped: number("numPendingTests")? + number("numTodoTests")?,
    };
    Ok((counts, number("numRuntimeErrorTestSuites")? > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head of a real report (jest 29), test results cut.
    const REPORT: &str = r#"{"numFailedTestSuites":1,"numFailedTests":3,"numPassedTestSuites":0,
        "numPassedTests":9,"numPendingTestSuites":0,"numPendingTests":2,
        "numRuntimeErrorTestSuites":0,"numTodoTests":1,"numTotalTestSuites":1,
        "numTotalTests":15,"openHandles":[],"success":false,"testResults":[]}"#;

    #[test]
    fn reads_passed_failed_and_skipped_with_todo() {
        let (counts, suite_error) = parse_report(REPORT).unwrap();
        let expected = Counts {
            passed: 9,
            failed: 3,
            skipped: 3,
        };
        assert_eq!(counts, expected);
        assert_eq!(counts.total(), 15);
        assert!(!suite_error);
    }

    #[test]
    fn a_file_that_failed_to_run_is_a_suite_error() {
        let report = REPORT
            .replace(
                r#""numRuntimeErrorTestSuites":0"#,
                r#""numRuntimeErrorTestSuites":1"#,
            )
            .replace(r#""numPassedTests":9"#, r#""numPassedTests":0"#);
        let (counts, suite_error) = parse_report(&report).unwrap();
        assert_eq!(counts.passed, 0);
        assert!(suite_error);
    }

    #[test]
    fn a_cut_or_foreign_report_is_an_error() {
        assert!(parse_report(r#"{"numFailedTests":1,"numPas"#).is_err());
        assert!(parse_report(r#"{"numFailedTests":1}"#).is_err());
    }

    #[test]
    fn a_process_past_its_timeout_is_stopped() {
        let mut child = Tracked::spawn(Command::new("sleep").arg("30")).unwrap();
        let started = Instant::now();
        assert_eq!(wait(&mut child, Duration::from_millis(200)).unwrap(), None);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
