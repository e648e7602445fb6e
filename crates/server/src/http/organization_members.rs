//! `/api/organizations/{id}/users…`: members and their organization roles.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tenantry_api_types::{
    ErrorBody, MemberRole, MemberRolesBody, MemberScope, MembersRolesBody, OrganizationMember,
    UserIdsBody,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::organizations::{organization_id, query_value};
use super::pagination::Paged;
use super::path::ApiPath;
use crate::domain::organization_members as members;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{MemberField, MemberFilter};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_members, add_members, replace_members))
        .routes(routes!(remove_member))
        .routes(routes!(assign_roles))
        .routes(routes!(
            list_member_roles,
            add_member_roles,
            replace_member_roles
        ))
        .routes(routes!(remove_member_role))
        .routes(routes!(list_member_scopes))
}

/// Members, newest user first, each with their organization roles.
#[utoipa::path(get, path = "/api/organizations/{id}/users", tag = "Organizations",
    params(
        ("id" = String, Path),
        ("q" = Option<String>, Query, description = "A part of the id, email, phone, username or name"),
        ("qFields" = Option<String>, Query, description = "Comma-separated fields `q` looks in (id, primaryEmail, primaryPhone, username, name); all when absent"),
        ("organizationRoleId" = Option<String>, Query, description = "Only members holding this role"),
        ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
    ),
    responses(
        (status = 200, body = Vec<OrganizationMember>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
    ))]
async fn list_members(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let filter = MemberFilter {
        q: query_value(&paged, "q").map(str::to_owned),
        q_fields: search_fields(query_value(&paged, "qFields"))?,
        role_id: query_value(&paged, "organizationRoleId").map(str::to_owned),
    };
    let id = organization_id(&id)?;
    let (list, total) = members::list(&state, id, &filter, paged.window()).await?;
    Ok(paged.respond(total, list))
}

/// The fields named in `qFields`; an unknown name is a 400, never a silent full search.
fn search_fields(names: Option<&str>) -> ApiResult<Vec<MemberField>> {
    let Some(names) = names else {
        return Ok(Vec::new());
    };
    names
        .split(',')
        .map(|name| match name.trim() {
            "id" => Ok(MemberField::Id),
            "primaryEmail" => Ok(MemberField::PrimaryEmail),
            "primaryPhone" => Ok(MemberField::PrimaryPhone),
            "username" => Ok(MemberField::Username),
            "name" => Ok(MemberField::Name),
            _ => Err(ApiError::invalid_input(
                "qFields: id, primaryEmail, primaryPhone, username or name",
            )),
        })
        .collect()
}

/// Add members; those already in stay as they are.
#[utoipa::path(post, path = "/api/organizations/{id}/users", operation_id = "Organization.AddUsers", tag = "Organizations", request_body = UserIdsBody,
    params(("id" = String, Path)),
    responses((status = 201), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_members(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UserIdsBody>,
) -> ApiResult<(StatusCode, Json<UserIdsBody>)> {
    // Any unknown id, well-formed or not, is a missing relation here (`members::add`).
    members::add(&state, &id, &body.user_ids).await?;
    // Logto echoes the request, duplicates included.
    Ok((StatusCode::CREATED, Json(body)))
}

/// Make exactly these users the members; those who stay keep their roles.
#[utoipa::path(put, path = "/api/organizations/{id}/users", operation_id = "Organization.ReplaceUsers", tag = "Organizations", request_body = UserIdsBody,
    params(("id" = String, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn replace_members(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UserIdsBody>,
) -> ApiResult<StatusCode> {
    members::replace(&state, organization_id(&id)?, &body.user_ids).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/organizations/{id}/users/{userId}", operation_id = "Organization.RemoveUser", tag = "Organizations",
    params(("id" = String, Path), ("userId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn remove_member(
    State(state): State<AppState>,
    ApiPath((id, user_id)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    members::remove(&state, organization_id(&id)?, &user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Give each listed member each listed organization role.
#[utoipa::path(post, path = "/api/organizations/{id}/users/roles", operation_id = "Organization.AssignUsersRoles", tag = "Organizations", request_body = MembersRolesBody,
    params(("id" = String, Path)),
    responses((status = 201), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn assign_roles(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<MembersRolesBody>,
) -> ApiResult<StatusCode> {
    let id = organization_id(&id)?;
    members::assign_roles(&state, id, &body.user_ids, &body.organization_role_ids).await?;
    Ok(StatusCode::CREATED)
}

/// A member's organization roles by name; paginated only when `page` or `page_size` is given.
#[utoipa::path(get, path = "/api/organizations/{id}/users/{userId}/roles", tag = "Organizations",
    params(("id" = String, Path), ("userId" = String, Path),
        ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query)),
    responses((status = 200, body = Vec<MemberRole>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_member_roles(
    State(state): State<AppState>,
    ApiPath((id, user_id)): ApiPath<(String, String)>,
    paged: Paged,
) -> ApiResult<Response> {
    let id = organization_id(&id)?;
    let wants_page = paged
        .pairs
        .iter()
        .any(|(k, _)| k == "page" || k == "page_size");
    let window = wants_page.then(|| paged.window());
    let (roles, total) = members::member_roles(&state, id, &user_id, window).await?;
    Ok(if wants_page {
        paged.respond(total, roles)
    } else {
        Json(roles).into_response()
    })
}

/// Give a member organization roles, by id or by name.
#[utoipa::path(post, path = "/api/organizations/{id}/users/{userId}/roles", operation_id = "Organization.AssignUserRoles", tag = "Organizations", request_body = MemberRolesBody,
    params(("id" = String, Path), ("userId" = String, Path)),
    responses((status = 201), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_member_roles(
    State(state): State<AppState>,
    ApiPath((id, user_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<MemberRolesBody>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let role_ids =
        members::add_member_roles(&state, organization_id(&id)?, &user_id, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "organizationRoleIds": role_ids })),
    ))
}

/// Replace a member's organization roles, by id or by name.
#[utoipa::path(put, path = "/api/organizations/{id}/users/{userId}/roles", operation_id = "Organization.ReplaceUserRoles", tag = "Organizations", request_body = MemberRolesBody,
    params(("id" = String, Path), ("userId" = String, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn replace_member_roles(
    State(state): State<AppState>,
    ApiPath((id, user_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<MemberRolesBody>,
) -> ApiResult<StatusCode> {
    members::replace_member_roles(&state, organization_id(&id)?, &user_id, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/organizations/{id}/users/{userId}/roles/{organizationRoleId}", operation_id = "Organization.RemoveUserRole", tag = "Organizations",
    params(("id" = String, Path), ("userId" = String, Path), ("organizationRoleId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn remove_member_role(
    State(state): State<AppState>,
    ApiPath((id, user_id, role_id)): ApiPath<(String, String, String)>,
) -> ApiResult<StatusCode> {
    members::remove_member_role(&state, organization_id(&id)?, &user_id, &role_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organization scopes a member holds through their roles.
#[utoipa::path(get, path = "/api/organizations/{id}/users/{userId}/scopes", tag = "Organizations",
    params(("id" = String, Path), ("userId" = String, Path)),
    responses((status = 200, body = Vec<MemberScope>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_member_scopes(
    State(state): State<AppState>,
    ApiPath((id, user_id)): ApiPath<(String, String)>,
) -> ApiResult<Json<Vec<MemberScope>>> {
    let scopes = members::member_scopes(&state, organization_id(&id)?, &user_id).await?;
    Ok(Json(scopes))
}
