use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Patch;

type JsonObject = Map<String, Value>;

/// A user as the Management API returns it (Logto's `userInfoSelectFields` plus `hasPassword`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: String,
    pub username: Option<String>,
    pub primary_email: Option<String>,
    pub primary_phone: Option<String>,
    pub name: Option<String>,
    pub avatar: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_data: JsonObject,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub identities: JsonObject,
    pub last_sign_in_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub profile: JsonObject,
    pub application_id: Option<String>,
    /// Client ID Metadata Document sign-ins (Logto 1.43); Tenantry has none, so null.
    pub cimd_client_id: Option<String>,
    pub is_suspended: bool,
    pub has_password: bool,
    /// Locked after too many failed password checks (Tenantry, beyond Logto). A real
    /// Logto tenant does not send it: missing reads as `false` (it is always written).
    #[serde(default)]
    pub is_locked: bool,
    /// When the lock ends, epoch ms; null when not locked.
    pub locked_until: Option<i64>,
}

/// Body of `POST /api/users`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_digest: Option<String>,
    /// `Argon2i`, `Argon2id`, `Argon2d`, `SHA1`, `SHA256`, `MD5` or `Bcrypt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_algorithm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_data: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub profile: Option<JsonObject>,
}

/// Body of `PATCH /api/users/{id}`: only the fields present change; `null` clears.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateUser {
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub username: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub primary_email: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub primary_phone: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub name: Patch<String>,
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub avatar: Patch<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub custom_data: Option<JsonObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub profile: Option<JsonObject>,
}

/// Body of `PATCH /api/users/{id}/password` and `POST …/password/verify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordBody {
    pub password: String,
}

/// Answer of `GET /api/users/{id}/has-password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HasPassword {
    pub has_password: bool,
}

/// Body of `PATCH /api/users/{id}/is-suspended`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuspendBody {
    pub is_suspended: bool,
}

/// Body of `PATCH /api/users/{id}/custom-data` (merged shallowly).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomDataBody {
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub custom_data: JsonObject,
}

/// Body of `PATCH /api/users/{id}/profile`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileBody {
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub profile: JsonObject,
}

/// Body of `POST` / `PUT /api/users/{id}/roles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleIdsBody {
    pub role_ids: Vec<String>,
}

/// Answer of `POST /api/users/{id}/roles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddRolesResponse {
    pub role_ids: Vec<String>,
    pub added_role_ids: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user as a Logto tenant sends it: no `isLocked`, no `lockedUntil`.
    const LOGTO_USER: &str = r#"{"id":"u1","username":"ann","primaryEmail":null,
        "primaryPhone":null,"name":null,"avatar":null,"customData":{},"identities":{},
        "lastSignInAt":null,"createdAt":1,"updatedAt":2,"profile":{},"applicationId":null,
        "cimdClientId":null,"isSuspended":false,"hasPassword":true}"#;

    #[test]
    fn a_logto_user_without_lock_fields_reads_as_unlocked() {
        let user: User = serde_json::from_str(LOGTO_USER).unwrap();
        assert!(!user.is_locked);
        assert_eq!(user.locked_until, None);
    }

    #[test]
    fn the_lock_fields_are_always_written() {
        let user: User = serde_json::from_str(LOGTO_USER).unwrap();
        let json = serde_json::to_value(&user).unwrap();
        assert_eq!(json["isLocked"], false);
        assert!(json.as_object().unwrap().contains_key("lockedUntil"));
    }
}
