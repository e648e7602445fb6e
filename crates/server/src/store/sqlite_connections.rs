//! A small pool of SQLite connections.
//!
//! sqlx's own pool pings every connection when it is released (a round trip to the
//! connection's worker thread, in a spawned task), which doubles the cost of a
//! primary-key lookup. A local file needs no liveness check, so this pool simply
//! hands connections out and takes them back.

use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use tokio::sync::{Semaphore, SemaphorePermit};

pub struct SqliteConnections {
    options: SqliteConnectOptions,
    idle: Mutex<Vec<SqliteConnection>>,
    permits: Semaphore,
}

impl SqliteConnections {
    pub fn new(options: SqliteConnectOptions, size: usize) -> Self {
        Self {
            options,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(size),
        }
    }

    /// Waits for a free slot, then reuses an idle connection or opens one.
    pub async fn acquire(&self) -> Result<Lease<'_>, sqlx::Error> {
        let permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let connection = match idle {
            Some(connection) => connection,
            None => self.options.connect().await?,
        };
        Ok(Lease {
            connection: Some(connection),
            pool: self,
            _permit: permit,
        })
    }
}

/// A borrowed connection, returned to the pool when dropped.
pub struct Lease<'a> {
    connection: Option<SqliteConnection>,
    pool: &'a SqliteConnections,
    _permit: SemaphorePermit<'a>,
}

impl Deref for Lease<'_> {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        self.connection.as_ref().expect("present until dropped")
    }
}

impl DerefMut for Lease<'_> {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        self.connection.as_mut().expect("present until dropped")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        // A transaction dropped unfinished has queued its rollback on the connection,
        // which runs before the next statement; the connection stays usable.
        if let Some(connection) = self.connection.take() {
            self.pool
                .idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(connection);
        }
    }
}
