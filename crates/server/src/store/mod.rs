//! Storage: one `Store` interface with a SQLite and a PostgreSQL implementation.
//!
//! SQL lives only here. Both implementations share their plain statements (see
//! `shared.rs`) and differ where the databases do: migrations, connection set-up,
//! constraint names and the search operators.

pub(crate) mod applications;
pub(crate) mod audit;
mod changes;
mod email_verifications;
mod errors;
mod ids;
pub(crate) mod invitations;
mod lockout;
mod mail_queue;
pub(crate) mod organization_member_roles;
pub(crate) mod organization_members;
pub(crate) mod organization_roles;
pub(crate) mod organization_scopes;
pub(crate) mod organizations;
mod paged;
mod patterns;
mod postgres;
mod postgres_changes;
mod protected_role;
mod rate_buckets;
mod records;
pub(crate) mod resources;
pub(crate) mod roles;
mod sessions;
mod shared;
mod sqlite;
mod sqlite_connections;
pub(crate) mod text_search;
mod user_cache;
mod user_changes;
mod user_query;
pub(crate) mod user_search_sql;

use std::sync::Arc;

use async_trait::async_trait;

pub use applications::{ApplicationFilter, ApplicationStore, Renamed};
pub use audit::{AuditStore, LogFilter, LogRecord};
pub use changes::{ChangeStore, ClientChange};
pub use email_verifications::{EmailVerificationRecord, EmailVerificationStore};
pub use errors::{StoreError, StoreResult, UniqueField};
pub use ids::{
    ApplicationId, ApplicationIds, OrganizationId, OrganizationRoleId, OrganizationRoleIds,
    OrganizationScopeIds, RoleId, RoleIds, ScopeId, ScopeIds, UserId, UserIds,
};
pub use invitations::{
    Acceptance, InvitationFilter, InvitationRecord, InvitationRoleRow, InvitationStore,
};
pub use lockout::{LockoutStore, Subject};
pub use mail_queue::{MailQueue, QueuedMail, open_mail_queue};
pub use organization_member_roles::{HeldRoleRecord, OrganizationMemberRoleStore};
pub use organization_members::{MemberField, MemberFilter, OrganizationMemberStore};
pub use organization_roles::{
    GrantedResourceScope, OrganizationRoleDetail, OrganizationRoleRecord, OrganizationRoleStore,
    ResourceScopeRecord, RoleGrant,
};
pub use organization_scopes::{NameWrite, OrganizationScopeRecord, OrganizationScopeStore};
pub use organizations::{FeaturedUserRecord, OrganizationRecord, OrganizationStore};
pub use patterns::{has_dangling_escape, similar_to_regex};
pub use protected_role::{Guarded, ProtectedRoleStore};
pub use rate_buckets::{BucketLimits, BucketTable};
pub use records::{
    ApplicationRecord, ApplicationSecretRecord, BootstrapSeed, ResourceRecord, RoleRecord,
    ScopeRecord, SigningKeyRecord, UserRecord,
};
pub use resources::ResourceStore;
pub use roles::{Linked, RoleFilter, RoleHolders, RoleStore};
pub use sessions::SessionStore;
pub use text_search::{TextMatch, TextSearch};
pub use user_changes::UserChanges;
pub use user_query::{Joint, MatchMode, SearchMatch, UserField, UserQuery};

/// Rows to skip and rows to return, from the API's `page` and `page_size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait Store:
    AuditStore
    + EmailVerificationStore
    + LockoutStore
    + SessionStore
    + OrganizationRoleStore
    + OrganizationScopeStore
    + InvitationStore
    + OrganizationStore
    + OrganizationMemberStore
    + OrganizationMemberRoleStore
    + RoleStore
    + ProtectedRoleStore
    + ResourceStore
    + ApplicationStore
    + ChangeStore
    + Send
    + Sync
    + 'static
{
    /// Writes the first-start data in one transaction. Returns false, writing nothing,
    /// when the database was bootstrapped before.
    async fn bootstrap(&self, seed: &BootstrapSeed) -> StoreResult<bool>;
    async fn signing_keys(&self) -> StoreResult<Vec<SigningKeyRecord>>;

    /// Inserts the user with the default User roles, in one transaction.
    async fn insert_user(&self, user: &UserRecord) -> StoreResult<()>;
    async fn user(&self, id: &str) -> StoreResult<Option<UserRecord>>;
    /// Writes only the changed columns and `updated_at`; the user as stored afterwards,
    /// or `None` when there is no such user or a compare-and-set condition failed.
    async fn update_user(
        &self,
        id: &str,
        changes: &UserChanges,
        updated_at: i64,
    ) -> StoreResult<Option<UserRecord>>;
    /// Whether another user (not `except_id`) holds this username, email or phone.
    async fn is_taken(
        &self,
        field: UniqueField,
        value: &str,
        except_id: Option<&str>,
    ) -> StoreResult<bool>;
    async fn search_users(
        &self,
        query: &UserQuery,
        window: Window,
    ) -> StoreResult<(Vec<UserRecord>, i64)>;

    async fn role(&self, id: &str) -> StoreResult<Option<RoleRecord>>;
    async fn user_roles(
        &self,
        user_id: &str,
        window: Window,
    ) -> StoreResult<(Vec<RoleRecord>, i64)>;
    /// Adds the roles the user does not hold yet; returns the ids that were added.
    async fn add_user_roles(
        &self,
        user_id: UserId<'_>,
        role_ids: RoleIds<'_>,
    ) -> StoreResult<Vec<String>>;

    /// The resource with this indicator and the names of its scopes that the
    /// application holds through its roles; `None` for an unknown indicator.
    async fn resource_grant(
        &self,
        app_id: &str,
        indicator: &str,
    ) -> StoreResult<Option<(ResourceRecord, Vec<String>)>>;
}

/// Opens the database named by `url` (`sqlite://…` or `postgres://…`) and migrates it.
pub async fn connect(url: &str) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(url).await?))
    } else {
        Ok(Arc::new(sqlite::SqliteStore::connect(url).await?))
    }
}
