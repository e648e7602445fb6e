//! One token bucket, as the instant at which it will be full again.
//!
//! A bucket of `limit` tokens refilling at `limit` per `window` is fully described by
//! when it will be full: each token taken pushes that instant one `interval`
//! (`window / limit`) later. Integer durations instead of fractional tokens, one field
//! instead of two, and "idle" is simply "full by now" (this is the GCRA formulation).

use std::time::{Duration, Instant};

use super::quota::{Quota, Retry};

/// A bucket's size and refill rate.
#[derive(Debug, Clone, Copy)]
pub(super) struct Policy {
    limit: u32,
    window: Duration,
    /// The time one token takes to refill.
    interval: Duration,
}

impl Policy {
    pub(super) fn new(limit: u32, window: Duration) -> Self {
        let limit = limit.max(1);
        let interval = (window / limit).max(Duration::from_nanos(1));
        Policy {
            limit,
            window,
            interval,
        }
    }

    pub(super) fn window(&self) -> Duration {
        self.window
    }

    pub(super) fn interval(&self) -> Duration {
        self.interval
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Bucket {
    full_at: Instant,
}

impl Bucket {
    /// A bucket full again at `full_at` (a full one when that is now).
    pub(super) fn new(full_at: Instant) -> Self {
        Bucket { full_at }
    }

    /// True once every token is back: the bucket can be forgotten.
    pub(super) fn is_full(&self, now: Instant) -> bool {
        self.full_at <= now
    }

    /// When it will be full; the least urgent buckets to forget have the earliest.
    pub(super) fn full_at(&self) -> Instant {
        self.full_at
    }

    /// Takes a token if one is left.
    pub(super) fn take(&mut self, policy: &Policy, now: Instant) -> Result<Quota, Retry> {
        self.check(policy, now)?;
        self.full_at = self.full_at.max(now) + policy.interval;
        Ok(self.quota(policy, now))
    }

    /// Whether a token is left, without taking it.
    pub(super) fn check(&self, policy: &Policy, now: Instant) -> Result<Quota, Retry> {
        let missing = self.missing(now);
        match (missing + policy.interval).checked_sub(policy.window) {
            Some(wait) if !wait.is_zero() => Err(Retry {
                quota: self.quota(policy, now),
                after_secs: ceil_secs(wait).max(1),
            }),
            _ => Ok(self.quota(policy, now)),
        }
    }

    /// Takes a token even when none is left (a failure that already happened), but never
    /// pushes "full" more than one window away, so endless failures cost one window.
    pub(super) fn drain(&mut self, policy: &Policy, now: Instant) {
        self.full_at = (self.full_at.max(now) + policy.interval).min(now + policy.window);
    }

    pub(super) fn quota(&self, policy: &Policy, now: Instant) -> Quota {
        let missing = self.missing(now);
        let left = policy.window.saturating_sub(missing).as_nanos() / policy.interval.as_nanos();
        Quota {
            limit: policy.limit,
            remaining: u32::try_from(left).unwrap_or(u32::MAX).min(policy.limit),
            reset_secs: ceil_secs(missing),
        }
    }

    /// The refill time still owed: zero when full.
    fn missing(&self, now: Instant) -> Duration {
        self.full_at.saturating_duration_since(now)
    }
}

fn ceil_secs(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    fn policy() -> Policy {
        Policy::new(4, 8 * SECOND) // one token every 2 s
    }

    #[test]
    fn a_full_bucket_serves_its_limit_then_refuses() {
        let (policy, now) = (policy(), Instant::now());
        let mut bucket = Bucket::new(now);
        let remaining: Vec<u32> = (0..4)
            .map(|_| bucket.take(&policy, now).unwrap().remaining)
            .collect();
        assert_eq!(remaining, [3, 2, 1, 0]);
        let retry = bucket.take(&policy, now).unwrap_err();
        assert_eq!(retry.after_secs, 2);
        assert_eq!(retry.quota.remaining, 0);
        assert_eq!(retry.quota.reset_secs, 8);
    }

    #[test]
    fn refusals_cost_nothing_and_tokens_refill_continuously() {
        let (policy, start) = (policy(), Instant::now());
        let mut bucket = Bucket::new(start);
        for _ in 0..4 {
            bucket.take(&policy, start).unwrap();
        }
        for _ in 0..10 {
            bucket.take(&policy, start).unwrap_err();
        }
        let later = start + 3 * SECOND; // 1.5 tokens back
        let quota = bucket.take(&policy, later).unwrap();
        assert_eq!((quota.remaining, quota.reset_secs), (0, 7));
        assert_eq!(bucket.take(&policy, later).unwrap_err().after_secs, 1);
        let full = start + 8 * SECOND + 2 * SECOND;
        assert!(bucket.is_full(full));
        assert_eq!(bucket.quota(&policy, full).remaining, 4);
    }

    #[test]
    fn retry_after_rounds_up_and_is_never_zero() {
        let policy = Policy::new(200, 10 * SECOND); // one token every 50 ms
        let now = Instant::now();
        let mut bucket = Bucket::new(now);
        for _ in 0..200 {
            bucket.take(&policy, now).unwrap();
        }
        assert_eq!(bucket.take(&policy, now).unwrap_err().after_secs, 1);
        assert!(
            bucket
                .take(&policy, now + Duration::from_millis(50))
                .is_ok()
        );
    }

    #[test]
    fn drain_counts_past_failures_but_caps_the_penalty_at_one_window() {
        let (policy, now) = (policy(), Instant::now());
        let mut bucket = Bucket::new(now);
        for _ in 0..3 {
            bucket.drain(&policy, now);
        }
        assert_eq!(bucket.check(&policy, now).unwrap().remaining, 1);
        for _ in 0..100 {
            bucket.drain(&policy, now);
        }
        assert_eq!(bucket.check(&policy, now).unwrap_err().after_secs, 2);
        assert!(bucket.is_full(now + 8 * SECOND));
    }

    #[test]
    fn check_does_not_take() {
        let (policy, now) = (policy(), Instant::now());
        let bucket = Bucket::new(now);
        for _ in 0..10 {
            assert_eq!(bucket.check(&policy, now).unwrap().remaining, 4);
        }
    }
}
