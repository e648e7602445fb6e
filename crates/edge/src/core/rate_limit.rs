//! Fixed-window counters per key, in memory (each edge instance counts on its own).
//! Memory stays bounded whatever callers send: long keys are stored as their hash,
//! finished windows are dropped once a window, and past `MAX_KEYS` the oldest go.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// Never more keys than this (a few MB); past it the oldest tenth makes room.
const MAX_KEYS: usize = 50_000;
/// Longer keys are stored as a hash.
const MAX_KEY_LEN: usize = 80;

#[derive(Default)]
pub struct Limiter {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    windows: HashMap<String, (u64, u32)>,
    /// When finished windows are next dropped (once per window).
    next_sweep: u64,
}

impl Limiter {
    /// Counts one request for `key`; `Err(retry_after_secs)` when over `limit`.
    pub fn hit(&self, key: &str, limit: u32, window_ms: u64, now_ms: u64) -> Result<(), u64> {
        let key = bounded(key);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let State {
            windows,
            next_sweep,
        } = &mut *state;
        if now_ms >= *next_sweep {
            windows.retain(|_, (start, _)| now_ms < *start + window_ms);
            *next_sweep = now_ms + window_ms;
        }
        if windows.len() >= MAX_KEYS && !windows.contains_key(&key) {
            evict_oldest_tenth(windows);
        }
        let entry = windows.entry(key).or_insert((now_ms, 0));
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

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.windows.len()
    }
}

/// `key` itself when short, else its prefix (up to the first `:`) and SHA-256.
fn bounded(key: &str) -> String {
    if key.len() <= MAX_KEY_LEN {
        return key.to_owned();
    }
    let prefix = key.split_once(':').map_or("", |(p, _)| p);
    let prefix = &prefix[..prefix.len().min(24)];
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}#{hex}")
}

/// Drops the tenth of the windows that started longest ago (amortized: one scan per
/// `MAX_KEYS / 10` new keys).
fn evict_oldest_tenth(windows: &mut HashMap<String, (u64, u32)>) {
    let mut starts: Vec<u64> = windows.values().map(|(start, _)| *start).collect();
    let cut = starts.len() / 10;
    let (_, threshold, _) = starts.select_nth_unstable(cut);
    let threshold = *threshold;
    windows.retain(|_, (start, _)| *start > threshold);
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

    #[test]
    fn long_keys_are_stored_hashed_and_still_counted() {
        let limiter = Limiter::default();
        let long = format!("sign-in-user:{}", "x".repeat(256 * 1024));
        assert!(limiter.hit(&long, 1, 1_000, 0).is_ok());
        assert_eq!(limiter.hit(&long, 1, 1_000, 1), Err(1));
        let stored = limiter.state.lock().unwrap();
        let keys: Vec<&String> = stored.windows.keys().collect();
        assert!(keys.iter().all(|k| k.len() <= MAX_KEY_LEN), "{keys:?}");
    }

    #[test]
    fn a_flood_of_distinct_keys_stays_bounded() {
        let limiter = Limiter::default();
        for i in 0..(MAX_KEYS + 20_000) {
            let _ = limiter.hit(&format!("sign-in-user:{i}"), 10, 60_000, i as u64);
        }
        assert!(limiter.len() <= MAX_KEYS, "{}", limiter.len());
        // Finished windows go once a window.
        let _ = limiter.hit("late", 10, 60_000, 10_000_000);
        assert_eq!(limiter.len(), 1);
    }
}
