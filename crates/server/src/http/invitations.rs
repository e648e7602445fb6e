//! `/api/organization-invitations`: Logto's organization invitation routes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use tenantry_api_types::{
    CreateInvitation, ErrorBody, InvitationStatus, InvitationStatusBody, OrganizationInvitation,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::audit::SubjectUser;
use crate::domain::invitations;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::InvitationFilter;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_invitations, create_invitation))
        .routes(routes!(get_invitation, delete_invitation))
        .routes(routes!(send_message))
        .routes(routes!(update_status))
}

/// Invitations, newest first. Without `page`/`page_size` the whole list (as Logto);
/// with them, one page and the `Total-Number` and `Link` headers (beyond Logto).
#[utoipa::path(get, path = "/api/organization-invitations", tag = "Organization invitations",
    params(
        ("organizationId" = Option<String>, Query),
        ("inviterId" = Option<String>, Query),
        ("invitee" = Option<String>, Query, description = "exact email, any case"),
        ("page" = Option<u64>, Query, description = "Tenantry: paginate when given"),
        ("page_size" = Option<u64>, Query, description = "Tenantry: paginate when given"),
    ),
    responses(
        (status = 200, body = Vec<OrganizationInvitation>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody),
    ))]
async fn list_invitations(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let param = |key: &str| {
        paged
            .pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let filter = InvitationFilter {
        organization_id: param("organizationId"),
        inviter_id: param("inviterId"),
        invitee: param("invitee"),
    };
    let paginated = param("page").is_some() || param("page_size").is_some();
    if !paginated {
        let (list, _) = invitations::list(&state, &filter, None).await?;
        return Ok(Json(list).into_response());
    }
    let (list, total) = invitations::list(&state, &filter, Some(paged.window())).await?;
    Ok(paged.respond(total, list))
}

/// Invite an email address; with `messagePayload` the invitation is mailed with a
/// single-use acceptance link.
#[utoipa::path(post, path = "/api/organization-invitations", tag = "Organization invitations",
    request_body = CreateInvitation,
    responses((status = 201, body = OrganizationInvitation),
        (status = 400, body = ErrorBody, description = "guard.invalid_input, request.invalid_input (expiresAt)"),
        (status = 422, body = ErrorBody, description = "request.invalid_input (already a member), entity.relation_foreign_key_not_found, entity.unique_integrity_violation"),
        (status = 429, body = ErrorBody, description = "too many mails to this address")))]
async fn create_invitation(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateInvitation>,
) -> Response {
    match invitations::create(&state, body).await {
        Ok(invitation) => (StatusCode::CREATED, Json(invitation)).into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

#[utoipa::path(get, path = "/api/organization-invitations/{id}", tag = "Organization invitations",
    params(("id" = String, Path)),
    responses((status = 200, body = OrganizationInvitation), (status = 404, body = ErrorBody)))]
async fn get_invitation(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<OrganizationInvitation>> {
    Ok(Json(invitations::get(&state, &id).await?))
}

#[utoipa::path(delete, path = "/api/organization-invitations/{id}", tag = "Organization invitations",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn delete_invitation(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    invitations::delete(&state, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mail the invitation again with a fresh link; the previous link stops working.
/// The body is Logto's message payload (an object).
#[utoipa::path(post, path = "/api/organization-invitations/{id}/message", operation_id = "OrganizationInvitation.SendMessage", tag = "Organization invitations",
    params(("id" = String, Path)), request_body = Object,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "request.invalid_input: not pending"),
        (status = 429, body = ErrorBody)))]
async fn send_message(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(_payload): ApiJson<Map<String, Value>>,
) -> Response {
    match invitations::resend(&state, &id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => ApiError::from(error).into_response(),
    }
}

/// Accept (for the user whose primary email is the invitee) or revoke.
#[utoipa::path(put, path = "/api/organization-invitations/{id}/status", operation_id = "OrganizationInvitation.UpdateStatus", tag = "Organization invitations",
    params(("id" = String, Path)), request_body = InvitationStatusBody,
    responses((status = 200, body = OrganizationInvitation), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "request.invalid_input: final status, email mismatch, no acceptedUserId")))]
async fn update_status(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<InvitationStatusBody>,
) -> ApiResult<Response> {
    let accepted_by = (body.status == InvitationStatus::Accepted)
        .then(|| body.accepted_user_id.clone())
        .flatten();
    let invitation = invitations::set_status(&state, &id, body).await?;
    let mut response = Json(invitation).into_response();
    if let Some(user_id) = accepted_by {
        // The audit row names the user who joined.
        response.extensions_mut().insert(SubjectUser(user_id));
    }
    Ok(response)
}
