//! `/api/applications` through the edge: machine-to-machine applications,
//! their secrets and roles.

use gloo_net::http::Method;
use tenantry_api_types::{
    Application, ApplicationSecret, CreateApplication, CreateApplicationSecret,
    CreatedApplicationSecret, UpdateApplication,
};

use super::query::encode;
use super::roles::pairs;
use super::{ApiError, Client, Page};

/// The only application type Tenantry has.
pub const M2M: &str = "MachineToMachine";

fn app_path(id: &str, rest: &str) -> String {
    format!("/api/applications/{}{rest}", encode(id))
}

pub async fn list(
    client: &Client,
    page: u32,
    page_size: u32,
) -> Result<Page<Application>, ApiError> {
    let query = pairs(&[
        ("page", &page.to_string()),
        ("page_size", &page_size.to_string()),
    ]);
    client.list("/api/applications", &query).await
}

/// Applications a role picker offers: those not holding `role_id`.
pub async fn without_role(client: &Client, role_id: &str) -> Result<Vec<Application>, ApiError> {
    let query = pairs(&[
        ("excludeRoleId", role_id),
        ("page", "1"),
        ("page_size", "100"),
    ]);
    Ok(client.list("/api/applications", &query).await?.items)
}

pub async fn get(client: &Client, id: &str) -> Result<Application, ApiError> {
    client.get(&app_path(id, "")).await
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
    };
    client.write(Method::POST, "/api/applications", &body).await
}

pub async fn update(
    client: &Client,
    id: &str,
    body: &UpdateApplication,
) -> Result<Application, ApiError> {
    client.write(Method::PATCH, &app_path(id, ""), body).await
}

pub async fn delete(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &app_path(id, ""), None)
        .await
}

pub async fn secrets(client: &Client, id: &str) -> Result<Vec<ApplicationSecret>, ApiError> {
    client.get(&app_path(id, "/secrets")).await
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
        .write(Method::POST, &app_path(id, "/secrets"), &body)
        .await
}

pub async fn delete_secret(client: &Client, id: &str, name: &str) -> Result<(), ApiError> {
    let path = app_path(id, &format!("/secrets/{}", encode(name)));
    client.write_empty::<()>(Method::DELETE, &path, None).await
}
