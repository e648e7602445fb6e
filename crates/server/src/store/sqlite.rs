use std::str::FromStr;
use std::time::Duration;

use sqlx::Sqlite as Db;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};

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
use super::sqlite_connections::SqliteConnections;
use super::user_cache::UserCache;

/// Users kept in memory between reads (one server owns a SQLite file).
const USER_CACHE_CAPACITY: usize = 10_000;
use super::user_search_sql::{Dialect, where_clause};
use super::*;

/// The embedded default: one SQLite file in WAL mode.
pub struct SqliteStore {
    pool: SqliteConnections,
    users: UserCache,
}

impl SqliteStore {
    const DIALECT: Dialect = Dialect::Sqlite;
    /// Takes the write lock at once: a deferred transaction that reads first can
    /// fail with "database is locked" when another writer commits in between.
    /// `BEGIN IMMEDIATE` already holds the database's write lock: a plain read will do.
    const LOCK_PROTECTED_ROLE: &'static str = "SELECT id FROM roles WHERE name = $1";
    const SHARE_ROLE: &'static str = "SELECT id FROM roles WHERE id = $1";
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    /// No statement timeout: SQLite's regexp() is Rust's `regex`, linear in the input
    /// with a bounded compiled size (no back-references).
    const SEARCH_LIMIT: Option<&'static str> = None;

    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            .with_regexp();
        // Two cores gain nothing from more concurrent SQLite connections.
        let pool = SqliteConnections::new(options, 4);
        sqlx::migrate!("migrations/sqlite")
            .run(&mut *pool.acquire().await?)
            .await?;
        Ok(Self {
            pool,
            users: UserCache::new(USER_CACHE_CAPACITY),
        })
    }

    /// A bad regular expression fails inside SQLite's regexp(); report it as bad input.
    fn search_error(error: sqlx::Error) -> StoreError {
        match &error {
            sqlx::Error::Database(db) if db.message().contains("function") => {
                StoreError::InvalidSearch(db.message().to_owned())
            }
            _ => StoreError::Database(error),
        }
    }
}

impl_store!(SqliteStore);
impl_audit_store!(SqliteStore);
impl_lockout_store!(SqliteStore);
impl_email_verification_store!(SqliteStore);
impl_session_store!(SqliteStore);
impl_organization_role_store!(SqliteStore);
impl_organization_scope_store!(SqliteStore);
impl_invitation_store!(SqliteStore);
impl_organization_store!(SqliteStore);
impl_organization_member_store!(SqliteStore);
impl_organization_member_role_store!(SqliteStore);
impl_role_store!(SqliteStore);
impl_protected_role_store!(SqliteStore);
impl_resource_store!(SqliteStore);
impl_application_store!(SqliteStore);

/// One server owns a SQLite file: there is no other instance to tell, hear or count with.
#[async_trait::async_trait]
impl super::ChangeStore for SqliteStore {
    async fn announce_client_change(&self, _client_id: &str) -> StoreResult<()> {
        Ok(())
    }

    async fn client_changes(
        &self,
    ) -> StoreResult<Option<tokio::sync::mpsc::UnboundedReceiver<super::ClientChange>>> {
        Ok(None)
    }

    fn shared_buckets(&self) -> Option<std::sync::Arc<dyn super::BucketTable>> {
        None
    }
}
