//! Outgoing mail: messages are queued in the database by the request that makes
//! them, then delivered by a background worker through SMTP (or, without SMTP
//! settings, into `<data-dir>/outbox/`). Failed deliveries stay queued and are
//! retried with backoff, so a mail server outage or a restart loses nothing.
//!
//! Wiring: `MailConfig` is flattened into the server's flags; after the store has
//! migrated the database, `Mailer::connect` opens the queue, `spawn_worker` runs
//! delivery until shutdown, and handlers call `enqueue` with a template's content.

mod config;
mod error;
mod mailer;
mod message;
mod retry;
pub mod templates;
mod transport;
mod worker;

pub use config::{MailConfig, SmtpTls};
pub use error::{MailError, MailResult};
pub use mailer::Mailer;
pub use message::{Mail, MailContent};
pub use retry::backoff;

/// The queue's table lives in the store, like every other table.
pub use crate::store::{MailQueue, QueuedMail, open_mail_queue as open_queue};
