//! Password verification with lockout: N failures inside a window lock the account
//! for a while; a locked or suspended account fails even with the right password.

use axum::http::StatusCode;
use serde_json::json;

use super::users::{find, hash_password, store_password_digest};
use crate::error::{ApiError, ApiResult};
use crate::password::{self, Algorithm};
use crate::state::AppState;

fn invalid_credentials() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "session.invalid_credentials",
        "Wrong credentials. Please check your input.",
    )
}

/// 423 `user.locked`, saying until when.
fn locked(until: i64) -> ApiError {
    ApiError::new(
        StatusCode::LOCKED,
        "user.locked",
        "This account is locked after too many failed sign-in attempts.",
    )
    .with_data(json!({ "lockedUntil": until }))
}

/// Checks a password. Failures count towards the lock; success clears the count, and
/// a match on an imported legacy digest upgrades it to Argon2id.
pub async fn verify_password(state: &AppState, id: &str, password: String) -> ApiResult<()> {
    let user = find(state, id).await?;
    if user.is_suspended {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "user.suspended",
            "This account is suspended.",
        ));
    }
    let now = state.clock.now_ms();
    if let Some(until) = user.locked_until.filter(|&until| until > now) {
        return Err(locked(until));
    }
    let stored = user.password_encrypted.clone().zip(
        user.password_encryption_method
            .as_deref()
            .and_then(Algorithm::parse),
    );
    let legacy = stored
        .as_ref()
        .is_some_and(|(_, a)| *a != Algorithm::Argon2id);
    let matched = match stored {
        Some((digest, algorithm)) => {
            let password = password.clone();
            tokio::task::spawn_blocking(move || password::verify(&password, &digest, algorithm))
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))?
        }
        None => false,
    };
    if !matched {
        let policy = state.settings.lockout;
        let failures = state
            .store
            .record_failed_check(id, now, now - policy.window_ms)
            .await?;
        if failures >= policy.max_failures {
            state.store.lock_user(id, now + policy.lock_ms).await?;
        }
        return Err(invalid_credentials());
    }
    // Also forgets failures that stayed below the limit.
    state.store.clear_lockout(id).await?;
    if legacy {
        store_password_digest(state, &user.id, hash_password(password).await?).await?;
    }
    Ok(())
}

/// Lifts a lock and forgets the failures; unlocking an unlocked user also succeeds.
pub async fn unlock(state: &AppState, id: &str) -> ApiResult<()> {
    find(state, id).await?;
    Ok(state.store.clear_lockout(id).await?)
}
