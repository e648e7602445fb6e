//! A throwaway PostgreSQL cluster for the tests: initdb in a temp dir,
//! listening on a free loopback port, stopped and removed on drop (also when
//! a step fails or panics).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;
use crate::process::{self, TempDir};

/// The superuser the cluster is created with (`initdb -U`).
const SUPERUSER: &str = "tenantry";

pub struct Cluster {
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    /// Declared last: removed after the server has been stopped.
    dir: TempDir,
}

impl Cluster {
    /// Creates and starts a cluster. As root, PostgreSQL runs as the
    /// `postgres` user (it refuses to run as root).
    pub fn start() -> Result<Cluster> {
        let bin = bin_dir()?;
        // Under /tmp, not $TMPDIR: the `postgres` user must reach it.
        let dir = TempDir::new_in(Path::new("/tmp"), "tenantry-pg")?;
        let as_postgres = process::is_root();
        if as_postgres {
            process::run(
                Command::new("chown")
                    .arg("postgres:postgres")
                    .arg(dir.path()),
            )?;
        }
        let port = process::free_port()?;
        let cluster = Cluster {
            bin,
            port,
            as_postgres,
            dir,
        };
        let data = cluster.data_dir();
        let mut initdb = cluster.pg("initdb");
        initdb.arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            "--no-sync",
        ]);
        quiet(&mut initdb, "initdb")?;
        let options = format!(
            "-p {port} -k {} -h 127.0.0.1 -c fsync=off",
            cluster.dir.path().display()
        );
        let mut start = cluster.pg("pg_ctl");
        start
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(cluster.log_file())
            .args(["-o", &options, "-w", "start"]);
        if let Err(err) = quiet(&mut start, "pg_ctl start") {
            let log = std::fs::read_to_string(cluster.log_file()).unwrap_or_default();
            return Err(format!("{err}\n--- postgres log ---\n{log}").into());
        }
        Ok(cluster)
    }

    /// The URL the server tests take in `TENANTRY_TEST_POSTGRES_URL`.
    pub fn url(&self) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/postgres", self.port)
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log_file(&self) -> PathBuf {
        self.dir.path().join("postgres.log")
    }

    /// A PostgreSQL program, run as `postgres` when xtask is root.
    fn pg(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        let mut cmd = if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        };
        cmd.current_dir(self.dir.path());
        cmd
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data_dir();
        let mut stop = self.pg("pg_ctl");
        stop.arg("-D").arg(&data).args(["-m", "fast", "-w", "stop"]);
        if let Err(err) = quiet(&mut stop, "pg_ctl stop") {
            eprintln!("xtask: warning: {err}");
        }
    }
}

/// Runs a command with its output captured, shown only if it fails.
fn quiet(cmd: &mut Command, what: &str) -> Result {
    let out = cmd.stdin(Stdio::null()).output()?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
    .into())
}

/// The newest `/usr/lib/postgresql/<major>/bin` (Debian's layout).
fn bin_dir() -> Result<PathBuf> {
    let root = Path::new("/usr/lib/postgresql");
    let newest = std::fs::read_dir(root)
        .map_err(|err| format!("{}: {err} (run `cargo xtask setup`)", root.display()))?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|major| root.join(major.to_string()).join("bin/initdb").exists())
        .max()
        .ok_or("no PostgreSQL server under /usr/lib/postgresql (run `cargo xtask setup`)")?;
    Ok(root.join(newest.to_string()).join("bin"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Starts a real cluster, connects with psql, and checks that dropping
    /// the guard stops the server and removes its files.
    #[test]
    fn cluster_starts_answers_and_is_removed_on_drop() {
        if bin_dir().is_err() {
            eprintln!("skipped: PostgreSQL is not installed");
            return;
        }
        let cluster = Cluster::start().unwrap();
        let dir = cluster.dir.path().to_path_buf();
        let answer = process::output(
            Command::new("psql")
                .arg(cluster.url())
                .args(["-tAc", "select 40 + 2"]),
        );
        assert_eq!(answer.as_deref(), Some("42"));
        drop(cluster);
        assert!(!dir.exists(), "cluster dir left behind");
    }
}
