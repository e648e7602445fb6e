//! The mail queue table behind one interface. A request only inserts a row; the
//! worker claims due rows, delivers them and records the outcome. Rows are never
//! deleted: a sent row keeps `sent_at`, a failing one its attempts and last error.
//!
//! The statements are the same text on SQLite and PostgreSQL: `impl_mail_queue!`
//! implements them for both queue types below. Each type has a small pool of its
//! own, apart from the store's, so slow or rare delivery work never takes a
//! connection requests need.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

use super::StoreResult;

/// One row of `mail_queue`. Timestamps are epoch milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QueuedMail {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub created_at: i64,
    /// Failed deliveries so far.
    pub attempts: i32,
    /// Not delivered before this time (a retry's backoff, or a worker's claim).
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<i64>,
}

#[async_trait]
pub trait MailQueue: Send + Sync + 'static {
    /// Inserts a new row.
    async fn enqueue(&self, mail: &QueuedMail) -> StoreResult<()>;
    /// Claims up to `limit` unsent rows due at `now`, oldest due first, by moving
    /// their `next_attempt_at` to `lease_until` in the same statement. Workers of
    /// several servers on one database thus never take the same row at once, and a
    /// row whose worker died mid-delivery becomes due again when the lease ends.
    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> StoreResult<Vec<QueuedMail>>;
    async fn mark_sent(&self, id: &str, sent_at: i64) -> StoreResult<()>;
    /// Records a failed delivery; the row is tried again at `next_attempt_at`.
    async fn mark_failed(
        &self,
        id: &str,
        attempts: i32,
        next_attempt_at: i64,
        error: &str,
    ) -> StoreResult<()>;
    async fn get(&self, id: &str) -> StoreResult<Option<QueuedMail>>;
}

/// Opens a small pool of its own on the server's database (`sqlite://…` or
/// `postgres://…`). It does not migrate: the store's start-up migration creates
/// `mail_queue`, so open the store first.
pub async fn open_mail_queue(database_url: &str) -> StoreResult<Arc<dyn MailQueue>> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        Ok(Arc::new(PgMailQueue::connect(database_url).await?))
    } else {
        Ok(Arc::new(SqliteMailQueue::connect(database_url).await?))
    }
}

const COLUMNS: &str = "id, recipient, subject, text_body, html_body, created_at, \
    attempts, next_attempt_at, last_error, sent_at";

/// The queue on PostgreSQL, shared by every server instance on the database.
struct PgMailQueue {
    pool: PgPool,
}

impl PgMailQueue {
    async fn connect(url: &str) -> StoreResult<Self> {
        // Requests insert and the worker updates one row at a time: two connections do.
        let pool = PgPoolOptions::new().max_connections(2).connect(url).await?;
        Ok(Self { pool })
    }
}

/// The queue on the embedded SQLite file.
struct SqliteMailQueue {
    pool: SqlitePool,
}

impl SqliteMailQueue {
    /// The file must exist: the store creates and migrates it.
    async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(false)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(5));
        // One writer at a time is all SQLite allows; a second connection lets a read
        // (`get`) pass while the worker writes.
        let pool = SqlitePoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }
}

macro_rules! impl_mail_queue {
    ($queue:ty) => {
        #[async_trait]
        impl MailQueue for $queue {
            async fn enqueue(&self, mail: &QueuedMail) -> StoreResult<()> {
                let sql = format!(
                    "INSERT INTO mail_queue ({COLUMNS}) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                );
                sqlx::query(&sql)
                    .bind(&mail.id)
                    .bind(&mail.recipient)
                    .bind(&mail.subject)
                    .bind(&mail.text_body)
                    .bind(&mail.html_body)
                    .bind(mail.created_at)
                    .bind(mail.attempts)
                    .bind(mail.next_attempt_at)
                    .bind(&mail.last_error)
                    .bind(mail.sent_at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn claim_due(
                &self,
                now: i64,
                lease_until: i64,
                limit: i64,
            ) -> StoreResult<Vec<QueuedMail>> {
                // The outer conditions repeat the inner ones: on PostgreSQL a row that
                // another worker claimed meanwhile is re-checked and skipped.
                let sql = format!(
                    "UPDATE mail_queue SET next_attempt_at = $1 \
                     WHERE id IN (SELECT id FROM mail_queue \
                         WHERE sent_at IS NULL AND next_attempt_at <= $2 \
                         ORDER BY next_attempt_at, created_at LIMIT $3) \
                     AND sent_at IS NULL AND next_attempt_at <= $2 \
                     RETURNING {COLUMNS}"
                );
                let mut rows: Vec<QueuedMail> = sqlx::query_as(&sql)
                    .bind(lease_until)
                    .bind(now)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
                Ok(rows)
            }

            async fn mark_sent(&self, id: &str, sent_at: i64) -> StoreResult<()> {
                sqlx::query("UPDATE mail_queue SET sent_at = $1 WHERE id = $2")
                    .bind(sent_at)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn mark_failed(
                &self,
                id: &str,
                attempts: i32,
                next_attempt_at: i64,
                error: &str,
            ) -> StoreResult<()> {
                sqlx::query(
                    "UPDATE mail_queue SET attempts = $1, next_attempt_at = $2, last_error = $3 \
                     WHERE id = $4",
                )
                .bind(attempts)
                .bind(next_attempt_at)
                .bind(error)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn get(&self, id: &str) -> StoreResult<Option<QueuedMail>> {
                let sql = format!("SELECT {COLUMNS} FROM mail_queue WHERE id = $1");
                Ok(sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }
        }
    };
}

impl_mail_queue!(PgMailQueue);
impl_mail_queue!(SqliteMailQueue);
