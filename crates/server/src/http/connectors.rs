//! `GET /api/connectors` and `GET /api/connectors/{id}` in Logto's shape. Tenantry has
//! no connectors yet (mail is configured by flags, README "Mail"), so the list is
//! empty and every id is unknown; clients that list connectors before acting on them
//! (Logto's console and test helpers) then find none instead of a 404 route.

use axum::Json;
use axum::http::StatusCode;
use serde_json::Value;
use tenantry_api_types::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::path::ApiPath;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The connectors configured, optionally only those for one `target`: none.
#[utoipa::path(get, path = "/api/connectors", operation_id = "Connector.List", tag = "Connectors",
    params(("target" = Option<String>, Query)),
    responses((status = 200, body = Vec<Object>)))]
async fn list_connectors() -> Json<Vec<Value>> {
    Json(Vec::new())
}

#[utoipa::path(get, path = "/api/connectors/{id}", operation_id = "Connector.Get", tag = "Connectors",
    params(("id" = String, Path)),
    responses((status = 404, body = ErrorBody)))]
async fn get_connector(ApiPath(id): ApiPath<String>) -> ApiResult<Json<Value>> {
    // Logto's code and status for an unknown connector id.
    Err(ApiError::new(
        StatusCode::NOT_FOUND,
        "entity.not_found",
        format!("The connector with ID `{id}` does not exist."),
    ))
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_connectors))
        .routes(routes!(get_connector))
}
