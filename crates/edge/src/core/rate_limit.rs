//! Fixed-window counters per key, in memory (each edge instance counts on its own).

use std::collections::HashMap;
use std::sync::Mutex;

/// Above this many keys, finished windows are dropped.
const PRUNE_AT: usize = 10_000;

#[derive(Default)]
pub struct Limiter {
    windows: Mutex<HashMap<String, (u64, u32)>>,
}

impl Limiter {
    /// Counts one request for `key`; `Err(retry_after_secs)` when over `limit`.
    pub fn hit(&self, key: &str, limit: u32, window_ms: u64, now_ms: u64) -> Result<(), u64> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > PRUNE_AT {
            windows.retain(|_, (start, _)| now_ms < *start + window_ms);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now_ms, 0));
        if now_ms >= entry.0 + window_ms {
            *entry = (now_ms, 0);
        }
        if entry.1 >= limit {
            let retry_ms = entry.0 + window_ms - now_ms;
            return Err(retry_ms.div_ceil(1000).max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_key_and_window() {
        let limiter = Limiter::default();
        assert!(limiter.hit("a", 2, 1_000, 0).is_ok());
        assert!(limiter.hit("a", 2, 1_000, 10).is_ok());
        assert_eq!(limiter.hit("a", 2, 1_000, 20), Err(1));
        assert!(limiter.hit("b", 2, 1_000, 20).is_ok());
        assert!(limiter.hit("a", 2, 1_000, 1_000).is_ok());
    }
}
