//! Organization scopes: the permissions organization roles grant.

use async_trait::async_trait;
use sqlx::FromRow;

use super::errors::on_constraint;
use super::{StoreResult, Window};

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct OrganizationScopeRecord {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub created_at: i64,
}

/// The outcome of a write that a unique name can refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum NameWrite {
    Written,
    NameTaken,
}

/// A taken name becomes `NameTaken`; other failures stay errors.
pub(super) fn name_write(result: Result<(), sqlx::Error>) -> StoreResult<NameWrite> {
    match result {
        Ok(()) => Ok(NameWrite::Written),
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Ok(NameWrite::NameTaken),
        Err(error) => Err(on_constraint(error)),
    }
}

/// `q` as a case-insensitive substring pattern for `lower(column) LIKE $n ESCAPE '\'`.
pub(super) fn contains_pattern(q: &str) -> String {
    let mut pattern = String::from("%");
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[async_trait]
pub trait OrganizationScopeStore: Send + Sync {
    /// Ordered by name; `q` matches part of the name, ignoring case.
    async fn organization_scopes(
        &self,
        q: Option<&str>,
        window: Window,
    ) -> StoreResult<(Vec<OrganizationScopeRecord>, i64)>;
    async fn organization_scope(&self, id: &str) -> StoreResult<Option<OrganizationScopeRecord>>;
    async fn insert_organization_scope(
        &self,
        scope: &OrganizationScopeRecord,
    ) -> StoreResult<NameWrite>;
    /// Writes the name and description of the scope with the same id.
    async fn update_organization_scope(
        &self,
        scope: &OrganizationScopeRecord,
    ) -> StoreResult<NameWrite>;
    async fn delete_organization_scope(&self, id: &str) -> StoreResult<bool>;
}

macro_rules! impl_organization_scope_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::OrganizationScopeStore for $store {
            async fn organization_scopes(
                &self,
                q: Option<&str>,
                window: Window,
            ) -> StoreResult<(Vec<OrganizationScopeRecord>, i64)> {
                let pattern = q.map($crate::store::organization_scopes::contains_pattern);
                let filter = "WHERE ($1 IS NULL OR lower(name) LIKE $1 ESCAPE '\\')";
                let mut conn = self.pool.acquire().await?;
                let sql = format!(
                    "SELECT id, name, description, created_at FROM organization_scopes {filter} \
                     ORDER BY name, id LIMIT $2 OFFSET $3"
                );
                let scopes = sqlx::query_as(&sql)
                    .bind(&pattern).bind(window.limit).bind(window.offset)
                    .fetch_all(&mut *conn).await?;
                let count_sql = format!("SELECT count(*) FROM organization_scopes {filter}");
                let (total,): (i64,) = sqlx::query_as(&count_sql).bind(&pattern).fetch_one(&mut *conn).await?;
                Ok((scopes, total))
            }

            async fn organization_scope(&self, id: &str) -> StoreResult<Option<OrganizationScopeRecord>> {
                let mut conn = self.pool.acquire().await?;
                Ok(sqlx::query_as("SELECT id, name, description, created_at FROM organization_scopes WHERE id = $1")
                    .bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn insert_organization_scope(&self, scope: &OrganizationScopeRecord) -> StoreResult<NameWrite> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query(
                    "INSERT INTO organization_scopes (id, name, description, created_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(&scope.id).bind(&scope.name).bind(&scope.description).bind(scope.created_at)
                .execute(&mut *conn).await;
                $crate::store::organization_scopes::name_write(done.map(|_| ()))
            }

            async fn update_organization_scope(&self, scope: &OrganizationScopeRecord) -> StoreResult<NameWrite> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("UPDATE organization_scopes SET name = $2, description = $3 WHERE id = $1")
                    .bind(&scope.id).bind(&scope.name).bind(&scope.description)
                    .execute(&mut *conn).await;
                $crate::store::organization_scopes::name_write(done.map(|_| ()))
            }

            async fn delete_organization_scope(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM organization_scopes WHERE id = $1")
                    .bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(super) use impl_organization_scope_store;
