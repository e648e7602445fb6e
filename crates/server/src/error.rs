//! The one error type of the HTTP layer, written as Logto's error body.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tenantry_api_types::ErrorBody;

use crate::domain::error::DomainError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A Logto error with its status and code.
    #[error("{code}: {message}")]
    Coded {
        status: StatusCode,
        code: &'static str,
        message: String,
        details: Option<String>,
        data: Option<serde_json::Value>,
    },
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Coded {
            status,
            code,
            message: message.into(),
            details: None,
            data: None,
        }
    }

    /// Adds Logto's `data` field (for example when a lock ends).
    pub fn with_data(mut self, value: serde_json::Value) -> Self {
        if let ApiError::Coded { data, .. } = &mut self {
            *data = Some(value);
        }
        self
    }

    /// 400 `guard.invalid_input`, with the problem in `details`.
    pub fn invalid_input(details: impl Into<String>) -> Self {
        ApiError::Coded {
            status: StatusCode::BAD_REQUEST,
            code: "guard.invalid_input",
            message: "The request input is invalid.".into(),
            details: Some(details.into()),
            data: None,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Coded { status, .. } => *status,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> Option<&'static str> {
        match self {
            ApiError::Coded { code, .. } => Some(code),
            ApiError::Internal(_) => None,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        DomainError::from(error).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Coded {
                status,
                code,
                message,
                details,
                data,
            } => {
                if status.is_server_error() {
                    tracing::error!(code, %message, "request failed");
                } else {
                    tracing::info!(status = status.as_u16(), code, "request refused");
                }
                // A refusal that says how long to wait says it in `Retry-After` too.
                let retry_after = data
                    .as_ref()
                    .and_then(|data| data.get("retryAfter")?.as_u64());
                let body = ErrorBody {
                    code: code.into(),
                    message,
                    data,
                    details,
                };
                let mut response = (status, Json(body)).into_response();
                if let Some(secs) = retry_after {
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
                }
                response.extensions_mut().insert(ErrorCode(code));
                response
            }
            ApiError::Internal(detail) => {
                // The detail may name tables or values: log it, never send it.
                tracing::error!(%detail, "internal error");
                let body = serde_json::json!({ "message": "Internal server error." });
                let mut response = (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response();
                response
                    .extensions_mut()
                    .insert(ErrorCode("internal_error"));
                response
            }
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The error code of a refused request, left on the response for the audit log.
#[derive(Debug, Clone, Copy)]
pub struct ErrorCode(pub &'static str);
