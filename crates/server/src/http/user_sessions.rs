//! Edge sessions of a user (Tenantry, beyond Logto): the current epoch, "sign out
//! everywhere", and the check of the session the edge names on each request.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use tenantry_api_types::{ErrorBody, SESSION_HEADER, SessionEpoch};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::path::ApiPath;
use super::user_id;
use crate::domain::sessions;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session_epoch))
        .routes(routes!(revoke_sessions))
}

/// The user's session epoch, which the edge records in a session at sign-in.
#[utoipa::path(get, path = "/api/users/{userId}/sessions", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 200, body = SessionEpoch), (status = 404, body = ErrorBody)))]
async fn session_epoch(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<SessionEpoch>> {
    let epoch = sessions::epoch(&state, user_id(&id)?).await?;
    Ok(Json(SessionEpoch { epoch }))
}

/// Sign the user out everywhere: every edge session signed in before now ends at its
/// next request.
#[utoipa::path(post, path = "/api/users/{userId}/sessions/revoke", operation_id = "User.RevokeSessions", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn revoke_sessions(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    sessions::revoke(&state, user_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Runs after the bearer check: a request that names a session (`x-tenantry-session`)
/// is refused with 401 `session.revoked` unless that session is still current. The
/// header can only narrow what a token may do, so any client may send it.
pub async fn require_current_session(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if let Some(named) = request.headers().get(SESSION_HEADER) {
        sessions::check(&state, named.to_str().unwrap_or_default()).await?;
    }
    Ok(next.run(request).await)
}
