//! The edge's own routes (`/auth/*`, `/embed/tokens`), which the portal calls.

use serde::{Deserialize, Serialize};

/// Body of `POST /auth/sign-in`: a username, or an email address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub username: String,
    pub password: String,
}

/// An organization the signed-in user administers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AdministeredOrganization {
    pub id: String,
    pub name: Option<String>,
}

/// Answer of `POST /auth/sign-in`, `GET /auth/session` and `PATCH /auth/session/profile`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub id: String,
    pub username: Option<String>,
    pub name: Option<String>,
    pub primary_email: Option<String>,
    pub avatar: Option<String>,
    /// Holds the global `tenant-admin` role: may use the whole portal.
    pub is_tenant_admin: bool,
    /// Where the user holds `manage:members`: may manage those members only.
    pub organizations: Vec<AdministeredOrganization>,
}

/// Body of `POST /auth/session/password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordChangeRequest {
    pub current_password: String,
    pub password: String,
}

/// Body of `POST /embed/tokens` (sent by the host SaaS backend with the embed key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbedTokenRequest {
    pub organization_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Some of `read:members`, `manage:members`, `invite:members`.
    pub permissions: Vec<String>,
    /// At most 900 (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_seconds: Option<u64>,
}

/// Answer of `POST /embed/tokens`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbedToken {
    pub token: String,
    /// Epoch milliseconds.
    pub expires_at: u64,
}

/// The header in which the edge names the session a request acts for: `<userId>.<epoch>`.
/// The server refuses the request with 401 [`SESSION_REVOKED`] when the epoch is no
/// longer the user's (signed out, password changed, suspended, …) or the user is gone.
pub const SESSION_HEADER: &str = "x-tenantry-session";
/// The error code of that refusal.
pub const SESSION_REVOKED: &str = "session.revoked";

/// Answer of `GET /api/users/{userId}/sessions` (Tenantry, beyond Logto): the epoch a new
/// edge session records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SessionEpoch {
    pub epoch: i64,
}
