//! Issue 17: the first start printed the operator's `TENANTRY_ADMIN_PASSWORD` and
//! `TENANTRY_EDGE_CLIENT_SECRET` to the log. The real binary now prints no secret:
//! configured ones are written nowhere, generated ones only to `bootstrap.json`
//! (mode 0600), which the log names.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::Value;

const GIVEN_PASSWORD: &str = "Operator-given-Passw0rd-7731";
const GIVEN_SECRET: &str = "OperatorGivenEdgeSecret000000042";

/// Runs the server binary to its "listening" line and returns everything it wrote
/// (stdout and stderr) by then.
async fn first_start_log(dir: &std::path::Path, configured: bool) -> String {
    let url = database_url(dir).await;
    // A shared target folder may hold another checkout's binary: allow naming one.
    let binary = std::env::var("TENANTRY_TEST_SERVER_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_tenantry-server").to_owned());
    let mut command = Command::new(binary);
    command
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--data-dir")
        .arg(dir)
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "debug")
        .env_remove("TENANTRY_ADMIN_PASSWORD")
        .env_remove("TENANTRY_EDGE_CLIENT_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if configured {
        command
            .env("TENANTRY_ADMIN_PASSWORD", GIVEN_PASSWORD)
            .env("TENANTRY_EDGE_CLIENT_SECRET", GIVEN_SECRET);
    }
    let mut child = command.spawn().expect("the server binary starts");
    let stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            text.push_str(&line);
            text.push('\n');
        }
        text
    });
    let mut log = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    for line in BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
    {
        log.push_str(&line);
        log.push('\n');
        if line.contains("listening on") || Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    log.push_str(&errors.join().unwrap());
    assert!(log.contains("listening on"), "{log}");
    log
}

fn saved(dir: &std::path::Path) -> Value {
    let path = dir.join("bootstrap.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only the owner may read it");
    }
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[tokio::test]
async fn configured_secrets_are_never_printed_nor_written() {
    let dir = tempfile::tempdir().unwrap();
    let log = first_start_log(dir.path(), true).await;
    assert!(!log.contains(GIVEN_PASSWORD), "{log}");
    assert!(!log.contains(GIVEN_SECRET), "{log}");
    let saved = saved(dir.path());
    assert!(saved.get("adminPassword").is_none(), "{saved}");
    assert!(saved.get("edgeClientSecret").is_none(), "{saved}");
    assert_eq!(saved["adminUsername"], "admin");
    let text = std::fs::read_to_string(dir.path().join("bootstrap.json")).unwrap();
    assert!(!text.contains(GIVEN_PASSWORD) && !text.contains(GIVEN_SECRET));
}

#[tokio::test]
async fn generated_secrets_go_only_to_the_file_the_log_names() {
    let dir = tempfile::tempdir().unwrap();
    let log = first_start_log(dir.path(), false).await;
    let saved = saved(dir.path());
    let password = saved["adminPassword"]
        .as_str()
        .expect("a generated password");
    let secret = saved["edgeClientSecret"]
        .as_str()
        .expect("a generated secret");
    assert!(password.len() >= 16 && secret.len() >= 16);
    assert!(!log.contains(password), "{log}");
    assert!(!log.contains(secret), "{log}");
    let file = dir.path().join("bootstrap.json");
    assert!(log.contains(&file.display().to_string()), "{log}");
}
