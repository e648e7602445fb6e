//! Where a message goes: an SMTP relay when one is configured, otherwise a file in
//! the outbox folder, so a server without mail settings still shows what it sent.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::config::{MailConfig, SmtpTls};
use super::error::MailResult;

/// A relay that accepts the connection and then stalls must not hold the queue for
/// long: the message is retried later instead.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// The folder `<data-dir>/outbox`; each message becomes `<id>.eml`.
    Outbox(PathBuf),
}

impl Transport {
    pub fn new(config: &MailConfig, data_dir: &Path) -> MailResult<Self> {
        let Some(host) = &config.smtp_host else {
            return Ok(Transport::Outbox(data_dir.join("outbox")));
        };
        let tls = match config.smtp_tls {
            SmtpTls::None => Tls::None,
            SmtpTls::Starttls => Tls::Required(TlsParameters::new(host.clone())?),
            SmtpTls::Tls => Tls::Wrapper(TlsParameters::new(host.clone())?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(config.smtp_port)
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(username) = &config.smtp_username {
            let password = config.smtp_password.as_ref().map(|p| p.0.clone());
            builder = builder.credentials(Credentials::new(
                username.clone(),
                password.unwrap_or_default(),
            ));
        }
        Ok(Transport::Smtp(builder.build()))
    }

    /// Delivers one message; the error text is stored on the row for the operator.
    pub async fn deliver(&self, id: &str, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Outbox(folder) => {
                let (folder, id) = (folder.clone(), id.to_owned());
                tokio::task::spawn_blocking(move || write_eml(&folder, &id, &message.formatted()))
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|e| format!("outbox: {e}"))
            }
        }
    }
}

/// Writes `<id>.eml` whole or not at all (a temp file renamed into place), so a
/// reader of the folder never sees half a message.
fn write_eml(folder: &Path, id: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let partial = folder.join(format!(".{id}.eml.partial"));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, folder.join(format!("{id}.eml")))
}
