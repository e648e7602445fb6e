//! Organization invitations, the roles they grant, and their acceptance: the status
//! change, the membership and its roles in one transaction.

use async_trait::async_trait;
use sqlx::FromRow;

use super::user_search_sql::Bind;
use super::{StoreResult, UserRecord, Window};

pub(super) const INVITATION_COLUMNS: &str = "id, inviter_id, invitee, accepted_user_id, \
    organization_id, status, created_at, updated_at, expires_at, token_hash";

#[derive(Clone, PartialEq, FromRow)]
pub struct InvitationRecord {
    pub id: String,
    pub inviter_id: Option<String>,
    pub invitee: String,
    pub accepted_user_id: Option<String>,
    pub organization_id: String,
    /// As stored: a `Pending` row may be past `expires_at`.
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub expires_at: i64,
    /// SHA-256 of the mailed acceptance token, while one is usable.
    pub token_hash: Option<String>,
}

impl std::fmt::Debug for InvitationRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InvitationRecord")
            .field("id", &self.id)
            .field("organization_id", &self.organization_id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// `GET /api/organization-invitations` filters, combined with AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InvitationFilter {
    pub organization_id: Option<String>,
    pub inviter_id: Option<String>,
    /// Matched without regard to case.
    pub invitee: Option<String>,
}

/// An organization role an invitation grants.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct InvitationRoleRow {
    pub invitation_id: String,
    pub id: String,
    pub name: String,
}

/// Everything an acceptance writes.
#[derive(Debug, Clone, Copy)]
pub struct Acceptance<'a> {
    pub invitation_id: &'a str,
    pub user_id: &'a str,
    /// A user to create first, with the default User roles (the public route, for an
    /// unknown invitee).
    pub new_user: Option<&'a UserRecord>,
    /// When given, the invitation's token must still be this one (then it is used up).
    pub token_hash: Option<&'a str>,
    pub now: i64,
}

#[async_trait]
pub trait InvitationStore: Send + Sync {
    /// Marks the invitee's stale pending invitations to the organization expired, then
    /// inserts the invitation and its roles. Returns false, writing nothing, when a
    /// pending invitation for the same invitee and organization exists.
    async fn insert_invitation(
        &self,
        invitation: &InvitationRecord,
        role_ids: &[String],
    ) -> StoreResult<bool>;
    async fn invitation(&self, id: &str) -> StoreResult<Option<InvitationRecord>>;
    /// Newest first; the whole list without a window.
    async fn invitations(
        &self,
        filter: &InvitationFilter,
        window: Option<Window>,
    ) -> StoreResult<(Vec<InvitationRecord>, i64)>;
    /// The roles of these invitations, by role name.
    async fn invitation_roles(&self, ids: &[String]) -> StoreResult<Vec<InvitationRoleRow>>;
    async fn delete_invitation(&self, id: &str) -> StoreResult<bool>;
    /// Replaces the token of a pending, unexpired invitation; false otherwise.
    async fn set_invitation_token(&self, id: &str, token_hash: &str, now: i64)
    -> StoreResult<bool>;
    /// Revokes a pending, unexpired invitation (its token stops working); false otherwise.
    async fn revoke_invitation(&self, id: &str, now: i64) -> StoreResult<bool>;
    /// Accepts a pending, unexpired invitation: creates the user if asked, adds the
    /// membership and the invitation's roles. False, writing nothing, when the
    /// invitation is no longer pending or the token does not match.
    async fn accept_invitation(&self, acceptance: &Acceptance<'_>) -> StoreResult<bool>;
    /// Whether a member of the organization has this primary email (any case).
    async fn is_member_by_email(&self, organization_id: &str, email: &str) -> StoreResult<bool>;
    async fn organization_name(&self, organization_id: &str) -> StoreResult<Option<String>>;
}

/// The WHERE clause of a filter, with its binds; `$n` placeholders on both backends.
pub(super) fn invitation_conditions(filter: &InvitationFilter) -> (String, Vec<Bind>) {
    let mut conditions = Vec::new();
    let mut binds = Vec::new();
    let mut add = |sql: &str, value: &str| {
        binds.push(Bind::Text(value.to_owned()));
        conditions.push(sql.replace('?', &format!("${}", binds.len())));
    };
    if let Some(v) = &filter.organization_id {
        add("organization_id = ?", v);
    }
    if let Some(v) = &filter.inviter_id {
        add("inviter_id = ?", v);
    }
    if let Some(v) = &filter.invitee {
        add("lower(invitee) = lower(?)", v);
    }
    let sql = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    (sql, binds)
}

/// A unique violation: here only the one-pending-invitation index.
pub(super) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

macro_rules! impl_invitation_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::InvitationStore for $store {
            async fn insert_invitation(&self, invitation: &InvitationRecord, role_ids: &[String]) -> StoreResult<bool> {
                use $crate::store::invitations::is_unique_violation;
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                sqlx::query(
                    "UPDATE organization_invitations SET status = 'Expired', updated_at = $3 \
                     WHERE organization_id = $1 AND lower(invitee) = lower($2) \
                     AND status = 'Pending' AND expires_at <= $3",
                )
                .bind(&invitation.organization_id).bind(&invitation.invitee).bind(invitation.created_at)
                .execute(&mut *tx).await?;
                let inserted = sqlx::query(
                    "INSERT INTO organization_invitations (id, inviter_id, invitee, accepted_user_id, \
                     organization_id, status, created_at, updated_at, expires_at, token_hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&invitation.id).bind(&invitation.inviter_id).bind(&invitation.invitee)
                .bind(&invitation.accepted_user_id).bind(&invitation.organization_id)
                .bind(&invitation.status).bind(invitation.created_at).bind(invitation.updated_at)
                .bind(invitation.expires_at).bind(&invitation.token_hash)
                .execute(&mut *tx).await;
                match inserted {
                    Err(error) if is_unique_violation(&error) => return Ok(false),
                    other => { other.map_err(on_constraint)?; }
                }
                for role_id in role_ids {
                    sqlx::query(
                        "INSERT INTO organization_invitation_roles (invitation_id, organization_role_id) \
                         VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    )
                    .bind(&invitation.id).bind(role_id)
                    .execute(&mut *tx).await.map_err(on_constraint)?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn invitation(&self, id: &str) -> StoreResult<Option<InvitationRecord>> {
                use $crate::store::invitations::INVITATION_COLUMNS;
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {INVITATION_COLUMNS} FROM organization_invitations WHERE id = $1");
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn invitations(&self, filter: &InvitationFilter, window: Option<Window>) -> StoreResult<(Vec<InvitationRecord>, i64)> {
                use $crate::store::invitations::{INVITATION_COLUMNS, invitation_conditions};
                let (conditions, binds) = invitation_conditions(filter);
                let window = window.unwrap_or(Window { limit: i64::MAX, offset: 0 });
                let from = format!("FROM organization_invitations {conditions}");
                let mut conn = self.pool.acquire().await?;
                Ok($crate::store::paged::page_and_total!(conn, InvitationRecord, INVITATION_COLUMNS, from, "created_at DESC, id", &binds, window)?)
            }

            async fn invitation_roles(&self, ids: &[String]) -> StoreResult<Vec<InvitationRoleRow>> {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT ir.invitation_id, r.id, r.name FROM organization_invitation_roles ir \
                     JOIN organization_roles r ON r.id = ir.organization_role_id \
                     WHERE ir.invitation_id IN ({}) ORDER BY r.name, r.id",
                    $crate::store::shared::placeholders(1, ids.len())
                );
                let mut query = sqlx::query_as::<_, InvitationRoleRow>(&sql);
                for id in ids {
                    query = query.bind(id);
                }
                let mut conn = self.pool.acquire().await?;
                Ok(query.fetch_all(&mut *conn).await?)
            }

            async fn delete_invitation(&self, id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM organization_invitations WHERE id = $1")
                    .bind(id).execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn set_invitation_token(&self, id: &str, token_hash: &str, now: i64) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query(
                    "UPDATE organization_invitations SET token_hash = $2, updated_at = $3 \
                     WHERE id = $1 AND status = 'Pending' AND expires_at > $3",
                )
                .bind(id).bind(token_hash).bind(now)
                .execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn revoke_invitation(&self, id: &str, now: i64) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query(
                    "UPDATE organization_invitations SET status = 'Revoked', token_hash = NULL, updated_at = $2 \
                     WHERE id = $1 AND status = 'Pending' AND expires_at > $2",
                )
                .bind(id).bind(now)
                .execute(&mut *conn).await?;
                Ok(done.rows_affected() > 0)
            }

            async fn accept_invitation(&self, acceptance: &Acceptance<'_>) -> StoreResult<bool> {
                let a = acceptance;
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                // The status and token checks sit in the first write, so of two racing
                // acceptances the second waits for the first and then matches no row:
                // the token works once, and no account is made for the loser.
                let token_check = if a.token_hash.is_some() { " AND token_hash = $3" } else { "" };
                let sql = format!(
                    "UPDATE organization_invitations SET status = 'Accepted', updated_at = $2, \
                     token_hash = NULL \
                     WHERE id = $1 AND status = 'Pending' AND expires_at > $2{token_check}"
                );
                let mut update = sqlx::query(&sql).bind(a.invitation_id).bind(a.now);
                if let Some(hash) = a.token_hash {
                    update = update.bind(hash);
                }
                if update.execute(&mut *tx).await?.rows_affected() == 0 {
                    return Ok(false);
                }
                if let Some(user) = a.new_user {
                    // These helpers come with `impl_store!` in the same backend module.
                    insert_user(&mut *tx, user).await?;
                    grant_default_roles(&mut *tx, &user.id).await?;
                }
                sqlx::query("UPDATE organization_invitations SET accepted_user_id = $2 WHERE id = $1")
                    .bind(a.invitation_id).bind(a.user_id)
                    .execute(&mut *tx).await.map_err(on_constraint)?;
                sqlx::query(
                    "INSERT INTO organization_users (organization_id, user_id, created_at) \
                     SELECT organization_id, $2, $3 FROM organization_invitations WHERE id = $1 \
                     ON CONFLICT DO NOTHING",
                )
                .bind(a.invitation_id).bind(a.user_id).bind(a.now)
                .execute(&mut *tx).await.map_err(on_constraint)?;
                sqlx::query(
                    "INSERT INTO organization_user_roles (organization_id, user_id, organization_role_id) \
                     SELECT i.organization_id, $2, ir.organization_role_id \
                     FROM organization_invitation_roles ir \
                     JOIN organization_invitations i ON i.id = ir.invitation_id \
                     WHERE ir.invitation_id = $1 \
                     ON CONFLICT DO NOTHING",
                )
                .bind(a.invitation_id).bind(a.user_id)
                .execute(&mut *tx).await.map_err(on_constraint)?;
                tx.commit().await?;
                Ok(true)
            }

            async fn is_member_by_email(&self, organization_id: &str, email: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT count(*) FROM organization_users ou JOIN users u ON u.id = ou.user_id \
                     WHERE ou.organization_id = $1 AND lower(u.primary_email) = lower($2)",
                )
                .bind(organization_id).bind(email)
                .fetch_one(&mut *conn).await?;
                Ok(n > 0)
            }

            async fn organization_name(&self, organization_id: &str) -> StoreResult<Option<String>> {
                let mut conn = self.pool.acquire().await?;
                let row: Option<(String,)> = sqlx::query_as("SELECT name FROM organizations WHERE id = $1")
                    .bind(organization_id)
                    .fetch_optional(&mut *conn).await?;
                Ok(row.map(|(name,)| name))
            }
        }
    };
}

pub(super) use impl_invitation_store;
