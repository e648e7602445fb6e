//! Audit log rows: written after each action, read newest first.

use async_trait::async_trait;
use sqlx::FromRow;

use super::user_search_sql::Bind;
use super::{StoreResult, Window};

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct LogRecord {
    pub id: String,
    pub key: String,
    /// Serialized JSON object.
    pub payload: String,
    pub user_id: Option<String>,
    pub application_id: Option<String>,
    pub created_at: i64,
}

/// `GET /api/logs` filters; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogFilter {
    pub user_id: Option<String>,
    pub application_id: Option<String>,
    pub key: Option<String>,
    pub start_time: Option<i64>,
    pub end_time: Option<i64>,
}

#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Writes the rows in one transaction (one commit for many concurrent requests).
    async fn insert_logs(&self, logs: &[LogRecord]) -> StoreResult<()>;
    async fn log(&self, id: &str) -> StoreResult<Option<LogRecord>>;
    async fn logs(&self, filter: &LogFilter, window: Window) -> StoreResult<(Vec<LogRecord>, i64)>;
}

/// The WHERE clause of a log filter, with its binds; `$n` placeholders on both backends.
pub(super) fn log_conditions(filter: &LogFilter) -> (String, Vec<Bind>) {
    let mut conditions = Vec::new();
    let mut binds = Vec::new();
    let mut add = |sql: &str, bind: Bind| {
        binds.push(bind);
        conditions.push(sql.replace('?', &format!("${}", binds.len())));
    };
    if let Some(v) = &filter.user_id {
        add("user_id = ?", Bind::Text(v.clone()));
    }
    if let Some(v) = &filter.application_id {
        add("application_id = ?", Bind::Text(v.clone()));
    }
    if let Some(v) = &filter.key {
        add("key = ?", Bind::Text(v.clone()));
    }
    if let Some(v) = filter.start_time {
        add("created_at >= ?", Bind::Int(v));
    }
    if let Some(v) = filter.end_time {
        add("created_at <= ?", Bind::Int(v));
    }
    let sql = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    (sql, binds)
}

macro_rules! impl_audit_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::AuditStore for $store {
            async fn insert_logs(&self, logs: &[LogRecord]) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                for log in logs {
                    sqlx::query(
                        "INSERT INTO logs (id, key, payload, user_id, application_id, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&log.id).bind(&log.key).bind(&log.payload)
                    .bind(&log.user_id).bind(&log.application_id).bind(log.created_at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn log(&self, id: &str) -> StoreResult<Option<LogRecord>> {
                let mut conn = self.pool.acquire().await?;
                Ok(sqlx::query_as(
                    "SELECT id, key, payload, user_id, application_id, created_at FROM logs WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?)
            }

            async fn logs(&self, filter: &LogFilter, window: Window) -> StoreResult<(Vec<LogRecord>, i64)> {
                let (conditions, binds) = $crate::store::audit::log_conditions(filter);
                let from = format!("FROM logs {conditions}");
                let columns = "id, key, payload, user_id, application_id, created_at";
                let mut conn = self.pool.acquire().await?;
                Ok($crate::store::paged::page_and_total!(conn, LogRecord, columns, from, "created_at DESC, seq DESC", &binds, window)?)
            }
        }
    };
}

pub(super) use impl_audit_store;
