//! Every route of the server, in one place.

mod application_secrets;
mod applications;
mod audit_keys;
mod audit_layer;
mod connectors;
mod domain_errors;
mod email_verification;
mod invitation_accept;
mod invitations;
mod json;
mod logs;
mod oidc;
mod optional_pagination;
mod organization_members;
mod organization_roles;
mod organization_scopes;
mod organizations;
mod pagination;
mod password_recovery;
mod path;
mod resources;
mod role_members;
mod roles;
mod status;
mod user_roles;
mod user_security;
mod user_sessions;
mod users;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::auth::require_management_access;
use crate::error::{ApiError, ApiResult};
use crate::ids::is_plausible_id;
use crate::state::AppState;

/// Largest accepted request body.
const BODY_LIMIT: usize = 256 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tenantry Management API",
        description = "Logto-compatible Management API."
    ),
    components(schemas(tenantry_api_types::ErrorBody))
)]
struct ApiDoc;

/// The Management API routes (bearer token required), the public ones, and the
/// OpenAPI document built from both.
pub fn routes(state: AppState) -> Router {
    let management = OpenApiRouter::new()
        .merge(users::router())
        .merge(user_roles::router())
        .merge(user_security::router())
        .merge(email_verification::router())
        .merge(user_sessions::router())
        .merge(logs::router())
        .merge(organization_roles::router())
        .merge(organization_scopes::router())
        .merge(organizations::router())
        .merge(organization_members::router())
        .merge(password_recovery::management_router())
        .merge(invitations::router())
        .merge(roles::router())
        .merge(role_members::router())
        .merge(resources::router())
        .merge(applications::router())
        .merge(application_secrets::router())
        .merge(connectors::router());
    let audit = audit_layer::AuditContext {
        state: state.clone(),
        keys: Arc::new(audit_keys::AuditKeys::of(management.get_openapi())),
    };
    let management = management
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            user_sessions::require_current_session,
        ))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_management_access,
        ))
        .route_layer(middleware::from_fn_with_state(
            audit,
            audit_layer::audit_mutations,
        ));
    let (router, document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(management)
        .merge(password_recovery::public_router(state.clone()))
        .merge(invitation_accept::public_router(state.clone()))
        .merge(oidc::router())
        .merge(status::router())
        .split_for_parts();
    router
        .merge(status::swagger_route(document))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "guard.not_found",
        "The requested route does not exist.",
    )
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "guard.method_not_allowed",
        "This route does not support the request's method.",
    )
}

/// The caller's `User-Agent`, for the audit log.
fn user_agent(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A user id from the path; one that cannot exist is reported as a missing user.
fn user_id(id: &str) -> ApiResult<&str> {
    if is_plausible_id(id) {
        Ok(id)
    } else {
        Err(crate::domain::error::DomainError::user_not_found().into())
    }
}
