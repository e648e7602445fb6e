//! `/api/logs` and `/api/users/{userId}/logs`: the audit log, newest first.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tenantry_api_types::{ErrorBody, Log};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::pagination::Paged;
use super::path::ApiPath;
use super::user_id;
use crate::domain::{audit, users};
use crate::error::{ApiError, ApiResult};
use crate::ids::is_plausible_id;
use crate::state::AppState;
use crate::store::LogFilter;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_logs))
        .routes(routes!(get_log))
        .routes(routes!(list_user_logs))
}

/// The filters from the query; an inverted time window is Logto's 400.
fn filter_of(paged: &Paged) -> ApiResult<LogFilter> {
    let get = |key: &str| {
        paged
            .pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let time = |key: &str| -> ApiResult<Option<i64>> {
        get(key)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| ApiError::invalid_input(format!("{key}: not a number")))
            })
            .transpose()
    };
    let filter = LogFilter {
        user_id: get("userId"),
        application_id: get("applicationId"),
        key: get("logKey"),
        start_time: time("start_time")?,
        end_time: time("end_time")?,
    };
    if let (Some(start), Some(end)) = (filter.start_time, filter.end_time)
        && start > end
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "log.invalid_time_window",
            "The start time must not be after the end time.",
        ));
    }
    Ok(filter)
}

#[utoipa::path(get, path = "/api/logs", tag = "Audit logs",
    params(("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("userId" = Option<String>, Query), ("applicationId" = Option<String>, Query),
        ("logKey" = Option<String>, Query), ("start_time" = Option<i64>, Query), ("end_time" = Option<i64>, Query)),
    responses((status = 200, body = Vec<Log>), (status = 400, body = ErrorBody)))]
async fn list_logs(State(state): State<AppState>, paged: Paged) -> ApiResult<Response> {
    let filter = filter_of(&paged)?;
    let (logs, total) = state.store.logs(&filter, paged.window()).await?;
    Ok(paged.respond(total, logs.into_iter().map(audit::to_api).collect()))
}

#[utoipa::path(get, path = "/api/logs/{id}", tag = "Audit logs",
    params(("id" = String, Path)),
    responses((status = 200, body = Log), (status = 404, body = ErrorBody)))]
async fn get_log(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Log>> {
    let missing = || {
        ApiError::from(crate::domain::error::DomainError::not_exists_with_id(
            "log", &id,
        ))
    };
    if !is_plausible_id(&id) {
        return Err(missing());
    }
    let log = state.store.log(&id).await?.ok_or_else(missing)?;
    Ok(Json(audit::to_api(log)))
}

/// One user's history.
#[utoipa::path(get, path = "/api/users/{userId}/logs", tag = "Audit logs",
    params(("userId" = String, Path), ("page" = Option<u64>, Query), ("page_size" = Option<u64>, Query),
        ("logKey" = Option<String>, Query), ("start_time" = Option<i64>, Query), ("end_time" = Option<i64>, Query)),
    responses((status = 200, body = Vec<Log>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_user_logs(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    paged: Paged,
) -> ApiResult<Response> {
    let id = user_id(&id)?;
    users::find(&state, id).await?;
    let filter = LogFilter {
        user_id: Some(id.to_owned()),
        ..filter_of(&paged)?
    };
    let (logs, total) = state.store.logs(&filter, paged.window()).await?;
    Ok(paged.respond(total, logs.into_iter().map(audit::to_api).collect()))
}
