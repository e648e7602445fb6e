//! `/api/applications/{id}/secrets`: values shown once, kept hashed.

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use tenantry_api_types::{
    ApplicationSecret, CreateApplicationSecret, CreatedApplicationSecret, ErrorBody,
    RenameApplicationSecret,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::json::ApiJson;
use super::path::ApiPath;
use crate::auth::AccessClaims;
use crate::domain::application_secrets;
use crate::error::ApiResult;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_secrets, create_secret))
        .routes(routes!(rename_secret, delete_secret))
}

/// The application's secrets: names, first characters, dates; never the values.
#[utoipa::path(get, path = "/api/applications/{id}/secrets", tag = "Applications",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<ApplicationSecret>), (status = 404, body = ErrorBody)))]
async fn list_secrets(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Vec<ApplicationSecret>>> {
    Ok(Json(application_secrets::list(&state, &id).await?))
}

/// Add a secret. Its `value` is in this answer only: it is stored hashed.
#[utoipa::path(post, path = "/api/applications/{id}/secrets", operation_id = "Application.CreateSecret", tag = "Applications", request_body = CreateApplicationSecret,
    params(("id" = String, Path)),
    responses((status = 201, body = CreatedApplicationSecret), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_secret(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<CreateApplicationSecret>,
) -> ApiResult<(StatusCode, Json<CreatedApplicationSecret>)> {
    let created = application_secrets::create(&state, &id, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(patch, path = "/api/applications/{id}/secrets/{name}", operation_id = "Application.UpdateSecret", tag = "Applications", request_body = RenameApplicationSecret,
    params(("id" = String, Path), ("name" = String, Path)),
    responses((status = 200, body = ApplicationSecret), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn rename_secret(
    State(state): State<AppState>,
    ApiPath((id, name)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<RenameApplicationSecret>,
) -> ApiResult<Json<ApplicationSecret>> {
    Ok(Json(
        application_secrets::rename(&state, &id, &name, body.name).await?,
    ))
}

/// Delete a secret; with the last one gone the application gets no new token.
#[utoipa::path(delete, path = "/api/applications/{id}/secrets/{name}", operation_id = "Application.DeleteSecret", tag = "Applications",
    params(("id" = String, Path), ("name" = String, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_secret(
    State(state): State<AppState>,
    Extension(caller): Extension<AccessClaims>,
    ApiPath((id, name)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    application_secrets::delete(&state, &id, &name, &caller.client_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
