use serde::{Deserialize, Serialize};

/// An audit log row, as Logto's `Logs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Log {
    pub id: String,
    /// Such as `ExchangeTokenBy.ClientCredentials` or `Management.User.Create`.
    pub key: String,
    /// `{key, result: "Success"|"Error", error?, ip?, userAgent?, userId?, applicationId?, …}`
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: serde_json::Value,
    pub created_at: i64,
}
