//! Organization invitations (Logto's `/api/organization-invitations`): create, read,
//! delete, mail again, and change status. A pending invitation past `expiresAt` reads
//! as `Expired`; `Accepted`, `Revoked` and `Expired` are final.

use std::collections::HashMap;

use tenantry_api_types::{
    CreateInvitation, InvitationStatus, InvitationStatusBody, NamedRef, OrganizationInvitation,
};

use super::error::{Conflict, DomainError, DomainResult, Rule};
use super::invitation_mail::{self, MailContext};
use super::tokens::new_token;
use super::user_input;
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{Acceptance, InvitationFilter, InvitationRecord, Window};

/// 422 `request.invalid_input`, Logto's answer for refused invitation changes.
pub fn refused(details: &'static str) -> DomainError {
    Rule::InvitationChange(details).into()
}

fn final_state() -> DomainError {
    refused("The status of the invitation cannot be changed anymore.")
}

fn missing_relation(what: &'static str) -> DomainError {
    DomainError::MissingRelation(Some(what))
}

fn not_found(id: &str) -> DomainError {
    DomainError::not_exists_with_id("organization invitation", id)
}

/// The status a caller sees: a pending invitation past its expiry is `Expired`.
pub fn status_of(record: &InvitationRecord, now: i64) -> InvitationStatus {
    match record.status.as_str() {
        "Pending" if record.expires_at <= now => InvitationStatus::Expired,
        "Pending" => InvitationStatus::Pending,
        "Accepted" => InvitationStatus::Accepted,
        "Revoked" => InvitationStatus::Revoked,
        _ => InvitationStatus::Expired,
    }
}

fn to_api(record: InvitationRecord, roles: Vec<NamedRef>, now: i64) -> OrganizationInvitation {
    OrganizationInvitation {
        status: status_of(&record, now),
        id: record.id,
        inviter_id: record.inviter_id,
        invitee: record.invitee,
        accepted_user_id: record.accepted_user_id,
        organization_id: record.organization_id,
        created_at: record.created_at,
        updated_at: record.updated_at,
        expires_at: record.expires_at,
        organization_roles: roles,
    }
}

/// The invitations with their roles, in the given order.
async fn with_roles(
    state: &AppState,
    records: Vec<InvitationRecord>,
) -> DomainResult<Vec<OrganizationInvitation>> {
    let ids: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
    let mut roles: HashMap<String, Vec<NamedRef>> = HashMap::new();
    for row in state.store.invitation_roles(&ids).await? {
        roles.entry(row.invitation_id).or_default().push(NamedRef {
            id: row.id,
            name: row.name,
        });
    }
    let now = state.clock.now_ms();
    Ok(records
        .into_iter()
        .map(|r| {
            let granted = roles.remove(&r.id).unwrap_or_default();
            to_api(r, granted, now)
        })
        .collect())
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<InvitationRecord> {
    if !is_plausible_id(id) {
        return Err(not_found(id));
    }
    state
        .store
        .invitation(id)
        .await?
        .ok_or_else(|| not_found(id))
}

pub async fn get(state: &AppState, id: &str) -> DomainResult<OrganizationInvitation> {
    let record = find(state, id).await?;
    let mut list = with_roles(state, vec![record]).await?;
    list.pop().ok_or_else(|| not_found(id))
}

/// Newest first; the whole list when `window` is `None` (as Logto).
pub async fn list(
    state: &AppState,
    filter: &InvitationFilter,
    window: Option<Window>,
) -> DomainResult<(Vec<OrganizationInvitation>, i64)> {
    let (records, total) = state.store.invitations(filter, window).await?;
    Ok((with_roles(state, records).await?, total))
}

fn check_invitee(invitee: &str) -> DomainResult<()> {
    match user_input::mailbox(invitee) {
        Ok(()) => Ok(()),
        Err(DomainError::Refused(Rule::ValueTooLong(_))) => {
            Err(Rule::ValueTooLong("invitee".into()).into())
        }
        Err(_) => Err(DomainError::invalid("invitee", "must be an email address")),
    }
}

/// The organization's name and the inviter's label; unknown ones are refused as
/// Logto refuses a dangling reference.
async fn mail_context(
    state: &AppState,
    organization_id: &str,
    inviter_id: Option<&str>,
) -> DomainResult<MailContext> {
    let organization_name = match is_plausible_id(organization_id) {
        true => state.store.organization_name(organization_id).await?,
        false => None,
    }
    .ok_or_else(|| missing_relation("organization"))?;
    let inviter = match inviter_id {
        Some(id) if is_plausible_id(id) => Some(
            state
                .store
                .user(id)
                .await?
                .ok_or_else(|| missing_relation("inviter"))?,
        ),
        Some(_) => return Err(missing_relation("inviter")),
        None => None,
    };
    Ok(MailContext {
        organization_name,
        inviter: invitation_mail::inviter_label(inviter.as_ref()),
    })
}

pub async fn create(
    state: &AppState,
    input: CreateInvitation,
) -> DomainResult<OrganizationInvitation> {
    check_invitee(&input.invitee)?;
    let mail = invitation_mail::wants_mail(input.message_payload.as_ref())?;
    let now = state.clock.now_ms();
    if input.expires_at <= now {
        return Err(Rule::ExpiryInPast.into());
    }
    let mut role_ids = input.organization_role_ids.unwrap_or_default();
    role_ids.sort();
    role_ids.dedup();
    if !role_ids.iter().all(|id| is_plausible_id(id)) {
        return Err(missing_relation("organization role"));
    }
    let context = mail_context(state, &input.organization_id, input.inviter_id.as_deref()).await?;
    if state
        .store
        .is_member_by_email(&input.organization_id, &input.invitee)
        .await?
    {
        return Err(refused(
            "The invitee is already a member of the organization.",
        ));
    }
    if mail {
        invitation_mail::take_quota(state, &input.invitee).await?;
    }
    let token = mail.then(new_token);
    let record = InvitationRecord {
        id: new_id(),
        inviter_id: input.inviter_id,
        invitee: input.invitee,
        accepted_user_id: None,
        organization_id: input.organization_id,
        status: InvitationStatus::Pending.as_str().into(),
        created_at: now,
        updated_at: now,
        expires_at: input.expires_at,
        token_hash: token.as_ref().map(|(_, hash)| hash.clone()),
    };
    let inserted = state
        .store
        .insert_invitation(&record, &role_ids)
        .await
        .map_err(|e| match DomainError::from(e) {
            DomainError::MissingRelation(_) => missing_relation("organization role"),
            other => other,
        })?;
    if !inserted {
        return Err(Conflict::PendingInvitation.into());
    }
    if let Some((token, _)) = &token
        && let Err(error) = invitation_mail::send(state, &record, &context, token).await
    {
        // As Logto: no invitation stays behind when its mail could not be queued.
        state.store.delete_invitation(&record.id).await?;
        return Err(error);
    }
    get(state, &record.id).await
}

pub async fn delete(state: &AppState, id: &str) -> DomainResult<()> {
    find(state, id).await?;
    if state.store.delete_invitation(id).await? {
        Ok(())
    } else {
        Err(not_found(id))
    }
}

/// `POST /{id}/message`: mails the invitation again with a fresh token (the previous
/// link stops working). Only a pending invitation can be mailed.
pub async fn resend(state: &AppState, id: &str) -> DomainResult<()> {
    let record = find(state, id).await?;
    if status_of(&record, state.clock.now_ms()) != InvitationStatus::Pending {
        return Err(refused("Only a pending invitation can be sent."));
    }
    let context =
        mail_context(state, &record.organization_id, record.inviter_id.as_deref()).await?;
    invitation_mail::take_quota(state, &record.invitee).await?;
    let (token, hash) = new_token();
    if !state
        .store
        .set_invitation_token(id, &hash, state.clock.now_ms())
        .await?
    {
        return Err(refused("Only a pending invitation can be sent."));
    }
    invitation_mail::send(state, &record, &context, &token).await
}

/// `PUT /{id}/status`: `Accepted` (with the user whose primary email is the invitee)
/// or `Revoked`.
pub async fn set_status(
    state: &AppState,
    id: &str,
    body: InvitationStatusBody,
) -> DomainResult<OrganizationInvitation> {
    let record = find(state, id).await?;
    let now = state.clock.now_ms();
    match body.status {
        InvitationStatus::Accepted | InvitationStatus::Revoked => {}
        _ => {
            return Err(DomainError::invalid(
                "status",
                "must be Accepted or Revoked",
            ));
        }
    }
    if status_of(&record, now) != InvitationStatus::Pending {
        return Err(final_state());
    }
    let changed = if body.status == InvitationStatus::Revoked {
        state.store.revoke_invitation(id, now).await?
    } else {
        let user_id = body.accepted_user_id.as_deref().ok_or_else(|| {
            refused("The `acceptedUserId` is required when accepting an invitation.")
        })?;
        let user = match is_plausible_id(user_id) {
            true => state.store.user(user_id).await?,
            false => None,
        }
        .ok_or_else(DomainError::user_not_found)?;
        let same_email = user
            .primary_email
            .as_deref()
            .is_some_and(|email| email.to_lowercase() == record.invitee.to_lowercase());
        if !same_email {
            return Err(refused(
                "The accepted user must have the same email as the invitee.",
            ));
        }
        let acceptance = Acceptance {
            invitation_id: id,
            user_id,
            new_user: None,
            token_hash: None,
            now,
        };
        state.store.accept_invitation(&acceptance).await?
    };
    if !changed {
        return Err(final_state());
    }
    get(state, id).await
}
