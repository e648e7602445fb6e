//! A JSON body extractor whose rejections are Logto error bodies.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;

/// A JSON object body read into `T`. Arrays are refused (serde would otherwise read
/// them as structs, field by field), and so are strings holding NUL, which
/// PostgreSQL cannot store.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<Value>::from_request(request, state)
            .await
            .map_err(reject)?;
        if !value.is_object() {
            return Err(ApiError::invalid_input("the body must be a JSON object"));
        }
        if holds_nul(&value) {
            return Err(ApiError::invalid_input(
                "text must not contain NUL characters",
            ));
        }
        serde_json::from_value(value)
            .map(ApiJson)
            .map_err(|e| ApiError::invalid_input(e.to_string()))
    }
}

fn holds_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(holds_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

fn reject(rejection: JsonRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request.payload_too_large",
            "The request body is too large.",
        );
    }
    ApiError::invalid_input(rejection.body_text())
}
