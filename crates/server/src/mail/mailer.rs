//! The handle the application holds: `enqueue` is all a request does; the worker
//! (see `worker.rs`) calls `deliver_due`.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use lettre::message::Mailbox;
use tokio::sync::Notify;

use super::config::MailConfig;
use super::error::MailResult;
use super::message::{self, Mail, MailContent};
use super::retry::backoff;
use super::transport::Transport;
use crate::clock::{Clock, SystemClock};
use crate::store::{MailQueue, QueuedMail, open_mail_queue};

/// How long a claimed row stays reserved for its worker: far longer than one SMTP
/// exchange (30 s timeout), so only a worker that died gives its rows up.
const LEASE: Duration = Duration::from_secs(10 * 60);

/// Cheap to clone; every clone shares the queue, the transport and the wake-up.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    queue: Arc<dyn MailQueue>,
    transport: Transport,
    from: Mailbox,
    config: MailConfig,
    clock: Arc<dyn Clock>,
    /// Wakes the worker when a message is queued, so it goes out at once.
    wake: Notify,
}

impl Mailer {
    /// Opens the queue on the server's (already migrated) database with the wall clock.
    pub async fn connect(
        database_url: &str,
        config: &MailConfig,
        data_dir: &Path,
    ) -> MailResult<Self> {
        let queue = open_mail_queue(database_url).await?;
        Self::new(queue, config, data_dir, Arc::new(SystemClock))
    }

    /// Checks the sender address and the SMTP settings now, not at the first delivery.
    pub fn new(
        queue: Arc<dyn MailQueue>,
        config: &MailConfig,
        data_dir: &Path,
        clock: Arc<dyn Clock>,
    ) -> MailResult<Self> {
        let inner = Inner {
            from: message::mailbox(&config.mail_from)?,
            transport: Transport::new(config, data_dir)?,
            config: config.clone(),
            queue,
            clock,
            wake: Notify::new(),
        };
        Ok(Self {
            inner: Arc::new(inner),
        })
    }

    pub fn config(&self) -> &MailConfig {
        &self.inner.config
    }

    pub fn queue(&self) -> &Arc<dyn MailQueue> {
        &self.inner.queue
    }

    /// Queues a message for delivery and returns its id. Fails only if the recipient
    /// is no mail address or the database refuses the row; delivery comes later.
    pub async fn enqueue(&self, mail: &Mail) -> MailResult<String> {
        message::mailbox(&mail.to)?;
        let now = self.inner.clock.now_ms();
        let MailContent {
            subject,
            text,
            html,
        } = mail.content.clone();
        let row = QueuedMail {
            id: crate::ids::new_id(),
            recipient: mail.to.clone(),
            subject,
            text_body: text,
            html_body: html,
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            last_error: None,
            sent_at: None,
        };
        self.inner.queue.enqueue(&row).await?;
        self.wake();
        Ok(row.id)
    }

    /// Makes the worker look at the queue now rather than at its next poll.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    pub(super) async fn woken(&self) {
        self.inner.wake.notified().await
    }

    /// Delivers every message due now, one at a time; returns how many went out.
    pub async fn deliver_due(&self) -> MailResult<usize> {
        self.deliver_until(&AtomicBool::new(false)).await
    }

    /// As `deliver_due`, stopping between messages once `stop` is set. Rows are
    /// claimed one by one, so stopping leaves none reserved.
    pub(super) async fn deliver_until(&self, stop: &AtomicBool) -> MailResult<usize> {
        let mut delivered = 0;
        while !stop.load(Ordering::SeqCst) {
            let now = self.inner.clock.now_ms();
            let lease_until = now + LEASE.as_millis() as i64;
            let Some(row) = self.inner.queue.claim_due(now, lease_until, 1).await?.pop() else {
                break;
            };
            if self.deliver(&row).await? {
                delivered += 1;
            }
        }
        Ok(delivered)
    }

    /// Sends one claimed row and records the outcome; true when it went out.
    async fn deliver(&self, row: &QueuedMail) -> MailResult<bool> {
        let outcome = match message::build(&self.inner.from, row) {
            Ok(message) => self.inner.transport.deliver(&row.id, message).await,
            Err(e) => Err(e.to_string()),
        };
        let now = self.inner.clock.now_ms();
        match outcome {
            Ok(()) => {
                self.inner.queue.mark_sent(&row.id, now).await?;
                tracing::info!(mail_id = %row.id, attempts = row.attempts + 1, "mail sent");
                Ok(true)
            }
            Err(error) => {
                let attempts = row.attempts.saturating_add(1);
                let retry_at = now + backoff(attempts).as_millis() as i64;
                self.inner
                    .queue
                    .mark_failed(&row.id, attempts, retry_at, &error)
                    .await?;
                tracing::warn!(mail_id = %row.id, attempts, %error, "mail delivery failed; will retry");
                Ok(false)
            }
        }
    }
}
