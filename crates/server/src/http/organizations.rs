//! `/api/organizations`: Logto's organization routes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{CreateOrganization, ErrorBody, Organization, UpdateOrganization};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::organizations;
use crate::error::ApiResult;
use crate::ids::is_plausible_id;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_organizations, create_organization))
        .routes(routes!(
            get_organization,
            update_organization,
            delete_organization
        ))
}

/// An organization id from the path; one that cannot exist is reported as missing.
pub(super) fn organization_id(id: &str) -> ApiResult<&str> {
    if is_plausible_id(id) {
        Ok(id)
    } else {
        Err(crate::domain::error::DomainError::not_exists_with_id("organization", id).into())
    }
}

/// The value of a query parameter (the last one wins).
pub(super) fn query_value<'a>(paged: &'a Paged, key: &str) -> Option<&'a str> {
    paged
        .pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// List organizations, newest first.
#[utoipa::path(get, path = "/api/organizations", tag = "Organizations",
    params(
        ("q" = Option<String>, Query, description = "A part of the id or the name"),
        ("showFeatured" = Option<String>, Query, description = "`true` adds `usersCount` and up to three `featuredUsers`"),
        ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
    ),
    responses(
        (status = 200, body = Vec<Organization>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody),
    ))]
async fn list_organizations(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let q = query_value(&paged, "q");
    // Logto reads the flag with `yes()`: `true`, `1` and `yes` all mean yes.
    let featured = matches!(
        query_value(&paged, "showFeatured"),
        Some("true" | "1" | "yes")
    );
    let (organizations, total) = organizations::list(&state, q, featured, paged.window()).await?;
    Ok(paged.respond(total, organizations))
}

#[utoipa::path(post, path = "/api/organizations", tag = "Organizations", request_body = CreateOrganization,
    responses((status = 201, body = Organization), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_organization(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateOrganization>,
) -> ApiResult<(StatusCode, Json<Organization>)> {
    let organization = organizations::create(&state, body).await?;
    Ok((StatusCode::CREATED, Json(organization)))
}

#[utoipa::path(get, path = "/api/organizations/{id}", tag = "Organizations",
    params(("id" = String, Path)),
    responses((status = 200, body = Organization), (status = 404, body = ErrorBody)))]
async fn get_organization(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Organization>> {
    let record = organizations::find(&state, organization_id(&id)?).await?;
    Ok(Json(organizations::to_api(record)))
}

/// Change the fields given; `null` clears `description` and `customCss`.
#[utoipa::path(patch, path = "/api/organizations/{id}", tag = "Organizations", request_body = UpdateOrganization,
    params(("id" = String, Path)),
    responses((status = 200, body = Organization), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_organization(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateOrganization>,
) -> ApiResult<Json<Organization>> {
    let id = organization_id(&id)?;
    Ok(Json(organizations::update(&state, id, body).await?))
}

/// Delete an organization with its memberships.
#[utoipa::path(delete, path = "/api/organizations/{id}", tag = "Organizations",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn delete_organization(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    organizations::delete(&state, organization_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
