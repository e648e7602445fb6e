//! API resources and their scopes.

use async_trait::async_trait;

use super::text_search::TextSearch;
use super::{ResourceRecord, ScopeRecord, StoreResult, Window};

#[async_trait]
pub trait ResourceStore: Send + Sync {
    /// Oldest first; every resource when `window` is `None`.
    async fn resources(&self, window: Option<Window>) -> StoreResult<(Vec<ResourceRecord>, i64)>;
    async fn resource(&self, id: &str) -> StoreResult<Option<ResourceRecord>>;
    /// The resource a token request without `resource` is for, if one is the default.
    async fn default_resource(&self) -> StoreResult<Option<ResourceRecord>>;
    /// False when the indicator is taken.
    async fn insert_resource(&self, resource: &ResourceRecord) -> StoreResult<bool>;
    /// Writes name and token lifetime.
    async fn update_resource(&self, resource: &ResourceRecord) -> StoreResult<()>;
    /// Setting one resource as the default clears any other, in one transaction.
    async fn set_default_resource(&self, id: &str, is_default: bool) -> StoreResult<()>;
    async fn delete_resource(&self, id: &str) -> StoreResult<bool>;
    /// The scopes of these resources, by name.
    async fn scopes_of_resources(&self, resource_ids: &[String]) -> StoreResult<Vec<ScopeRecord>>;
    /// A resource's scopes by name; all of them when `window` is `None`.
    async fn resource_scopes(
        &self,
        resource_id: &str,
        search: &TextSearch,
        window: Option<Window>,
    ) -> StoreResult<(Vec<ScopeRecord>, i64)>;
    async fn scope(&self, id: &str) -> StoreResult<Option<ScopeRecord>>;
    /// False when the resource has a scope of that name.
    async fn insert_scope(&self, scope: &ScopeRecord) -> StoreResult<bool>;
    /// Writes name and description; false when the new name is taken.
    async fn update_scope(&self, scope: &ScopeRecord) -> StoreResult<bool>;
    async fn delete_scope(&self, id: &str) -> StoreResult<bool>;
}

pub(super) const RESOURCE_COLUMNS: &str =
    "id, name, indicator, is_default, access_token_ttl, created_at";
pub(super) const SCOPE_COLUMNS: &str = "s.id, s.resource_id, s.name, s.description, s.created_at";

macro_rules! impl_resource_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ResourceStore for $store {
            async fn resources(&self, window: Option<Window>) -> StoreResult<(Vec<ResourceRecord>, i64)> {
                use $crate::store::resources::RESOURCE_COLUMNS;
                let window = window.unwrap_or(Window { limit: i64::MAX, offset: 0 });
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {RESOURCE_COLUMNS} FROM resources ORDER BY created_at, id LIMIT $1 OFFSET $2");
                let list = sqlx::query_as(&sql).bind(window.limit).bind(window.offset).fetch_all(&mut *conn).await?;
                let (total,): (i64,) = sqlx::query_as("SELECT count(*) FROM resources").fetch_one(&mut *conn).await?;
                Ok((list, total))
            }

            async fn resource(&self, id: &str) -> StoreResult<Option<ResourceRecord>> {
                use $crate::store::resources::RESOURCE_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {RESOURCE_COLUMNS} FROM resources WHERE id = $1");
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn default_resource(&self) -> StoreResult<Option<ResourceRecord>> {
                use $crate::store::resources::RESOURCE_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {RESOURCE_COLUMNS} FROM resources WHERE is_default LIMIT 1");
                Ok(sqlx::query_as(&sql).fetch_optional(&mut *conn).await?)
            }

            async fn insert_resource(&self, r: &ResourceRecord) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = $crate::store::roles::unless_taken(
                    sqlx::query("INSERT INTO resources (id, name, indicator, is_default, access_token_ttl, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(&r.id).bind(&r.name).bind(&r.indicator).bind(r.is_default)
                        .bind(r.access_token_ttl).bind(r.created_at)
                        .execute(&mut *conn).await,
                )?;
                Ok(done.is_some())
            }

            async fn update_resource(&self, r: &ResourceRecord) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("UPDATE resources SET name = $2, access_token_ttl = $3 WHERE id = $1")
                    .bind(&r.id).bind(&r.name).bind(r.access_token_ttl)
                    .execute(&mut *conn).await?;
                Ok(())
            }

            async fn set_default_resource(&self, id: &str, is_default: bool) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                if is_default {
                    sqlx::query("UPDATE resources SET is_default = $2 WHERE id <> $1 AND is_default")
                        .bind(id).bind(false).execute(&mut *tx).await?;
                }
                sqlx::query("UPDATE resources SET is_default = $2 WHERE id = $1")
                    .bind(id).bind(is_default).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn delete_resource(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM resources WHERE id = $1").bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn scopes_of_resources(&self, resource_ids: &[String]) -> StoreResult<Vec<ScopeRecord>> {
                use $crate::store::resources::SCOPE_COLUMNS;
                if resource_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let list = $crate::store::shared::placeholders(1, resource_ids.len());
                let sql = format!("SELECT {SCOPE_COLUMNS} FROM scopes s WHERE s.resource_id IN ({list}) ORDER BY s.name");
                let mut q = sqlx::query_as(&sql).persistent(false);
                for id in resource_ids { q = q.bind(id); }
                let mut conn = self.pool.acquire().await?;
                Ok(q.fetch_all(&mut *conn).await?)
            }

            async fn resource_scopes(&self, resource_id: &str, search: &TextSearch, window: Option<Window>) -> StoreResult<(Vec<ScopeRecord>, i64)> {
                use $crate::store::resources::SCOPE_COLUMNS;
                use $crate::store::user_search_sql::Bind;
                let window = window.unwrap_or(Window { limit: i64::MAX, offset: 0 });
                let mut binds = vec![Bind::Text(resource_id.to_owned())];
                let mut conditions = "WHERE s.resource_id = $1".to_owned();
                if let Some(found) = $crate::store::text_search::condition(search, "s", Self::DIALECT, &mut binds) {
                    conditions = format!("{conditions} AND {found}");
                }
                let from = format!("FROM scopes s {conditions}");
                let mut conn = self.pool.acquire().await?;
                $crate::store::paged::page_and_total!(conn, ScopeRecord, SCOPE_COLUMNS, from, "s.name", &binds, window)
                    .map_err(Self::search_error)
            }

            async fn scope(&self, id: &str) -> StoreResult<Option<ScopeRecord>> {
                use $crate::store::resources::SCOPE_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {SCOPE_COLUMNS} FROM scopes s WHERE s.id = $1");
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn insert_scope(&self, s: &ScopeRecord) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = $crate::store::roles::unless_taken(
                    sqlx::query("INSERT INTO scopes (id, resource_id, name, description, created_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(&s.id).bind(&s.resource_id).bind(&s.name).bind(&s.description).bind(s.created_at)
                        .execute(&mut *conn).await,
                )?;
                Ok(done.is_some())
            }

            async fn update_scope(&self, s: &ScopeRecord) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = $crate::store::roles::unless_taken(
                    sqlx::query("UPDATE scopes SET name = $2, description = $3 WHERE id = $1")
                        .bind(&s.id).bind(&s.name).bind(&s.description)
                        .execute(&mut *conn).await,
                )?;
                Ok(done.is_some())
            }

            async fn delete_scope(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM scopes WHERE id = $1").bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(super) use impl_resource_store;
