use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

type JsonObject = Map<String, Value>;

/// An application, as Logto's `Applications` schema. Secrets live under `/secrets`;
/// the answer that creates an application with a default secret shows its value once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    /// Always `default`, as in Logto OSS.
    pub tenant_id: String,
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// `MachineToMachine`, `SPA`, `Native` or `Traditional` (tokens only for the first).
    #[serde(rename = "type")]
    pub application_type: String,
    /// `{redirectUris, postLogoutRedirectUris, …}`.
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
    /// The default secret's value, only in the answer that created it (the types that
    /// have secrets: `MachineToMachine`, `Traditional`); it is stored hashed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub oidc_client_metadata: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_client_metadata: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_third_party: Option<bool>,
    /// Logto's protected apps need its hosting; refused here as by Logto OSS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub protected_app_metadata: Option<Value>,
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
    /// Replaces the OIDC client metadata (the fields given; the URI lists default to empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub oidc_client_metadata: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_client_metadata: Option<JsonObject>,
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
