//! `/api/organization-scopes`: the permissions organization roles grant.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{
    CreateOrganizationScope, ErrorBody, OrganizationScope, UpdateOrganizationScope,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::optional_pagination::{query_param, respond, window};
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::organization_scopes;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_scopes, create_scope))
        .routes(routes!(get_scope, update_scope, delete_scope))
}

/// List organization scopes by name; paginated only when `page` or `page_size` is given.
#[utoipa::path(get, path = "/api/organization-scopes", tag = "Organization scopes",
    params(
        ("q" = Option<String>, Query, description = "part of the name, any case"),
        ("page" = Option<u64>, Query),
        ("page_size" = Option<u64>, Query),
    ),
    responses(
        (status = 200, body = Vec<OrganizationScope>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody),
    ))]
async fn list_scopes(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let q = query_param(&paged, "q");
    let (scopes, total) = organization_scopes::list(&state, q, window(&paged)).await?;
    Ok(respond(&paged, total, scopes))
}

#[utoipa::path(post, path = "/api/organization-scopes", tag = "Organization scopes",
    request_body = CreateOrganizationScope,
    responses((status = 201, body = OrganizationScope), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_scope(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateOrganizationScope>,
) -> ApiResult<(StatusCode, Json<OrganizationScope>)> {
    let scope = organization_scopes::create(&state, body).await?;
    Ok((StatusCode::CREATED, Json(scope)))
}

#[utoipa::path(get, path = "/api/organization-scopes/{id}", tag = "Organization scopes",
    params(("id" = String, Path)),
    responses((status = 200, body = OrganizationScope), (status = 404, body = ErrorBody)))]
async fn get_scope(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<OrganizationScope>> {
    let scope = organization_scopes::find(&state, &id).await?;
    Ok(Json(organization_scopes::to_api(scope)))
}

#[utoipa::path(patch, path = "/api/organization-scopes/{id}", tag = "Organization scopes",
    params(("id" = String, Path)), request_body = UpdateOrganizationScope,
    responses((status = 200, body = OrganizationScope), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_scope(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateOrganizationScope>,
) -> ApiResult<Json<OrganizationScope>> {
    Ok(Json(organization_scopes::update(&state, &id, body).await?))
}

/// Delete an organization scope; roles stop granting it.
#[utoipa::path(delete, path = "/api/organization-scopes/{id}", tag = "Organization scopes",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn delete_scope(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    organization_scopes::delete(&state, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
