//! `/api/roles/{id}/users`, `/applications` and `/scopes`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{
    Application, ApplicationIdsBody, ErrorBody, Scope, ScopeIdsBody, ScopeWithResource, User,
    UserIdsBody,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::optional_pagination;
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::role_members;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, add_users))
        .routes(routes!(remove_user))
        .routes(routes!(list_applications, add_applications))
        .routes(routes!(remove_application))
        .routes(routes!(list_scopes, add_scopes))
        .routes(routes!(remove_scope))
}

/// The role's users, newest first, with the user search parameters.
#[utoipa::path(get, path = "/api/roles/{id}/users", tag = "Roles",
    params(("id" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("search" = Option<String>, Query, description = "as for `GET /api/users`")),
    responses((status = 200, body = Vec<User>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_users(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let (users, total) = role_members::users(&state, &id, &paged.pairs, paged.window()).await?;
    Ok(paged.respond(total, users))
}

/// Give the role to users (User roles only); refused whole if one holds it already.
#[utoipa::path(post, path = "/api/roles/{id}/users", operation_id = "Role.AssignUsers", tag = "Roles", request_body = UserIdsBody,
    params(("id" = String, Path)),
    responses((status = 201), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_users(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UserIdsBody>,
) -> ApiResult<StatusCode> {
    role_members::add_users(&state, &id, body.user_ids).await?;
    Ok(StatusCode::CREATED)
}

/// Take the role from a user (the last active tenant admin keeps it).
#[utoipa::path(delete, path = "/api/roles/{id}/users/{userId}", operation_id = "Role.RemoveUser", tag = "Roles",
    params(("id" = String, Path), ("userId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn remove_user(
    State(state): State<AppState>,
    ApiPath((id, user_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    role_members::remove_user(&state, &id, &user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/roles/{id}/applications", tag = "Roles",
    params(("id" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("search" = Option<String>, Query)),
    responses((status = 200, body = Vec<Application>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_applications(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let filter = crate::domain::applications::filter(&paged.pairs)?;
    let (apps, total) = role_members::applications(&state, &id, filter, paged.window()).await?;
    Ok(paged.respond(total, apps))
}

/// Give the role to applications (MachineToMachine roles only).
#[utoipa::path(post, path = "/api/roles/{id}/applications", operation_id = "Role.AssignApplications", tag = "Roles", request_body = ApplicationIdsBody,
    params(("id" = String, Path)),
    responses((status = 201), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_applications(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ApplicationIdsBody>,
) -> ApiResult<StatusCode> {
    role_members::add_applications(&state, &id, body.application_ids).await?;
    Ok(StatusCode::CREATED)
}

#[utoipa::path(delete, path = "/api/roles/{id}/applications/{applicationId}", operation_id = "Role.RemoveApplication", tag = "Roles",
    params(("id" = String, Path), ("applicationId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn remove_application(
    State(state): State<AppState>,
    ApiPath((id, app_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    role_members::remove_application(&state, &id, &app_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The scopes the role grants, with their resources; paginated when `page` or `page_size` is given.
#[utoipa::path(get, path = "/api/roles/{id}/scopes", tag = "Roles",
    params(("id" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query)),
    responses((status = 200, body = Vec<ScopeWithResource>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let window = Some(optional_pagination::window(&paged));
    let (scopes, total) = role_members::scopes(&state, &id, window).await?;
    Ok(optional_pagination::respond(&paged, total, scopes))
}

/// Grant scopes; answers every scope the role then grants.
#[utoipa::path(post, path = "/api/roles/{id}/scopes", operation_id = "Role.AssignScopes", tag = "Roles", request_body = ScopeIdsBody,
    params(("id" = String, Path)),
    responses((status = 201, body = Vec<Scope>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ScopeIdsBody>,
) -> ApiResult<(StatusCode, Json<Vec<Scope>>)> {
    let scopes = role_members::add_scopes(&state, &id, body.scope_ids).await?;
    Ok((StatusCode::CREATED, Json(scopes)))
}

#[utoipa::path(delete, path = "/api/roles/{id}/scopes/{scopeId}", operation_id = "Role.RemoveScope", tag = "Roles",
    params(("id" = String, Path), ("scopeId" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn remove_scope(
    State(state): State<AppState>,
    ApiPath((id, scope_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    role_members::remove_scope(&state, &id, &scope_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
