//! The queue on PostgreSQL, shared by every server instance on the database.

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use super::error::MailResult;
use super::queue::QueuedMail;
use super::queue_sql::{COLUMNS, impl_mail_queue};

pub struct PgMailQueue {
    pool: PgPool,
}

impl PgMailQueue {
    pub async fn connect(url: &str) -> MailResult<Self> {
        // Requests insert and the worker updates one row at a time: two connections do.
        let pool = PgPoolOptions::new().max_connections(2).connect(url).await?;
        Ok(Self { pool })
    }
}

impl_mail_queue!(PgMailQueue);
