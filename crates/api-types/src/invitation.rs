use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::NamedRef;

/// Where an organization invitation stands. `Expired` is reported for a pending
/// invitation past its `expiresAt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

impl InvitationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "Pending",
            InvitationStatus::Accepted => "Accepted",
            InvitationStatus::Expired => "Expired",
            InvitationStatus::Revoked => "Revoked",
        }
    }
}

/// An organization invitation, as Logto's `OrganizationInvitationEntity`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationInvitation {
    pub id: String,
    pub inviter_id: Option<String>,
    /// The invitee's email address.
    pub invitee: String,
    pub accepted_user_id: Option<String>,
    pub organization_id: String,
    pub status: InvitationStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub expires_at: i64,
    pub organization_roles: Vec<NamedRef>,
}

/// Body of `POST /api/organization-invitations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateInvitation {
    /// An email address.
    pub invitee: String,
    pub organization_id: String,
    /// Epoch milliseconds, in the future.
    pub expires_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inviter_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_role_ids: Option<Vec<String>>,
    /// An object (mail the invitation) or `false` (do not); left out means `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub message_payload: Option<Value>,
}

/// Body of `PUT /api/organization-invitations/{id}/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationStatusBody {
    /// `Accepted` or `Revoked`.
    pub status: InvitationStatus,
    /// Required with `Accepted`: the user whose primary email is the invitee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_user_id: Option<String>,
}

/// Body of the public `POST /api/invitations/{id}/accept`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitation {
    /// The token from the mailed link.
    pub token: String,
    /// Required when no user has the invitee's email yet (a new account is made).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The new account's name; ignored for an existing user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Answer of the public accept route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptedInvitation {
    pub user_id: String,
    pub organization_id: String,
    /// Whether the account was made by this acceptance.
    pub is_new_user: bool,
}
