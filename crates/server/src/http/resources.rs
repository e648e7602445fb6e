//! `/api/resources`: API resources and their scopes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{
    CreateResource, ErrorBody, IsDefaultBody, Resource, Scope, ScopeBody, UpdateResource,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::optional_pagination;
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::resources;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_resources, create_resource))
        .routes(routes!(get_resource, update_resource, delete_resource))
        .routes(routes!(set_default))
        .routes(routes!(list_scopes, create_scope))
        .routes(routes!(update_scope, delete_scope))
}

/// List resources, oldest first; paginated when `page` or `page_size` is given.
#[utoipa::path(get, path = "/api/resources", tag = "Resources",
    params(("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("includeScopes" = Option<bool>, Query, description = "add each resource's `scopes`")),
    responses((status = 200, body = Vec<Resource>), (status = 400, body = ErrorBody)))]
async fn list_resources(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let include_scopes = paged
        .pairs
        .iter()
        .any(|(k, v)| k == "includeScopes" && v == "true");
    let window = Some(optional_pagination::window(&paged));
    let (items, total) = resources::list(&state, include_scopes, window).await?;
    Ok(optional_pagination::respond(&paged, total, items))
}

#[utoipa::path(post, path = "/api/resources", tag = "Resources", request_body = CreateResource,
    responses((status = 201, body = Resource), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_resource(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateResource>,
) -> ApiResult<(StatusCode, Json<Resource>)> {
    Ok((
        StatusCode::CREATED,
        Json(resources::create(&state, body).await?),
    ))
}

#[utoipa::path(get, path = "/api/resources/{id}", tag = "Resources",
    params(("id" = String, Path)),
    responses((status = 200, body = Resource), (status = 404, body = ErrorBody)))]
async fn get_resource(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Resource>> {
    Ok(Json(resources::to_api(
        resources::find(&state, &id).await?,
        None,
    )))
}

/// Change name or token lifetime (not of the Management API: 400).
#[utoipa::path(patch, path = "/api/resources/{id}", tag = "Resources", request_body = UpdateResource,
    params(("id" = String, Path)),
    responses((status = 200, body = Resource), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_resource(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateResource>,
) -> ApiResult<Json<Resource>> {
    Ok(Json(resources::update(&state, &id, body).await?))
}

/// Delete a resource and its scopes (not the Management API: 400).
#[utoipa::path(delete, path = "/api/resources/{id}", tag = "Resources",
    params(("id" = String, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_resource(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    resources::delete(&state, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Make this the default resource (any other stops being it), or stop it being the default.
#[utoipa::path(patch, path = "/api/resources/{id}/is-default", operation_id = "Resource.UpdateIsDefault", tag = "Resources", request_body = IsDefaultBody,
    params(("id" = String, Path)),
    responses((status = 200, body = Resource), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn set_default(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<IsDefaultBody>,
) -> ApiResult<Json<Resource>> {
    Ok(Json(
        resources::set_default(&state, &id, body.is_default).await?,
    ))
}

/// The resource's scopes by name; `search` as for roles; paginated when asked.
#[utoipa::path(get, path = "/api/resources/{id}/scopes", tag = "Resources",
    params(("id" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("search" = Option<String>, Query, description = "`search` or `search.<field>` (id, name, description)")),
    responses((status = 200, body = Vec<Scope>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_scopes(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let window = Some(optional_pagination::window(&paged));
    let (scopes, total) = resources::scopes(&state, &id, &paged.pairs, window).await?;
    Ok(optional_pagination::respond(&paged, total, scopes))
}

/// Add a scope: `name` without whitespace, unique within the resource.
#[utoipa::path(post, path = "/api/resources/{id}/scopes", operation_id = "Resource.CreateScope", tag = "Resources", request_body = ScopeBody,
    params(("id" = String, Path)),
    responses((status = 201, body = Scope), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_scope(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ScopeBody>,
) -> ApiResult<(StatusCode, Json<Scope>)> {
    Ok((
        StatusCode::CREATED,
        Json(resources::create_scope(&state, &id, body).await?),
    ))
}

#[utoipa::path(patch, path = "/api/resources/{id}/scopes/{scopeId}", operation_id = "Resource.UpdateScope", tag = "Resources", request_body = ScopeBody,
    params(("id" = String, Path), ("scopeId" = String, Path)),
    responses((status = 200, body = Scope), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_scope(
    State(state): State<AppState>,
    ApiPath((id, scope_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<ScopeBody>,
) -> ApiResult<Json<Scope>> {
    Ok(Json(
        resources::update_scope(&state, &id, &scope_id, body).await?,
    ))
}

#[utoipa::path(delete, path = "/api/resources/{id}/scopes/{scopeId}", operation_id = "Resource.DeleteScope", tag = "Resources",
    params(("id" = String, Path), ("scopeId" = String, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_scope(
    State(state): State<AppState>,
    ApiPath((id, scope_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    resources::delete_scope(&state, &id, &scope_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
