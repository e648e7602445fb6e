//! The first start: signing key, Management API resource, admin role, the edge's M2M
//! application and the first admin, written in one transaction.

use std::path::Path;

use serde::Serialize;

use crate::auth::generate_signing_key;
use crate::builtin::{ALL_SCOPE, ALL_SCOPE_ID, EDGE_ROLE, MANAGEMENT_API_ID, TENANT_ADMIN_ROLE};
use crate::config::Config;
use crate::domain::application_secrets::hash_secret;
use crate::domain::users::hash_password;
use crate::error::ApiError;
use crate::ids::{new_id, new_secret};
use crate::store::{
    ApplicationSecretRecord, BootstrapSeed, ResourceRecord, RoleRecord, Store, UserRecord,
};

/// What the operator needs once, written to `<data-dir>/bootstrap.json` (mode 0600).
/// Only secrets the server generated are kept: one the operator configured is never
/// written or printed anywhere (they have it already).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    pub admin_username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_password: Option<String>,
    pub edge_client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge_client_secret: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("admin_username", &self.admin_username)
            .field("edge_client_id", &self.edge_client_id)
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// Whether the server made up a secret the operator must read from the file.
    pub fn has_generated_secrets(&self) -> bool {
        self.admin_password.is_some() || self.edge_client_secret.is_some()
    }
}

/// Bootstraps an empty database. Returns the credentials when it did, `None` when the
/// database was set up before (nothing is changed then).
pub async fn run(
    store: &dyn Store,
    config: &Config,
    now: i64,
) -> Result<Option<Credentials>, ApiError> {
    // Databases from before secrets were hashed keep working: hash what is plain.
    let converted = store.hash_plain_secrets(hash_secret).await?;
    if converted > 0 {
        tracing::info!(converted, "application secrets stored as hashes");
    }
    if !store.signing_keys().await?.is_empty() {
        return Ok(None);
    }
    let generated_password = config.admin_password.is_none().then(new_secret);
    let generated_secret = config.edge_client_secret.is_none().then(new_secret);
    let admin_password = match (&config.admin_password, &generated_password) {
        (Some(given), _) => given.0.clone(),
        (None, generated) => generated.clone().unwrap_or_default(),
    };
    let edge_client_secret = match (&config.edge_client_secret, &generated_secret) {
        (Some(given), _) => given.0.clone(),
        (None, generated) => generated.clone().unwrap_or_default(),
    };
    let credentials = Credentials {
        admin_username: config.admin_username.clone(),
        admin_password: generated_password,
        edge_client_id: config.edge_client_id.clone().unwrap_or_else(new_id),
        edge_client_secret: generated_secret,
    };
    let role = |name: &str, description: &str, role_type: &str| RoleRecord {
        id: new_id(),
        name: name.into(),
        description: description.into(),
        role_type: role_type.into(),
        is_default: false,
        created_at: now,
    };
    let seed = BootstrapSeed {
        signing_key: generate_signing_key(now),
        management_resource: ResourceRecord {
            id: MANAGEMENT_API_ID.into(),
            name: "Logto Management API".into(),
            indicator: config.api_indicator.clone(),
            is_default: false,
            access_token_ttl: 3600,
            created_at: now,
        },
        all_scope: (ALL_SCOPE_ID.into(), ALL_SCOPE.into()),
        admin_role: role(
            TENANT_ADMIN_ROLE,
            "Tenant administrators: full Management API access.",
            "User",
        ),
        edge_role: role(
            EDGE_ROLE,
            "The portal's edge: full Management API access.",
            "MachineToMachine",
        ),
        edge_app_id: credentials.edge_client_id.clone(),
        edge_app_name: "Tenantry edge".into(),
        edge_secret: {
            let (value_hash, value_prefix) = hash_secret(&edge_client_secret);
            ApplicationSecretRecord {
                application_id: credentials.edge_client_id.clone(),
                name: "default".into(),
                value_hash,
                value_prefix,
                created_at: now,
                expires_at: None,
                last_used_at: None,
            }
        },
        admin_user: UserRecord {
            id: new_id(),
            username: Some(credentials.admin_username.clone()),
            primary_email: None,
            primary_phone: None,
            name: Some("Administrator".into()),
            avatar: None,
            password_encrypted: Some(hash_password(admin_password).await?),
            password_encryption_method: Some("Argon2id".into()),
            custom_data: "{}".into(),
            identities: "{}".into(),
            profile: "{}".into(),
            application_id: None,
            is_suspended: false,
            last_sign_in_at: None,
            created_at: now,
            updated_at: now,
            session_epoch: 0,
            locked_until: None,
        },
    };
    if store.bootstrap(&seed).await? {
        Ok(Some(credentials))
    } else {
        Ok(None)
    }
}

/// Writes the credentials where only the server's user can read them.
pub fn save(credentials: &Credentials, data_dir: &Path) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(data_dir.join("bootstrap.json"))?;
    // `mode` applies only to a new file: an older, wider one is narrowed first.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(serde_json::to_string_pretty(credentials)?.as_bytes())?;
    file.write_all(b"\n")
}
