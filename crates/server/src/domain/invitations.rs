//! Organization invitations (Logto's `/api/organization-invitations`): create, read,
//! delete, mail again, and change status. A pending invitation past `expiresAt` reads
//! as `Expired`; `Accepted`, `Revoked` and `Expired` are final.

use std::collections::HashMap;

use axum::http::StatusCode;
use tenantry_api_types::{
    CreateInvitation, InvitationStatus, InvitationStatusBody, NamedRef, OrganizationInvitation,
};

use super::invitation_mail::{self, MailContext};
use super::tokens::new_token;
use super::user_input;
use crate::error::{ApiError, ApiResult};
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{Acceptance, InvitationFilter, InvitationRecord, Window};

/// 422 `request.invalid_input`, Logto's answer for refused invitation changes.
pub fn refused(details: &str) -> ApiError {
    ApiError::Coded {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "request.invalid_input",
        message: "The request input is invalid.".into(),
        details: Some(details.to_owned()),
        data: None,
    }
}

fn final_state() -> ApiError {
    refused("The status of the invitation cannot be changed anymore.")
}

/// 422 `entity.relation_foreign_key_not_found`, as Logto's organization routes answer.
fn missing_relation(what: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "entity.relation_foreign_key_not_found",
        format!("The {what} does not exist."),
    )
}

fn not_found(id: &str) -> ApiError {
    ApiError::not_exists_with_id("organization invitation", id)
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
) -> ApiResult<Vec<OrganizationInvitation>> {
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

pub async fn find(state: &AppState, id: &str) -> ApiResult<InvitationRecord> {
    if !is_plausible_id(id) {
        return Err(not_found(id));
    }
    state
        .store
        .invitation(id)
        .await?
        .ok_or_else(|| not_found(id))
}

pub async fn get(state: &AppState, id: &str) -> ApiResult<OrganizationInvitation> {
    let record = find(state, id).await?;
    let mut list = with_roles(state, vec![record]).await?;
    list.pop().ok_or_else(|| not_found(id))
}

/// Newest first; the whole list when `window` is `None` (as Logto).
pub async fn list(
    state: &AppState,
    filter: &InvitationFilter,
    window: Option<Window>,
) -> ApiResult<(Vec<OrganizationInvitation>, i64)> {
    let (records, total) = state.store.invitations(filter, window).await?;
    Ok((with_roles(state, records).await?, total))
}

fn check_invitee(invitee: &str) -> ApiResult<()> {
    match user_input::mailbox(invitee) {
        Ok(()) => Ok(()),
        Err(e) if e.code() == Some("entity.value_too_long") => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "entity.value_too_long",
            "The value of `invitee` is too long.",
        )),
        Err(_) => Err(ApiError::invalid_input("invitee: must be an email address")),
    }
}

/// The organization's name and the inviter's label; unknown ones are refused as
/// Logto refuses a dangling reference.
async fn mail_context(
    state: &AppState,
    organization_id: &str,
    inviter_id: Option<&str>,
) -> ApiResult<MailContext> {
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
) -> ApiResult<OrganizationInvitation> {
    check_invitee(&input.invitee)?;
    let mail = invitation_mail::wants_mail(input.message_payload.as_ref())?;
    let now = state.clock.now_ms();
    if input.expires_at <= now {
        return Err(ApiError::Coded {
            status: StatusCode::BAD_REQUEST,
            code: "request.invalid_input",
            message: "The request input is invalid.".into(),
            details: Some("The value of `expiresAt` must be in the future.".into()),
            data: None,
        });
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
        invitation_mail::take_quota(state, &input.invitee)?;
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
        .map_err(|e| match ApiError::from(e) {
            ApiError::Coded {
                code: "entity.relation_foreign_key_not_found",
                ..
            } => missing_relation("organization role"),
            other => other,
        })?;
    if !inserted {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "entity.unique_integrity_violation",
            "A pending invitation for this invitee to this organization already exists.",
        ));
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

pub async fn delete(state: &AppState, id: &str) -> ApiResult<()> {
    find(state, id).await?;
    if state.store.delete_invitation(id).await? {
        Ok(())
    } else {
        Err(not_found(id))
    }
}

/// `POST /{id}/message`: mails the invitation again with a fresh token (the previous
/// link stops working). Only a pending invitation can be mailed.
pub async fn resend(state: &AppState, id: &str) -> ApiResult<()> {
    let record = find(state, id).await?;
    if status_of(&record, state.clock.now_ms()) != InvitationStatus::Pending {
        return Err(refused("Only a pending invitation can be sent."));
    }
    let context =
        mail_context(state, &record.organization_id, record.inviter_id.as_deref()).await?;
    invitation_mail::take_quota(state, &record.invitee)?;
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
) -> ApiResult<OrganizationInvitation> {
    let record = find(state, id).await?;
    let now = state.clock.now_ms();
    match body.status {
        InvitationStatus::Accepted | InvitationStatus::Revoked => {}
        _ => {
            return Err(ApiError::invalid_input(
                "status: must be Accepted or Revoked",
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
        .ok_or_else(ApiError::user_not_found)?;
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
