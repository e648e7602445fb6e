use serde::{Deserialize, Serialize};

/// Body of the public `POST /api/recover-password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoverPasswordRequest {
    pub email: String,
    /// Picks one user when several share the email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// Body of the public `POST /api/password-reset`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    /// The token from the mailed link.
    pub token: String,
    pub password: String,
}

/// `{"status":"success"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusResponse {
    pub status: String,
}

impl StatusResponse {
    pub fn success() -> Self {
        StatusResponse {
            status: "success".into(),
        }
    }
}
