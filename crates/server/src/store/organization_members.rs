//! Organization membership: who belongs to an organization, and the member list.

use async_trait::async_trait;

use super::{OrganizationId, StoreResult, UserId, UserIds, UserRecord, Window};

/// A user field the member search `q` may look in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberField {
    Id,
    PrimaryEmail,
    PrimaryPhone,
    Username,
    Name,
}

impl MemberField {
    pub const ALL: [MemberField; 5] = [
        MemberField::Id,
        MemberField::PrimaryEmail,
        MemberField::PrimaryPhone,
        MemberField::Username,
        MemberField::Name,
    ];

    fn column(self) -> &'static str {
        match self {
            MemberField::Id => "id",
            MemberField::PrimaryEmail => "primary_email",
            MemberField::PrimaryPhone => "primary_phone",
            MemberField::Username => "username",
            MemberField::Name => "name",
        }
    }
}

/// `GET /api/organizations/{id}/users` filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberFilter {
    /// A substring of the id, email, phone, username or name, ignoring case.
    pub q: Option<String>,
    /// The fields `q` looks in; empty means all of them. The edge narrows it to the
    /// fields an organization-scoped caller is shown, so `q` cannot probe the others.
    pub q_fields: Vec<MemberField>,
    /// Only members holding this organization role.
    pub role_id: Option<String>,
}

#[async_trait]
pub trait OrganizationMemberStore: Send + Sync {
    /// Adds the users that are not members yet, all or none: an unknown user is a
    /// foreign-key error.
    async fn add_members(
        &self,
        org_id: OrganizationId<'_>,
        user_ids: UserIds<'_>,
        now: i64,
    ) -> StoreResult<()>;
    /// Makes exactly these users the members; those who stay keep their roles.
    async fn replace_members(
        &self,
        org_id: OrganizationId<'_>,
        user_ids: UserIds<'_>,
        now: i64,
    ) -> StoreResult<()>;
    async fn remove_member(
        &self,
        org_id: OrganizationId<'_>,
        user_id: UserId<'_>,
    ) -> StoreResult<bool>;
    async fn is_member(&self, org_id: OrganizationId<'_>, user_id: UserId<'_>)
    -> StoreResult<bool>;
    /// Members, newest user first.
    async fn members(
        &self,
        org_id: &str,
        filter: &MemberFilter,
        window: Window,
    ) -> StoreResult<(Vec<UserRecord>, i64)>;
}

/// The WHERE conditions of a member search after `ou.organization_id = $1`, with their binds.
pub(super) fn member_conditions(filter: &MemberFilter, like: &str) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    if let Some(q) = &filter.q {
        binds.push(super::organizations::contains_pattern(q));
        let p = binds.len() + 1;
        let searched: &[MemberField] = if filter.q_fields.is_empty() {
            &MemberField::ALL
        } else {
            &filter.q_fields
        };
        let fields: Vec<String> = searched
            .iter()
            .map(|field| format!("u.{} {like} ${p} ESCAPE '\\'", field.column()))
            .collect();
        sql.push_str(&format!(" AND ({})", fields.join(" OR ")));
    }
    if let Some(role_id) = &filter.role_id {
        binds.push(role_id.clone());
        let p = binds.len() + 1;
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM organization_user_roles r WHERE r.organization_id = \
             ou.organization_id AND r.user_id = u.id AND r.organization_role_id = ${p})"
        ));
    }
    (sql, binds)
}

macro_rules! impl_organization_member_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::OrganizationMemberStore for $store {
            async fn add_members(&self, OrganizationId(org_id): OrganizationId<'_>, UserIds(user_ids): UserIds<'_>, now: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                for user_id in user_ids {
                    sqlx::query(
                        "INSERT INTO organization_users (organization_id, user_id, created_at) \
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(org_id).bind(user_id).bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::store::errors::on_constraint)?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn replace_members(&self, OrganizationId(org_id): OrganizationId<'_>, UserIds(user_ids): UserIds<'_>, now: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                // Those who stay keep their roles: delete only the others.
                let keep = $crate::store::shared::placeholders(2, user_ids.len());
                let sql = if user_ids.is_empty() {
                    "DELETE FROM organization_users WHERE organization_id = $1".to_owned()
                } else {
                    format!("DELETE FROM organization_users WHERE organization_id = $1 AND user_id NOT IN ({keep})")
                };
                let mut delete = sqlx::query(&sql).bind(org_id);
                for user_id in user_ids {
                    delete = delete.bind(user_id);
                }
                delete.execute(&mut *tx).await?;
                for user_id in user_ids {
                    sqlx::query(
                        "INSERT INTO organization_users (organization_id, user_id, created_at) \
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(org_id).bind(user_id).bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::store::errors::on_constraint)?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn remove_member(&self, OrganizationId(org_id): OrganizationId<'_>, UserId(user_id): UserId<'_>) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM organization_users WHERE organization_id = $1 AND user_id = $2")
                    .bind(org_id).bind(user_id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn is_member(&self, OrganizationId(org_id): OrganizationId<'_>, UserId(user_id): UserId<'_>) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT count(*) FROM organization_users WHERE organization_id = $1 AND user_id = $2",
                ).bind(org_id).bind(user_id).fetch_one(&mut *conn).await?;
                Ok(n > 0)
            }

            async fn members(&self, org_id: &str, filter: &MemberFilter, window: Window) -> StoreResult<(Vec<UserRecord>, i64)> {
                use $crate::store::shared::USER_COLUMNS;
                let like = $crate::store::organizations::like_operator(Self::DIALECT);
                let (conditions, binds) = $crate::store::organization_members::member_conditions(filter, like);
                let from = format!(
                    "FROM users u JOIN organization_users ou ON ou.user_id = u.id \
                     WHERE ou.organization_id = $1{conditions}"
                );
                use $crate::store::user_search_sql::Bind;
                let binds: Vec<Bind> = std::iter::once(org_id.to_owned()).chain(binds).map(Bind::Text).collect();
                let mut conn = self.pool.acquire().await?;
                Ok($crate::store::paged::page_and_total!(conn, UserRecord, USER_COLUMNS, from, "u.created_at DESC, u.id", &binds, window)?)
            }
        }
    };
}

pub(super) use impl_organization_member_store;
