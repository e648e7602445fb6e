//! `/api/resources` through the edge: API resources and their scopes.

use gloo_net::http::Method;
use tenantry_api_types::{
    CreateResource, IsDefaultBody, Resource, Scope, ScopeBody, UpdateResource,
};

use super::query::{encode, entity_path};
use super::roles::pairs;
use super::{ApiError, Client, Page};

const RESOURCES: &str = "/api/resources";

/// One page of resources; `with_scopes` adds each one's scopes.
pub async fn list(
    client: &Client,
    page: u32,
    page_size: u32,
    with_scopes: bool,
) -> Result<Page<Resource>, ApiError> {
    let mut query = pairs(&[
        ("page", &page.to_string()),
        ("page_size", &page_size.to_string()),
    ]);
    if with_scopes {
        query.push(("includeScopes".into(), "true".into()));
    }
    client.list(RESOURCES, &query).await
}

pub async fn get(client: &Client, id: &str) -> Result<Resource, ApiError> {
    client.get(&entity_path(RESOURCES, id, "")).await
}

pub async fn create(client: &Client, body: &CreateResource) -> Result<Resource, ApiError> {
    client.write(Method::POST, RESOURCES, body).await
}

pub async fn update(
    client: &Client,
    id: &str,
    body: &UpdateResource,
) -> Result<Resource, ApiError> {
    client
        .write(Method::PATCH, &entity_path(RESOURCES, id, ""), body)
        .await
}

/// Makes the resource the default audience (or not).
pub async fn set_default(
    client: &Client,
    id: &str,
    is_default: bool,
) -> Result<Resource, ApiError> {
    let path = entity_path(RESOURCES, id, "/is-default");
    client
        .write(Method::PATCH, &path, &IsDefaultBody { is_default })
        .await
}

pub async fn delete(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &entity_path(RESOURCES, id, ""), None)
        .await
}

pub async fn scopes(client: &Client, id: &str) -> Result<Vec<Scope>, ApiError> {
    let query = pairs(&[("page_size", "100")]);
    Ok(client
        .list(&entity_path(RESOURCES, id, "/scopes"), &query)
        .await?
        .items)
}

pub async fn create_scope(client: &Client, id: &str, body: &ScopeBody) -> Result<Scope, ApiError> {
    let path = entity_path(RESOURCES, id, "/scopes");
    client.write(Method::POST, &path, body).await
}

pub async fn update_scope(
    client: &Client,
    id: &str,
    scope_id: &str,
    body: &ScopeBody,
) -> Result<Scope, ApiError> {
    let path = entity_path(RESOURCES, id, &format!("/scopes/{}", encode(scope_id)));
    client.write(Method::PATCH, &path, body).await
}

pub async fn delete_scope(client: &Client, id: &str, scope_id: &str) -> Result<(), ApiError> {
    let path = entity_path(RESOURCES, id, &format!("/scopes/{}", encode(scope_id)));
    client.write_empty::<()>(Method::DELETE, &path, None).await
}
