//! Password verification with throttling and lockout (README, "Lockout policy").
//!
//! Failures count per (account, source address): after `max_failures` from one address,
//! that address is refused for that account — for `lock_ms` if it never signed in as
//! this user, for a delay that doubles with each failure if it did (known-good). All
//! failures together past `account_max_failures` lock the account for everyone
//! (`isLocked`). The password is always hashed, and "suspended" or "locked" are said only
//! after the right password, so answers reveal nothing to someone guessing. A login that
//! names no account (the edge checks it under an id no user has) is hashed and counted
//! exactly the same way, so neither the answers nor the time taken tell it apart.

use super::error::{DomainError, DomainResult, Rule};
use super::users::{find, hash_password, store_password_digest};
use crate::password::{self, Algorithm};
use crate::state::{AppState, LockoutPolicy};
use crate::store::{Subject, UserRecord};

fn invalid_credentials() -> DomainError {
    DomainError::from(Rule::InvalidCredentials)
}

/// 423 `user.locked`, saying until when.
fn locked(until: i64) -> DomainError {
    Rule::Locked { until }.into()
}

/// 429 `user.too_many_attempts`: this address must wait before its next check.
fn throttled(wait_ms: i64) -> DomainError {
    let secs = (wait_ms + 999) / 1000;
    Rule::TooManyAttempts {
        retry_after_secs: secs,
    }
    .into()
}

/// Checks a password coming from `source` (the caller's address). Failures count
/// towards the address's throttle and the account's lock; success clears both counts,
/// marks the address known-good, and upgrades an imported legacy digest to Argon2id.
pub async fn verify_password(
    state: &AppState,
    id: &str,
    password: String,
    source: &str,
) -> DomainResult<()> {
    let user = state.store.user(id).await?;
    let subject = match &user {
        Some(_) => Subject::User(id),
        None => Subject::Unknown(id),
    };
    let now = state.clock.now_ms();
    let policy = state.settings.lockout;
    if let Some(until) = state.store.source_blocked_until(subject, source).await?
        && until > now
    {
        return Err(throttled(until - now));
    }
    let Some(user) = user else {
        blocking(move || password::verify_dummy(&password)).await?;
        count_failure(state, subject, None, source, now, policy).await?;
        return Err(DomainError::user_not_found());
    };
    let legacy = user
        .password_encryption_method
        .as_deref()
        .and_then(Algorithm::parse)
        .is_some_and(|a| a != Algorithm::Argon2id);
    if !matches(&user, password.clone()).await? {
        count_failure(state, subject, user.locked_until, source, now, policy).await?;
        return Err(invalid_credentials());
    }
    if user.is_suspended {
        return Err(DomainError::from(Rule::Suspended));
    }
    if let Some(until) = user.locked_until.filter(|&until| until > now) {
        return Err(locked(until));
    }
    // Also forgets failures that stayed below the limits.
    state.store.clear_lockout(id).await?;
    state.store.record_source_success(id, source).await?;
    if legacy {
        store_password_digest(state, &user.id, hash_password(password).await?).await?;
    }
    Ok(())
}

/// Whether `password` matches; an account without a usable digest costs a dummy check.
async fn matches(user: &UserRecord, password: String) -> DomainResult<bool> {
    let stored = user.password_encrypted.clone().zip(
        user.password_encryption_method
            .as_deref()
            .and_then(Algorithm::parse),
    );
    blocking(move || match stored {
        Some((digest, algorithm)) => password::verify(&password, &digest, algorithm),
        None => password::verify_dummy(&password),
    })
    .await
}

/// Counts a failure against the (subject, address) pair and the subject, which may be
/// locked until `locked_until` already.
async fn count_failure(
    state: &AppState,
    subject: Subject<'_>,
    locked_until: Option<i64>,
    source: &str,
    now: i64,
    policy: LockoutPolicy,
) -> DomainResult<()> {
    let window_start = now - policy.window_ms;
    // Done on every failure, known account or not, so both take the same time.
    state
        .store
        .purge_unknown_subjects(window_start, now)
        .await?;
    let (failures, known_good) = state
        .store
        .record_source_failure(subject, source, now, window_start)
        .await?;
    if failures >= policy.max_failures {
        let wait = source_wait(policy, failures, known_good);
        state
            .store
            .block_source(subject, source, now + wait)
            .await?;
    }
    // A locked account stays locked until its time is up: more failures do not extend it.
    if locked_until.is_some_and(|until| until > now) {
        return Ok(());
    }
    let account_failures = state
        .store
        .record_failed_check(subject, now, window_start)
        .await?;
    if account_failures >= policy.account_max_failures {
        state
            .store
            .lock_subject(subject, now + policy.lock_ms)
            .await?;
    }
    Ok(())
}

/// How long an address waits after its `failures`-th failure: a new address the whole
/// lock period; a known-good one a delay doubling from `delay_ms`, capped there.
fn source_wait(policy: LockoutPolicy, failures: i64, known_good: bool) -> i64 {
    if !known_good {
        return policy.lock_ms;
    }
    let doublings = (failures - policy.max_failures).clamp(0, 20) as u32;
    policy
        .delay_ms
        .saturating_mul(1_i64 << doublings)
        .min(policy.lock_ms)
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> DomainResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))
}

/// Lifts a lock and forgets the failures, of the account and of every address;
/// unlocking an unlocked user also succeeds.
pub async fn unlock(state: &AppState, id: &str) -> DomainResult<()> {
    find(state, id).await?;
    state.store.clear_source_blocks(id).await?;
    Ok(state.store.clear_lockout(id).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: LockoutPolicy = LockoutPolicy {
        max_failures: 5,
        account_max_failures: 100,
        window_ms: 900_000,
        lock_ms: 1_800_000,
        delay_ms: 30_000,
    };

    #[test]
    fn new_addresses_wait_the_lock_period_known_ones_a_growing_delay() {
        assert_eq!(source_wait(POLICY, 5, false), 1_800_000);
        assert_eq!(source_wait(POLICY, 5, true), 30_000);
        assert_eq!(source_wait(POLICY, 6, true), 60_000);
        assert_eq!(source_wait(POLICY, 8, true), 240_000);
        assert_eq!(source_wait(POLICY, 60, true), 1_800_000);
    }
}
