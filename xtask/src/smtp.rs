//! A real SMTP server for the browser tests: aiosmtpd on loopback, saving each
//! message as JSON into a folder with the server tests' `capture.py`.

use std::path::PathBuf;

use crate::Result;
use crate::process;
use crate::service::{Service, Spec};

pub struct Smtp {
    service: Service,
}

impl Smtp {
    pub fn start() -> Result<Smtp> {
        let service = Service::start(&Spec {
            name: "aiosmtpd",
            command: &|port, dir| {
                let mut cmd = process::command("python3");
                cmd.args(["-m", "aiosmtpd", "-n", "-l"])
                    .arg(format!("127.0.0.1:{port}"))
                    .args(["-c", "capture.Capture"])
                    .arg(dir.join("mail"))
                    .env(
                        "PYTHONPATH",
                        process::project_root().join("crates/server/tests/it/smtp"),
                    );
                cmd
            },
            ready_path: "",
            ready_status: 0,
        })?;
        Ok(Smtp { service })
    }

    pub fn port(&self) -> u16 {
        self.service.port()
    }

    /// One JSON file per received message (see `capture.py`).
    pub fn mail_dir(&self) -> PathBuf {
        self.service.dir().join("mail")
    }

    pub fn service(&self) -> &Service {
        &self.service
    }
}
