//! `/api/organization-roles`: the roles of the organization template, and the
//! organization scopes and API resource scopes each one grants.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{
    CreateOrganizationRole, ErrorBody, OrganizationRole, OrganizationRoleWithScopes,
    OrganizationScope, OrganizationScopeIdsBody, ResourceScope, ResourceScopeIdsBody,
    UpdateOrganizationRole,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::optional_pagination::{query_param, respond, window};
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::organization_roles::{self, GrantMode};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::RoleGrant;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_roles, create_role))
        .routes(routes!(get_role, update_role, delete_role))
        .routes(routes!(list_scopes, add_scopes, replace_scopes))
        .routes(routes!(remove_scope))
        .routes(routes!(
            list_resource_scopes,
            add_resource_scopes,
            replace_resource_scopes
        ))
        .routes(routes!(remove_resource_scope))
}

/// List organization roles by name, each with the scopes it grants.
#[utoipa::path(get, path = "/api/organization-roles", tag = "Organization roles",
    params(
        ("q" = Option<String>, Query, description = "part of the id, name or description, any case"),
        ("page" = Option<u64>, Query),
        ("page_size" = Option<u64>, Query),
    ),
    responses(
        (status = 200, body = Vec<OrganizationRoleWithScopes>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody),
    ))]
async fn list_roles(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let q = query_param(&paged, "q");
    let (roles, total) = organization_roles::list(&state, q, paged.window()).await?;
    Ok(paged.respond(total, roles))
}

/// Create an organization role, with the scopes it grants, in one transaction.
#[utoipa::path(post, path = "/api/organization-roles", tag = "Organization roles",
    request_body = CreateOrganizationRole,
    responses((status = 201, body = OrganizationRole), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_role(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateOrganizationRole>,
) -> ApiResult<(StatusCode, Json<OrganizationRole>)> {
    let role = organization_roles::create(&state, body).await?;
    Ok((StatusCode::CREATED, Json(role)))
}

#[utoipa::path(get, path = "/api/organization-roles/{id}", tag = "Organization roles",
    params(("id" = String, Path)),
    responses((status = 200, body = OrganizationRoleWithScopes), (status = 404, body = ErrorBody)))]
async fn get_role(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<OrganizationRoleWithScopes>> {
    Ok(Json(organization_roles::get(&state, &id).await?))
}

#[utoipa::path(patch, path = "/api/organization-roles/{id}", tag = "Organization roles",
    params(("id" = String, Path)), request_body = UpdateOrganizationRole,
    responses((status = 200, body = OrganizationRole), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_role(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateOrganizationRole>,
) -> ApiResult<Json<OrganizationRole>> {
    Ok(Json(organization_roles::update(&state, &id, body).await?))
}

/// Delete an organization role; members holding it lose it.
#[utoipa::path(delete, path = "/api/organization-roles/{id}", tag = "Organization roles",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn delete_role(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    organization_roles::delete(&state, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organization scopes the role grants; paginated only when asked.
#[utoipa::path(get, path = "/api/organization-roles/{id}/scopes", tag = "Organization roles",
    params(("id" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query)),
    responses((status = 200, body = Vec<OrganizationScope>), (status = 404, body = ErrorBody)))]
async fn list_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let (scopes, total) = organization_roles::scopes(&state, &id, window(&paged)).await?;
    Ok(respond(&paged, total, scopes))
}

#[utoipa::path(post, path = "/api/organization-roles/{id}/scopes", operation_id = "OrganizationRole.AddScopes", tag = "Organization roles",
    params(("id" = String, Path)), request_body = OrganizationScopeIdsBody,
    responses((status = 201), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<OrganizationScopeIdsBody>,
) -> ApiResult<StatusCode> {
    let ids = &body.organization_scope_ids;
    organization_roles::grant(
        &state,
        &id,
        RoleGrant::OrganizationScopes,
        ids,
        GrantMode::Add,
    )
    .await?;
    Ok(StatusCode::CREATED)
}

/// Make the role grant exactly these organization scopes.
#[utoipa::path(put, path = "/api/organization-roles/{id}/scopes", operation_id = "OrganizationRole.ReplaceScopes", tag = "Organization roles",
    params(("id" = String, Path)), request_body = OrganizationScopeIdsBody,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn replace_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<OrganizationScopeIdsBody>,
) -> ApiResult<StatusCode> {
    let ids = &body.organization_scope_ids;
    let mode = GrantMode::Replace;
    organization_roles::grant(&state, &id, RoleGrant::OrganizationScopes, ids, mode).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/organization-roles/{id}/scopes/{organizationScopeId}", operation_id = "OrganizationRole.RemoveScope",
    tag = "Organization roles",
    params(("id" = String, Path), ("organizationScopeId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn remove_scope(
    State(state): State<AppState>,
    ApiPath((id, scope_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    organization_roles::revoke(&state, &id, RoleGrant::OrganizationScopes, &scope_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The API resource scopes the role grants; paginated only when asked.
#[utoipa::path(get, path = "/api/organization-roles/{id}/resource-scopes", tag = "Organization roles",
    params(("id" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query)),
    responses((status = 200, body = Vec<ResourceScope>), (status = 404, body = ErrorBody)))]
async fn list_resource_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let (scopes, total) = organization_roles::resource_scopes(&state, &id, window(&paged)).await?;
    Ok(respond(&paged, total, scopes))
}

#[utoipa::path(post, path = "/api/organization-roles/{id}/resource-scopes", operation_id = "OrganizationRole.AddResourceScopes", tag = "Organization roles",
    params(("id" = String, Path)), request_body = ResourceScopeIdsBody,
    responses((status = 201), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_resource_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ResourceScopeIdsBody>,
) -> ApiResult<StatusCode> {
    let ids = &body.scope_ids;
    organization_roles::grant(&state, &id, RoleGrant::ResourceScopes, ids, GrantMode::Add).await?;
    Ok(StatusCode::CREATED)
}

/// Make the role grant exactly these API resource scopes.
#[utoipa::path(put, path = "/api/organization-roles/{id}/resource-scopes", operation_id = "OrganizationRole.ReplaceResourceScopes", tag = "Organization roles",
    params(("id" = String, Path)), request_body = ResourceScopeIdsBody,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn replace_resource_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ResourceScopeIdsBody>,
) -> ApiResult<StatusCode> {
    let ids = &body.scope_ids;
    let mode = GrantMode::Replace;
    organization_roles::grant(&state, &id, RoleGrant::ResourceScopes, ids, mode).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/organization-roles/{id}/resource-scopes/{scopeId}", operation_id = "OrganizationRole.RemoveResourceScope",
    tag = "Organization roles",
    params(("id" = String, Path), ("scopeId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn remove_resource_scope(
    State(state): State<AppState>,
    ApiPath((id, scope_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    organization_roles::revoke(&state, &id, RoleGrant::ResourceScopes, &scope_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
