//! The one error type of the HTTP layer, written as Logto's error body.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tenantry_api_types::ErrorBody;

use crate::store::{StoreError, UniqueField};

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

    /// 404 `entity.not_found` (a missing user, as Logto reports it).
    pub fn user_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "entity.not_found",
            "The user does not exist.",
        )
    }

    /// 404 `entity.not_exists_with_id` (a missing role, organization, application, …).
    pub fn not_exists_with_id(entity: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "entity.not_exists_with_id",
            format!("The {entity} with ID `{id}` does not exist."),
        )
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
        match error {
            StoreError::Unique(field) => unique_violation(field),
            StoreError::ForeignKey => ApiError::new(
                StatusCode::NOT_FOUND,
                "entity.relation_foreign_key_not_found",
                "A referenced entity does not exist.",
            ),
            StoreError::InvalidSearch(why) => {
                ApiError::new(StatusCode::BAD_REQUEST, "request.invalid_input", why)
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// 422 `user.*_already_in_use` for a taken username, email or phone.
pub fn unique_violation(field: UniqueField) -> ApiError {
    let (code, what) = match field {
        UniqueField::Username => ("user.username_already_in_use", "username"),
        UniqueField::Email => ("user.email_already_in_use", "email"),
        UniqueField::Phone => ("user.phone_already_in_use", "phone number"),
    };
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        code,
        format!("This {what} is already in use."),
    )
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
                let body = ErrorBody {
                    code: code.into(),
                    message,
                    data,
                    details,
                };
                let mut response = (status, Json(body)).into_response();
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
