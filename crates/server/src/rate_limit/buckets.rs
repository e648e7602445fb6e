//! Buckets by key, with bounded memory.
//!
//! A bucket that is full again holds no information (a new one would be identical), so
//! it is dropped: all of them once per window, and whenever the map reaches its bound.
//! If a flood of distinct keys fills the map with buckets still refilling, the tenth
//! closest to full goes: those are the keys that sent the fewest recent requests, and a
//! forgotten bucket only ever errs on the lenient side (it starts full).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use super::bucket::{Bucket, Policy};
use super::quota::{Quota, Retry};

pub(super) struct Buckets {
    policy: Policy,
    max_keys: usize,
    state: Mutex<State>,
}

struct State {
    map: HashMap<String, Bucket>,
    next_sweep: Option<Instant>,
}

impl Buckets {
    pub(super) fn new(policy: Policy, max_keys: usize) -> Self {
        Buckets {
            policy,
            max_keys: max_keys.max(1),
            state: Mutex::new(State {
                map: HashMap::new(),
                next_sweep: None,
            }),
        }
    }

    /// Takes a token from `key`'s bucket if one is left.
    pub(super) fn take(&self, key: &str, now: Instant) -> Result<Quota, Retry> {
        self.with_bucket(key, now, |bucket, policy| bucket.take(policy, now))
    }

    /// Whether `key` has a token left, without taking one (and without remembering it).
    pub(super) fn check(&self, key: &str, now: Instant) -> Result<Quota, Retry> {
        let key = bounded(key);
        let key = key.as_ref();
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let bucket = state.map.get(key).copied().unwrap_or(Bucket::new(now));
        bucket.check(&self.policy, now)
    }

    /// Counts something that already happened against `key`, even past the limit.
    pub(super) fn drain(&self, key: &str, now: Instant) {
        self.with_bucket(key, now, |bucket, policy| bucket.drain(policy, now));
    }

    fn with_bucket<R>(
        &self,
        key: &str,
        now: Instant,
        update: impl FnOnce(&mut Bucket, &Policy) -> R,
    ) -> R {
        let key = bounded(key);
        let key = key.as_ref();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.next_sweep.is_none_or(|at| at <= now) {
            state.map.retain(|_, bucket| !bucket.is_full(now));
            state.next_sweep = Some(now + self.policy.window());
        }
        if !state.map.contains_key(key) && state.map.len() >= self.max_keys {
            make_room(&mut state.map, self.max_keys, now);
        }
        let bucket = state
            .map
            .entry(key.to_owned())
            .or_insert_with(|| Bucket::new(now));
        update(bucket, &self.policy)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.state.lock().unwrap().map.len()
    }
}

/// Longer keys (a caller-chosen email, say) are stored as a hash.
const MAX_KEY_LEN: usize = 80;

/// `key` itself when short, else its SHA-256: memory per key stays small.
pub(super) fn bounded(key: &str) -> std::borrow::Cow<'_, str> {
    use sha2::{Digest, Sha256};
    if key.len() <= MAX_KEY_LEN {
        return key.into();
    }
    format!("#{}", hex::encode(Sha256::digest(key.as_bytes()))).into()
}

/// Drops the full buckets, then if that was not enough the tenth closest to full.
fn make_room(map: &mut HashMap<String, Bucket>, max_keys: usize, now: Instant) {
    map.retain(|_, bucket| !bucket.is_full(now));
    if map.len() < max_keys {
        return;
    }
    let mut full_at: Vec<Instant> = map.values().map(Bucket::full_at).collect();
    let cut = full_at.len() / 10;
    let (_, threshold, _) = full_at.select_nth_unstable(cut);
    let threshold = *threshold;
    map.retain(|_, bucket| bucket.full_at() > threshold);
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn buckets(max_keys: usize) -> Buckets {
        Buckets::new(Policy::new(2, Duration::from_secs(10)), max_keys)
    }

    #[test]
    fn keys_have_separate_buckets() {
        let (buckets, now) = (buckets(100), Instant::now());
        buckets.take("a", now).unwrap();
        buckets.take("a", now).unwrap();
        assert!(buckets.take("a", now).is_err());
        assert!(buckets.take("b", now).is_ok());
    }

    #[test]
    fn long_keys_are_stored_hashed_and_still_counted() {
        let (buckets, now) = (buckets(100), Instant::now());
        let long = format!("recipient:{}", "x".repeat(256 * 1024));
        buckets.take(&long, now).unwrap();
        buckets.take(&long, now).unwrap();
        assert!(buckets.take(&long, now).is_err());
        let state = buckets.state.lock().unwrap();
        assert!(state.map.keys().all(|k| k.len() <= MAX_KEY_LEN));
    }

    #[test]
    fn check_remembers_nothing() {
        let (buckets, now) = (buckets(100), Instant::now());
        assert_eq!(buckets.check("a", now).unwrap().remaining, 2);
        assert_eq!(buckets.len(), 0);
    }

    #[test]
    fn full_buckets_are_swept_once_a_window() {
        let (buckets, now) = (buckets(100), Instant::now());
        buckets.take("a", now).unwrap();
        buckets.take("b", now).unwrap();
        assert_eq!(buckets.len(), 2);
        let later = now + Duration::from_secs(10);
        buckets.take("c", later).unwrap();
        assert_eq!(buckets.len(), 1);
    }

    #[test]
    fn a_flood_of_keys_stays_bounded_and_keeps_the_busiest_bucket() {
        let (buckets, now) = (buckets(50), Instant::now());
        buckets.take("busy", now).unwrap();
        buckets.take("busy", now).unwrap();
        for i in 0..1_000 {
            let _ = buckets.take(&format!("spray-{i}"), now);
            assert!(buckets.len() <= 50);
        }
        assert!(buckets.take("busy", now).is_err());
    }
}
