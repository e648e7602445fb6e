//! `GET /api/status` for health checks and `GET /api/swagger.json`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// Answers 204 while the server runs.
#[utoipa::path(get, path = "/api/status", tag = "Status", responses((status = 204)))]
async fn status() -> StatusCode {
    StatusCode::NO_CONTENT
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(status))
}

/// The OpenAPI document, built once from the router at start-up.
pub fn swagger_route(document: utoipa::openapi::OpenApi) -> axum::Router<AppState> {
    let document = Arc::new(document);
    axum::Router::new().route(
        "/api/swagger.json",
        axum::routing::get(move |State(_): State<AppState>| {
            let document = document.clone();
            async move { Json(document.as_ref().clone()) }
        }),
    )
}
