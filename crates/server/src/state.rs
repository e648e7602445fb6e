use std::sync::Arc;

use crate::auth::{SigningKeys, VerifiedTokens};
use crate::clock::Clock;
use crate::domain::audit_writer::AuditWriter;
use crate::mail::Mailer;
use crate::rate_limit::RateLimiter;
use crate::store::Store;

/// What every handler may reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub keys: Arc<SigningKeys>,
    pub verified_tokens: Arc<VerifiedTokens>,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    pub rate_limiter: RateLimiter,
    pub mailer: Mailer,
    /// Held while a change that could remove the last active tenant admin is checked
    /// and written, so two such changes cannot both pass the check.
    pub admin_changes: Arc<tokio::sync::Mutex<()>>,
    pub audit: AuditWriter,
}

/// Runtime settings derived from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Without a trailing slash.
    pub public_url: String,
    pub api_indicator: String,
    pub trust_proxy: bool,
    pub lockout: LockoutPolicy,
    /// Where mailed links point: the portal's public URL, without a trailing slash.
    pub portal_url: String,
    pub product_name: String,
    /// Read timeouts and the connection cap.
    pub transport: crate::transport::TransportConfig,
}

/// When failed password checks lock an account.
#[derive(Debug, Clone, Copy)]
pub struct LockoutPolicy {
    pub max_failures: i64,
    pub window_ms: i64,
    pub lock_ms: i64,
}

impl Settings {
    pub fn issuer(&self) -> String {
        format!("{}/oidc", self.public_url)
    }
}
