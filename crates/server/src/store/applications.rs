//! Applications (tokens only for machine-to-machine ones), their secrets (hashed) and
//! their roles.

use async_trait::async_trait;

use super::text_search::{self, TextSearch};
use super::user_search_sql::{Bind, Dialect};
use super::{
    ApplicationId, ApplicationRecord, ApplicationSecretRecord, RoleId, RoleIds, StoreResult, Window,
};

/// `GET /api/applications` and `GET /api/roles/{id}/applications` filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicationFilter {
    /// Any of these types; all types when empty.
    pub types: Vec<String>,
    pub search: TextSearch,
    pub exclude_role_id: Option<String>,
    /// Only the applications holding this role.
    pub role_id: Option<String>,
    /// Only third-party applications (`true`) or only first-party ones (`false`).
    pub third_party: Option<bool>,
}

/// What renaming a secret did.
#[derive(Debug, Clone, PartialEq)]
pub enum Renamed {
    Done(ApplicationSecretRecord),
    Missing,
    Taken,
}

#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Newest first; every match when `window` is `None`.
    async fn applications(
        &self,
        filter: &ApplicationFilter,
        window: Option<Window>,
    ) -> StoreResult<(Vec<ApplicationRecord>, i64)>;
    async fn application(&self, id: &str) -> StoreResult<Option<ApplicationRecord>>;
    async fn insert_application(&self, app: &ApplicationRecord) -> StoreResult<()>;
    /// Writes name, description and custom data.
    async fn update_application(&self, app: &ApplicationRecord) -> StoreResult<()>;
    /// Its secrets and role grants go with it.
    async fn delete_application(&self, id: &str) -> StoreResult<bool>;

    /// Oldest first.
    async fn application_secrets(&self, app_id: &str) -> StoreResult<Vec<ApplicationSecretRecord>>;
    /// False when the application has a secret of that name.
    async fn insert_application_secret(
        &self,
        secret: &ApplicationSecretRecord,
    ) -> StoreResult<bool>;
    async fn rename_application_secret(
        &self,
        app_id: &str,
        name: &str,
        new_name: &str,
    ) -> StoreResult<Renamed>;
    async fn delete_application_secret(&self, app_id: &str, name: &str) -> StoreResult<bool>;
    async fn touch_application_secret(&self, app_id: &str, name: &str, now: i64)
    -> StoreResult<()>;
    /// Replaces every plain-text value left by earlier versions with `hash(value)` and
    /// its prefix; returns how many were converted.
    async fn hash_plain_secrets(
        &self,
        hash: for<'v> fn(&'v str) -> (String, String),
    ) -> StoreResult<u64>;

    /// Adds the roles the application does not hold yet; returns those added.
    async fn add_application_roles(
        &self,
        app_id: ApplicationId<'_>,
        role_ids: RoleIds<'_>,
    ) -> StoreResult<Vec<String>>;
    async fn replace_application_roles(
        &self,
        app_id: ApplicationId<'_>,
        role_ids: RoleIds<'_>,
    ) -> StoreResult<()>;
    async fn remove_application_role(
        &self,
        app_id: ApplicationId<'_>,
        role_id: RoleId<'_>,
    ) -> StoreResult<bool>;
}

pub(super) const APPLICATION_COLUMNS: &str = "a.id, a.name, a.description, a.type, \
    a.custom_data, a.oidc_client_metadata, a.custom_client_metadata, a.is_third_party, \
    a.created_at";
pub(super) const SECRET_COLUMNS: &str = "application_id, name, value_hash, value_prefix, \
    created_at, expires_at, last_used_at";

pub(super) fn application_conditions(
    filter: &ApplicationFilter,
    dialect: Dialect,
) -> (String, Vec<Bind>) {
    let mut binds = Vec::new();
    let mut conditions = Vec::new();
    if !filter.types.is_empty() {
        let first = binds.len() + 1;
        binds.extend(filter.types.iter().map(|t| Bind::Text(t.clone())));
        let list = super::shared::placeholders(first, filter.types.len());
        conditions.push(format!("a.type IN ({list})"));
    }
    if let Some(v) = &filter.exclude_role_id {
        binds.push(Bind::Text(v.clone()));
        conditions.push(format!(
            "a.id NOT IN (SELECT application_id FROM applications_roles WHERE role_id = ${})",
            binds.len()
        ));
    }
    if let Some(v) = &filter.role_id {
        binds.push(Bind::Text(v.clone()));
        conditions.push(format!(
            "a.id IN (SELECT application_id FROM applications_roles WHERE role_id = ${})",
            binds.len()
        ));
    }
    if let Some(third_party) = filter.third_party {
        conditions.push(format!(
            "a.is_third_party = {}",
            if third_party { "TRUE" } else { "FALSE" }
        ));
    }
    if let Some(search) = text_search::condition(&filter.search, "a", dialect, &mut binds) {
        conditions.push(search);
    }
    let sql = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    (sql, binds)
}

macro_rules! impl_application_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ApplicationStore for $store {
            async fn applications(&self, filter: &ApplicationFilter, window: Option<Window>) -> StoreResult<(Vec<ApplicationRecord>, i64)> {
                use $crate::store::applications::APPLICATION_COLUMNS;
                let window = window.unwrap_or(Window { limit: i64::MAX, offset: 0 });
                let (conditions, binds) = $crate::store::applications::application_conditions(filter, Self::DIALECT);
                let from = format!("FROM applications a {conditions}");
                let mut conn = self.pool.acquire().await?;
                $crate::store::paged::page_and_total!(conn, ApplicationRecord, APPLICATION_COLUMNS, from, "a.created_at DESC, a.id", &binds, window)
                    .map_err(Self::search_error)
            }

            async fn application(&self, id: &str) -> StoreResult<Option<ApplicationRecord>> {
                use $crate::store::applications::APPLICATION_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.id = $1");
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn insert_application(&self, app: &ApplicationRecord) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("INSERT INTO applications (id, name, description, type, custom_data, \
                     oidc_client_metadata, custom_client_metadata, is_third_party, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                    .bind(&app.id).bind(&app.name).bind(&app.description).bind(&app.application_type)
                    .bind(&app.custom_data).bind(&app.oidc_client_metadata)
                    .bind(&app.custom_client_metadata).bind(app.is_third_party).bind(app.created_at)
                    .execute(&mut *conn).await.map_err(on_constraint)?;
                Ok(())
            }

            async fn update_application(&self, app: &ApplicationRecord) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("UPDATE applications SET name = $2, description = $3, custom_data = $4, \
                     oidc_client_metadata = $5, custom_client_metadata = $6 WHERE id = $1")
                    .bind(&app.id).bind(&app.name).bind(&app.description).bind(&app.custom_data)
                    .bind(&app.oidc_client_metadata).bind(&app.custom_client_metadata)
                    .execute(&mut *conn).await?;
                Ok(())
            }

            async fn delete_application(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM applications WHERE id = $1").bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn application_secrets(&self, app_id: &str) -> StoreResult<Vec<ApplicationSecretRecord>> {
                use $crate::store::applications::SECRET_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                // Rows not hashed yet (value_hash NULL) never match: they are converted at start-up.
                let sql = format!(
                    "SELECT {SECRET_COLUMNS} FROM application_secrets \
                     WHERE application_id = $1 AND value_hash IS NOT NULL ORDER BY created_at, name"
                );
                Ok(sqlx::query_as(&sql).bind(app_id).fetch_all(&mut *conn).await?)
            }

            async fn insert_application_secret(&self, s: &ApplicationSecretRecord) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = $crate::store::roles::unless_taken(
                    sqlx::query("INSERT INTO application_secrets (application_id, name, value, value_hash, value_prefix, created_at, expires_at) VALUES ($1, $2, '', $3, $4, $5, $6)")
                        .bind(&s.application_id).bind(&s.name).bind(&s.value_hash).bind(&s.value_prefix)
                        .bind(s.created_at).bind(s.expires_at)
                        .execute(&mut *conn).await,
                )?;
                Ok(done.is_some())
            }

            async fn rename_application_secret(&self, app_id: &str, name: &str, new_name: &str) -> StoreResult<Renamed> {
                use $crate::store::applications::SECRET_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!(
                    "UPDATE application_secrets SET name = $3 WHERE application_id = $1 AND name = $2 \
                     AND value_hash IS NOT NULL RETURNING {SECRET_COLUMNS}"
                );
                let row = $crate::store::roles::unless_taken(
                    sqlx::query_as::<_, ApplicationSecretRecord>(&sql)
                        .bind(app_id).bind(name).bind(new_name)
                        .fetch_optional(&mut *conn).await,
                )?;
                Ok(match row {
                    None => Renamed::Taken,
                    Some(None) => Renamed::Missing,
                    Some(Some(secret)) => Renamed::Done(secret),
                })
            }

            async fn delete_application_secret(&self, app_id: &str, name: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM application_secrets WHERE application_id = $1 AND name = $2")
                    .bind(app_id).bind(name).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn touch_application_secret(&self, app_id: &str, name: &str, now: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("UPDATE application_secrets SET last_used_at = $3 WHERE application_id = $1 AND name = $2")
                    .bind(app_id).bind(name).bind(now).execute(&mut *conn).await?;
                Ok(())
            }

            async fn hash_plain_secrets(&self, hash: for<'v> fn(&'v str) -> (String, String)) -> StoreResult<u64> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                let plain: Vec<(String, String, String)> = sqlx::query_as(
                    "SELECT application_id, name, value FROM application_secrets WHERE value_hash IS NULL",
                ).fetch_all(&mut *tx).await?;
                let hashed: Vec<(String, String, String, String)> = plain
                    .into_iter()
                    .map(|(app_id, name, value)| {
                        let (value_hash, prefix) = hash(&value);
                        (app_id, name, value_hash, prefix)
                    })
                    .collect();
                for (app_id, name, value_hash, prefix) in &hashed {
                    sqlx::query("UPDATE application_secrets SET value_hash = $3, value_prefix = $4, value = '' WHERE application_id = $1 AND name = $2 AND value_hash IS NULL")
                        .bind(app_id).bind(name).bind(value_hash).bind(prefix)
                        .execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(hashed.len() as u64)
            }

            async fn add_application_roles(&self, ApplicationId(app_id): ApplicationId<'_>, RoleIds(role_ids): RoleIds<'_>) -> StoreResult<Vec<String>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                let mut added = Vec::new();
                for role_id in role_ids {
                    let done = sqlx::query("INSERT INTO applications_roles (application_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(app_id).bind(role_id)
                        .execute(&mut *tx).await.map_err(on_constraint)?;
                    if done.rows_affected() > 0 {
                        added.push(role_id.clone());
                    }
                }
                tx.commit().await?;
                Ok(added)
            }

            async fn replace_application_roles(&self, ApplicationId(app_id): ApplicationId<'_>, RoleIds(role_ids): RoleIds<'_>) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                sqlx::query("DELETE FROM applications_roles WHERE application_id = $1").bind(app_id).execute(&mut *tx).await?;
                for role_id in role_ids {
                    sqlx::query("INSERT INTO applications_roles (application_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(app_id).bind(role_id)
                        .execute(&mut *tx).await.map_err(on_constraint)?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn remove_application_role(&self, ApplicationId(app_id): ApplicationId<'_>, RoleId(role_id): RoleId<'_>) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM applications_roles WHERE application_id = $1 AND role_id = $2")
                    .bind(app_id).bind(role_id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(super) use impl_application_store;
