//! Writes audit rows in batches: concurrent requests hand their rows to one task, which
//! commits them together, so a busy token endpoint pays one commit per batch instead
//! of one per request. Each request still waits until its row is written.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use crate::store::{LogRecord, Store};

/// Most rows committed together.
const BATCH: usize = 256;

type Job = (LogRecord, oneshot::Sender<()>);

#[derive(Clone)]
pub struct AuditWriter {
    jobs: mpsc::Sender<Job>,
}

impl AuditWriter {
    /// Starts the writing task; it ends when every `AuditWriter` clone is gone.
    pub fn spawn(store: Arc<dyn Store>) -> Self {
        let (jobs, queue) = mpsc::channel(4 * BATCH);
        tokio::spawn(write_batches(store, queue));
        AuditWriter { jobs }
    }

    /// Returns once the row is stored (or could not be: that is logged, not raised).
    pub async fn write(&self, log: LogRecord) {
        let (done, written) = oneshot::channel();
        if self.jobs.send((log, done)).await.is_err() {
            tracing::warn!("the audit writer has stopped; a row was not written");
            return;
        }
        let _ = written.await;
    }
}

async fn write_batches(store: Arc<dyn Store>, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut batch, BATCH).await > 0 {
        let (logs, acks): (Vec<LogRecord>, Vec<oneshot::Sender<()>>) = batch.drain(..).unzip();
        if let Err(error) = store.insert_logs(&logs).await {
            tracing::warn!(%error, rows = logs.len(), "could not write audit log rows");
        }
        for ack in acks {
            let _ = ack.send(());
        }
    }
}
