//! Global roles, who holds them, and the scopes they grant.

use async_trait::async_trait;

use super::text_search::{self, TextSearch};
use super::user_search_sql::{Bind, Dialect};
use super::{
    ApplicationIds, RoleId, RoleRecord, ScopeId, ScopeIds, ScopeRecord, StoreResult, UserIds,
    Window,
};

/// `GET /api/roles` and `GET /api/applications/{id}/roles` filters, combined with AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleFilter {
    pub search: TextSearch,
    pub role_type: Option<String>,
    pub exclude_user_id: Option<String>,
    pub exclude_application_id: Option<String>,
    /// Only the roles this application holds.
    pub application_id: Option<String>,
    /// Only the roles this user holds.
    pub user_id: Option<String>,
}

/// How many users and applications hold a role, and the first three of each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoleHolders {
    pub users_count: i64,
    /// `(id, avatar, name)`
    pub featured_users: Vec<(String, Option<String>, Option<String>)>,
    pub applications_count: i64,
    /// `(id, name, type)`
    pub featured_applications: Vec<(String, String, String)>,
}

/// What adding holders to a role did.
#[derive(Debug, Clone, PartialEq)]
pub enum Linked {
    Done,
    /// This one held the role already; nothing was written.
    AlreadyThere(String),
}

#[async_trait]
pub trait RoleStore: Send + Sync {
    async fn roles(
        &self,
        filter: &RoleFilter,
        window: Window,
    ) -> StoreResult<(Vec<RoleRecord>, i64)>;
    /// Holders of each role, in the order of `role_ids`.
    async fn role_holders(&self, role_ids: &[String]) -> StoreResult<Vec<RoleHolders>>;
    async fn role_named(&self, name: &str) -> StoreResult<Option<RoleRecord>>;
    /// Writes the role and its scopes in one transaction; false when the name is taken.
    async fn insert_role(&self, role: &RoleRecord, scope_ids: &[String]) -> StoreResult<bool>;
    /// False when the new name is taken.
    async fn update_role(&self, role: &RoleRecord) -> StoreResult<bool>;
    async fn delete_role(&self, id: &str) -> StoreResult<bool>;
    /// All or nothing.
    async fn add_role_users(
        &self,
        role_id: RoleId<'_>,
        user_ids: UserIds<'_>,
    ) -> StoreResult<Linked>;
    /// All or nothing.
    async fn add_role_applications(
        &self,
        role_id: RoleId<'_>,
        application_ids: ApplicationIds<'_>,
    ) -> StoreResult<Linked>;
    /// The role's scopes with their resources' ids, by resource then name.
    async fn role_scopes(
        &self,
        role_id: &str,
        window: Option<Window>,
    ) -> StoreResult<(Vec<ScopeRecord>, i64)>;
    /// All or nothing.
    async fn add_role_scopes(
        &self,
        role_id: RoleId<'_>,
        scope_ids: ScopeIds<'_>,
    ) -> StoreResult<Linked>;
    async fn remove_role_scope(
        &self,
        role_id: RoleId<'_>,
        scope_id: ScopeId<'_>,
    ) -> StoreResult<bool>;
}

/// The WHERE clause of a role filter over `roles r`.
pub(super) fn role_conditions(filter: &RoleFilter, dialect: Dialect) -> (String, Vec<Bind>) {
    let mut binds = Vec::new();
    let mut conditions = Vec::new();
    let mut add = |sql: &str, value: &String, binds: &mut Vec<Bind>| {
        binds.push(Bind::Text(value.clone()));
        conditions.push(sql.replace('?', &format!("${}", binds.len())));
    };
    if let Some(v) = &filter.role_type {
        add("r.type = ?", v, &mut binds);
    }
    if let Some(v) = &filter.exclude_user_id {
        add(
            "r.id NOT IN (SELECT role_id FROM users_roles WHERE user_id = ?)",
            v,
            &mut binds,
        );
    }
    if let Some(v) = &filter.exclude_application_id {
        let sql = "r.id NOT IN (SELECT role_id FROM applications_roles WHERE application_id = ?)";
        add(sql, v, &mut binds);
    }
    if let Some(v) = &filter.application_id {
        let sql = "r.id IN (SELECT role_id FROM applications_roles WHERE application_id = ?)";
        add(sql, v, &mut binds);
    }
    if let Some(v) = &filter.user_id {
        add(
            "r.id IN (SELECT role_id FROM users_roles WHERE user_id = ?)",
            v,
            &mut binds,
        );
    }
    if let Some(search) = text_search::condition(&filter.search, "r", dialect, &mut binds) {
        conditions.push(search);
    }
    let sql = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    (sql, binds)
}

/// A unique violation as `None`; other errors stay errors.
pub(super) fn unless_taken<T>(result: Result<T, sqlx::Error>) -> StoreResult<Option<T>> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Ok(None),
        Err(e) => Err(super::errors::on_constraint(e)),
    }
}

macro_rules! impl_role_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::RoleStore for $store {
            async fn roles(&self, filter: &RoleFilter, window: Window) -> StoreResult<(Vec<RoleRecord>, i64)> {
                let (conditions, binds) = $crate::store::roles::role_conditions(filter, Self::DIALECT);
                let from = format!("FROM roles r {conditions}");
                let mut conn = self.pool.acquire().await?;
                $crate::store::paged::page_and_total!(conn, RoleRecord, ROLE_COLUMNS, from, "r.created_at DESC, r.id", &binds, window)
                    .map_err(Self::search_error)
            }

            async fn role_holders(&self, role_ids: &[String]) -> StoreResult<Vec<RoleHolders>> {
                if role_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let list = $crate::store::shared::placeholders(1, role_ids.len());
                let mut conn = self.pool.acquire().await?;
                let count_sql = |table: &str| format!(
                    "SELECT role_id, count(*) FROM {table} WHERE role_id IN ({list}) GROUP BY role_id"
                );
                let users_sql = format!(
                    "SELECT role_id, id, avatar, name FROM (SELECT ur.role_id, u.id, u.avatar, u.name, \
                     ROW_NUMBER() OVER (PARTITION BY ur.role_id ORDER BY u.created_at DESC, u.id) AS n \
                     FROM users_roles ur JOIN users u ON u.id = ur.user_id WHERE ur.role_id IN ({list})) t \
                     WHERE n <= 3 ORDER BY n"
                );
                let apps_sql = format!(
                    "SELECT role_id, id, name, type FROM (SELECT ar.role_id, a.id, a.name, a.type, \
                     ROW_NUMBER() OVER (PARTITION BY ar.role_id ORDER BY a.created_at DESC, a.id) AS n \
                     FROM applications_roles ar JOIN applications a ON a.id = ar.application_id \
                     WHERE ar.role_id IN ({list})) t WHERE n <= 3 ORDER BY n"
                );
                let users_count_sql = count_sql("users_roles");
                let apps_count_sql = count_sql("applications_roles");
                let mut q = sqlx::query_as::<_, (String, i64)>(&users_count_sql).persistent(false);
                for id in role_ids { q = q.bind(id); }
                let user_counts = q.fetch_all(&mut *conn).await?;
                let mut q = sqlx::query_as::<_, (String, i64)>(&apps_count_sql).persistent(false);
                for id in role_ids { q = q.bind(id); }
                let app_counts = q.fetch_all(&mut *conn).await?;
                let mut q = sqlx::query_as::<_, (String, String, Option<String>, Option<String>)>(&users_sql).persistent(false);
                for id in role_ids { q = q.bind(id); }
                let users = q.fetch_all(&mut *conn).await?;
                let mut q = sqlx::query_as::<_, (String, String, String, String)>(&apps_sql).persistent(false);
                for id in role_ids { q = q.bind(id); }
                let apps = q.fetch_all(&mut *conn).await?;
                Ok(role_ids.iter().map(|role_id| RoleHolders {
                    users_count: user_counts.iter().find(|c| &c.0 == role_id).map_or(0, |c| c.1),
                    featured_users: users.iter().filter(|u| &u.0 == role_id)
                        .map(|u| (u.1.clone(), u.2.clone(), u.3.clone())).collect(),
                    applications_count: app_counts.iter().find(|c| &c.0 == role_id).map_or(0, |c| c.1),
                    featured_applications: apps.iter().filter(|a| &a.0 == role_id)
                        .map(|a| (a.1.clone(), a.2.clone(), a.3.clone())).collect(),
                }).collect())
            }

            async fn role_named(&self, name: &str) -> StoreResult<Option<RoleRecord>> {
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {ROLE_COLUMNS} FROM roles r WHERE r.name = $1");
                Ok(sqlx::query_as(&sql).bind(name).fetch_optional(&mut *conn).await?)
            }

            async fn insert_role(&self, role: &RoleRecord, scope_ids: &[String]) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                let inserted = $crate::store::roles::unless_taken(
                    sqlx::query("INSERT INTO roles (id, name, description, type, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(&role.id).bind(&role.name).bind(&role.description)
                        .bind(&role.role_type).bind(role.is_default).bind(role.created_at)
                        .execute(&mut *tx).await,
                )?;
                if inserted.is_none() {
                    return Ok(false);
                }
                for scope_id in scope_ids {
                    sqlx::query("INSERT INTO roles_scopes (role_id, scope_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(&role.id).bind(scope_id)
                        .execute(&mut *tx).await.map_err(on_constraint)?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn update_role(&self, role: &RoleRecord) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = $crate::store::roles::unless_taken(
                    sqlx::query("UPDATE roles SET name = $2, description = $3, is_default = $4 WHERE id = $1")
                        .bind(&role.id).bind(&role.name).bind(&role.description).bind(role.is_default)
                        .execute(&mut *conn).await,
                )?;
                Ok(done.is_some())
            }

            async fn delete_role(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM roles WHERE id = $1").bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn add_role_users(&self, RoleId(role_id): RoleId<'_>, UserIds(user_ids): UserIds<'_>) -> StoreResult<Linked> {
                self.link("users_roles", "user_id", "role_id", user_ids, role_id).await
            }

            async fn add_role_applications(&self, RoleId(role_id): RoleId<'_>, ApplicationIds(application_ids): ApplicationIds<'_>) -> StoreResult<Linked> {
                self.link("applications_roles", "application_id", "role_id", application_ids, role_id).await
            }

            async fn role_scopes(&self, role_id: &str, window: Option<Window>) -> StoreResult<(Vec<ScopeRecord>, i64)> {
                let mut conn = self.pool.acquire().await?;
                let window = window.unwrap_or(Window { limit: i64::MAX, offset: 0 });
                let scopes = sqlx::query_as(
                    "SELECT s.id, s.resource_id, s.name, s.description, s.created_at FROM scopes s \
                     JOIN roles_scopes rs ON rs.scope_id = s.id WHERE rs.role_id = $1 \
                     ORDER BY s.resource_id, s.name LIMIT $2 OFFSET $3",
                ).bind(role_id).bind(window.limit).bind(window.offset).fetch_all(&mut *conn).await?;
                let (total,): (i64,) = sqlx::query_as("SELECT count(*) FROM roles_scopes WHERE role_id = $1")
                    .bind(role_id).fetch_one(&mut *conn).await?;
                Ok((scopes, total))
            }

            async fn add_role_scopes(&self, RoleId(role_id): RoleId<'_>, ScopeIds(scope_ids): ScopeIds<'_>) -> StoreResult<Linked> {
                self.link("roles_scopes", "scope_id", "role_id", scope_ids, role_id).await
            }

            async fn remove_role_scope(&self, RoleId(role_id): RoleId<'_>, ScopeId(scope_id): ScopeId<'_>) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM roles_scopes WHERE role_id = $1 AND scope_id = $2")
                    .bind(role_id).bind(scope_id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }
        }

        impl $store {
            /// Inserts `(id, role_id)` rows into a relation table in one transaction,
            /// writing nothing when one of them is there already.
            async fn link(&self, table: &str, column: &str, role_column: &str, ids: &[String], role_id: &str) -> StoreResult<Linked> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                Self::share_roles(&mut tx, &[role_id]).await?;
                let sql = format!("INSERT INTO {table} ({column}, {role_column}) VALUES ($1, $2) ON CONFLICT DO NOTHING");
                for id in ids {
                    let done = sqlx::query(&sql).bind(id).bind(role_id)
                        .execute(&mut *tx).await.map_err(on_constraint)?;
                    if done.rows_affected() == 0 {
                        return Ok(Linked::AlreadyThere(id.clone()));
                    }
                }
                tx.commit().await?;
                Ok(Linked::Done)
            }
        }
    };
}

pub(super) use impl_role_store;
