//! The queue on the embedded SQLite file, through a pool apart from the store's:
//! delivery is rare and slow, so it never takes a connection requests need.

use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use super::error::MailResult;
use super::queue::QueuedMail;
use super::queue_sql::{COLUMNS, impl_mail_queue};

pub struct SqliteMailQueue {
    pool: SqlitePool,
}

impl SqliteMailQueue {
    /// The file must exist: the store creates and migrates it.
    pub async fn connect(url: &str) -> MailResult<Self> {
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

impl_mail_queue!(SqliteMailQueue);
