//! Organization roles and what they grant: organization scopes and API resource scopes.

use async_trait::async_trait;
use sqlx::FromRow;

use super::{
    NameWrite, OrganizationRoleId, OrganizationScopeIds, OrganizationScopeRecord, ScopeIds,
    StoreResult, Window,
};

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct OrganizationRoleRecord {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[sqlx(rename = "type")]
    pub role_type: String,
    pub created_at: i64,
}

/// A scope of an API resource (table `scopes`).
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ResourceScopeRecord {
    pub id: String,
    pub resource_id: String,
    pub name: String,
    pub description: String,
    pub created_at: i64,
}

/// An API resource scope a role grants, with its resource's id and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantedResourceScope {
    pub id: String,
    pub name: String,
    pub resource_id: String,
    pub resource_name: String,
}

/// A role with the organization scopes (id, name) and resource scopes it grants.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganizationRoleDetail {
    pub role: OrganizationRoleRecord,
    pub scopes: Vec<(String, String)>,
    pub resource_scopes: Vec<GrantedResourceScope>,
}

/// What an organization role grants: its two relation tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleGrant {
    /// Organization scopes (`organization_role_scopes`).
    OrganizationScopes,
    /// API resource scopes (`organization_role_resource_scopes`).
    ResourceScopes,
}

impl RoleGrant {
    pub(super) fn table(self) -> &'static str {
        match self {
            RoleGrant::OrganizationScopes => "organization_role_scopes",
            RoleGrant::ResourceScopes => "organization_role_resource_scopes",
        }
    }

    pub(super) fn column(self) -> &'static str {
        match self {
            RoleGrant::OrganizationScopes => "organization_scope_id",
            RoleGrant::ResourceScopes => "scope_id",
        }
    }
}

#[async_trait]
pub trait OrganizationRoleStore: Send + Sync {
    /// Ordered by name; `q` matches part of the id, name or description, ignoring case.
    async fn organization_roles(
        &self,
        q: Option<&str>,
        window: Window,
    ) -> StoreResult<(Vec<OrganizationRoleDetail>, i64)>;
    async fn organization_role(&self, id: &str) -> StoreResult<Option<OrganizationRoleRecord>>;
    async fn organization_role_detail(
        &self,
        id: &str,
    ) -> StoreResult<Option<OrganizationRoleDetail>>;
    /// Writes the role and its grants in one transaction; an unknown scope id is
    /// `StoreError::ForeignKey` and writes nothing.
    async fn insert_organization_role(
        &self,
        role: &OrganizationRoleRecord,
        scope_ids: OrganizationScopeIds<'_>,
        resource_scope_ids: ScopeIds<'_>,
    ) -> StoreResult<NameWrite>;
    /// Writes the name, description and type of the role with the same id.
    async fn update_organization_role(
        &self,
        role: &OrganizationRoleRecord,
    ) -> StoreResult<NameWrite>;
    async fn delete_organization_role(&self, id: &str) -> StoreResult<bool>;

    /// The organization scopes the role grants, by name.
    async fn organization_role_scopes(
        &self,
        role_id: &str,
        window: Window,
    ) -> StoreResult<(Vec<OrganizationScopeRecord>, i64)>;
    /// The API resource scopes the role grants, by name.
    async fn organization_role_resource_scopes(
        &self,
        role_id: &str,
        window: Window,
    ) -> StoreResult<(Vec<ResourceScopeRecord>, i64)>;
    /// Adds grants (those held already are kept), or with `replace` makes them exactly
    /// `ids`; in one transaction, so an unknown id changes nothing.
    async fn grant_organization_role(
        &self,
        role_id: OrganizationRoleId<'_>,
        grant: RoleGrant,
        ids: &[String],
        replace: bool,
    ) -> StoreResult<()>;
    async fn revoke_organization_role(
        &self,
        role_id: OrganizationRoleId<'_>,
        grant: RoleGrant,
        id: &str,
    ) -> StoreResult<bool>;
}

macro_rules! impl_organization_role_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::OrganizationRoleStore for $store {
            async fn organization_roles(
                &self,
                q: Option<&str>,
                window: Window,
            ) -> StoreResult<(Vec<OrganizationRoleDetail>, i64)> {
                let pattern = q.map($crate::store::organization_scopes::contains_pattern);
                let filter = "WHERE ($1 IS NULL OR lower(id) LIKE $1 ESCAPE '\\' \
                    OR lower(name) LIKE $1 ESCAPE '\\' OR lower(description) LIKE $1 ESCAPE '\\')";
                let mut conn = self.pool.acquire().await?;
                let sql = format!(
                    "SELECT id, name, description, type, created_at FROM organization_roles {filter} \
                     ORDER BY name, id LIMIT $2 OFFSET $3"
                );
                let roles: Vec<OrganizationRoleRecord> = sqlx::query_as(&sql)
                    .bind(&pattern).bind(window.limit).bind(window.offset)
                    .fetch_all(&mut *conn).await?;
                let count_sql = format!("SELECT count(*) FROM organization_roles {filter}");
                let (total,): (i64,) = sqlx::query_as(&count_sql).bind(&pattern).fetch_one(&mut *conn).await?;
                let details = organization_role_details(&mut *conn, roles).await?;
                Ok((details, total))
            }

            async fn organization_role(&self, id: &str) -> StoreResult<Option<OrganizationRoleRecord>> {
                let mut conn = self.pool.acquire().await?;
                Ok(sqlx::query_as("SELECT id, name, description, type, created_at FROM organization_roles WHERE id = $1")
                    .bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn organization_role_detail(&self, id: &str) -> StoreResult<Option<OrganizationRoleDetail>> {
                let mut conn = self.pool.acquire().await?;
                let role: Option<OrganizationRoleRecord> =
                    sqlx::query_as("SELECT id, name, description, type, created_at FROM organization_roles WHERE id = $1")
                        .bind(id).fetch_optional(&mut *conn).await?;
                let Some(role) = role else { return Ok(None) };
                Ok(organization_role_details(&mut *conn, vec![role]).await?.pop())
            }

            async fn insert_organization_role(
                &self,
                role: &OrganizationRoleRecord,
                OrganizationScopeIds(scope_ids): OrganizationScopeIds<'_>,
                ScopeIds(resource_scope_ids): ScopeIds<'_>,
            ) -> StoreResult<NameWrite> {
                use $crate::store::organization_roles::RoleGrant;
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                let done = sqlx::query(
                    "INSERT INTO organization_roles (id, name, description, type, created_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&role.id).bind(&role.name).bind(&role.description).bind(&role.role_type).bind(role.created_at)
                .execute(&mut *tx).await;
                if $crate::store::organization_scopes::name_write(done.map(|_| ()))? == NameWrite::NameTaken {
                    return Ok(NameWrite::NameTaken);
                }
                insert_organization_role_grants(&mut *tx, &role.id, RoleGrant::OrganizationScopes, scope_ids).await?;
                insert_organization_role_grants(&mut *tx, &role.id, RoleGrant::ResourceScopes, resource_scope_ids).await?;
                tx.commit().await?;
                Ok(NameWrite::Written)
            }

            async fn update_organization_role(&self, role: &OrganizationRoleRecord) -> StoreResult<NameWrite> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("UPDATE organization_roles SET name = $2, description = $3, type = $4 WHERE id = $1")
                    .bind(&role.id).bind(&role.name).bind(&role.description).bind(&role.role_type)
                    .execute(&mut *conn).await;
                $crate::store::organization_scopes::name_write(done.map(|_| ()))
            }

            async fn delete_organization_role(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM organization_roles WHERE id = $1")
                    .bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn organization_role_scopes(
                &self,
                role_id: &str,
                window: Window,
            ) -> StoreResult<(Vec<OrganizationScopeRecord>, i64)> {
                let mut conn = self.pool.acquire().await?;
                let scopes = sqlx::query_as(
                    "SELECT s.id, s.name, s.description, s.created_at FROM organization_scopes s \
                     JOIN organization_role_scopes g ON g.organization_scope_id = s.id \
                     WHERE g.organization_role_id = $1 ORDER BY s.name, s.id LIMIT $2 OFFSET $3",
                )
                .bind(role_id).bind(window.limit).bind(window.offset)
                .fetch_all(&mut *conn).await?;
                let (total,): (i64,) = sqlx::query_as(
                    "SELECT count(*) FROM organization_role_scopes WHERE organization_role_id = $1",
                )
                .bind(role_id).fetch_one(&mut *conn).await?;
                Ok((scopes, total))
            }

            async fn organization_role_resource_scopes(
                &self,
                role_id: &str,
                window: Window,
            ) -> StoreResult<(Vec<ResourceScopeRecord>, i64)> {
                let mut conn = self.pool.acquire().await?;
                let scopes = sqlx::query_as(
                    "SELECT s.id, s.resource_id, s.name, s.description, s.created_at FROM scopes s \
                     JOIN organization_role_resource_scopes g ON g.scope_id = s.id \
                     WHERE g.organization_role_id = $1 ORDER BY s.name, s.id LIMIT $2 OFFSET $3",
                )
                .bind(role_id).bind(window.limit).bind(window.offset)
                .fetch_all(&mut *conn).await?;
                let (total,): (i64,) = sqlx::query_as(
                    "SELECT count(*) FROM organization_role_resource_scopes WHERE organization_role_id = $1",
                )
                .bind(role_id).fetch_one(&mut *conn).await?;
                Ok((scopes, total))
            }

            async fn grant_organization_role(
                &self,
                OrganizationRoleId(role_id): OrganizationRoleId<'_>,
                grant: $crate::store::organization_roles::RoleGrant,
                ids: &[String],
                replace: bool,
            ) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                if replace {
                    let sql = format!("DELETE FROM {} WHERE organization_role_id = $1", grant.table());
                    sqlx::query(&sql).bind(role_id).execute(&mut *tx).await?;
                }
                insert_organization_role_grants(&mut *tx, role_id, grant, ids).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn revoke_organization_role(
                &self,
                OrganizationRoleId(role_id): OrganizationRoleId<'_>,
                grant: $crate::store::organization_roles::RoleGrant,
                id: &str,
            ) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let sql = format!(
                    "DELETE FROM {} WHERE organization_role_id = $1 AND {} = $2",
                    grant.table(),
                    grant.column()
                );
                let done = sqlx::query(&sql).bind(role_id).bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }
        }

        /// Grants the role each id that it does not hold yet.
        async fn insert_organization_role_grants(
            conn: &mut <Db as sqlx::Database>::Connection,
            role_id: &str,
            grant: $crate::store::organization_roles::RoleGrant,
            ids: &[String],
        ) -> StoreResult<()> {
            let sql = format!(
                "INSERT INTO {} (organization_role_id, {}) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                grant.table(),
                grant.column()
            );
            for id in ids {
                sqlx::query(&sql).bind(role_id).bind(id).execute(&mut *conn).await.map_err(on_constraint)?;
            }
            Ok(())
        }

        /// The roles with what they grant: two queries for the whole page.
        async fn organization_role_details(
            conn: &mut <Db as sqlx::Database>::Connection,
            roles: Vec<OrganizationRoleRecord>,
        ) -> StoreResult<Vec<OrganizationRoleDetail>> {
            use $crate::store::organization_roles::GrantedResourceScope;
            use $crate::store::shared::placeholders;
            if roles.is_empty() {
                return Ok(Vec::new());
            }
            let ids = placeholders(1, roles.len());
            let scope_sql = format!(
                "SELECT g.organization_role_id, s.id, s.name FROM organization_role_scopes g \
                 JOIN organization_scopes s ON s.id = g.organization_scope_id \
                 WHERE g.organization_role_id IN ({ids}) ORDER BY s.name, s.id"
            );
            let mut scope_query = sqlx::query_as::<_, (String, String, String)>(&scope_sql);
            for role in &roles {
                scope_query = scope_query.bind(&role.id);
            }
            let scopes = scope_query.fetch_all(&mut *conn).await?;
            let resource_sql = format!(
                "SELECT g.organization_role_id, s.id, s.name, r.id, r.name FROM organization_role_resource_scopes g \
                 JOIN scopes s ON s.id = g.scope_id JOIN resources r ON r.id = s.resource_id \
                 WHERE g.organization_role_id IN ({ids}) ORDER BY r.name, s.name, s.id"
            );
            let mut resource_query = sqlx::query_as::<_, (String, String, String, String, String)>(&resource_sql);
            for role in &roles {
                resource_query = resource_query.bind(&role.id);
            }
            let resource_scopes = resource_query.fetch_all(&mut *conn).await?;
            Ok(roles
                .into_iter()
                .map(|role| OrganizationRoleDetail {
                    scopes: scopes
                        .iter()
                        .filter(|row| row.0 == role.id)
                        .map(|row| (row.1.clone(), row.2.clone()))
                        .collect(),
                    resource_scopes: resource_scopes
                        .iter()
                        .filter(|row| row.0 == role.id)
                        .map(|row| GrantedResourceScope {
                            id: row.1.clone(),
                            name: row.2.clone(),
                            resource_id: row.3.clone(),
                            resource_name: row.4.clone(),
                        })
                        .collect(),
                    role,
                })
                .collect())
        }
    };
}

pub(super) use impl_organization_role_store;
