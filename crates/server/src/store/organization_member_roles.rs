//! The organization roles of members, the scopes they grant, and a user's organizations.

use async_trait::async_trait;
use sqlx::FromRow;

use super::{
    OrganizationId, OrganizationRecord, OrganizationRoleId, OrganizationRoleIds,
    OrganizationRoleRecord, OrganizationScopeRecord, StoreResult, UserId, UserIds, Window,
};

/// A role held by `owner_id` (a user in a member list, an organization in a user's list).
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct HeldRoleRecord {
    pub owner_id: String,
    pub id: String,
    pub name: String,
}

#[async_trait]
pub trait OrganizationMemberRoleStore: Send + Sync {
    /// The roles of these members, ordered by name.
    async fn roles_of_members(
        &self,
        org_id: OrganizationId<'_>,
        user_ids: UserIds<'_>,
    ) -> StoreResult<Vec<HeldRoleRecord>>;
    /// One member's roles by name; `None` returns them all.
    async fn member_roles(
        &self,
        org_id: OrganizationId<'_>,
        user_id: UserId<'_>,
        window: Option<Window>,
    ) -> StoreResult<(Vec<OrganizationRoleRecord>, i64)>;
    /// Gives every listed member every listed role, all or none: a non-member or an
    /// unknown role is a foreign-key error.
    async fn add_member_roles(
        &self,
        org_id: OrganizationId<'_>,
        user_ids: UserIds<'_>,
        role_ids: OrganizationRoleIds<'_>,
    ) -> StoreResult<()>;
    async fn replace_member_roles(
        &self,
        org_id: OrganizationId<'_>,
        user_id: UserId<'_>,
        role_ids: OrganizationRoleIds<'_>,
    ) -> StoreResult<()>;
    async fn remove_member_role(
        &self,
        org_id: OrganizationId<'_>,
        user_id: UserId<'_>,
        role_id: OrganizationRoleId<'_>,
    ) -> StoreResult<bool>;
    /// The organization scopes of the member's roles, once each, by name.
    async fn member_scopes(
        &self,
        org_id: OrganizationId<'_>,
        user_id: UserId<'_>,
    ) -> StoreResult<Vec<OrganizationScopeRecord>>;
    /// The organization roles with these names.
    async fn organization_roles_named(
        &self,
        names: &[String],
    ) -> StoreResult<Vec<OrganizationRoleRecord>>;
    /// The user's organizations, newest first, and the user's roles in each.
    async fn user_organizations(
        &self,
        user_id: &str,
    ) -> StoreResult<(Vec<OrganizationRecord>, Vec<HeldRoleRecord>)>;
}

macro_rules! impl_organization_member_role_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::OrganizationMemberRoleStore for $store {
            async fn roles_of_members(&self, OrganizationId(org_id): OrganizationId<'_>, UserIds(user_ids): UserIds<'_>) -> StoreResult<Vec<HeldRoleRecord>> {
                if user_ids.is_empty() {
                    return Ok(Vec::new());
                }
                let list = $crate::store::shared::placeholders(2, user_ids.len());
                let sql = format!(
                    "SELECT ur.user_id AS owner_id, r.id, r.name FROM organization_user_roles ur \
                     JOIN organization_roles r ON r.id = ur.organization_role_id \
                     WHERE ur.organization_id = $1 AND ur.user_id IN ({list}) ORDER BY r.name, r.id"
                );
                let mut query = sqlx::query_as::<_, HeldRoleRecord>(&sql).bind(org_id);
                for user_id in user_ids {
                    query = query.bind(user_id);
                }
                let mut conn = self.pool.acquire().await?;
                Ok(query.fetch_all(&mut *conn).await?)
            }

            async fn member_roles(&self, OrganizationId(org_id): OrganizationId<'_>, UserId(user_id): UserId<'_>, window: Option<Window>) -> StoreResult<(Vec<OrganizationRoleRecord>, i64)> {
                let window = window.unwrap_or(Window { limit: i64::MAX, offset: 0 });
                let mut conn = self.pool.acquire().await?;
                let roles = sqlx::query_as(
                    "SELECT r.id, r.name, r.description, r.type, r.created_at FROM organization_roles r \
                     JOIN organization_user_roles ur ON ur.organization_role_id = r.id \
                     WHERE ur.organization_id = $1 AND ur.user_id = $2 ORDER BY r.name, r.id \
                     LIMIT $3 OFFSET $4",
                )
                .bind(org_id).bind(user_id).bind(window.limit).bind(window.offset)
                .fetch_all(&mut *conn).await?;
                let (total,): (i64,) = sqlx::query_as(
                    "SELECT count(*) FROM organization_user_roles WHERE organization_id = $1 AND user_id = $2",
                ).bind(org_id).bind(user_id).fetch_one(&mut *conn).await?;
                Ok((roles, total))
            }

            async fn add_member_roles(&self, OrganizationId(org_id): OrganizationId<'_>, UserIds(user_ids): UserIds<'_>, OrganizationRoleIds(role_ids): OrganizationRoleIds<'_>) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                for user_id in user_ids {
                    for role_id in role_ids {
                        sqlx::query(
                            "INSERT INTO organization_user_roles (organization_id, user_id, organization_role_id) \
                             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        )
                        .bind(org_id).bind(user_id).bind(role_id)
                        .execute(&mut *tx)
                        .await
                        .map_err($crate::store::errors::on_constraint)?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn replace_member_roles(&self, OrganizationId(org_id): OrganizationId<'_>, UserId(user_id): UserId<'_>, OrganizationRoleIds(role_ids): OrganizationRoleIds<'_>) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                sqlx::query("DELETE FROM organization_user_roles WHERE organization_id = $1 AND user_id = $2")
                    .bind(org_id).bind(user_id).execute(&mut *tx).await?;
                for role_id in role_ids {
                    sqlx::query(
                        "INSERT INTO organization_user_roles (organization_id, user_id, organization_role_id) \
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(org_id).bind(user_id).bind(role_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::store::errors::on_constraint)?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn remove_member_role(&self, OrganizationId(org_id): OrganizationId<'_>, UserId(user_id): UserId<'_>, OrganizationRoleId(role_id): OrganizationRoleId<'_>) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query(
                    "DELETE FROM organization_user_roles \
                     WHERE organization_id = $1 AND user_id = $2 AND organization_role_id = $3",
                ).bind(org_id).bind(user_id).bind(role_id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn member_scopes(&self, OrganizationId(org_id): OrganizationId<'_>, UserId(user_id): UserId<'_>) -> StoreResult<Vec<OrganizationScopeRecord>> {
                let mut conn = self.pool.acquire().await?;
                Ok(sqlx::query_as(
                    "SELECT s.id, s.name, s.description, s.created_at FROM organization_scopes s WHERE s.id IN ( \
                         SELECT rs.organization_scope_id FROM organization_role_scopes rs \
                         JOIN organization_user_roles ur ON ur.organization_role_id = rs.organization_role_id \
                         WHERE ur.organization_id = $1 AND ur.user_id = $2) \
                     ORDER BY s.name, s.id",
                ).bind(org_id).bind(user_id).fetch_all(&mut *conn).await?)
            }

            async fn organization_roles_named(&self, names: &[String]) -> StoreResult<Vec<OrganizationRoleRecord>> {
                if names.is_empty() {
                    return Ok(Vec::new());
                }
                let list = $crate::store::shared::placeholders(1, names.len());
                let sql = format!(
                    "SELECT id, name, description, type, created_at FROM organization_roles WHERE name IN ({list})"
                );
                let mut query = sqlx::query_as::<_, OrganizationRoleRecord>(&sql);
                for name in names {
                    query = query.bind(name);
                }
                let mut conn = self.pool.acquire().await?;
                Ok(query.fetch_all(&mut *conn).await?)
            }

            async fn user_organizations(&self, user_id: &str) -> StoreResult<(Vec<OrganizationRecord>, Vec<HeldRoleRecord>)> {
                use $crate::store::organizations::ORGANIZATION_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!(
                    "SELECT {ORGANIZATION_COLUMNS} FROM organizations o \
                     JOIN organization_users ou ON ou.organization_id = o.id \
                     WHERE ou.user_id = $1 ORDER BY o.created_at DESC, o.id"
                );
                let organizations = sqlx::query_as(&sql).bind(user_id).fetch_all(&mut *conn).await?;
                let roles = sqlx::query_as(
                    "SELECT ur.organization_id AS owner_id, r.id, r.name FROM organization_user_roles ur \
                     JOIN organization_roles r ON r.id = ur.organization_role_id \
                     WHERE ur.user_id = $1 ORDER BY r.name, r.id",
                ).bind(user_id).fetch_all(&mut *conn).await?;
                Ok((organizations, roles))
            }
        }
    };
}

pub(super) use impl_organization_member_role_store;
