//! Rows as stored. The domain turns them into API types.

use sqlx::FromRow;

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct UserRecord {
    pub id: String,
    pub username: Option<String>,
    pub primary_email: Option<String>,
    pub primary_phone: Option<String>,
    pub name: Option<String>,
    pub avatar: Option<String>,
    pub password_encrypted: Option<String>,
    pub password_encryption_method: Option<String>,
    pub custom_data: String,
    pub identities: String,
    pub profile: String,
    pub application_id: Option<String>,
    pub is_suspended: bool,
    pub last_sign_in_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Bumped to end every edge session of the user; read only here (see `SessionStore`).
    pub session_epoch: i64,
    /// From `user_lockouts`; read only (may lie in the past).
    pub locked_until: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct RoleRecord {
    pub id: String,
    pub name: String,
    pub description: String,
    #[sqlx(rename = "type")]
    pub role_type: String,
    pub is_default: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ResourceRecord {
    pub id: String,
    pub name: String,
    pub indicator: String,
    pub is_default: bool,
    pub access_token_ttl: i64,
    pub created_at: i64,
}

/// A secret as stored: only the SHA-256 (hex) of its value and the value's first characters.
#[derive(Clone, PartialEq, FromRow)]
pub struct ApplicationSecretRecord {
    pub application_id: String,
    pub name: String,
    pub value_hash: String,
    pub value_prefix: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

impl std::fmt::Debug for ApplicationSecretRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationSecretRecord")
            .field("application_id", &self.application_id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ApplicationRecord {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[sqlx(rename = "type")]
    pub application_type: String,
    /// Serialized JSON object.
    pub custom_data: String,
    /// Serialized JSON object: `redirectUris`, `postLogoutRedirectUris`, and any other
    /// OIDC client field as given.
    pub oidc_client_metadata: String,
    /// Serialized JSON object.
    pub custom_client_metadata: String,
    pub is_third_party: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ScopeRecord {
    pub id: String,
    pub resource_id: String,
    pub name: String,
    pub description: String,
    pub created_at: i64,
}

#[derive(Clone, PartialEq, FromRow)]
pub struct SigningKeyRecord {
    pub id: String,
    /// PKCS#8 document, base64.
    pub private_key: String,
    pub created_at: i64,
}

impl std::fmt::Debug for SigningKeyRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKeyRecord")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Everything the first start writes, prepared by the domain.
#[derive(Debug, Clone)]
pub struct BootstrapSeed {
    pub signing_key: SigningKeyRecord,
    pub management_resource: ResourceRecord,
    /// The Management API's `all` scope (id, name).
    pub all_scope: (String, String),
    pub admin_role: RoleRecord,
    pub edge_role: RoleRecord,
    pub edge_app_id: String,
    pub edge_app_name: String,
    pub edge_secret: ApplicationSecretRecord,
    pub admin_user: UserRecord,
}
