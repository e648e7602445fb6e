//! Failed password checks, locks, and single-use password reset tokens.

use async_trait::async_trait;

use super::StoreResult;

/// Whose failures a count is about: an account, or a login that names none. Both are
/// counted the same way, in tables of the same shape, so neither the answers nor the
/// work done tell them apart.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    User(&'a str),
    Unknown(&'a str),
}

impl Subject<'_> {
    pub(super) fn key(&self) -> &str {
        match self {
            Subject::User(key) | Subject::Unknown(key) => key,
        }
    }

    /// (account table, source table, key column).
    pub(super) fn tables(&self) -> (&'static str, &'static str, &'static str) {
        match self {
            Subject::User(_) => ("user_lockouts", "user_sign_in_sources", "user_id"),
            Subject::Unknown(_) => (
                "unknown_sign_in_subjects",
                "unknown_sign_in_sources",
                "subject",
            ),
        }
    }
}

#[async_trait]
pub trait LockoutStore: Send + Sync {
    /// Counts one failure at `now`, starting a new count when the current one began
    /// before `window_start`. Returns the failures in the current window.
    async fn record_failed_check(
        &self,
        subject: Subject<'_>,
        now: i64,
        window_start: i64,
    ) -> StoreResult<i64>;
    /// Locks the subject until `until` and starts the count afresh.
    async fn lock_subject(&self, subject: Subject<'_>, until: i64) -> StoreResult<()>;
    /// Lifts any lock and forgets the failures.
    async fn clear_lockout(&self, user_id: &str) -> StoreResult<()>;

    /// Counts one failure from `source` against the user, as `record_failed_check` does
    /// for the account. Returns the source's failures in its window and whether the
    /// source ever signed in as this user with the right password.
    async fn record_source_failure(
        &self,
        subject: Subject<'_>,
        source: &str,
        now: i64,
        window_start: i64,
    ) -> StoreResult<(i64, bool)>;
    /// Refuses checks from `source` for this subject until `until`.
    async fn block_source(&self, subject: Subject<'_>, source: &str, until: i64)
    -> StoreResult<()>;
    /// Until when checks from `source` are refused for this subject, if ever.
    async fn source_blocked_until(
        &self,
        subject: Subject<'_>,
        source: &str,
    ) -> StoreResult<Option<i64>>;
    /// Forgets unknown subjects' counts that began before `window_start` and block
    /// nothing at `now`, so logins that name no account cannot fill the tables.
    async fn purge_unknown_subjects(&self, window_start: i64, now: i64) -> StoreResult<()>;
    /// The right password came from `source`: forget its failures, remember it as good.
    async fn record_source_success(&self, user_id: &str, source: &str) -> StoreResult<()>;
    /// Forgets every source's failures and blocks for the user (known-good stays).
    async fn clear_source_blocks(&self, user_id: &str) -> StoreResult<()>;

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
            async fn record_failed_check(&self, subject: $crate::store::lockout::Subject<'_>, now: i64, window_start: i64) -> StoreResult<i64> {
                let (t, _, k) = subject.tables();
                let mut conn = self.pool.acquire().await?;
                // One statement, so concurrent failures on any instance all count.
                let (attempts,): (i64,) = sqlx::query_as(&format!(
                    "INSERT INTO {t} ({k}, failed_attempts, window_started_at, locked_until) \
                     VALUES ($1, 1, $2, NULL) \
                     ON CONFLICT ({k}) DO UPDATE SET \
                     failed_attempts = CASE WHEN {t}.window_started_at < $3 THEN 1 \
                         ELSE {t}.failed_attempts + 1 END, \
                     window_started_at = CASE WHEN {t}.window_started_at < $3 THEN $2 \
                         ELSE {t}.window_started_at END \
                     RETURNING failed_attempts",
                ))
                .bind(subject.key()).bind(now).bind(window_start)
                .fetch_one(&mut *conn)
                .await
                .map_err(on_constraint)?;
                self.users.forget(subject.key());
                Ok(attempts)
            }

            async fn lock_subject(&self, subject: $crate::store::lockout::Subject<'_>, until: i64) -> StoreResult<()> {
                let (t, _, k) = subject.tables();
                let mut conn = self.pool.acquire().await?;
                sqlx::query(&format!(
                    "UPDATE {t} SET locked_until = $2, failed_attempts = 0 WHERE {k} = $1",
                ))
                .bind(subject.key()).bind(until)
                .execute(&mut *conn)
                .await?;
                self.users.forget(subject.key());
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

            async fn record_source_failure(&self, subject: $crate::store::lockout::Subject<'_>, source: &str, now: i64, window_start: i64) -> StoreResult<(i64, bool)> {
                let (_, t, k) = subject.tables();
                let mut conn = self.pool.acquire().await?;
                let row: (i64, bool) = sqlx::query_as(&format!(
                    "INSERT INTO {t} ({k}, source, failed_attempts, window_started_at) \
                     VALUES ($1, $2, 1, $3) \
                     ON CONFLICT ({k}, source) DO UPDATE SET \
                     failed_attempts = CASE WHEN {t}.window_started_at < $4 THEN 1 \
                         ELSE {t}.failed_attempts + 1 END, \
                     window_started_at = CASE WHEN {t}.window_started_at < $4 THEN $3 \
                         ELSE {t}.window_started_at END \
                     RETURNING failed_attempts, known_good",
                ))
                .bind(subject.key()).bind(source).bind(now).bind(window_start)
                .fetch_one(&mut *conn)
                .await
                .map_err(on_constraint)?;
                Ok(row)
            }

            async fn block_source(&self, subject: $crate::store::lockout::Subject<'_>, source: &str, until: i64) -> StoreResult<()> {
                let (_, t, k) = subject.tables();
                let mut conn = self.pool.acquire().await?;
                sqlx::query(&format!("UPDATE {t} SET blocked_until = $3 WHERE {k} = $1 AND source = $2"))
                    .bind(subject.key()).bind(source).bind(until)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            }

            async fn source_blocked_until(&self, subject: $crate::store::lockout::Subject<'_>, source: &str) -> StoreResult<Option<i64>> {
                let (_, t, k) = subject.tables();
                let mut conn = self.pool.acquire().await?;
                let row: Option<(Option<i64>,)> = sqlx::query_as(&format!(
                    "SELECT blocked_until FROM {t} WHERE {k} = $1 AND source = $2",
                ))
                .bind(subject.key()).bind(source)
                .fetch_optional(&mut *conn)
                .await?;
                Ok(row.and_then(|(until,)| until))
            }

            async fn purge_unknown_subjects(&self, window_start: i64, now: i64) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "DELETE FROM unknown_sign_in_sources WHERE window_started_at < $1 \
                     AND (blocked_until IS NULL OR blocked_until < $2)",
                )
                .bind(window_start).bind(now)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "DELETE FROM unknown_sign_in_subjects WHERE window_started_at < $1 \
                     AND (locked_until IS NULL OR locked_until < $2)",
                )
                .bind(window_start).bind(now)
                .execute(&mut *conn)
                .await?;
                Ok(())
            }

            async fn record_source_success(&self, user_id: &str, source: &str) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "INSERT INTO user_sign_in_sources (user_id, source, known_good) VALUES ($1, $2, TRUE) \
                     ON CONFLICT (user_id, source) DO UPDATE SET \
                     failed_attempts = 0, blocked_until = NULL, known_good = TRUE",
                )
                .bind(user_id).bind(source)
                .execute(&mut *conn)
                .await
                .map_err(on_constraint)?;
                Ok(())
            }

            async fn clear_source_blocks(&self, user_id: &str) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                sqlx::query(
                    "UPDATE user_sign_in_sources SET failed_attempts = 0, blocked_until = NULL WHERE user_id = $1",
                )
                .bind(user_id)
                .execute(&mut *conn)
                .await?;
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
