use serde::{Deserialize, Serialize};

use crate::FeaturedUser;

/// Who a role can be given to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RoleType {
    User,
    MachineToMachine,
}

/// A global role, as Logto's `Roles` schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Role {
    /// Always `default`, as in Logto OSS.
    pub tenant_id: String,
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(rename = "type")]
    pub role_type: RoleType,
    pub is_default: bool,
}

/// An application holding a role, as shown in the role list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeaturedApplication {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub application_type: String,
}

/// An item of `GET /api/roles`: the role, how many hold it and up to three of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleWithCounts {
    #[serde(flatten)]
    pub role: Role,
    pub users_count: i64,
    pub featured_users: Vec<FeaturedUser>,
    pub applications_count: i64,
    pub featured_applications: Vec<FeaturedApplication>,
}

/// Body of `POST /api/roles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateRole {
    pub name: String,
    pub description: String,
    /// `User` when left out.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub role_type: Option<RoleType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
}

/// Body of `PATCH /api/roles/{id}`: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateRole {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
}

/// Body of `POST /api/roles/{id}/applications`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationIdsBody {
    pub application_ids: Vec<String>,
}

/// Body of `POST /api/roles/{id}/scopes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScopeIdsBody {
    pub scope_ids: Vec<String>,
}
