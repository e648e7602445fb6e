//! Mail settings: where messages go (an SMTP relay, or the outbox folder when no host
//! is set) and what they say about the product.

use clap::{Args, ValueEnum};

use crate::secret::Secret;

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same machine or a test server.
    #[value(name = "none")]
    None,
    /// Plain connection upgraded by STARTTLS, which must succeed (port 587).
    #[value(name = "starttls")]
    Starttls,
    /// TLS from the first byte (SMTPS, port 465).
    #[value(name = "tls")]
    Tls,
}

/// Flattened into the server's `Config` with `#[command(flatten)]`.
#[derive(Debug, Clone, Args)]
pub struct MailConfig {
    /// SMTP relay host; without one, messages are written to `<data-dir>/outbox/`.
    #[arg(long, env = "TENANTRY_SMTP_HOST")]
    pub smtp_host: Option<String>,
    #[arg(long, env = "TENANTRY_SMTP_PORT", default_value_t = 587)]
    pub smtp_port: u16,
    #[arg(
        long,
        env = "TENANTRY_SMTP_TLS",
        value_enum,
        default_value = "starttls"
    )]
    pub smtp_tls: SmtpTls,
    /// SMTP user; the password comes from `TENANTRY_SMTP_PASSWORD`.
    #[arg(long, env = "TENANTRY_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    /// Read from the environment only, so it never shows in a process listing.
    #[arg(skip = std::env::var("TENANTRY_SMTP_PASSWORD").ok().map(Secret))]
    pub smtp_password: Option<Secret>,
    /// The `From` of every message.
    #[arg(
        long,
        env = "TENANTRY_MAIL_FROM",
        default_value = "Tenantry <no-reply@localhost>"
    )]
    pub mail_from: String,
    /// The product name that subjects and bodies mention.
    #[arg(long, env = "TENANTRY_PRODUCT_NAME", default_value = "Tenantry")]
    pub product_name: String,
    /// Where the portal is served; links in messages point there.
    #[arg(long, env = "TENANTRY_PORTAL_URL")]
    pub portal_url: Option<String>,
}

impl Default for MailConfig {
    /// Outbox mode with the flags' defaults.
    fn default() -> Self {
        Self {
            smtp_host: None,
            smtp_port: 587,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
            mail_from: "Tenantry <no-reply@localhost>".into(),
            product_name: "Tenantry".into(),
            portal_url: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        mail: MailConfig,
    }

    #[test]
    fn flags_and_defaults() {
        let cli = Cli::parse_from(["t", "--smtp-host", "mx.test", "--smtp-tls", "tls"]);
        assert_eq!(cli.mail.smtp_host.as_deref(), Some("mx.test"));
        assert_eq!(cli.mail.smtp_tls, SmtpTls::Tls);
        assert_eq!(cli.mail.smtp_port, MailConfig::default().smtp_port);
        assert_eq!(cli.mail.mail_from, MailConfig::default().mail_from);
    }

    #[test]
    fn debug_hides_the_password() {
        let config = MailConfig {
            smtp_password: Some(Secret("hunter2".into())),
            ..MailConfig::default()
        };
        assert!(!format!("{config:?}").contains("hunter2"));
    }
}
