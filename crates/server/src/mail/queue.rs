//! The mail queue table behind one interface. A request only inserts a row; the
//! worker claims due rows, delivers them and records the outcome. Rows are never
//! deleted: a sent row keeps `sent_at`, a failing one its attempts and last error.

use std::sync::Arc;

use async_trait::async_trait;

use super::error::MailResult;
use super::queue_postgres::PgMailQueue;
use super::queue_sqlite::SqliteMailQueue;

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
    async fn enqueue(&self, mail: &QueuedMail) -> MailResult<()>;
    /// Claims up to `limit` unsent rows due at `now`, oldest due first, by moving
    /// their `next_attempt_at` to `lease_until` in the same statement. Workers of
    /// several servers on one database thus never take the same row at once, and a
    /// row whose worker died mid-delivery becomes due again when the lease ends.
    async fn claim_due(
        &self,
        now: i64,
        lease_until: i64,
        limit: i64,
    ) -> MailResult<Vec<QueuedMail>>;
    async fn mark_sent(&self, id: &str, sent_at: i64) -> MailResult<()>;
    /// Records a failed delivery; the row is tried again at `next_attempt_at`.
    async fn mark_failed(
        &self,
        id: &str,
        attempts: i32,
        next_attempt_at: i64,
        error: &str,
    ) -> MailResult<()>;
    async fn get(&self, id: &str) -> MailResult<Option<QueuedMail>>;
}

/// Opens a small pool of its own on the server's database (`sqlite://…` or
/// `postgres://…`). It does not migrate: the store's start-up migration creates
/// `mail_queue`, so open the store first.
pub async fn open(database_url: &str) -> MailResult<Arc<dyn MailQueue>> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        Ok(Arc::new(PgMailQueue::connect(database_url).await?))
    } else {
        Ok(Arc::new(SqliteMailQueue::connect(database_url).await?))
    }
}
