//! A message as the application writes it, and as RFC 5322 text for delivery.

use std::time::{Duration, SystemTime};

use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

use super::error::{MailError, MailResult};
use crate::store::QueuedMail;

/// What a template produces: the same words as plain text and as HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl MailContent {
    /// Addresses the content to `to` (`jane@example.com` or `Jane <jane@example.com>`).
    pub fn to(self, to: impl Into<String>) -> Mail {
        Mail {
            to: to.into(),
            content: self,
        }
    }
}

/// One message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub content: MailContent,
}

/// Parses an address, naming it in the error.
pub fn mailbox(address: &str) -> MailResult<Mailbox> {
    address
        .parse()
        .map_err(|e| MailError::InvalidAddress(address.to_owned(), e))
}

/// The message as sent: `multipart/alternative`, plain text first so clients that
/// cannot show HTML show the text. Built from the queued row at each attempt, with
/// the same `Message-ID` every time, so a receiver can drop a copy sent twice (after
/// a crash between sending and recording it), and the `Date` it was queued.
pub fn build(from: &Mailbox, row: &QueuedMail) -> MailResult<Message> {
    let queued_at = SystemTime::UNIX_EPOCH + Duration::from_millis(row.created_at.max(0) as u64);
    Message::builder()
        .from(from.clone())
        .to(mailbox(&row.recipient)?)
        .subject(&row.subject)
        .date(queued_at)
        .message_id(Some(format!("<{}@{}>", row.id, from.email.domain())))
        .multipart(MultiPart::alternative_plain_html(
            row.text_body.clone(),
            row.html_body.clone(),
        ))
        .map_err(|e| MailError::Build(e.to_string()))
}
