//! Writes an audit row for every Management API call that changes something (and for
//! password checks), after the handler answered, whatever the outcome.

use axum::RequestExt;
use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::Method;

use super::user_agent;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::auth::AccessClaims;
use crate::domain::audit::{self, Entry, SubjectUser};
use crate::error::ErrorCode;
use crate::rate_limit::{Actor, ClientIp};
use crate::state::AppState;

pub async fn audit_mutations(
    State(state): State<AppState>,
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
        key: key_for(&method, &path),
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

/// `Management.<Entity>.<Action>` for a route.
fn key_for(method: &Method, path: &str) -> String {
    let action = match (method.as_str(), path) {
        ("POST", "/api/users") => "User.Create",
        ("PATCH", "/api/users/{userId}") => "User.Update",
        ("DELETE", "/api/users/{userId}") => "User.Delete",
        ("PATCH", "/api/users/{userId}/password") => "User.UpdatePassword",
        ("POST", "/api/users/{userId}/password/verify") => "User.VerifyPassword",
        ("PATCH", "/api/users/{userId}/is-suspended") => "User.UpdateSuspension",
        ("PATCH", "/api/users/{userId}/custom-data") => "User.UpdateCustomData",
        ("PATCH", "/api/users/{userId}/profile") => "User.UpdateProfile",
        ("POST", "/api/users/{userId}/roles") => "User.AssignRoles",
        ("PUT", "/api/users/{userId}/roles") => "User.ReplaceRoles",
        ("DELETE", "/api/users/{userId}/roles/{roleId}") => "User.RemoveRole",
        ("POST", "/api/users/{userId}/unlock") => "User.Unlock",
        ("POST", "/api/users/{userId}/recover-password") => "User.RecoverPassword",
        ("POST", "/api/users/{userId}/email-verification") => "User.SendEmailVerification",
        ("POST", "/api/users/{userId}/email-verification/confirm") => "User.ConfirmEmail",
        ("POST", "/api/users/{userId}/sessions/revoke") => "User.RevokeSessions",
        ("POST", "/api/roles/{id}/users") => "Role.AssignUsers",
        ("DELETE", "/api/roles/{id}/users/{userId}") => "Role.RemoveUser",
        ("POST", "/api/roles/{id}/applications") => "Role.AssignApplications",
        ("DELETE", "/api/roles/{id}/applications/{applicationId}") => "Role.RemoveApplication",
        ("POST", "/api/roles/{id}/scopes") => "Role.AssignScopes",
        ("DELETE", "/api/roles/{id}/scopes/{scopeId}") => "Role.RemoveScope",
        ("PATCH", "/api/resources/{id}/is-default") => "Resource.UpdateIsDefault",
        ("POST", "/api/resources/{id}/scopes") => "Resource.CreateScope",
        ("PATCH", "/api/resources/{id}/scopes/{scopeId}") => "Resource.UpdateScope",
        ("DELETE", "/api/resources/{id}/scopes/{scopeId}") => "Resource.DeleteScope",
        ("POST", "/api/applications/{id}/secrets") => "Application.CreateSecret",
        ("PATCH", "/api/applications/{id}/secrets/{name}") => "Application.UpdateSecret",
        ("DELETE", "/api/applications/{id}/secrets/{name}") => "Application.DeleteSecret",
        ("POST", "/api/applications/{id}/roles") => "Application.AssignRoles",
        ("PUT", "/api/applications/{id}/roles") => "Application.ReplaceRoles",
        ("DELETE", "/api/applications/{id}/roles/{roleId}") => "Application.RemoveRole",
        ("POST", "/api/organization-roles/{id}/scopes") => "OrganizationRole.AddScopes",
        ("PUT", "/api/organization-roles/{id}/scopes") => "OrganizationRole.ReplaceScopes",
        ("DELETE", "/api/organization-roles/{id}/scopes/{organizationScopeId}") => {
            "OrganizationRole.RemoveScope"
        }
        ("POST", "/api/organization-roles/{id}/resource-scopes") => {
            "OrganizationRole.AddResourceScopes"
        }
        ("PUT", "/api/organization-roles/{id}/resource-scopes") => {
            "OrganizationRole.ReplaceResourceScopes"
        }
        ("DELETE", "/api/organization-roles/{id}/resource-scopes/{scopeId}") => {
            "OrganizationRole.RemoveResourceScope"
        }
        ("POST", "/api/organization-invitations/{id}/message") => {
            "OrganizationInvitation.SendMessage"
        }
        ("PUT", "/api/organization-invitations/{id}/status") => {
            "OrganizationInvitation.UpdateStatus"
        }
        ("POST", "/api/organizations/{id}/users") => "Organization.AddUsers",
        ("PUT", "/api/organizations/{id}/users") => "Organization.ReplaceUsers",
        ("DELETE", "/api/organizations/{id}/users/{userId}") => "Organization.RemoveUser",
        ("POST", "/api/organizations/{id}/users/roles") => "Organization.AssignUsersRoles",
        ("POST", "/api/organizations/{id}/users/{userId}/roles") => "Organization.AssignUserRoles",
        ("PUT", "/api/organizations/{id}/users/{userId}/roles") => "Organization.ReplaceUserRoles",
        ("DELETE", "/api/organizations/{id}/users/{userId}/roles/{organizationRoleId}") => {
            "Organization.RemoveUserRole"
        }
        _ => return generic_key(method, path),
    };
    format!("Management.{action}")
}

/// For routes without a name above: the resource from the path, the action from the method.
fn generic_key(method: &Method, path: &str) -> String {
    let resource = path
        .trim_start_matches("/api/")
        .split('/')
        .next()
        .unwrap_or("Unknown");
    let entity: String = resource
        .trim_end_matches('s')
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        })
        .collect();
    let action = match method.as_str() {
        "POST" => "Create",
        "PUT" => "Replace",
        "PATCH" => "Update",
        "DELETE" => "Delete",
        other => other,
    };
    format!("Management.{entity}.{action}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_entity_and_action() {
        assert_eq!(
            key_for(&Method::POST, "/api/users"),
            "Management.User.Create"
        );
        assert_eq!(
            key_for(&Method::DELETE, "/api/organization-roles/{id}"),
            "Management.OrganizationRole.Delete"
        );
    }
}
