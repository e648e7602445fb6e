use sqlx::Postgres as Db;
use sqlx::postgres::{PgPool, PgPoolOptions};

use super::applications::impl_application_store;
use super::audit::impl_audit_store;
use super::email_verifications::impl_email_verification_store;
use super::errors::on_constraint;
use super::invitations::impl_invitation_store;
use super::lockout::impl_lockout_store;
use super::organization_member_roles::impl_organization_member_role_store;
use super::organization_members::impl_organization_member_store;
use super::organization_roles::impl_organization_role_store;
use super::organization_scopes::impl_organization_scope_store;
use super::organizations::impl_organization_store;
use super::protected_role::impl_protected_role_store;
use super::resources::impl_resource_store;
use super::roles::impl_role_store;
use super::sessions::impl_session_store;
use super::shared::{ROLE_COLUMNS, USER_COLUMNS, impl_store};
use super::user_cache::UserCache;
use super::user_search_sql::{Dialect, where_clause};
use super::*;

/// The path past one machine: any number of server instances share one database.
pub struct PgStore {
    pub(super) pool: PgPool,
    /// Off: other server instances write to the same database.
    users: UserCache,
}

impl PgStore {
    const DIALECT: Dialect = Dialect::Postgres;
    /// Serializes the changes that could remove the role's last active holder.
    const LOCK_PROTECTED_ROLE: &'static str = "SELECT id FROM roles WHERE name = $1 FOR UPDATE";
    /// Taken on a role before linking users to it: waits for a transaction that holds
    /// the protected role (deleting a user, say) before this one holds any user row,
    /// so the two queue instead of deadlocking on each other's rows.
    const SHARE_ROLE: &'static str = "SELECT id FROM roles WHERE id = $1 FOR KEY SHARE";
    const BEGIN_WRITE: &'static str = "BEGIN";
    /// A user search (regular expressions included) may run this long, then fails
    /// with a clear 400: one pathological `posix` pattern once took 9.7 s.
    const SEARCH_LIMIT: Option<&'static str> = Some("SET LOCAL statement_timeout = 2000");

    pub async fn connect(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect(url)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(Self {
            pool,
            users: UserCache::new(0),
        })
    }

    /// Bad patterns (SQLSTATE 2201B invalid regular expression, 22025 invalid escape)
    /// are the caller's input, not a server failure.
    fn search_error(error: sqlx::Error) -> StoreError {
        match &error {
            sqlx::Error::Database(db)
                if matches!(db.code().as_deref(), Some("2201B" | "22025")) =>
            {
                StoreError::InvalidSearch(db.message().to_owned())
            }
            // 57014 query_canceled: the search's statement timeout fired.
            sqlx::Error::Database(db) if db.code().as_deref() == Some("57014") => {
                StoreError::InvalidSearch(
                    "The search took too long; use a simpler pattern.".to_owned(),
                )
            }
            _ => StoreError::Database(error),
        }
    }
}

impl_store!(PgStore);
impl_audit_store!(PgStore);
impl_lockout_store!(PgStore);
impl_email_verification_store!(PgStore);
impl_session_store!(PgStore);
impl_organization_role_store!(PgStore);
impl_organization_scope_store!(PgStore);
impl_invitation_store!(PgStore);
impl_organization_store!(PgStore);
impl_organization_member_store!(PgStore);
impl_organization_member_role_store!(PgStore);
impl_role_store!(PgStore);
impl_protected_role_store!(PgStore);
impl_resource_store!(PgStore);
impl_application_store!(PgStore);
