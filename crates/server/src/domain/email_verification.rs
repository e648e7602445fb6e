//! Changing a user's primary email by proving the new address: a 6-digit code is
//! mailed to it, and only that code (once, within 10 minutes, 5 tries) makes the
//! change. An unproven address never becomes anyone's email through this path, so
//! it can never pull in what was meant for that mailbox (invitations, resets).

use rand::Rng;
use tenantry_api_types::{Patch, UpdateUser, User};

use super::error::{Conflict, DomainError, DomainResult, Rule};
use super::tokens::{matches, token_hash};
use super::user_input;
use super::users::{self, find};
use crate::mail::templates;
use crate::state::AppState;
use crate::store::UniqueField;

const CODE_LIFETIME_MS: i64 = 10 * 60 * 1000;
/// The shortest wait between two codes for one user (each one is a mail).
const RESEND_AFTER_MS: i64 = 60 * 1000;
/// Wrong codes after which the pending change is dropped.
const MAX_TRIES: i64 = 5;
const CODE_DIGITS: usize = 6;

/// What is hashed for a code: it is bound to the user and the address it was sent to.
fn code_input(user_id: &str, email: &str, code: &str) -> String {
    format!("{user_id}\n{email}\n{code}")
}

fn code_hash(user_id: &str, email: &str, code: &str) -> String {
    token_hash(&code_input(user_id, email, code))
}

/// `POST /api/users/{id}/email-verification {email}`: mails a code to `email`.
pub async fn start(state: &AppState, id: &str, email: &str) -> DomainResult<()> {
    let user = find(state, id).await?;
    let email = email.trim();
    user_input::mailbox(email)?;
    if state
        .store
        .is_taken(UniqueField::Email, email, Some(id))
        .await?
    {
        return Err(Conflict::UserField(UniqueField::Email).into());
    }
    let now = state.clock.now_ms();
    if let Some(pending) = state.store.email_verification(id).await?
        && pending.created_at + RESEND_AFTER_MS > now
    {
        let wait_s = (pending.created_at + RESEND_AFTER_MS - now + 999) / 1000;
        return Err(Rule::CodeTooSoon {
            retry_after_secs: wait_s,
        }
        .into());
    }
    let code = format!(
        "{:0width$}",
        rand::rngs::OsRng.gen_range(0..10u32.pow(CODE_DIGITS as u32)),
        width = CODE_DIGITS
    );
    state
        .store
        .put_email_verification(
            id,
            email,
            &code_hash(id, email, &code),
            now,
            now + CODE_LIFETIME_MS,
        )
        .await?;
    let content =
        templates::email_verification(&state.settings.product_name, user.name.as_deref(), &code);
    state.mailer.enqueue(&content.to(email)).await?;
    Ok(())
}

/// `POST /api/users/{id}/email-verification/confirm {code}`: the right code makes the
/// address the user's primary email and records it as verified.
pub async fn confirm(state: &AppState, id: &str, code: &str) -> DomainResult<User> {
    find(state, id).await?;
    let not_found = || DomainError::from(Rule::CodeNotFound);
    let pending = state
        .store
        .email_verification(id)
        .await?
        .ok_or_else(not_found)?;
    if pending.expires_at <= state.clock.now_ms() {
        state.store.discard_email_verification(id).await?;
        return Err(DomainError::from(Rule::CodeExpired));
    }
    let code = code.trim();
    let right = code.len() == CODE_DIGITS
        && matches(&code_input(id, &pending.email, code), &pending.code_hash);
    if !right {
        if state.store.count_wrong_email_code(id).await? >= MAX_TRIES {
            state.store.discard_email_verification(id).await?;
            return Err(DomainError::from(Rule::CodeTriesExceeded));
        }
        return Err(DomainError::from(Rule::CodeMismatch));
    }
    // Used once, even when two confirmations race.
    if !state
        .store
        .take_email_verification(id, &pending.code_hash)
        .await?
    {
        return Err(not_found());
    }
    let change = UpdateUser {
        primary_email: Patch::Value(pending.email.clone()),
        ..UpdateUser::default()
    };
    let user = users::update(state, id, change).await?;
    record_verified(state, id, &pending.email).await?;
    Ok(user)
}

/// Records that the user proved to read `email` (a code, an invitation or a reset link).
pub async fn record_verified(state: &AppState, id: &str, email: &str) -> DomainResult<()> {
    let now = state.clock.now_ms();
    Ok(state.store.record_verified_email(id, email, now).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_hash_binds_the_user_and_the_address() {
        let hash = code_hash("u1", "a@x.test", "123456");
        assert!(matches(&code_input("u1", "a@x.test", "123456"), &hash));
        assert_ne!(hash, code_hash("u2", "a@x.test", "123456"));
        assert_ne!(hash, code_hash("u1", "b@x.test", "123456"));
    }
}
