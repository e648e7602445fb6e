//! In-memory token-bucket rate limits (README.md, "Rate limits"): a general bucket per
//! caller, a strict one per IP for the public recovery routes, one that counts only
//! failed credentials (at `/oidc/token`, and rejected bearer tokens), and one per
//! recipient of invitation mails.
//!
//! On SQLite (one server per file) the buckets live in this process's memory. On
//! PostgreSQL they live in the database, so any number of instances count against the
//! same limits (`shared`; ARCHITECTURE.md, "Several server instances").

mod actor;
mod bucket;
mod bucket_set;
mod buckets;
mod clock;
mod config;
mod key;
mod middleware;
mod quota;
mod shared;

use std::sync::Arc;
use std::time::Duration;

pub use actor::{ACTOR_HEADER, Actor};
pub use clock::{Clock, ManualClock, SystemClock};
pub use config::RateLimitConfig;
pub use key::{ClientIp, client_key};
pub use middleware::{limit_public, limit_requests};
pub use quota::{Quota, Retry};

use actor::TrustedEdge;
use bucket::Policy;
use bucket_set::BucketSet;
use clock::Now;

use crate::store::BucketTable;

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
    general: BucketSet,
    public: BucketSet,
    token_failures: BucketSet,
    recipients: BucketSet,
}

impl RateLimiter {
    /// Buckets in this process's memory.
    pub fn new(config: &RateLimitConfig, clock: Arc<dyn Clock>) -> Self {
        Self::counting_in(config, clock, None)
    }

    /// Buckets in `table` when given (shared with every instance using it), else in
    /// this process's memory.
    pub fn counting_in(
        config: &RateLimitConfig,
        clock: Arc<dyn Clock>,
        table: Option<Arc<dyn BucketTable>>,
    ) -> Self {
        let window = Duration::from_secs(config.window_secs);
        let buckets = |kind, limit, window| {
            BucketSet::new(kind, Policy::new(limit, window), table.as_ref(), MAX_KEYS)
        };
        RateLimiter {
            shared: Arc::new(Shared {
                clock,
                general: buckets("general", config.requests, window),
                public: buckets("public", config.public, STRICT_WINDOW),
                token_failures: buckets("failures", config.token_failures, STRICT_WINDOW),
                recipients: buckets("recipient", config.invitation_mails, RECIPIENT_WINDOW),
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
    pub async fn check_token_failures(&self, key: &str) -> Result<(), Retry> {
        let now = self.now();
        self.shared.token_failures.check(key, now).await.map(|_| ())
    }

    /// Counts a failed credential check against `key` (as for `check_token_failures`).
    pub async fn record_token_failure(&self, key: &str) {
        let now = self.now();
        self.shared.token_failures.drain(key, now).await;
    }

    /// Counts one invitation mail to `address` (any case), or refuses it when too many
    /// went there within the hour.
    pub async fn take_recipient(&self, address: &str) -> Result<(), Retry> {
        let key = format!("mail:{}", address.to_lowercase());
        let now = self.now();
        self.shared.recipients.take(&key, now).await.map(|_| ())
    }

    fn now(&self) -> Now {
        Now::of(self.shared.clock.as_ref())
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

    #[tokio::test]
    async fn token_failures_are_counted_per_key_and_refill() {
        let clock = ManualClock::new();
        let limiter = RateLimiter::new(&RateLimitConfig::default(), Arc::new(clock.clone()));
        for _ in 0..10 {
            assert!(limiter.check_token_failures("client:a").await.is_ok());
            limiter.record_token_failure("client:a").await;
        }
        let retry = limiter.check_token_failures("client:a").await.unwrap_err();
        assert_eq!((retry.after_secs, retry.quota.limit), (6, 10));
        assert!(limiter.check_token_failures("client:b").await.is_ok());
        clock.advance(Duration::from_secs(6));
        assert!(limiter.check_token_failures("client:a").await.is_ok());
    }
}
