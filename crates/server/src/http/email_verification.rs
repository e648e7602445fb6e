//! `/api/users/{userId}/email-verification`: changing a primary email by proving the
//! new address with a mailed code (Tenantry, beyond Logto).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use tenantry_api_types::{EmailVerificationConfirm, EmailVerificationRequest, ErrorBody, User};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::path::ApiPath;
use super::user_id;
use crate::domain::email_verification;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start))
        .routes(routes!(confirm))
}

/// Mail a 6-digit code to the new address (one a minute; valid 10 minutes).
#[utoipa::path(post, path = "/api/users/{userId}/email-verification", operation_id = "User.SendEmailVerification", tag = "Users",
    request_body = EmailVerificationRequest, params(("userId" = String, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "user.email_already_in_use"),
        (status = 429, body = ErrorBody, description = "verification_code.too_many_requests")))]
async fn start(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<EmailVerificationRequest>,
) -> ApiResult<StatusCode> {
    email_verification::start(&state, user_id(&id)?, &body.email).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The mailed code: the address becomes the user's primary email, recorded as verified.
#[utoipa::path(post, path = "/api/users/{userId}/email-verification/confirm", operation_id = "User.ConfirmEmail", tag = "Users",
    request_body = EmailVerificationConfirm, params(("userId" = String, Path)),
    responses((status = 200, body = User), (status = 404, body = ErrorBody),
        (status = 400, body = ErrorBody, description = "verification_code.not_found, .expired, .code_mismatch or .exceed_max_try")))]
async fn confirm(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<EmailVerificationConfirm>,
) -> ApiResult<Json<User>> {
    let user = email_verification::confirm(&state, user_id(&id)?, &body.code).await?;
    Ok(Json(user))
}
