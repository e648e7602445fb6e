//! In-memory token-bucket rate limits (README.md, "Rate limits"): a general bucket per
//! caller, a strict one per IP for the public recovery routes, one that counts only
//! failed credentials (at `/oidc/token`, and rejected bearer tokens), and one per
//! recipient of invitation mails.
//!
//! State is per process: each server instance counts on its own, so N instances behind a
//! load balancer let N times the configured rate through, and a restart forgets every
//! bucket. Running several instances for real would need a shared store
//! (ARCHITECTURE.md, "Several server instances").

mod actor;
mod bucket;
mod buckets;
mod clock;
mod config;
mod key;
mod middleware;
mod quota;

use std::sync::Arc;
use std::time::{Duration, Instant};

pub use actor::{ACTOR_HEADER, Actor};
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::RateLimitConfig;
pub use key::{ClientIp, client_key};
pub use middleware::{limit_public, limit_requests};
pub use quota::{Quota, Retry};

use actor::TrustedEdge;
use bucket::Policy;
use buckets::Buckets;

/// Most distinct callers remembered per bucket kind (a few MB at most).
const MAX_KEYS: usize = 100_000;
/// The window of the strict buckets (token failures, public routes).
const STRICT_WINDOW: Duration = Duration::from_secs(60);
/// The window of the per-recipient mail bucket.
const RECIPIENT_WINDOW: Duration = Duration::from_secs(60 * 60);

/// Every bucket of the process; clones share them.
#[derive(Clone)]
pub struct RateLimiter {
    shared: Arc<Shared>,
    trust_proxy: bool,
    edge: Option<TrustedEdge>,
}

struct Shared {
    clock: Arc<dyn Clock>,
    general: Buckets,
    public: Buckets,
    token_failures: Buckets,
    recipients: Buckets,
}

impl RateLimiter {
    pub fn new(config: &RateLimitConfig, clock: Arc<dyn Clock>) -> Self {
        let window = Duration::from_secs(config.window_secs);
        let buckets = |limit, window| Buckets::new(Policy::new(limit, window), MAX_KEYS);
        RateLimiter {
            shared: Arc::new(Shared {
                clock,
                general: buckets(config.requests, window),
                public: buckets(config.public, STRICT_WINDOW),
                token_failures: buckets(config.token_failures, STRICT_WINDOW),
                recipients: buckets(config.invitation_mails, RECIPIENT_WINDOW),
            }),
            trust_proxy: false,
            edge: None,
        }
    }

    /// Believes `X-Tenantry-Actor` and `X-Forwarded-For` on requests bearing a verified
    /// token of `edge_client_id` (see `actor`); without an id, from nobody.
    pub fn with_trusted_edge(
        mut self,
        edge_client_id: Option<String>,
        verified: Arc<crate::auth::VerifiedTokens>,
        clock: Arc<dyn crate::clock::Clock>,
    ) -> Self {
        self.edge = edge_client_id.map(|client_id| TrustedEdge {
            client_id,
            verified,
            clock,
        });
        self
    }

    /// Takes the caller's IP from the last `X-Forwarded-For` entry when a proxy (the
    /// edge) sits in front; otherwise every public request would share the proxy's IP.
    /// Pass the server's `--trust-proxy`.
    pub fn with_trusted_proxy(mut self, trust_proxy: bool) -> Self {
        self.trust_proxy = trust_proxy;
        self
    }

    /// Refuses a caller with too many recent failures, before its credentials are
    /// checked; `key` is `client_key(id)` or `ClientIp::key()`. Does not count this
    /// attempt.
    pub fn check_token_failures(&self, key: &str) -> Result<(), Retry> {
        self.shared
            .token_failures
            .check(key, self.now())
            .map(|_| ())
    }

    /// Counts a failed credential check against `key` (as for `check_token_failures`).
    pub fn record_token_failure(&self, key: &str) {
        self.shared.token_failures.drain(key, self.now());
    }

    /// Counts one invitation mail to `address` (any case), or refuses it when too many
    /// went there within the hour.
    pub fn take_recipient(&self, address: &str) -> Result<(), Retry> {
        let key = format!("mail:{}", address.to_lowercase());
        self.shared.recipients.take(&key, self.now()).map(|_| ())
    }

    fn now(&self) -> Instant {
        self.shared.clock.now()
    }
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("trust_proxy", &self.trust_proxy)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_failures_are_counted_per_key_and_refill() {
        let clock = ManualClock::new();
        let limiter = RateLimiter::new(&RateLimitConfig::default(), Arc::new(clock.clone()));
        for _ in 0..10 {
            assert!(limiter.check_token_failures("client:a").is_ok());
            limiter.record_token_failure("client:a");
        }
        let retry = limiter.check_token_failures("client:a").unwrap_err();
        assert_eq!((retry.after_secs, retry.quota.limit), (6, 10));
        assert!(limiter.check_token_failures("client:b").is_ok());
        clock.advance(Duration::from_secs(6));
        assert!(limiter.check_token_failures("client:a").is_ok());
    }
}
