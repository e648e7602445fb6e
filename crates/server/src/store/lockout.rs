//! Failed password checks, locks, and single-use password reset tokens.

use async_trait::async_trait;

use super::StoreResult;

#[async_trait]
pub trait LockoutStore: Send + Sync {
    /// Counts one failure at `now`, starting a new count when the current one began
    /// before `window_start`. Returns the failures in the current window.
    async fn record_failed_check(
        &self,
        user_id: &str,
        now: i64,
        window_start: i64,
    ) -> StoreResult<i64>;
    /// Locks the user until `until` and starts the count afresh.
    async fn lock_user(&self, user_id: &str, until: i64) -> StoreResult<()>;
    /// Lifts any lock and forgets the failures.
    async fn clear_lockout(&self, user_id: &str) -> StoreResult<()>;

    async fn insert_reset_token(
        &self,
        token_hash: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()>;
    /// Marks an unused, unexpired token used and returns its user; `None` otherwise.
    async fn consume_reset_token(&self, token_hash: &str, now: i64) -> StoreResult<Option<String>>;
}

macro_rules! impl_lockout_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::LockoutStore for $store {
            async fn record_failed_check(&self, user_id: &str, now: i64, window_start: i64) -> StoreResult<i64> {
                let mut conn = self.pool.acquire().await?;
                // One statement, so concurrent failures on any instance all count.
                let (attempts,): (i64,) = sqlx::query_as(
                    "INSERT INTO user_lockouts (user_id, failed_attempts, window_started_at, locked_until) \
                     VALUES ($1, 1, $2, NULL) \
                     ON CONFLICT (user_id) DO UPDATE SET \
                     failed_attempts = CASE WHEN user_lockouts.window_started_at < $3 THEN 1 \
                         ELSE user_lockouts.failed_attempts + 1 END, \
                     window_started_at = CASE WHEN user_lockouts.window_started_at < $3 THEN $2 \
                         ELSE user_lockouts.window_started_at END \
                     RETURNING failed_attempts",
                )
                .bind(user_id).bind(now).bind(window_start)
                .fetch_one(&mut *conn)
                .await
                .map_err(on_constraint)?;
                self.users.forget(user_id);
                Ok(attempts)
            }

            async fn lock_user(&self, user_id: &str, until: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "UPDATE user_lockouts SET locked_until = $2, failed_attempts = 0 WHERE user_id = $1",
                )
                .bind(user_id).bind(until)
                .execute(&mut *conn)
                .await?;
                self.users.forget(user_id);
                Ok(())
            }

            async fn clear_lockout(&self, user_id: &str) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query("DELETE FROM user_lockouts WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *conn)
                    .await?;
                // Successful sign-ins usually have nothing to clear: keep the cached user.
                if done.rows_affected() > 0 {
                    self.users.forget(user_id);
                }
                Ok(())
            }

            async fn insert_reset_token(&self, token_hash: &str, user_id: &str, now: i64, expires_at: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "INSERT INTO password_reset_tokens (token_hash, user_id, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash).bind(user_id).bind(now).bind(expires_at)
                .execute(&mut *conn)
                .await
                .map_err(on_constraint)?;
                Ok(())
            }

            async fn consume_reset_token(&self, token_hash: &str, now: i64) -> StoreResult<Option<String>> {
                let mut conn = self.pool.acquire().await?;
                // The used_at check in the same statement makes a token good for one use
                // even when two requests race.
                let row: Option<(String,)> = sqlx::query_as(
                    "UPDATE password_reset_tokens SET used_at = $2 \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
                     RETURNING user_id",
                )
                .bind(token_hash).bind(now)
                .fetch_optional(&mut *conn)
                .await?;
                Ok(row.map(|(user_id,)| user_id))
            }
        }
    };
}

pub(super) use impl_lockout_store;
