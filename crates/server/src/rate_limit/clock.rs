//! Monotonic time for the buckets, injectable so tests move it by hand.
//!
//! Not `crate::clock` (wall-clock milliseconds, for lockouts stored in the database):
//! a monotonic clock keeps a wall-clock jump (NTP, a changed time zone setting) from
//! emptying or refilling every in-memory bucket at once. Buckets shared through the
//! database need a time every instance agrees on, so the clock also tells the epoch.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Where the limiter reads the time.
pub trait Clock: Send + Sync {
    fn now(&self) -> Instant;
    /// Microseconds since the Unix epoch: the time buckets shared between instances
    /// are kept in, since an `Instant` means nothing to another process.
    fn epoch_us(&self) -> i64;
}

/// One moment on both clocks.
#[derive(Debug, Clone, Copy)]
pub(super) struct Now {
    pub(super) instant: Instant,
    pub(super) epoch_us: i64,
}

impl Now {
    pub(super) fn of(clock: &dyn Clock) -> Self {
        Now {
            instant: clock.now(),
            epoch_us: clock.epoch_us(),
        }
    }
}

fn system_epoch_us() -> i64 {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_micros()).unwrap_or(i64::MAX)
}

/// The process's monotonic clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn epoch_us(&self) -> i64 {
        system_epoch_us()
    }
}

/// A clock that moves only when told to. Clones share the same time, so a test keeps
/// one clone and hands another to the limiter.
#[derive(Debug, Clone)]
pub struct ManualClock {
    start: Instant,
    elapsed_nanos: Arc<AtomicU64>,
}

impl ManualClock {
    pub fn new() -> Self {
        ManualClock {
            start: Instant::now(),
            elapsed_nanos: Arc::new(AtomicU64::new(0)),
        }
    }

    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        self.elapsed_nanos.fetch_add(nanos, Ordering::SeqCst);
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + self.elapsed()
    }

    fn epoch_us(&self) -> i64 {
        let elapsed = i64::try_from(self.elapsed().as_micros()).unwrap_or(i64::MAX);
        system_epoch_us().saturating_add(elapsed)
    }
}

impl ManualClock {
    fn elapsed(&self) -> Duration {
        Duration::from_nanos(self.elapsed_nanos.load(Ordering::SeqCst))
    }
}
