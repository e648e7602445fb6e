//! `/api/applications` through the edge: machine-to-machine applications,
//! their secrets and roles.

use gloo_net::http::Method;
use tenantry_api_types::{
    Application, ApplicationSecret, CreateApplication, CreateApplicationSecret,
    CreatedApplicationSecret, UpdateApplication,
};

use super::query::{encode, entity_path};
use super::roles::pairs;
use super::{ApiError, Client, Page};

const APPLICATIONS: &str = "/api/applications";

/// The only application type Tenantry has.
pub const M2M: &str = "MachineToMachine";

/// One page of applications whose ID, name or description contains `search`.
pub async fn list(
    client: &Client,
    search: &str,
    page: u32,
    page_size: u32,
) -> Result<Page<Application>, ApiError> {
    let mut query = pairs(&[
        ("page", &page.to_string()),
        ("page_size", &page_size.to_string()),
    ]);
    if !search.is_empty() {
        query.push(("search".into(), format!("%{search}%")));
    }
    client.list(APPLICATIONS, &query).await
}

/// Applications a role picker offers: those not holding `role_id`.
pub async fn without_role(client: &Client, role_id: &str) -> Result<Vec<Application>, ApiError> {
    let query = pairs(&[
        ("excludeRoleId", role_id),
        ("page", "1"),
        ("page_size", "100"),
    ]);
    Ok(client.list(APPLICATIONS, &query).await?.items)
}

pub async fn get(client: &Client, id: &str) -> Result<Application, ApiError> {
    client.get(&entity_path(APPLICATIONS, id, "")).await
}

/// Creates a machine-to-machine application.
pub async fn create(
    client: &Client,
    name: &str,
    description: &str,
) -> Result<Application, ApiError> {
    let body = CreateApplication {
        name: name.trim().into(),
        application_type: M2M.into(),
        description: Some(description.trim().to_string()).filter(|d| !d.is_empty()),
        custom_data: None,
        oidc_client_metadata: None,
        custom_client_metadata: None,
        is_third_party: None,
        protected_app_metadata: None,
    };
    client.write(Method::POST, APPLICATIONS, &body).await
}

pub async fn update(
    client: &Client,
    id: &str,
    body: &UpdateApplication,
) -> Result<Application, ApiError> {
    client
        .write(Method::PATCH, &entity_path(APPLICATIONS, id, ""), body)
        .await
}

pub async fn delete(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &entity_path(APPLICATIONS, id, ""), None)
        .await
}

pub async fn secrets(client: &Client, id: &str) -> Result<Vec<ApplicationSecret>, ApiError> {
    client.get(&entity_path(APPLICATIONS, id, "/secrets")).await
}

/// Adds a secret; the answer holds its value, shown this once.
pub async fn add_secret(
    client: &Client,
    id: &str,
    name: &str,
    expires_at: Option<i64>,
) -> Result<CreatedApplicationSecret, ApiError> {
    let body = CreateApplicationSecret {
        name: name.into(),
        expires_at,
    };
    client
        .write(
            Method::POST,
            &entity_path(APPLICATIONS, id, "/secrets"),
            &body,
        )
        .await
}

pub async fn delete_secret(client: &Client, id: &str, name: &str) -> Result<(), ApiError> {
    let path = entity_path(APPLICATIONS, id, &format!("/secrets/{}", encode(name)));
    client.write_empty::<()>(Method::DELETE, &path, None).await
}
