use serde::{Deserialize, Serialize};

/// Logto's error body: `{ code, message, data?, details? }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable machine-readable code such as `user.username_already_in_use`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub data: Option<serde_json::Value>,
    /// Validation problems, one line each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}
