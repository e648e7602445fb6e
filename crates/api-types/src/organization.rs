use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{NamedRef, Patch, User};

type JsonObject = Map<String, Value>;

/// An organization, as Logto's `Organizations` schema (without `tenantId`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_data: JsonObject,
    pub is_mfa_required: bool,
    /// `{primaryColor?, isDarkModeEnabled?, darkPrimaryColor?}`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub color: JsonObject,
    /// `{logoUrl?, darkLogoUrl?, favicon?, darkFavicon?}`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub branding: JsonObject,
    pub custom_css: Option<String>,
    pub created_at: i64,
    /// Members, in `GET /api/organizations?showFeatured=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_count: Option<i64>,
    /// Up to three members, in `GET /api/organizations?showFeatured=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured_users: Option<Vec<FeaturedUser>>,
}

/// A member shown on an organization card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeaturedUser {
    pub id: String,
    pub avatar: Option<String>,
    pub name: Option<String>,
}

/// Body of `POST /api/organizations`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOrganization {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_data: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_mfa_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub color: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub branding: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_css: Option<String>,
}

/// Body of `PATCH /api/organizations/{id}`: only the fields present change; only
/// `description` and `customCss` may be null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateOrganization {
    /// Cannot be null.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub name: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub description: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_data: Patch<JsonObject>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<bool>))]
    pub is_mfa_required: Patch<bool>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub color: Patch<JsonObject>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub branding: Patch<JsonObject>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub custom_css: Patch<String>,
}

/// A member of an organization: the user with their roles there, sorted by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganizationMember {
    #[serde(flatten)]
    pub user: User,
    pub organization_roles: Vec<NamedRef>,
}

/// One of a user's organizations, with the user's roles there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserOrganization {
    #[serde(flatten)]
    pub organization: Organization,
    pub organization_roles: Vec<NamedRef>,
}

/// Body of `POST` / `PUT /api/organizations/{id}/users`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserIdsBody {
    pub user_ids: Vec<String>,
}

/// Body of `POST /api/organizations/{id}/users/roles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MembersRolesBody {
    pub user_ids: Vec<String>,
    pub organization_role_ids: Vec<String>,
}

/// Body of `POST` / `PUT /api/organizations/{id}/users/{userId}/roles`: roles by id,
/// by name, or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberRolesBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_role_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_role_names: Option<Vec<String>>,
}

/// An organization role a member holds (`GET …/users/{userId}/roles`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberRole {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// `User` or `MachineToMachine`.
    #[serde(rename = "type")]
    pub role_type: String,
}

/// An organization scope a member holds through their roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberScope {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}
