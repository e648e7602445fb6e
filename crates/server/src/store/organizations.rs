//! Organizations: the rows themselves, their search, and the member counts shown on cards.

use async_trait::async_trait;
use sqlx::FromRow;

use super::user_search_sql::Dialect;
use super::{StoreResult, Window};

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct OrganizationRecord {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Serialized JSON objects.
    pub custom_data: String,
    pub is_mfa_required: bool,
    pub color: String,
    pub branding: String,
    pub custom_css: Option<String>,
    pub created_at: i64,
}

/// A member shown on an organization card.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct FeaturedUserRecord {
    pub organization_id: String,
    pub id: String,
    pub avatar: Option<String>,
    pub name: Option<String>,
}

#[async_trait]
pub trait OrganizationStore: Send + Sync {
    async fn insert_organization(&self, organization: &OrganizationRecord) -> StoreResult<()>;
    async fn organization(&self, id: &str) -> StoreResult<Option<OrganizationRecord>>;
    /// Overwrites every column but `id` and `created_at`; false when the row is gone.
    async fn update_organization(&self, organization: &OrganizationRecord) -> StoreResult<bool>;
    async fn delete_organization(&self, id: &str) -> StoreResult<bool>;
    /// Newest first; `q` matches a substring of the id or the name, ignoring case.
    async fn organizations(
        &self,
        q: Option<&str>,
        window: Window,
    ) -> StoreResult<(Vec<OrganizationRecord>, i64)>;
    /// Member counts and up to `per_organization` members of each organization.
    async fn featured_members(
        &self,
        organization_ids: &[String],
        per_organization: i64,
    ) -> StoreResult<(Vec<(String, i64)>, Vec<FeaturedUserRecord>)>;
}

pub(super) const ORGANIZATION_COLUMNS: &str = "o.id, o.name, o.description, o.custom_data, \
    o.is_mfa_required, o.color, o.branding, o.custom_css, o.created_at";

/// `%q%` with LIKE's wildcards and escape character taken literally (`ESCAPE '\'`).
pub(super) fn contains_pattern(q: &str) -> String {
    let mut pattern = String::from("%");
    for c in q.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Case-insensitive LIKE: SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE is
/// served by the trigram indexes.
pub(super) fn like_operator(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "LIKE",
        Dialect::Postgres => "ILIKE",
    }
}

macro_rules! impl_organization_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::OrganizationStore for $store {
            async fn insert_organization(&self, o: &OrganizationRecord) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "INSERT INTO organizations (id, name, description, custom_data, is_mfa_required, \
                     color, branding, custom_css, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&o.id).bind(&o.name).bind(&o.description).bind(&o.custom_data)
                .bind(o.is_mfa_required).bind(&o.color).bind(&o.branding).bind(&o.custom_css)
                .bind(o.created_at)
                .execute(&mut *conn)
                .await
                .map_err($crate::store::errors::on_constraint)?;
                Ok(())
            }

            async fn organization(&self, id: &str) -> StoreResult<Option<OrganizationRecord>> {
                use $crate::store::organizations::ORGANIZATION_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = $1");
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn update_organization(&self, o: &OrganizationRecord) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query(
                    "UPDATE organizations SET name = $2, description = $3, custom_data = $4, \
                     is_mfa_required = $5, color = $6, branding = $7, custom_css = $8 WHERE id = $1",
                )
                .bind(&o.id).bind(&o.name).bind(&o.description).bind(&o.custom_data)
                .bind(o.is_mfa_required).bind(&o.color).bind(&o.branding).bind(&o.custom_css)
                .execute(&mut *conn)
                .await
                .map_err($crate::store::errors::on_constraint)?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_organization(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM organizations WHERE id = $1")
                    .bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn organizations(&self, q: Option<&str>, window: Window) -> StoreResult<(Vec<OrganizationRecord>, i64)> {
                use $crate::store::organizations::ORGANIZATION_COLUMNS;
                let op = $crate::store::organizations::like_operator(Self::DIALECT);
                let filter = if q.is_some() {
                    format!("WHERE o.id {op} $1 ESCAPE '\\' OR o.name {op} $1 ESCAPE '\\'")
                } else {
                    String::new()
                };
                let from = format!("FROM organizations o {filter}");
                let binds: Vec<_> = q
                    .map(|q| $crate::store::user_search_sql::Bind::Text($crate::store::organizations::contains_pattern(q)))
                    .into_iter()
                    .collect();
                let mut conn = self.pool.acquire().await?;
                Ok($crate::store::paged::page_and_total!(conn, OrganizationRecord, ORGANIZATION_COLUMNS, from, "o.created_at DESC, o.id", &binds, window)?)
            }

            async fn featured_members(
                &self,
                ids: &[String],
                per_organization: i64,
            ) -> StoreResult<(Vec<(String, i64)>, Vec<FeaturedUserRecord>)> {
                if ids.is_empty() {
                    return Ok((Vec::new(), Vec::new()));
                }
                let list = $crate::store::shared::placeholders(1, ids.len());
                let count_sql = format!(
                    "SELECT organization_id, count(*) FROM organization_users \
                     WHERE organization_id IN ({list}) GROUP BY organization_id"
                );
                let featured_sql = format!(
                    "SELECT m.organization_id, u.id, u.avatar, u.name FROM ( \
                         SELECT organization_id, user_id, ROW_NUMBER() OVER ( \
                             PARTITION BY organization_id ORDER BY created_at, user_id) AS n \
                         FROM organization_users WHERE organization_id IN ({list})) m \
                     JOIN users u ON u.id = m.user_id WHERE m.n <= ${} \
                     ORDER BY m.organization_id, m.n",
                    ids.len() + 1
                );
                let mut counts = sqlx::query_as::<_, (String, i64)>(&count_sql);
                let mut featured = sqlx::query_as::<_, FeaturedUserRecord>(&featured_sql);
                for id in ids {
                    counts = counts.bind(id);
                    featured = featured.bind(id);
                }
                let mut conn = self.pool.acquire().await?;
                let counts = counts.fetch_all(&mut *conn).await?;
                let featured = featured.bind(per_organization).fetch_all(&mut *conn).await?;
                Ok((counts, featured))
            }
        }
    };
}

pub(super) use impl_organization_store;

#[cfg(test)]
mod tests {
    use super::super::shared::placeholders;
    use super::*;

    #[test]
    fn wildcards_in_q_are_literal() {
        assert_eq!(contains_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
        assert_eq!(placeholders(3, 2), "$3, $4");
    }
}
