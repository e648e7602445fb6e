//! Time as the domain sees it: the system clock in production, one moved ahead by hand
//! in tests (lockout windows and token expiry without sleeping).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        crate::ids::now_ms()
    }
}

/// The system's time moved ahead by hand: time passes as usual (so records made one
/// after the other keep their order), and a test jumps over windows and expiries
/// without sleeping.
#[derive(Clone, Default)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn advance_ms(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        crate::ids::now_ms() + self.0.load(Ordering::SeqCst)
    }
}
