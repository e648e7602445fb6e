//! Rate-limit buckets in the database, shared by every server instance on it
//! (`rate_limit::shared`). Only PostgreSQL has them: a SQLite file has one server.
//!
//! A bucket is one number, the instant in microseconds since the epoch at which it is
//! full again (GCRA, as `rate_limit::bucket`); each statement reads and moves it
//! atomically, so concurrent instances never both take the last token.

use async_trait::async_trait;
use sqlx::PgPool;

use super::StoreResult;

/// A bucket's refill rate and size, in microseconds.
#[derive(Debug, Clone, Copy)]
pub struct BucketLimits {
    /// The time one token takes to refill.
    pub interval_us: i64,
    /// The time an empty bucket takes to refill.
    pub window_us: i64,
}

#[async_trait]
pub trait BucketTable: Send + Sync {
    /// Takes a token from `key`'s bucket if one is left: `Ok` with the new full-again
    /// instant, or `Err` with the one that stands when none is left.
    async fn take_token(
        &self,
        key: &str,
        now_us: i64,
        limits: BucketLimits,
    ) -> StoreResult<Result<i64, i64>>;
    /// When `key`'s bucket is full again; `None` when it holds no row (full).
    async fn full_at(&self, key: &str) -> StoreResult<Option<i64>>;
    /// Takes a token even when none is left, but never pushes "full" more than one
    /// window past `now_us`.
    async fn drain_token(&self, key: &str, now_us: i64, limits: BucketLimits) -> StoreResult<()>;
    /// Forgets the buckets that are full by `now_us` (they hold no information).
    async fn forget_full_buckets(&self, now_us: i64) -> StoreResult<u64>;
}

/// The buckets of one PostgreSQL database.
pub(super) struct PgBuckets {
    pub(super) pool: PgPool,
}

#[async_trait]
impl BucketTable for PgBuckets {
    async fn take_token(
        &self,
        key: &str,
        now_us: i64,
        limits: BucketLimits,
    ) -> StoreResult<Result<i64, i64>> {
        // Allowed when the refill owed after this token still fits in one window.
        let taken: Option<i64> = sqlx::query_scalar(
            "INSERT INTO rate_limit_buckets AS b (key, full_at) VALUES ($1, $2 + $3) \
             ON CONFLICT (key) DO UPDATE SET full_at = GREATEST(b.full_at, $2) + $3 \
             WHERE GREATEST(b.full_at, $2) + $3 - $2 <= $4 \
             RETURNING full_at",
        )
        .bind(key)
        .bind(now_us)
        .bind(limits.interval_us)
        .bind(limits.window_us)
        .fetch_optional(&self.pool)
        .await?;
        match taken {
            Some(full_at) => Ok(Ok(full_at)),
            None => Ok(Err(self.full_at(key).await?.unwrap_or(now_us))),
        }
    }

    async fn full_at(&self, key: &str) -> StoreResult<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT full_at FROM rate_limit_buckets WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn drain_token(&self, key: &str, now_us: i64, limits: BucketLimits) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO rate_limit_buckets AS b (key, full_at) \
             VALUES ($1, $2 + LEAST($3, $4)) \
             ON CONFLICT (key) DO UPDATE \
             SET full_at = LEAST(GREATEST(b.full_at, $2) + $3, $2 + $4)",
        )
        .bind(key)
        .bind(now_us)
        .bind(limits.interval_us)
        .bind(limits.window_us)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn forget_full_buckets(&self, now_us: i64) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM rate_limit_buckets WHERE full_at <= $1")
            .bind(now_us)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
