//! `ChangeStore` on PostgreSQL: `pg_notify` to announce, one `LISTEN` connection to hear,
//! and the rate-limit buckets in a table.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use sqlx::postgres::PgListener;
use tokio::sync::mpsc;

use super::StoreResult;
use super::changes::{CLIENT_CHANNEL, ChangeStore, ClientChange};
use super::postgres::PgStore;
use super::rate_buckets::{BucketTable, PgBuckets};

/// How long to wait before listening again after the listener failed.
const RETRY_AFTER: Duration = Duration::from_secs(1);

#[async_trait]
impl ChangeStore for PgStore {
    async fn announce_client_change(&self, client_id: &str) -> StoreResult<()> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CLIENT_CHANNEL)
            .bind(client_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn client_changes(&self) -> StoreResult<Option<mpsc::UnboundedReceiver<ClientChange>>> {
        let mut listener = PgListener::connect_with(&self.pool).await?;
        listener.listen(CLIENT_CHANNEL).await?;
        let (changes, heard) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            loop {
                // `try_recv` answers `None` once when the connection dropped, then
                // reconnects: notifications sent meanwhile are lost, so reload all.
                let change = match listener.try_recv().await {
                    Ok(Some(notice)) => ClientChange::One(notice.payload().to_owned()),
                    Ok(None) => ClientChange::All,
                    Err(error) => {
                        tracing::warn!(%error, "listening for application changes failed");
                        tokio::time::sleep(RETRY_AFTER).await;
                        ClientChange::All
                    }
                };
                if changes.send(change).is_err() {
                    return;
                }
            }
        });
        Ok(Some(heard))
    }

    fn shared_buckets(&self) -> Option<Arc<dyn BucketTable>> {
        Some(Arc::new(PgBuckets {
            pool: self.pool.clone(),
        }))
    }
}
