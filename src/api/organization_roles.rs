//! The organization template: `/api/organization-roles` and
//! `/api/organization-scopes` through the edge.

use gloo_net::http::Method;
use tenantry_api_types::{
    CreateOrganizationRole, CreateOrganizationScope, OrganizationRole, OrganizationRoleWithScopes,
    OrganizationScope, OrganizationScopeIdsBody, Patch, UpdateOrganizationRole,
    UpdateOrganizationScope,
};

use super::query::entity_path;
use super::{ApiError, Client};

const ROLES: &str = "/api/organization-roles";
const SCOPES: &str = "/api/organization-scopes";

/// The first hundred: what the template screens and role pickers show.
fn all() -> [(String, String); 1] {
    [("page_size".to_string(), "100".to_string())]
}

/// A blank description is left out on create and cleared on edit.
fn description(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|d| !d.is_empty())
}

fn patch(text: Option<String>) -> Patch<String> {
    text.map_or(Patch::Null, Patch::Value)
}

pub async fn roles(client: &Client) -> Result<Vec<OrganizationRoleWithScopes>, ApiError> {
    Ok(client.list(ROLES, &all()).await?.items)
}

pub async fn create_role(
    client: &Client,
    name: &str,
    text: &str,
    scope_ids: Vec<String>,
) -> Result<OrganizationRole, ApiError> {
    let body = CreateOrganizationRole {
        name: name.trim().to_string(),
        description: description(text),
        role_type: None,
        organization_scope_ids: scope_ids,
        resource_scope_ids: Vec::new(),
    };
    client.write(Method::POST, ROLES, &body).await
}

/// Saves name, description and the role's organization scopes.
pub async fn update_role(
    client: &Client,
    id: &str,
    name: &str,
    text: &str,
    scope_ids: Vec<String>,
) -> Result<(), ApiError> {
    let body = UpdateOrganizationRole {
        name: Patch::Value(name.trim().to_string()),
        description: patch(description(text)),
        ..Default::default()
    };
    client
        .write::<_, OrganizationRole>(Method::PATCH, &entity_path(ROLES, id, ""), &body)
        .await?;
    let scopes = OrganizationScopeIdsBody {
        organization_scope_ids: scope_ids,
    };
    client
        .write_empty(
            Method::PUT,
            &entity_path(ROLES, id, "/scopes"),
            Some(&scopes),
        )
        .await
}

pub async fn delete_role(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &entity_path(ROLES, id, ""), None)
        .await
}

pub async fn scopes(client: &Client) -> Result<Vec<OrganizationScope>, ApiError> {
    // Without paging parameters the whole list, as Logto.
    Ok(client.list(SCOPES, &[]).await?.items)
}

pub async fn create_scope(
    client: &Client,
    name: &str,
    text: &str,
) -> Result<OrganizationScope, ApiError> {
    let body = CreateOrganizationScope {
        name: name.trim().to_string(),
        description: description(text),
    };
    client.write(Method::POST, SCOPES, &body).await
}

pub async fn update_scope(
    client: &Client,
    id: &str,
    name: &str,
    text: &str,
) -> Result<OrganizationScope, ApiError> {
    let body = UpdateOrganizationScope {
        name: Patch::Value(name.trim().to_string()),
        description: patch(description(text)),
    };
    client
        .write(Method::PATCH, &entity_path(SCOPES, id, ""), &body)
        .await
}

pub async fn delete_scope(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &entity_path(SCOPES, id, ""), None)
        .await
}
