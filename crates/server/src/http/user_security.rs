//! Password checks and unlocking: `/api/users/{userId}/password/verify` and `/unlock`.

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tenantry_api_types::{ErrorBody, PasswordBody};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::path::ApiPath;
use super::user_id;
use crate::domain::password_checks;
use crate::error::{ApiError, ApiResult};
use crate::rate_limit::ClientIp;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify_password))
        .routes(routes!(unlock))
}

/// Check a password. Failures count towards the address's throttle and the account lock.
#[utoipa::path(post, path = "/api/users/{userId}/password/verify", operation_id = "User.VerifyPassword", tag = "Users", request_body = PasswordBody,
    params(("userId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "session.invalid_credentials or user.suspended"),
        (status = 423, body = ErrorBody, description = "user.locked; data.lockedUntil says until when"),
        (status = 429, body = ErrorBody, description = "user.too_many_attempts from this address; Retry-After and data.retryAfter say how long")))]
async fn verify_password(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Response {
    // The caller's address: the edge's forwarded one when the edge calls (trusted only
    // from the edge's application), else the peer's.
    let source = ip.map_or_else(|| "unknown".to_owned(), |Extension(ip)| ip.0);
    let id = match user_id(&id) {
        Ok(id) => id,
        Err(error) => return error.into_response(),
    };
    match password_checks::verify_password(&state, id, body.password, &source).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// Lift a lock and clear the failure count (Tenantry, beyond Logto).
#[utoipa::path(post, path = "/api/users/{userId}/unlock", operation_id = "User.Unlock", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 200, body = Object, description = r#"{"status":"success"}"#), (status = 404, body = ErrorBody)))]
async fn unlock(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    password_checks::unlock(&state, user_id(&id)?).await?;
    Ok(Json(json!({ "status": "success" })))
}
