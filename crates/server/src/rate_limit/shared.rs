//! Buckets kept in the database, so every server instance on it counts against one
//! limit (ARCHITECTURE.md, "Several server instances"): one atomic statement per token.
//!
//! When the database fails, the key falls back to this instance's own bucket: limits
//! then hold per instance, rather than letting everything through or refusing everyone.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use crate::store::{BucketLimits, BucketTable};

use super::bucket::{Bucket, Policy};
use super::buckets::{Buckets, bounded};
use super::clock::Now;
use super::quota::{Quota, Retry};

pub(super) struct SharedBuckets {
    /// Names this kind of bucket in the one table.
    kind: &'static str,
    policy: Policy,
    table: Arc<dyn BucketTable>,
    fallback: Buckets,
    /// When this instance next deletes the buckets that are full again.
    next_sweep_us: AtomicI64,
}

impl SharedBuckets {
    pub(super) fn new(
        kind: &'static str,
        policy: Policy,
        table: Arc<dyn BucketTable>,
        max_keys: usize,
    ) -> Self {
        SharedBuckets {
            kind,
            policy,
            table,
            fallback: Buckets::new(policy, max_keys),
            next_sweep_us: AtomicI64::new(0),
        }
    }

    pub(super) async fn take(&self, key: &str, now: Now) -> Result<Quota, Retry> {
        self.sweep_when_due(now);
        let key = self.key(key);
        match self
            .table
            .take_token(&key, now.epoch_us, self.limits())
            .await
        {
            Ok(Ok(full_at)) => Ok(self.bucket(full_at, now).quota(&self.policy, now.instant)),
            Ok(Err(full_at)) => Err(self.refusal(full_at, now)),
            Err(error) => {
                tracing::warn!(%error, kind = self.kind, "shared rate-limit bucket unavailable");
                self.fallback.take(&key, now.instant)
            }
        }
    }

    pub(super) async fn check(&self, key: &str, now: Now) -> Result<Quota, Retry> {
        let key = self.key(key);
        match self.table.full_at(&key).await {
            Ok(full_at) => self
                .bucket(full_at.unwrap_or(now.epoch_us), now)
                .check(&self.policy, now.instant),
            Err(error) => {
                tracing::warn!(%error, kind = self.kind, "shared rate-limit bucket unavailable");
                self.fallback.check(&key, now.instant)
            }
        }
    }

    pub(super) async fn drain(&self, key: &str, now: Now) {
        let key = self.key(key);
        if let Err(error) = self
            .table
            .drain_token(&key, now.epoch_us, self.limits())
            .await
        {
            tracing::warn!(%error, kind = self.kind, "shared rate-limit bucket unavailable");
            self.fallback.drain(&key, now.instant);
        }
    }

    fn key(&self, key: &str) -> String {
        format!("{}:{}", self.kind, bounded(key))
    }

    fn limits(&self) -> BucketLimits {
        let micros = |d: Duration| i64::try_from(d.as_micros()).unwrap_or(i64::MAX).max(1);
        BucketLimits {
            interval_us: micros(self.policy.interval()),
            window_us: micros(self.policy.window()),
        }
    }

    /// The stored instant as a bucket on this process's monotonic clock.
    fn bucket(&self, full_at_us: i64, now: Now) -> Bucket {
        let owed = u64::try_from(full_at_us.saturating_sub(now.epoch_us)).unwrap_or(0);
        Bucket::new(now.instant + Duration::from_micros(owed))
    }

    fn refusal(&self, full_at_us: i64, now: Now) -> Retry {
        match self
            .bucket(full_at_us, now)
            .check(&self.policy, now.instant)
        {
            Err(retry) => retry,
            // Refused by the database a moment ago: no token to offer now either.
            Ok(quota) => Retry {
                quota,
                after_secs: 1,
            },
        }
    }

    /// Once a window, deletes the buckets that are full again, in the background.
    fn sweep_when_due(&self, now: Now) {
        let due = self.next_sweep_us.load(Ordering::Relaxed);
        if now.epoch_us < due {
            return;
        }
        let next = now.epoch_us.saturating_add(self.limits().window_us);
        if self
            .next_sweep_us
            .compare_exchange(due, next, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
        {
            return;
        }
        let table = self.table.clone();
        tokio::spawn(async move {
            if let Err(error) = table.forget_full_buckets(now.epoch_us).await {
                tracing::warn!(%error, "forgetting full rate-limit buckets failed");
            }
        });
    }
}
