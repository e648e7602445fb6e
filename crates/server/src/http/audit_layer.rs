//! Writes an audit row for every Management API call that changes something (and for
//! password checks), after the handler answered, whatever the outcome.

use std::sync::Arc;

use axum::RequestExt;
use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::Method;

use super::audit_keys::AuditKeys;
use super::user_agent;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::auth::AccessClaims;
use crate::domain::audit::{self, Entry, SubjectUser};
use crate::error::ErrorCode;
use crate::rate_limit::{Actor, ClientIp};
use crate::state::AppState;

/// What the audit layer needs: the state, and the keys of the routes it wraps.
#[derive(Clone)]
pub struct AuditContext {
    pub state: AppState,
    pub keys: Arc<AuditKeys>,
}

pub async fn audit_mutations(
    State(AuditContext { state, keys }): State<AuditContext>,
    matched: MatchedPath,
    mut request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    if method == Method::GET || method == Method::HEAD {
        return next.run(request).await;
    }
    let path = matched.as_str().to_owned();
    // Read here, not as an extractor, so a malformed path still gets the handler's error.
    let params = request.extract_parts::<RawPathParams>().await.ok();
    let param = |wanted: &str| {
        params.as_ref().and_then(|params| {
            params
                .iter()
                .find(|(name, _)| *name == wanted)
                .map(|(_, value)| value.to_owned())
        })
    };
    let user_id = param("userId");
    // Rows about one organization name it, so its history can be found.
    let organization_id = path
        .starts_with("/api/organizations/{id}")
        .then(|| param("id"))
        .flatten();
    let ip = request
        .extensions()
        .get::<ClientIp>()
        .map(|ip| ip.0.clone());
    let actor = request.extensions().get::<Actor>().cloned();
    let user_agent = user_agent(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    let entry = Entry {
        key: keys.key(&method, &path),
        ok: status.is_success(),
        error_code: response
            .extensions()
            .get::<ErrorCode>()
            .map(|c| c.0.to_owned()),
        user_id: user_id.or_else(|| {
            response
                .extensions()
                .get::<SubjectUser>()
                .map(|s| s.0.clone())
        }),
        application_id: response
            .extensions()
            .get::<AccessClaims>()
            .map(|c| c.client_id.clone()),
        ip,
        user_agent,
        extra: extra(&method, &path, status.as_u16(), organization_id, actor),
    };
    audit::record(&state, entry).await;
    response
}

/// The payload's fields beyond the common ones.
fn extra(
    method: &Method,
    path: &str,
    status: u16,
    organization_id: Option<String>,
    actor: Option<Actor>,
) -> Map<String, Value> {
    let mut extra = Map::new();
    extra.insert("method".into(), method.as_str().into());
    extra.insert("path".into(), path.into());
    extra.insert("status".into(), status.into());
    if let Some(id) = organization_id {
        extra.insert("organizationId".into(), id.into());
    }
    // Who acted through the edge (the application alone would name only the edge).
    if let Some(actor) = actor {
        extra.insert("actorUserId".into(), actor.id().into());
        extra.insert("actorType".into(), actor.kind().into());
    }
    extra
}
