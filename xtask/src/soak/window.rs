//! The kill window: from the `kill -9` of server B until a grace period after it
//! answers again. A request to B (or its edge) that fails and overlaps it is
//! counted apart, not as an error.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub struct KillWindow {
    origin: Instant,
    /// Milliseconds since `origin`; `u64::MAX` while not yet set.
    opened: AtomicU64,
    closed: AtomicU64,
}

impl KillWindow {
    pub fn new() -> KillWindow {
        KillWindow {
            origin: Instant::now(),
            opened: AtomicU64::new(u64::MAX),
            closed: AtomicU64::new(u64::MAX),
        }
    }

    /// Called just before the kill.
    pub fn open(&self) {
        self.opened.store(self.ms(Instant::now()), Ordering::SeqCst);
    }

    /// Called once the server answers again; the window ends `grace` later.
    pub fn close_after(&self, grace: Duration) {
        let end = Instant::now() + grace;
        self.closed.store(self.ms(end), Ordering::SeqCst);
    }

    /// Whether a request from `started` to `ended` overlaps the window.
    pub fn covers(&self, started: Instant, ended: Instant) -> bool {
        let opened = self.opened.load(Ordering::SeqCst);
        let closed = self.closed.load(Ordering::SeqCst);
        opened != u64::MAX && self.ms(ended) >= opened && self.ms(started) <= closed
    }

    /// How long the window lasted, once closed.
    pub fn length(&self) -> Option<Duration> {
        let opened = self.opened.load(Ordering::SeqCst);
        let closed = self.closed.load(Ordering::SeqCst);
        (closed != u64::MAX).then(|| Duration::from_millis(closed - opened))
    }

    fn ms(&self, at: Instant) -> u64 {
        at.saturating_duration_since(self.origin).as_millis() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_requests_overlapping_the_window_are_covered() {
        let window = KillWindow::new();
        let before = Instant::now();
        assert!(!window.covers(before, before), "not opened yet");
        std::thread::sleep(Duration::from_millis(5));
        window.open();
        let during = Instant::now();
        assert!(window.covers(before, during), "in flight at the kill");
        window.close_after(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(5));
        let after = Instant::now();
        assert!(!window.covers(after, after), "started after it closed");
        assert!(!window.covers(before, before), "ended before it opened");
    }
}
