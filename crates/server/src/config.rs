//! Command-line flags and environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

pub use crate::secret::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Parser)]
#[command(
    name = "tenantry-server",
    version,
    about = "The Tenantry Management API server"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "TENANTRY_LISTEN", default_value = "127.0.0.1:3001")]
    pub listen: SocketAddr,
    /// Folder for the SQLite database, bootstrap.json and the mail outbox.
    #[arg(long, env = "TENANTRY_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; SQLite in the data folder when unset.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<Secret>,
    /// The URL clients reach this server at; the token issuer is `<public-url>/oidc`.
    #[arg(long, env = "TENANTRY_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The Management API's resource indicator (token audience).
    #[arg(
        long,
        env = "TENANTRY_API_INDICATOR",
        default_value = "https://default.logto.app/api"
    )]
    pub api_indicator: String,
    /// Honour X-Forwarded-Proto/Host/Prefix when building absolute URLs.
    #[arg(long, env = "TENANTRY_TRUST_PROXY")]
    pub trust_proxy: bool,
    #[arg(long, env = "TENANTRY_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,
    #[command(flatten)]
    pub lockout: LockoutConfig,
    #[command(flatten)]
    pub password_policy: PasswordPolicyConfig,
    #[command(flatten)]
    pub rate_limit: crate::rate_limit::RateLimitConfig,
    #[command(flatten)]
    pub mail: crate::mail::MailConfig,
    #[command(flatten)]
    pub transport: crate::transport::TransportConfig,
    /// First admin's username, used on the first start only.
    #[arg(long, env = "TENANTRY_ADMIN_USERNAME", default_value = "admin")]
    pub admin_username: String,
    /// First admin's password, used on the first start only; generated when unset.
    #[arg(long, env = "TENANTRY_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<Secret>,
    /// The edge's M2M client id, used on the first start only; generated when unset.
    #[arg(long, env = "TENANTRY_EDGE_CLIENT_ID")]
    pub edge_client_id: Option<String>,
    /// The edge's M2M client secret, used on the first start only; generated when unset.
    #[arg(long, env = "TENANTRY_EDGE_CLIENT_SECRET", hide_env_values = true)]
    pub edge_client_secret: Option<Secret>,
}

impl Config {
    /// The configured database, or a SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.0.clone(),
            None => format!("sqlite://{}", self.data_dir.join("tenantry.db").display()),
        }
    }

    /// The public URL without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.listen),
        }
    }
}

/// What a new password must meet.
#[derive(Debug, Clone, clap::Args)]
pub struct PasswordPolicyConfig {
    /// Fewest characters in a new password.
    #[arg(long, env = "TENANTRY_PASSWORD_MIN_LENGTH", default_value_t = 8)]
    pub password_min_length: usize,
    /// Refuse the 20,000 most common passwords (a list shipped with the server).
    #[arg(long, env = "TENANTRY_PASSWORD_REJECT_COMMON", default_value_t = true, action = clap::ArgAction::Set)]
    pub password_reject_common: bool,
}

impl Default for PasswordPolicyConfig {
    fn default() -> Self {
        Self {
            password_min_length: 8,
            password_reject_common: true,
        }
    }
}

/// Throttling and lockout after failed password checks (README, "Lockout policy").
#[derive(Debug, Clone, clap::Args)]
pub struct LockoutConfig {
    /// Failed password checks from one source address that throttle that address for
    /// that account (a new address is refused for `--lockout-minutes`, an address that
    /// signed in before waits growing delays).
    #[arg(long, env = "TENANTRY_LOCKOUT_ATTEMPTS", default_value_t = 5)]
    pub lockout_attempts: i64,
    /// Failed password checks from all addresses together that lock the account for
    /// everyone (`isLocked`): the ceiling against a distributed attack.
    #[arg(long, env = "TENANTRY_LOCKOUT_ACCOUNT_ATTEMPTS", default_value_t = 100)]
    pub lockout_account_attempts: i64,
    /// Minutes in which those failures must happen.
    #[arg(long, env = "TENANTRY_LOCKOUT_WINDOW_MINUTES", default_value_t = 15)]
    pub lockout_window_minutes: i64,
    /// Minutes an account (or a new address, for that account) stays locked.
    #[arg(long, env = "TENANTRY_LOCKOUT_MINUTES", default_value_t = 30)]
    pub lockout_minutes: i64,
    /// First delay, in seconds, for an address that signed in before; it doubles with
    /// each further failure, up to `--lockout-minutes`.
    #[arg(long, env = "TENANTRY_LOCKOUT_DELAY_SECONDS", default_value_t = 30)]
    pub lockout_delay_seconds: i64,
}

impl Default for LockoutConfig {
    fn default() -> Self {
        Self {
            lockout_attempts: 5,
            lockout_account_attempts: 100,
            lockout_window_minutes: 15,
            lockout_minutes: 30,
            lockout_delay_seconds: 30,
        }
    }
}
