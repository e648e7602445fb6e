//! Edge sessions: the per-user epoch a session records at sign-in, the check of the
//! epoch the edge names on each request, and revocation (which adds one).

use super::error::{DomainError, DomainResult, Rule};
use super::users;
use crate::state::AppState;

/// The epoch a session signed in now records.
pub async fn epoch(state: &AppState, user_id: &str) -> DomainResult<i64> {
    Ok(users::find(state, user_id).await?.session_epoch)
}

/// Ends every session of the user signed in before now.
pub async fn revoke(state: &AppState, user_id: &str) -> DomainResult<()> {
    if state.store.revoke_sessions(user_id).await? {
        Ok(())
    } else {
        Err(DomainError::user_not_found())
    }
}

/// Refuses a request made for a session (`<userId>.<epoch>`) that is no longer
/// current: revoked since, of a deleted user, or unreadable. Served from the user
/// cache on SQLite, one primary-key read on PostgreSQL.
pub async fn check(state: &AppState, named: &str) -> DomainResult<()> {
    let current = match named.rsplit_once('.') {
        Some((user_id, epoch)) if crate::ids::is_plausible_id(user_id) => {
            match (epoch.parse::<i64>(), state.store.user(user_id).await?) {
                (Ok(epoch), Some(user)) => user.session_epoch == epoch,
                _ => false,
            }
        }
        _ => false,
    };
    if current {
        Ok(())
    } else {
        Err(Rule::SessionRevoked.into())
    }
}
