//! The public `POST /api/invitations/{id}/accept`: no bearer token, the strict per-IP
//! limit of the public routes, and an audit row for every attempt.

use axum::Json;
use axum::extract::{Extension, State};
use axum::http::HeaderMap;
use axum::middleware;
use serde_json::json;
use tenantry_api_types::{AcceptInvitation, AcceptedInvitation, ErrorBody};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::path::ApiPath;
use super::user_agent;
use crate::domain::audit::{self, Entry};
use crate::domain::invitation_accept;
use crate::error::{ApiError, ApiResult};
use crate::rate_limit::{ClientIp, limit_public};
use crate::state::AppState;

pub fn public_router(state: AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(accept_invitation))
        .route_layer(middleware::from_fn_with_state(
            state.rate_limiter.clone(),
            limit_public,
        ))
}

/// Accept a mailed invitation with its token. Without an account for the invitee's
/// email, one is made (then `password` is required); an existing account joins only
/// with its own `password`. The user joins the organization with the invited roles.
#[utoipa::path(post, path = "/api/invitations/{id}/accept", tag = "Organization invitations",
    params(("id" = String, Path)), request_body = AcceptInvitation,
    responses((status = 200, body = AcceptedInvitation),
        (status = 400, body = ErrorBody, description = "invitation.invalid_token, guard.invalid_input"),
        (status = 422, body = ErrorBody, description = "invitation.expired, invitation.sign_in_required, session.invalid_credentials, user.email_already_in_use"),
        (status = 429, body = ErrorBody)))]
async fn accept_invitation(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<AcceptInvitation>,
) -> ApiResult<Json<AcceptedInvitation>> {
    let source = ip.as_ref().map_or("unknown", |Extension(ip)| ip.0.as_str());
    let result = invitation_accept::accept(&state, &id, body, source)
        .await
        .map_err(ApiError::from);
    // The path is the caller's input: keep the log row small.
    let shown: String = id.chars().take(64).collect();
    let mut extra = json!({ "invitationId": shown });
    if let Ok(accepted) = &result {
        extra["organizationId"] = json!(accepted.organization_id);
        extra["isNewUser"] = json!(accepted.is_new_user);
    }
    let entry = Entry {
        key: "Invitation.Accept".into(),
        ok: result.is_ok(),
        error_code: result
            .as_ref()
            .err()
            .and_then(ApiError::code)
            .map(str::to_owned),
        user_id: result.as_ref().ok().map(|a| a.user_id.clone()),
        ip: ip.map(|Extension(ip)| ip.0),
        user_agent: user_agent(&headers),
        extra: extra.as_object().cloned().unwrap_or_default(),
        ..Entry::default()
    };
    audit::record(&state, entry).await;
    result.map(Json)
}
