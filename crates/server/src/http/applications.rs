//! `/api/applications`: machine-to-machine applications and their roles.

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{
    AddRolesResponse, Application, CreateApplication, ErrorBody, Role, RoleIdsBody,
    UpdateApplication,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::optional_pagination;
use super::pagination::Paged;
use super::path::ApiPath;
use crate::auth::AccessClaims;
use crate::domain::applications;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_applications, create_application))
        .routes(routes!(
            get_application,
            update_application,
            delete_application
        ))
        .routes(routes!(list_roles, add_roles, replace_roles))
        .routes(routes!(remove_role))
}

/// List applications, newest first; paginated when `page` or `page_size` is given.
#[utoipa::path(get, path = "/api/applications", tag = "Applications",
    params(("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("types" = Option<String>, Query, description = "repeatable or comma-separated; only MachineToMachine exist"),
        ("search" = Option<String>, Query, description = "`search` or `search.<field>` (id, name, description)"),
        ("excludeRoleId" = Option<String>, Query, description = "leave out the applications holding this role")),
    responses((status = 200, body = Vec<Application>), (status = 400, body = ErrorBody)))]
async fn list_applications(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let filter = applications::filter(&paged.pairs)?;
    let window = Some(optional_pagination::window(&paged));
    let (items, total) = applications::list(&state, &filter, window).await?;
    Ok(optional_pagination::respond(&paged, total, items))
}

/// Create an application (tokens only for MachineToMachine ones). Answers 200, as Logto
/// does, with the default secret's value for the types that have secrets.
#[utoipa::path(post, path = "/api/applications", tag = "Applications", request_body = CreateApplication,
    responses((status = 200, body = Application), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_application(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateApplication>,
) -> ApiResult<Json<Application>> {
    Ok(Json(applications::create(&state, body).await?))
}

#[utoipa::path(get, path = "/api/applications/{id}", tag = "Applications",
    params(("id" = String, Path)),
    responses((status = 200, body = Application), (status = 404, body = ErrorBody)))]
async fn get_application(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Application>> {
    Ok(Json(applications::to_api(
        applications::find(&state, &id).await?,
    )))
}

#[utoipa::path(patch, path = "/api/applications/{id}", tag = "Applications", request_body = UpdateApplication,
    params(("id" = String, Path)),
    responses((status = 200, body = Application), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_application(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateApplication>,
) -> ApiResult<Json<Application>> {
    Ok(Json(applications::update(&state, &id, body).await?))
}

/// Delete an application with its secrets: it gets no new token from now on.
#[utoipa::path(delete, path = "/api/applications/{id}", tag = "Applications",
    params(("id" = String, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_application(
    State(state): State<AppState>,
    Extension(caller): Extension<AccessClaims>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    applications::delete(&state, &id, &caller.client_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/applications/{id}/roles", tag = "Applications",
    params(("id" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("search" = Option<String>, Query)),
    responses((status = 200, body = Vec<Role>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_roles(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let filter = crate::domain::roles::filter(&paged.pairs)?;
    let (roles, total) = applications::roles(&state, &id, filter, paged.window()).await?;
    Ok(paged.respond(total, roles))
}

/// Give the application roles (MachineToMachine roles only); held ones are skipped.
#[utoipa::path(post, path = "/api/applications/{id}/roles", operation_id = "Application.AssignRoles", tag = "Applications", request_body = RoleIdsBody,
    params(("id" = String, Path)),
    responses((status = 201, body = AddRolesResponse), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_roles(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RoleIdsBody>,
) -> ApiResult<(StatusCode, Json<AddRolesResponse>)> {
    let added = applications::add_roles(&state, &id, body.role_ids.clone()).await?;
    Ok((
        StatusCode::CREATED,
        Json(AddRolesResponse {
            role_ids: body.role_ids,
            added_role_ids: added,
        }),
    ))
}

/// Replace the application's roles.
#[utoipa::path(put, path = "/api/applications/{id}/roles", operation_id = "Application.ReplaceRoles", tag = "Applications", request_body = RoleIdsBody,
    params(("id" = String, Path)),
    responses((status = 200, body = RoleIdsBody), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn replace_roles(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RoleIdsBody>,
) -> ApiResult<Json<RoleIdsBody>> {
    applications::replace_roles(&state, &id, body.role_ids.clone()).await?;
    Ok(Json(body))
}

#[utoipa::path(delete, path = "/api/applications/{id}/roles/{roleId}", operation_id = "Application.RemoveRole", tag = "Applications",
    params(("id" = String, Path), ("roleId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn remove_role(
    State(state): State<AppState>,
    ApiPath((id, role_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    applications::remove_role(&state, &id, &role_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
