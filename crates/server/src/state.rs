use std::sync::Arc;

use crate::auth::{LiveClients, SigningKeys, VerifiedTokens};
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
    /// The applications whose tokens still count (checked on every request).
    pub live_clients: Arc<LiveClients>,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    pub rate_limiter: RateLimiter,
    pub mailer: Mailer,
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
    /// The edge's M2M client id: only its requests may name the end caller
    /// (`X-Tenantry-Actor`) and the source address (`X-Forwarded-For`).
    pub edge_client_id: Option<String>,
    /// Read timeouts and the connection cap.
    pub transport: crate::transport::TransportConfig,
}

/// When failed password checks throttle a source address or lock an account.
#[derive(Debug, Clone, Copy)]
pub struct LockoutPolicy {
    /// Failures from one source address before it is throttled for the account.
    pub max_failures: i64,
    /// Failures from all sources before the account locks for everyone.
    pub account_max_failures: i64,
    pub window_ms: i64,
    pub lock_ms: i64,
    /// The first delay for a known-good address; doubles per further failure.
    pub delay_ms: i64,
}

impl Settings {
    pub fn issuer(&self) -> String {
        format!("{}/oidc", self.public_url)
    }
}
