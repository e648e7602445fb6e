//! Every way a call to the edge can fail, as one typed error.

use std::fmt;

use tenantry_api_types::ErrorBody;

/// A failed call to the edge.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// An error status with Logto's error body `{code, message, data?}`.
    Api { status: u16, body: ErrorBody },
    /// An error status whose body is not the error body (a proxy's HTML page,
    /// an empty 502, plain text).
    Http { status: u16, text: String },
    /// A success status whose body could not be decoded as expected.
    Decode { status: u16, message: String },
    /// No answer at all: offline, connection refused, CORS, aborted.
    Network(String),
}

/// Longest part of a non-JSON error body kept for display.
const MAX_TEXT: usize = 200;

impl ApiError {
    /// Maps an error status and its body text to the typed error.
    pub fn from_status(status: u16, text: &str) -> Self {
        match serde_json::from_str::<ErrorBody>(text) {
            Ok(body) => ApiError::Api { status, body },
            Err(_) => ApiError::Http {
                status,
                text: text.trim().chars().take(MAX_TEXT).collect(),
            },
        }
    }

    /// The HTTP status, if an answer arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Api { status, .. }
            | ApiError::Http { status, .. }
            | ApiError::Decode { status, .. } => Some(*status),
            ApiError::Network(_) => None,
        }
    }

    /// Logto's error code (`user.locked`), when the body carried one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Api { body, .. } => Some(&body.code),
            _ => None,
        }
    }

    /// The error body's `data`, when it carried some.
    pub fn data(&self) -> Option<&serde_json::Value> {
        match self {
            ApiError::Api { body, .. } => body.data.as_ref(),
            _ => None,
        }
    }

    /// 401: the session is missing or expired.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }
}

impl fmt::Display for ApiError {
    /// A sentence to show the user.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Api { body, .. } => match &body.details {
                Some(details) if !details.is_empty() => write!(f, "{} ({details})", body.message),
                _ => f.write_str(&body.message),
            },
            ApiError::Http { status, text } if text.is_empty() || text.starts_with('<') => {
                write!(f, "The server answered with status {status}.")
            }
            ApiError::Http { status, text } => {
                write!(f, "The server answered with status {status}: {text}")
            }
            ApiError::Decode { message, .. } => {
                write!(f, "The server's answer could not be read: {message}")
            }
            ApiError::Network(message) => write!(f, "The server could not be reached: {message}"),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_body_keeps_code_message_and_data() {
        let err = ApiError::from_status(
            423,
            r#"{"code":"user.locked","message":"Locked.","data":{"lockedUntil":5}}"#,
        );
        assert_eq!(err.code(), Some("user.locked"));
        assert_eq!(err.status(), Some(423));
        assert_eq!(err.data().unwrap()["lockedUntil"], 5);
        assert_eq!(err.to_string(), "Locked.");
    }

    #[test]
    fn an_html_page_becomes_a_status_message() {
        let err = ApiError::from_status(502, "<html><body>Bad gateway</body></html>");
        assert_eq!(err.code(), None);
        assert_eq!(err.to_string(), "The server answered with status 502.");
    }

    #[test]
    fn plain_text_is_shown_and_cut() {
        let long = "x".repeat(500);
        let ApiError::Http { text, .. } = ApiError::from_status(500, &long) else {
            panic!("not an Http error");
        };
        assert_eq!(text.len(), MAX_TEXT);
    }
}
