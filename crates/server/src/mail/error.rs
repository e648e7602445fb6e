//! What can go wrong in the mail module before a delivery is attempted.
//! Delivery failures themselves are not errors to the caller: they are recorded on
//! the queued row and retried.

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail queue: {0}")]
    Queue(#[from] crate::store::StoreError),
    /// A recipient or sender that is no mail address; refused before queuing, so the
    /// queue never holds a message that could never be sent.
    #[error("invalid mail address {0:?}: {1}")]
    InvalidAddress(String, lettre::address::AddressError),
    /// Headers lettre refuses (it checks what it was given; should not happen).
    #[error("cannot build the message: {0}")]
    Build(String),
    /// The SMTP settings cannot make a transport (for example a bad TLS host name).
    #[error("SMTP settings: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

pub type MailResult<T> = Result<T, MailError>;
