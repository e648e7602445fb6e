//! Proving a new email address before it becomes a user's primary email.

use serde::{Deserialize, Serialize};

/// Body of `POST /api/users/{id}/email-verification`: mails a code to `email`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerificationRequest {
    pub email: String,
}

/// Body of `POST /api/users/{id}/email-verification/confirm`: the mailed code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailVerificationConfirm {
    pub code: String,
}
