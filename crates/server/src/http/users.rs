//! `/api/users`: Logto's user routes.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use tenantry_api_types::{
    CreateUser, CustomDataBody, ErrorBody, HasPassword, PasswordBody, ProfileBody, SuspendBody,
    UpdateUser, User,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::pagination::Paged;
use super::path::ApiPath;
use super::user_id;
use crate::domain::audit::SubjectUser;
use crate::domain::{user_search, users};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user, delete_user))
        .routes(routes!(set_password))
        .routes(routes!(has_password))
        .routes(routes!(set_suspended))
        .routes(routes!(get_custom_data, update_custom_data))
        .routes(routes!(update_profile))
}

/// List users, newest first, with Logto's search parameters.
#[utoipa::path(get, path = "/api/users", tag = "Users",
    params(
        ("page" = Option<u64>, Query, description = "1-based page"),
        ("page_size" = Option<u64>, Query, description = "1 to 100, default 20"),
        ("search" = Option<String>, Query, description = "`search` or `search.<field>` (id, primaryEmail, primaryPhone, username, name)"),
        ("mode" = Option<String>, Query, description = "`mode` or `mode.<field>`: like, exact, similar_to, posix"),
        ("isCaseSensitive" = Option<bool>, Query),
        ("joint" = Option<String>, Query, description = "or (default) or and"),
        ("excludeRoleId" = Option<String>, Query),
        ("excludeOrganizationId" = Option<String>, Query, description = "Only users who are not members of this organization; not with `excludeRoleId`"),
        ("isLocked" = Option<bool>, Query, description = "Tenantry: only locked (true) or unlocked (false) users"),
        ("isSuspended" = Option<bool>, Query, description = "Tenantry: only suspended (true) or active (false) users"),
    ),
    responses(
        (status = 200, body = Vec<User>, headers(("Total-Number" = u64), ("Link" = String))),
        (status = 400, body = ErrorBody),
    ))]
async fn list_users(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let now = state.clock.now_ms();
    let query = user_search::parse(&paged.pairs, now)?;
    let (records, total) = state.store.search_users(&query, paged.window()).await?;
    let users: Vec<User> = records.into_iter().map(|r| users::to_api(r, now)).collect();
    Ok(paged.respond(total, users))
}

/// Create a user. Answers 200, as Logto does.
#[utoipa::path(post, path = "/api/users", operation_id = "User.Create", tag = "Users", request_body = CreateUser,
    responses((status = 200, body = User), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_user(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateUser>,
) -> ApiResult<Response> {
    let user = users::create(&state, body).await?;
    let id = user.id.clone();
    let mut response = Json(user).into_response();
    // The path names no user yet: tell the audit log which one this was.
    response.extensions_mut().insert(SubjectUser(id));
    Ok(response)
}

/// `includeSsoIdentities=true` adds `ssoIdentities`, always empty: Tenantry has no
/// enterprise SSO.
#[utoipa::path(get, path = "/api/users/{userId}", tag = "Users",
    params(("userId" = String, Path), ("includeSsoIdentities" = Option<bool>, Query)),
    responses((status = 200, body = User), (status = 404, body = ErrorBody)))]
async fn get_user(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<Value>> {
    let id = user_id(&id)?;
    let user = users::find(&state, id).await?;
    let mut body = serde_json::to_value(users::to_api(user, state.clock.now_ms()))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let with_sso = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .any(|(key, value)| key == "includeSsoIdentities" && value == "true");
    if with_sso {
        body["ssoIdentities"] = Value::Array(Vec::new());
    }
    Ok(Json(body))
}

#[utoipa::path(patch, path = "/api/users/{userId}", operation_id = "User.Update", tag = "Users", request_body = UpdateUser,
    params(("userId" = String, Path)),
    responses((status = 200, body = User), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_user(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<UpdateUser>,
) -> ApiResult<Json<User>> {
    let id = user_id(&id)?;
    Ok(Json(users::update(&state, id, body).await?))
}

#[utoipa::path(delete, path = "/api/users/{userId}", operation_id = "User.Delete", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
async fn delete_user(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    users::delete(&state, user_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(patch, path = "/api/users/{userId}/password", operation_id = "User.UpdatePassword", tag = "Users", request_body = PasswordBody,
    params(("userId" = String, Path)),
    responses((status = 200, body = User), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn set_password(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<PasswordBody>,
) -> ApiResult<Json<User>> {
    Ok(Json(
        users::set_password(&state, user_id(&id)?, body.password).await?,
    ))
}

#[utoipa::path(get, path = "/api/users/{userId}/has-password", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 200, body = HasPassword), (status = 404, body = ErrorBody)))]
async fn has_password(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<HasPassword>> {
    let user = users::find(&state, user_id(&id)?).await?;
    Ok(Json(HasPassword {
        has_password: user.password_encrypted.is_some(),
    }))
}

#[utoipa::path(patch, path = "/api/users/{userId}/is-suspended", operation_id = "User.UpdateSuspension", tag = "Users", request_body = SuspendBody,
    params(("userId" = String, Path)),
    responses((status = 200, body = User), (status = 404, body = ErrorBody)))]
async fn set_suspended(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<SuspendBody>,
) -> ApiResult<Json<User>> {
    Ok(Json(
        users::set_suspended(&state, user_id(&id)?, body.is_suspended).await?,
    ))
}

#[utoipa::path(get, path = "/api/users/{userId}/custom-data", tag = "Users",
    params(("userId" = String, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)))]
async fn get_custom_data(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Map<String, Value>>> {
    let user = users::find(&state, user_id(&id)?).await?;
    let user = users::to_api(user, state.clock.now_ms());
    Ok(Json(user.custom_data))
}

/// Merge keys into `customData` (shallow).
#[utoipa::path(patch, path = "/api/users/{userId}/custom-data", operation_id = "User.UpdateCustomData", tag = "Users", request_body = CustomDataBody,
    params(("userId" = String, Path)),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_custom_data(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<CustomDataBody>,
) -> ApiResult<Json<Map<String, Value>>> {
    let merged = users::merge_custom_data(&state, user_id(&id)?, body.custom_data).await?;
    Ok(Json(merged))
}

/// Merge fields into `profile` (shallow).
#[utoipa::path(patch, path = "/api/users/{userId}/profile", operation_id = "User.UpdateProfile", tag = "Users", request_body = ProfileBody,
    params(("userId" = String, Path)),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_profile(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ProfileBody>,
) -> ApiResult<Json<Map<String, Value>>> {
    Ok(Json(
        users::merge_profile(&state, user_id(&id)?, body.profile).await?,
    ))
}
