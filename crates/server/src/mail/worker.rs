//! The background task that empties the queue: it wakes on every enqueue and
//! polls every second besides, so retries and rows queued by another server
//! instance go out without anyone asking.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::task::JoinHandle;

use super::mailer::Mailer;

const POLL: Duration = Duration::from_secs(1);

impl Mailer {
    /// Starts delivering until `shutdown` completes. A message being sent then is
    /// finished and recorded (so it is not sent twice); the rest wait in the queue
    /// for the next start. Await the handle to know the worker has stopped.
    pub fn spawn_worker(
        &self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> JoinHandle<()> {
        let stop = Arc::new(AtomicBool::new(false));
        let watcher = (self.clone(), stop.clone());
        tokio::spawn(async move {
            shutdown.await;
            watcher.1.store(true, Ordering::SeqCst);
            watcher.0.wake();
        });
        let mailer = self.clone();
        tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                if let Err(error) = mailer.deliver_until(&stop).await {
                    tracing::error!(%error, "mail queue unavailable; will retry");
                }
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                tokio::select! {
                    _ = tokio::time::sleep(POLL) => {}
                    _ = mailer.woken() => {}
                }
            }
            tracing::debug!("mail worker stopped");
        })
    }
}
