//! `/api/users/{userId}/roles` and `/api/users/{userId}/organizations`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{AddRolesResponse, ErrorBody, Role, RoleIdsBody, UserOrganization};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::pagination::Paged;
use super::path::ApiPath;
use super::user_id;
use crate::domain::{organization_members, user_roles};
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_roles, add_roles, replace_roles))
        .routes(routes!(remove_role))
        .routes(routes!(list_organizations))
}

#[utoipa::path(get, path = "/api/users/{userId}/roles", tag = "Users",
    params(("userId" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("search" = Option<String>, Query)),
    responses((status = 200, body = Vec<Role>), (status = 404, body = ErrorBody)))]
async fn list_roles(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let (roles, total) =
        user_roles::list(&state, user_id(&id)?, &paged.pairs, paged.window()).await?;
    Ok(paged.respond(total, roles))
}

#[utoipa::path(post, path = "/api/users/{userId}/roles", operation_id = "User.AssignRoles", tag = "Users", request_body = RoleIdsBody,
    params(("userId" = String, Path)),
    responses((status = 201, body = AddRolesResponse), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_roles(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RoleIdsBody>,
) -> ApiResult<(StatusCode, Json<AddRolesResponse>)> {
    let added = user_roles::add(&state, user_id(&id)?, &body.role_ids).await?;
    Ok((
        StatusCode::CREATED,
        Json(AddRolesResponse {
            role_ids: body.role_ids,
            added_role_ids: added,
        }),
    ))
}

/// Replace the user's roles.
#[utoipa::path(put, path = "/api/users/{userId}/roles", operation_id = "User.ReplaceRoles", tag = "Users", request_body = RoleIdsBody,
    params(("userId" = String, Path)),
    responses((status = 200), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn replace_roles(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RoleIdsBody>,
) -> ApiResult<Json<RoleIdsBody>> {
    user_roles::replace(&state, user_id(&id)?, &body.role_ids).await?;
    Ok(Json(body))
}

#[utoipa::path(delete, path = "/api/users/{userId}/roles/{roleId}", operation_id = "User.RemoveRole", tag = "Users",
    params(("userId" = String, Path), ("roleId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn remove_role(
    State(state): State<AppState>,
    ApiPath((id, role_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    user_roles::remove(&state, user_id(&id)?, &role_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The user's organizations, newest first, each with the user's organization roles.
#[utoipa::path(get, path = "/api/users/{userId}/organizations", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 200, body = Vec<UserOrganization>), (status = 404, body = ErrorBody)))]
async fn list_organizations(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Vec<UserOrganization>>> {
    let organizations = organization_members::user_organizations(&state, user_id(&id)?).await?;
    Ok(Json(organizations))
}
