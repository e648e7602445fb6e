//! Bearer-token check in front of every Management API route.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::{AccessClaims, verify_signature};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Requires a valid M2M token for the Management API with the `all` scope, and puts
/// its claims into the request's extensions.
pub async fn require_management_access(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> ApiResult<Response> {
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "auth.authorization_header_missing",
                "Authorization header is missing.",
            )
        })?
        .to_str()
        .unwrap_or_default();
    let token = header
        .strip_prefix("Bearer ")
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "auth.authorization_token_type_not_supported",
                "Authorization type is not supported. Use Bearer.",
            )
        })?
        .trim()
        .to_owned();
    let claims = checked_claims(&state, token).await?;
    if !claims.has_scope("all") {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "auth.forbidden",
            "Forbidden.",
        ));
    }
    request.extensions_mut().insert(claims.clone());
    let mut response = next.run(request).await;
    // The audit log, outside this layer, names the application from the response.
    response.extensions_mut().insert(claims);
    Ok(response)
}

async fn checked_claims(state: &AppState, token: String) -> ApiResult<AccessClaims> {
    let unauthorized = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "auth.unauthorized",
            "Unauthorized.",
        )
    };
    let now = state.clock.now_ms() / 1000;
    // A valid signature is not enough: the client must still exist with a live secret.
    let live = |claims: AccessClaims| {
        if state.live_clients.admits(&claims, state.clock.now_ms()) {
            Ok(claims)
        } else {
            Err(unauthorized())
        }
    };
    if let Some(claims) = state.verified_tokens.get(&token, now) {
        return live(claims);
    }
    let keys = state.keys.clone();
    let (token, claims) = tokio::task::spawn_blocking(move || {
        let claims = verify_signature(&keys, &token);
        (token, claims)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    let claims = claims.ok_or_else(unauthorized)?;
    let settings = &state.settings;
    if claims.iss != settings.issuer() || claims.aud != settings.api_indicator || claims.exp <= now
    {
        return Err(unauthorized());
    }
    state.verified_tokens.insert(&token, claims.clone(), now);
    live(claims)
}
