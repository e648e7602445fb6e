//! Telling the other server instances on the same database what changed, so their
//! in-memory state follows: PostgreSQL's `LISTEN`/`NOTIFY`. A SQLite file has one
//! server, so there is no one to tell.
//!
//! Also what the instances count together: the rate-limit buckets.

use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::mpsc::UnboundedReceiver;

use super::StoreResult;
use super::rate_buckets::BucketTable;

/// The channel on which instances announce changed applications and secrets.
pub const CLIENT_CHANNEL: &str = "tenantry_clients";

/// What a listener hears about applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientChange {
    /// This application, or one of its secrets, changed or is gone.
    One(String),
    /// The listener lost its connection and may have missed changes: reload them all.
    All,
}

#[async_trait]
pub trait ChangeStore: Send + Sync {
    /// Tells every instance (this one too) that the application or its secrets changed.
    async fn announce_client_change(&self, client_id: &str) -> StoreResult<()>;
    /// The changes any instance announces from now on; `None` when no other instance
    /// can share the database.
    async fn client_changes(&self) -> StoreResult<Option<UnboundedReceiver<ClientChange>>>;
    /// The rate-limit buckets every instance counts against; `None` when no other
    /// instance can share the database.
    fn shared_buckets(&self) -> Option<Arc<dyn BucketTable>>;
}
