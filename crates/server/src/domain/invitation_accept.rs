//! The public acceptance of a mailed invitation. The token proves only that the
//! invitee reads the mailbox: it makes a new account for that address, but an existing
//! account with the address joins only when the person also proves to be its owner
//! (its password), since anyone may once have put that address on their account.

use tenantry_api_types::{AcceptInvitation, AcceptedInvitation, InvitationStatus};

use super::email_verification::record_verified;
use super::error::{DomainError, DomainResult, Rule};
use super::invitations::status_of;
use super::password_checks::verify_password;
use super::tokens::{self, MAX_TOKEN_LEN};
use super::user_input;
use super::users::hash_password;
use crate::ids::{is_plausible_id, new_id};
use crate::password::Algorithm;
use crate::state::AppState;
use crate::store::{Acceptance, MatchMode, SearchMatch, UserField, UserQuery, UserRecord, Window};

/// 400 `invitation.invalid_token`: unknown invitation, wrong, replaced or used token,
/// or a revoked or accepted invitation (their tokens are cleared).
fn invalid_token() -> DomainError {
    DomainError::from(Rule::InvitationInvalidToken)
}

/// 422 `invitation.expired`: the right token, but the invitation has expired.
fn expired() -> DomainError {
    DomainError::from(Rule::InvitationExpired)
}

/// 422 `invitation.sign_in_required`: an account has the invitee's address, and the
/// invitation alone does not prove the person accepting owns it.
fn sign_in_required() -> DomainError {
    DomainError::from(Rule::InvitationSignInRequired)
}

/// The existing account joins only with its own password (checked with the lockout
/// rules, before the token is used up).
async fn prove_owner(
    state: &AppState,
    user: &UserRecord,
    input: &AcceptInvitation,
    source: &str,
) -> DomainResult<()> {
    let password = input.password.clone().ok_or_else(sign_in_required)?;
    verify_password(state, &user.id, password, source).await
}

/// The user whose primary email is `email` (any case), if any.
async fn user_with_email(state: &AppState, email: &str) -> DomainResult<Option<UserRecord>> {
    let query = UserQuery {
        matches: vec![SearchMatch {
            field: Some(UserField::PrimaryEmail),
            mode: MatchMode::Exact,
            values: vec![email.to_owned()],
        }],
        ..UserQuery::default()
    };
    let window = Window {
        limit: 1,
        offset: 0,
    };
    let (found, _) = state.store.search_users(&query, window).await?;
    Ok(found.into_iter().next())
}

/// A new account for the invitee, its password hashed.
async fn new_user(
    state: &AppState,
    email: &str,
    input: &AcceptInvitation,
) -> DomainResult<UserRecord> {
    let password = input
        .password
        .clone()
        .ok_or_else(|| DomainError::invalid("password", "required to create the account"))?;
    user_input::password(&password)?;
    if let Some(name) = &input.name {
        user_input::name(name)?;
    }
    let digest = hash_password(password).await?;
    let now = state.clock.now_ms();
    Ok(UserRecord {
        id: new_id(),
        username: None,
        primary_email: Some(email.to_owned()),
        primary_phone: None,
        name: input.name.clone().filter(|n| !n.trim().is_empty()),
        avatar: None,
        password_encrypted: Some(digest),
        password_encryption_method: Some(Algorithm::Argon2id.name().into()),
        custom_data: "{}".into(),
        identities: "{}".into(),
        profile: "{}".into(),
        application_id: None,
        is_suspended: false,
        last_sign_in_at: None,
        created_at: now,
        updated_at: now,
        session_epoch: 0,
        locked_until: None,
    })
}

/// `POST /api/invitations/{id}/accept` from `source` (the caller's address, for the
/// password throttle). The token is checked in constant time against
/// the stored hash, then used up by the same statement that accepts, so it works once.
pub async fn accept(
    state: &AppState,
    id: &str,
    input: AcceptInvitation,
    source: &str,
) -> DomainResult<AcceptedInvitation> {
    if !is_plausible_id(id) || input.token.is_empty() || input.token.len() > MAX_TOKEN_LEN {
        return Err(invalid_token());
    }
    let record = state
        .store
        .invitation(id)
        .await?
        .ok_or_else(invalid_token)?;
    let stored = record.token_hash.as_deref().ok_or_else(invalid_token)?;
    if !tokens::matches(&input.token, stored) {
        return Err(invalid_token());
    }
    match status_of(&record, state.clock.now_ms()) {
        InvitationStatus::Pending => {}
        InvitationStatus::Expired => return Err(expired()),
        _ => return Err(invalid_token()),
    }
    let existing = user_with_email(state, &record.invitee).await?;
    let created = match &existing {
        Some(user) => {
            prove_owner(state, user, &input, source).await?;
            None
        }
        None => Some(new_user(state, &record.invitee, &input).await?),
    };
    let user_id = existing
        .as_ref()
        .or(created.as_ref())
        .map(|u| u.id.clone())
        .ok_or_else(|| DomainError::Internal("no user to accept with".into()))?;
    let hash = tokens::token_hash(&input.token);
    let acceptance = Acceptance {
        invitation_id: id,
        user_id: &user_id,
        new_user: created.as_ref(),
        token_hash: Some(&hash),
        now: state.clock.now_ms(),
    };
    if !state.store.accept_invitation(&acceptance).await? {
        // Used, revoked or expired while the password was being hashed.
        return Err(invalid_token());
    }
    // The token came by mail to this address: it is now proven for this account.
    record_verified(state, &user_id, &record.invitee).await?;
    Ok(AcceptedInvitation {
        user_id,
        organization_id: record.organization_id,
        is_new_user: created.is_some(),
    })
}
