//! Password recovery routes: the admin-triggered one behind the Management API token,
//! and the two public ones (self-service request, reset) behind strict rate limits.

use axum::Json;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use tenantry_api_types::{ErrorBody, PasswordResetRequest, RecoverPasswordRequest, StatusResponse};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::path::ApiPath;
use super::{user_agent, user_id};
use crate::domain::audit::{self, Entry};
use crate::domain::password_recovery;
use crate::error::{ApiError, ApiResult};
use crate::rate_limit::{ClientIp, limit_public};
use crate::state::AppState;

/// Behind the Management API token.
pub fn management_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(recover_by_admin))
}

/// Public: no token, a strict per-IP limit.
pub fn public_router(state: AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(recover_by_user))
        .routes(routes!(reset_password))
        .route_layer(middleware::from_fn_with_state(
            state.rate_limiter.clone(),
            limit_public,
        ))
}

/// Mail the user a single-use reset link (valid one hour).
#[utoipa::path(post, path = "/api/users/{userId}/recover-password", operation_id = "User.RecoverPassword", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 200, body = StatusResponse), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "user.email_missing")))]
async fn recover_by_admin(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<StatusResponse>> {
    password_recovery::recover_by_admin(&state, user_id(&id)?).await?;
    Ok(Json(StatusResponse::success()))
}

/// Self-service: always the same answer, whether or not a user has this email.
#[utoipa::path(post, path = "/api/recover-password", tag = "Password recovery", request_body = RecoverPasswordRequest,
    responses((status = 200, body = StatusResponse), (status = 429, body = ErrorBody)))]
async fn recover_by_user(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<RecoverPasswordRequest>,
) -> Response {
    // Each mail address may be asked for only so often from one source; another
    // source has its own budget, so nobody can block a user's own recovery.
    let source = ip.as_ref().map_or("unknown", |Extension(ip)| ip.0.as_str());
    let email_key = format!("email:{}@{source}", body.email.to_lowercase());
    if let Err(retry) = state.rate_limiter.check_token_failures(&email_key).await {
        return retry.into_response();
    }
    state.rate_limiter.record_token_failure(&email_key).await;
    let matched =
        password_recovery::recover_by_user(&state, &body.email, body.username.as_deref()).await;
    let entry = Entry {
        key: "PasswordRecovery.Request".into(),
        ok: matches!(matched, Ok(Some(_))),
        user_id: matched.as_ref().ok().cloned().flatten(),
        ip: ip.map(|Extension(ip)| ip.0),
        user_agent: user_agent(&headers),
        ..Entry::default()
    };
    audit::record(&state, entry).await;
    if let Err(error) = matched {
        tracing::warn!(?error, "password recovery lookup failed");
    }
    (StatusCode::OK, Json(StatusResponse::success())).into_response()
}

/// Set a new password with the token from the mailed link.
#[utoipa::path(post, path = "/api/password-reset", tag = "Password recovery", request_body = PasswordResetRequest,
    responses((status = 200, body = StatusResponse),
        (status = 400, body = ErrorBody, description = "password_reset.invalid_token or guard.invalid_input"),
        (status = 429, body = ErrorBody)))]
async fn reset_password(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PasswordResetRequest>,
) -> ApiResult<Json<StatusResponse>> {
    let result = password_recovery::reset(&state, &body.token, body.password)
        .await
        .map_err(ApiError::from);
    let entry = Entry {
        key: "PasswordRecovery.Reset".into(),
        ok: result.is_ok(),
        error_code: result
            .as_ref()
            .err()
            .and_then(ApiError::code)
            .map(str::to_owned),
        user_id: result.as_ref().ok().cloned(),
        ip: ip.map(|Extension(ip)| ip.0),
        user_agent: user_agent(&headers),
        ..Entry::default()
    };
    audit::record(&state, entry).await;
    result.map(|_| Json(StatusResponse::success()))
}
