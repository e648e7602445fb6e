//! The invitation mail: a link to the portal carrying a single-use acceptance token,
//! limited per recipient so an address cannot be flooded.

use serde_json::Value;

use super::error::{DomainError, DomainResult, Rule};
use crate::mail::templates;
use crate::state::AppState;
use crate::store::{InvitationRecord, UserRecord};

/// What the mail needs, read before anything is written.
pub struct MailContext {
    pub organization_name: String,
    pub inviter: String,
}

/// Logto's `messagePayload`: an object mails the invitation; `false`, `null` or nothing
/// does not. Logto hands the object to its mail connector; Tenantry's own template
/// needs none of its fields.
pub fn wants_mail(payload: Option<&Value>) -> DomainResult<bool> {
    match payload {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(false),
        Some(Value::Object(_)) => Ok(true),
        Some(_) => Err(DomainError::invalid(
            "messagePayload",
            "must be an object or false",
        )),
    }
}

/// The name shown as the sender of the invitation.
pub fn inviter_label(inviter: Option<&UserRecord>) -> String {
    inviter
        .and_then(|u| {
            [&u.name, &u.username, &u.primary_email]
                .into_iter()
                .flatten()
                .map(|v| v.trim())
                .find(|v| !v.is_empty())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "An administrator".to_owned())
}

/// Counts one mail to the invitee, refusing with 429 past the per-recipient limit.
pub async fn take_quota(state: &AppState, invitee: &str) -> DomainResult<()> {
    state
        .rate_limiter
        .take_recipient(invitee)
        .await
        .map_err(|retry| RateLimited(retry).into())
}

/// Queues the mail with the link for `token`.
pub async fn send(
    state: &AppState,
    invitation: &InvitationRecord,
    context: &MailContext,
    token: &str,
) -> DomainResult<()> {
    let link = format!(
        "{}/invitations/{}?token={token}",
        state.settings.portal_url, invitation.id
    );
    let content = templates::invitation(
        &state.settings.product_name,
        &context.organization_name,
        &context.inviter,
        &link,
    );
    state
        .mailer
        .enqueue(&content.to(invitation.invitee.as_str()))
        .await
        .map(|_| ())
        .map_err(|e| DomainError::Internal(format!("mail queue: {e}")))
}

/// 429 with `data.retryAfter` (seconds); the HTTP layer turns it into `Retry-After`.
struct RateLimited(crate::rate_limit::Retry);

impl From<RateLimited> for DomainError {
    fn from(RateLimited(retry): RateLimited) -> Self {
        Rule::TooManyInvitationMails {
            retry_after_secs: retry.after_secs,
        }
        .into()
    }
}
