//! Organization invitations through the edge, and the public acceptance.

use gloo_net::http::Method;
use serde_json::{Map, Value};
use tenantry_api_types::{
    AcceptInvitation, AcceptedInvitation, CreateInvitation, InvitationStatus, InvitationStatusBody,
    OrganizationInvitation,
};

use super::query::entity_path;
use super::{ApiError, Client};

const PATH: &str = "/api/organization-invitations";

/// Every invitation of the organization, newest first.
pub async fn list(
    client: &Client,
    organization_id: &str,
) -> Result<Vec<OrganizationInvitation>, ApiError> {
    let query = [("organizationId".to_string(), organization_id.to_string())];
    Ok(client.list(PATH, &query).await?.items)
}

/// Splits what the user typed into addresses: commas, semicolons, spaces
/// and new lines separate them; duplicates (any case) are dropped.
pub fn split_addresses(text: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for address in text.split([',', ';', ' ', '\n', '\t']) {
        let address = address.trim();
        if !address.is_empty() && !seen.iter().any(|s| s.eq_ignore_ascii_case(address)) {
            seen.push(address.to_string());
        }
    }
    seen
}

/// Invites one address and has the server mail the link (`messagePayload`).
pub async fn create(
    client: &Client,
    organization_id: &str,
    invitee: &str,
    role_ids: &[String],
    expires_at: i64,
) -> Result<OrganizationInvitation, ApiError> {
    let body = CreateInvitation {
        invitee: invitee.to_string(),
        organization_id: organization_id.to_string(),
        expires_at,
        inviter_id: None,
        organization_role_ids: Some(role_ids.to_vec()),
        // An empty object asks the server to mail the invitation.
        message_payload: Some(Value::Object(Map::new())),
    };
    client.write(Method::POST, PATH, &body).await
}

/// Mails the invitation again with a fresh link.
pub async fn resend(client: &Client, id: &str) -> Result<(), ApiError> {
    let path = entity_path(PATH, id, "/message");
    client
        .write_empty(Method::POST, &path, Some(&Map::<String, Value>::new()))
        .await
}

pub async fn revoke(client: &Client, id: &str) -> Result<OrganizationInvitation, ApiError> {
    let body = InvitationStatusBody {
        status: InvitationStatus::Revoked,
        accepted_user_id: None,
    };
    client
        .write(Method::PUT, &entity_path(PATH, id, "/status"), &body)
        .await
}

/// The public acceptance with the mailed token; `password` and `name` make
/// the account when the invitee has none.
pub async fn accept(
    client: &Client,
    id: &str,
    body: &AcceptInvitation,
) -> Result<AcceptedInvitation, ApiError> {
    let path = entity_path("/api/invitations", id, "/accept");
    client.write(Method::POST, &path, body).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_split_and_deduplicated() {
        assert_eq!(
            split_addresses(" a@x.io, b@x.io;\nA@X.io  c@x.io,,"),
            ["a@x.io", "b@x.io", "c@x.io"]
        );
        assert!(split_addresses(" , ").is_empty());
    }
}
