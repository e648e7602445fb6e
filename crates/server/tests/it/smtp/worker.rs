//! Driving the mail worker from a test: start and stop it, and wait for a queued
//! row to change, since the worker runs on its own schedule.

use std::time::Duration;

use tenantry_server::mail::{Mailer, QueuedMail};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running worker and the means to stop it.
pub struct Worker(Option<oneshot::Sender<()>>, JoinHandle<()>);

impl Worker {
    pub fn start(mailer: &Mailer) -> Self {
        let (stop, stopped) = oneshot::channel::<()>();
        Worker(
            Some(stop),
            mailer.spawn_worker(async {
                let _ = stopped.await;
            }),
        )
    }

    pub async fn stop(mut self) {
        let _ = self.0.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(10), &mut self.1)
            .await
            .expect("worker stops promptly")
            .unwrap();
    }
}

pub async fn row(mailer: &Mailer, id: &str) -> QueuedMail {
    mailer.queue().get(id).await.unwrap().expect("row kept")
}

/// Waits until the row satisfies `done` (the worker runs on its own schedule).
pub async fn wait_row(mailer: &Mailer, id: &str, done: impl Fn(&QueuedMail) -> bool) -> QueuedMail {
    for _ in 0..400 {
        let row = row(mailer, id).await;
        if done(&row) {
            return row;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "row {id} never reached the expected state: {:?}",
        row(mailer, id).await
    );
}
