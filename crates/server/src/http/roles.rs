//! `/api/roles` and `/api/roles/{id}`: global roles.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{CreateRole, ErrorBody, Role, RoleWithCounts, UpdateRole};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::roles;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_roles, create_role))
        .routes(routes!(get_role, update_role, delete_role))
}

/// List roles with how many users and applications hold each, and up to three of each.
#[utoipa::path(get, path = "/api/roles", tag = "Roles",
    params(
        ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("search" = Option<String>, Query, description = "`search` or `search.<field>` (id, name, description), with `mode`, `isCaseSensitive`, `joint` as for users"),
        ("type" = Option<String>, Query, description = "User or MachineToMachine"),
        ("excludeUserId" = Option<String>, Query, description = "leave out the roles this user holds"),
        ("excludeApplicationId" = Option<String>, Query, description = "leave out the roles this application holds"),
    ),
    responses(
        (status = 200, body = Vec<RoleWithCounts>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody),
    ))]
async fn list_roles(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let filter = roles::filter(&paged.pairs)?;
    let (items, total) = roles::list(&state, &filter, paged.window()).await?;
    Ok(paged.respond(total, items))
}

/// Create a role (`type` defaults to `User`). Answers 200, as Logto does.
#[utoipa::path(post, path = "/api/roles", tag = "Roles", request_body = CreateRole,
    responses((status = 200, body = Role), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_role(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateRole>,
) -> ApiResult<Json<Role>> {
    Ok(Json(roles::create(&state, body).await?))
}

#[utoipa::path(get, path = "/api/roles/{id}", tag = "Roles",
    params(("id" = String, Path)),
    responses((status = 200, body = Role), (status = 404, body = ErrorBody)))]
async fn get_role(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Role>> {
    Ok(Json(roles::to_api(roles::find(&state, &id).await?)))
}

/// Change name, description or `isDefault`. The tenant-admin and edge roles keep their names.
#[utoipa::path(patch, path = "/api/roles/{id}", tag = "Roles", request_body = UpdateRole,
    params(("id" = String, Path)),
    responses((status = 200, body = Role), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_role(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateRole>,
) -> ApiResult<Json<Role>> {
    Ok(Json(roles::update(&state, &id, body).await?))
}

/// Delete a role; its holders lose it. The tenant-admin and edge roles cannot be deleted.
#[utoipa::path(delete, path = "/api/roles/{id}", tag = "Roles",
    params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_role(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    roles::delete(&state, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
