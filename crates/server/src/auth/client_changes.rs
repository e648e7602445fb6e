//! Keeps this instance's live-client set in step with what other instances on the
//! same database change (applications and secrets created, changed or deleted), so a
//! deleted application's token is refused everywhere at once, and a new one's
//! accepted everywhere.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedReceiver;

use super::LiveClients;
use crate::clock::Clock;
use crate::store::{ClientChange, Store};

/// Applies each change heard, until the listener ends.
pub fn follow(
    mut heard: UnboundedReceiver<ClientChange>,
    store: Arc<dyn Store>,
    live: Arc<LiveClients>,
    clock: Arc<dyn Clock>,
) {
    tokio::spawn(async move {
        while let Some(change) = heard.recv().await {
            let now = clock.now_ms();
            let applied = match &change {
                ClientChange::One(id) => live.reload(store.as_ref(), id, now).await,
                ClientChange::All => live.reload_all(store.as_ref(), now).await,
            };
            if let Err(error) = applied {
                tracing::warn!(%error, ?change, "could not follow an application change");
            }
        }
    });
}
