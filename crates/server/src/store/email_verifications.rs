//! Pending email changes (a mailed code per user) and the addresses users proved.

use async_trait::async_trait;

use super::StoreResult;

/// A pending change of a user's primary email.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmailVerificationRecord {
    pub email: String,
    pub code_hash: String,
    pub attempts: i64,
    pub created_at: i64,
    pub expires_at: i64,
}

#[async_trait]
pub trait EmailVerificationStore: Send + Sync {
    /// Replaces the user's pending change with a new one.
    async fn put_email_verification(
        &self,
        user_id: &str,
        email: &str,
        code_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> StoreResult<()>;
    async fn email_verification(
        &self,
        user_id: &str,
    ) -> StoreResult<Option<EmailVerificationRecord>>;
    /// Counts a wrong code; returns the wrong codes so far.
    async fn count_wrong_email_code(&self, user_id: &str) -> StoreResult<i64>;
    /// Removes the pending change if it still has this code hash; whether it did
    /// (so a code is used once even when two requests race).
    async fn take_email_verification(&self, user_id: &str, code_hash: &str) -> StoreResult<bool>;
    async fn discard_email_verification(&self, user_id: &str) -> StoreResult<()>;
    /// Records that the user proved to read `email`.
    async fn record_verified_email(&self, user_id: &str, email: &str, now: i64) -> StoreResult<()>;
    /// The address the user last proved to read, if any.
    async fn verified_email(&self, user_id: &str) -> StoreResult<Option<String>>;
}

macro_rules! impl_email_verification_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::EmailVerificationStore for $store {
            async fn put_email_verification(&self, user_id: &str, email: &str, code_hash: &str, now: i64, expires_at: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "INSERT INTO email_verifications (user_id, email, code_hash, attempts, created_at, expires_at) \
                     VALUES ($1, $2, $3, 0, $4, $5) \
                     ON CONFLICT (user_id) DO UPDATE SET email = $2, code_hash = $3, attempts = 0, \
                     created_at = $4, expires_at = $5",
                )
                .bind(user_id).bind(email).bind(code_hash).bind(now).bind(expires_at)
                .execute(&mut *conn)
                .await
                .map_err(on_constraint)?;
                Ok(())
            }

            async fn email_verification(&self, user_id: &str) -> StoreResult<Option<$crate::store::EmailVerificationRecord>> {
                let mut conn = self.pool.acquire().await?;
                Ok(sqlx::query_as(
                    "SELECT email, code_hash, attempts, created_at, expires_at \
                     FROM email_verifications WHERE user_id = $1",
                )
                .bind(user_id)
                .fetch_optional(&mut *conn)
                .await?)
            }

            async fn count_wrong_email_code(&self, user_id: &str) -> StoreResult<i64> {
                let mut conn = self.pool.acquire().await?;
                let row: Option<(i64,)> = sqlx::query_as(
                    "UPDATE email_verifications SET attempts = attempts + 1 WHERE user_id = $1 \
                     RETURNING attempts",
                )
                .bind(user_id)
                .fetch_optional(&mut *conn)
                .await?;
                Ok(row.map_or(0, |(n,)| n))
            }

            async fn take_email_verification(&self, user_id: &str, code_hash: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let done = sqlx::query(
                    "DELETE FROM email_verifications WHERE user_id = $1 AND code_hash = $2",
                )
                .bind(user_id).bind(code_hash)
                .execute(&mut *conn)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn discard_email_verification(&self, user_id: &str) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("DELETE FROM email_verifications WHERE user_id = $1")
                    .bind(user_id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            }

            async fn record_verified_email(&self, user_id: &str, email: &str, now: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "INSERT INTO verified_emails (user_id, email, verified_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (user_id) DO UPDATE SET email = $2, verified_at = $3",
                )
                .bind(user_id).bind(email).bind(now)
                .execute(&mut *conn)
                .await
                .map_err(on_constraint)?;
                Ok(())
            }

            async fn verified_email(&self, user_id: &str) -> StoreResult<Option<String>> {
                let mut conn = self.pool.acquire().await?;
                let row: Option<(String,)> =
                    sqlx::query_as("SELECT email FROM verified_emails WHERE user_id = $1")
                        .bind(user_id)
                        .fetch_optional(&mut *conn)
                        .await?;
                Ok(row.map(|(email,)| email))
            }
        }
    };
}

pub(super) use impl_email_verification_store;
