//! Password recovery: single-use reset links by mail, requested by an admin or by the
//! user, and the reset that completes it.

use super::error::{DomainError, DomainResult, Rule};
use super::tokens::{MAX_TOKEN_LEN, new_token, token_hash};
use super::users::{find, hash_password, store_password_digest};
use super::{password_checks, sessions, user_input};
use crate::mail::templates;
use crate::state::AppState;
use crate::store::{MatchMode, SearchMatch, UserField, UserQuery, UserRecord, Window};

/// How long a reset link works.
const TOKEN_LIFETIME_MS: i64 = 60 * 60 * 1000;

/// Stores a reset token for the user and queues the mail with its link.
async fn send_reset_link(
    state: &AppState,
    user: &UserRecord,
    email: &str,
    token: &str,
    hash: &str,
) -> DomainResult<()> {
    let now = state.clock.now_ms();
    state
        .store
        .insert_reset_token(hash, &user.id, now, now + TOKEN_LIFETIME_MS)
        .await?;
    let link = format!("{}/reset-password?token={token}", state.settings.portal_url);
    let content =
        templates::password_reset(&state.settings.product_name, user.name.as_deref(), &link);
    state.mailer.enqueue(&content.to(email)).await?;
    Ok(())
}

/// `POST /api/users/{id}/recover-password`: an admin sends the user a reset link.
pub async fn recover_by_admin(state: &AppState, id: &str) -> DomainResult<()> {
    let user = find(state, id).await?;
    let email = user.primary_email.clone().ok_or(Rule::EmailMissing)?;
    let (token, hash) = new_token();
    send_reset_link(state, &user, &email, &token, &hash).await
}

/// `POST /api/recover-password`: the same answer, after the same work, whether or not a
/// user matches; the mail is written after the answer, so its cost does not show.
/// Returns the matched user's id, for the audit log.
pub async fn recover_by_user(
    state: &AppState,
    email: &str,
    username: Option<&str>,
) -> DomainResult<Option<String>> {
    let query = UserQuery {
        matches: vec![SearchMatch {
            field: Some(UserField::PrimaryEmail),
            mode: MatchMode::Exact,
            values: vec![email.to_owned()],
        }],
        ..UserQuery::default()
    };
    let (found, _) = state
        .store
        .search_users(
            &query,
            Window {
                limit: 2,
                offset: 0,
            },
        )
        .await?;
    let (token, hash) = new_token();
    let user = match (found.as_slice(), username) {
        ([user], None) => Some(user.clone()),
        (users, Some(name)) => users
            .iter()
            .find(|u| u.username.as_deref() == Some(name))
            .cloned(),
        _ => None,
    };
    let user = user.filter(|u| !u.is_suspended);
    let matched = user.as_ref().map(|u| u.id.clone());
    if let Some(user) = user {
        let state = state.clone();
        let email = user.primary_email.clone().unwrap_or_default();
        tokio::spawn(async move {
            if let Err(error) = send_reset_link(&state, &user, &email, &token, &hash).await {
                tracing::warn!(?error, "could not queue a password reset mail");
            }
        });
    }
    Ok(matched)
}

/// `POST /api/password-reset`: sets the password, ends any lock, uses the token up.
/// Returns the user's id.
pub async fn reset(state: &AppState, token: &str, password: String) -> DomainResult<String> {
    user_input::password(&password)?;
    let invalid = || DomainError::from(Rule::InvalidResetToken);
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Err(invalid());
    }
    // Hash first so a bad password never spends the token.
    let digest = hash_password(password).await?;
    let now = state.clock.now_ms();
    let user_id = state
        .store
        .consume_reset_token(&token_hash(token), now)
        .await?
        .ok_or_else(invalid)?;
    store_password_digest(state, &user_id, digest).await?;
    sessions::revoke(state, &user_id).await?;
    password_checks::unlock(state, &user_id).await?;
    Ok(user_id)
}
