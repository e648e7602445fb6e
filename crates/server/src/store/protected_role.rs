//! Writes that could take the last active holder of a protected role (tenant-admin)
//! away, or delete a holder. Each checks and writes in one transaction that first
//! locks the role: `SELECT … FOR UPDATE` on its row on PostgreSQL (membership inserts
//! take a key-share lock on it too, through the foreign key), and the database write
//! lock of `BEGIN IMMEDIATE` on SQLite. So such changes serialize across every server
//! instance on the database, and each check sees the other's committed result.

use async_trait::async_trait;

use super::{RoleId, RoleIds, StoreResult, UserId, UserRecord};

/// What a guarded change did.
#[derive(Debug, Clone, PartialEq)]
pub enum Guarded<T> {
    Done(T),
    /// Refused: the user is the last active holder of the protected role.
    LastHolder,
    /// Refused: the user holds the protected role and so cannot be deleted.
    Holder,
}

#[async_trait]
pub trait ProtectedRoleStore: Send + Sync {
    /// Removes one role from the user; `Done(false)` when the user did not hold it.
    async fn remove_user_role(
        &self,
        user_id: UserId<'_>,
        role_id: RoleId<'_>,
        protected_role: &str,
    ) -> StoreResult<Guarded<bool>>;
    /// Makes `role_ids` the user's exact set of roles.
    async fn replace_user_roles(
        &self,
        user_id: UserId<'_>,
        role_ids: RoleIds<'_>,
        protected_role: &str,
    ) -> StoreResult<Guarded<()>>;
    /// Sets the flag and `updated_at`; `Done(None)` when there is no such user.
    async fn set_user_suspended(
        &self,
        user_id: &str,
        suspended: bool,
        updated_at: i64,
        protected_role: &str,
    ) -> StoreResult<Guarded<Option<UserRecord>>>;
    /// `Done(false)` when there is no such user.
    async fn delete_user(&self, user_id: &str, protected_role: &str) -> StoreResult<Guarded<bool>>;
}

macro_rules! impl_protected_role_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ProtectedRoleStore for $store {
            async fn remove_user_role(&self, UserId(user_id): UserId<'_>, RoleId(role_id): RoleId<'_>, protected_role: &str) -> StoreResult<Guarded<bool>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                let protected_id = Self::lock_protected_role(&mut tx, protected_role).await?;
                if protected_id.as_deref() == Some(role_id) && Self::is_last_active_holder(&mut tx, user_id, role_id).await? {
                    return Ok(Guarded::LastHolder);
                }
                let done = sqlx::query("DELETE FROM users_roles WHERE user_id = $1 AND role_id = $2")
                    .bind(user_id).bind(role_id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(Guarded::Done(done.rows_affected() > 0))
            }

            async fn replace_user_roles(&self, UserId(user_id): UserId<'_>, RoleIds(role_ids): RoleIds<'_>, protected_role: &str) -> StoreResult<Guarded<()>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                if let Some(protected_id) = Self::lock_protected_role(&mut tx, protected_role).await?
                    && !role_ids.contains(&protected_id)
                    && Self::is_last_active_holder(&mut tx, user_id, &protected_id).await?
                {
                    return Ok(Guarded::LastHolder);
                }
                sqlx::query("DELETE FROM users_roles WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
                for role_id in role_ids {
                    sqlx::query("INSERT INTO users_roles (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(user_id).bind(role_id)
                        .execute(&mut *tx).await.map_err(on_constraint)?;
                }
                tx.commit().await?;
                Ok(Guarded::Done(()))
            }

            async fn set_user_suspended(&self, user_id: &str, suspended: bool, updated_at: i64, protected_role: &str) -> StoreResult<Guarded<Option<UserRecord>>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                if suspended
                    && let Some(protected_id) = Self::lock_protected_role(&mut tx, protected_role).await?
                    && Self::is_last_active_holder(&mut tx, user_id, &protected_id).await?
                {
                    return Ok(Guarded::LastHolder);
                }
                sqlx::query("UPDATE users SET is_suspended = $2, updated_at = $3 WHERE id = $1")
                    .bind(user_id).bind(suspended).bind(updated_at)
                    .execute(&mut *tx).await?;
                let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
                let user: Option<UserRecord> = sqlx::query_as(&sql).bind(user_id).fetch_optional(&mut *tx).await?;
                tx.commit().await?;
                self.users.forget(user_id);
                Ok(Guarded::Done(user))
            }

            async fn delete_user(&self, user_id: &str, protected_role: &str) -> StoreResult<Guarded<bool>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                if let Some(protected_id) = Self::lock_protected_role(&mut tx, protected_role).await? {
                    let (held,): (i64,) = sqlx::query_as("SELECT count(*) FROM users_roles WHERE user_id = $1 AND role_id = $2")
                        .bind(user_id).bind(&protected_id).fetch_one(&mut *tx).await?;
                    if held > 0 {
                        return Ok(Guarded::Holder);
                    }
                }
                let done = sqlx::query("DELETE FROM users WHERE id = $1").bind(user_id).execute(&mut *tx).await?;
                tx.commit().await?;
                self.users.forget(user_id);
                Ok(Guarded::Done(done.rows_affected() > 0))
            }
        }

        impl $store {
        /// Locks the protected role (see the module comment); its id, if it exists.
        async fn lock_protected_role(tx: &mut sqlx::Transaction<'_, Db>, name: &str) -> StoreResult<Option<String>> {
            let row: Option<(String,)> = sqlx::query_as(Self::LOCK_PROTECTED_ROLE)
                .bind(name).fetch_optional(&mut **tx).await?;
            Ok(row.map(|(id,)| id))
        }

        /// Takes `SHARE_ROLE` on each role, before a transaction links users to them.
        async fn share_roles<S: AsRef<str>>(tx: &mut sqlx::Transaction<'_, Db>, role_ids: &[S]) -> StoreResult<()> {
            for role_id in role_ids {
                sqlx::query(Self::SHARE_ROLE).bind(role_id.as_ref()).execute(&mut **tx).await?;
            }
            Ok(())
        }

        /// Whether the user is an active (not suspended) holder of the role and no
        /// other active holder exists.
        async fn is_last_active_holder(tx: &mut sqlx::Transaction<'_, Db>, user_id: &str, role_id: &str) -> StoreResult<bool> {
            let (this, others): (i64, i64) = sqlx::query_as(
                "SELECT \
                   count(*) FILTER (WHERE u.id = $1), \
                   count(*) FILTER (WHERE u.id <> $1) \
                 FROM users_roles ur JOIN users u ON u.id = ur.user_id \
                 WHERE ur.role_id = $2 AND NOT u.is_suspended",
            ).bind(user_id).bind(role_id).fetch_one(&mut **tx).await?;
            Ok(this > 0 && others == 0)
        }
        }
    };
}

pub(super) use impl_protected_role_store;
