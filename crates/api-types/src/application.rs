use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

type JsonObject = Map<String, Value>;

/// An application, as Logto's `Applications` schema without the secret (Tenantry keeps
/// secrets under `/secrets`, and shows each value once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    /// Always `default`, as in Logto OSS.
    pub tenant_id: String,
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Only `MachineToMachine`.
    #[serde(rename = "type")]
    pub application_type: String,
    /// `{redirectUris: [], postLogoutRedirectUris: []}` for machine-to-machine apps.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub oidc_client_metadata: Value,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_client_metadata: JsonObject,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub protected_app_metadata: Option<Value>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_data: JsonObject,
    pub is_third_party: bool,
    pub app_level_access_control_enabled: bool,
    pub created_at: i64,
}

/// Body of `POST /api/applications`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateApplication {
    pub name: String,
    #[serde(rename = "type")]
    pub application_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_data: Option<JsonObject>,
}

/// Body of `PATCH /api/applications/{id}`: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateApplication {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "crate::Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub description: crate::Patch<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_data: Option<JsonObject>,
}

/// A secret as listed: never its value, only the first characters to recognise it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSecret {
    pub tenant_id: String,
    pub application_id: String,
    pub name: String,
    /// The first four characters of the value.
    pub value_prefix: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    /// The last token exchange with this secret (to the minute), epoch ms.
    pub last_used_at: Option<i64>,
}

/// Answer of `POST /api/applications/{id}/secrets`: the only time `value` is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApplicationSecret {
    #[serde(flatten)]
    pub secret: ApplicationSecret,
    /// 32 characters of `[0-9A-Za-z]`; store it now, it cannot be read again.
    pub value: String,
}

/// Body of `POST /api/applications/{id}/secrets`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateApplicationSecret {
    pub name: String,
    /// Epoch ms, in the future; none means it never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
}

/// Body of `PATCH /api/applications/{id}/secrets/{name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenameApplicationSecret {
    pub name: String,
}
