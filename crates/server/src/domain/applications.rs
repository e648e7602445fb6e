//! Machine-to-machine applications and the roles they hold. Other Logto application
//! types (sign-in flows) are out of Tenantry's scope.

use serde_json::{Map, Value, json};
use tenantry_api_types::{Application, CreateApplication, Role, UpdateApplication};

use super::error::{DomainError, DomainResult, Rule};
use super::id_list;
use super::roles::{self, ensure_for_applications};
use super::text_search;
use crate::builtin::TENANT_ID;
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{
    ApplicationFilter, ApplicationId, ApplicationRecord, RoleFilter, RoleId, RoleIds, Window,
};

pub const MACHINE_TO_MACHINE: &str = "MachineToMachine";
/// Logto's other application types: known, refused with 422.
const OTHER_TYPES: &[&str] = &["Native", "SPA", "Traditional", "Protected", "SAML"];
const SEARCH_FIELDS: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("description", "description"),
];

pub fn to_api(record: ApplicationRecord) -> Application {
    Application {
        tenant_id: TENANT_ID.into(),
        custom_data: serde_json::from_str(&record.custom_data).unwrap_or_default(),
        id: record.id,
        name: record.name,
        description: record.description,
        application_type: record.application_type,
        oidc_client_metadata: json!({ "redirectUris": [], "postLogoutRedirectUris": [] }),
        custom_client_metadata: Map::new(),
        protected_app_metadata: None,
        is_third_party: false,
        app_level_access_control_enabled: false,
        created_at: record.created_at,
    }
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<ApplicationRecord> {
    let missing = || DomainError::not_exists_with_id("application", id);
    if !is_plausible_id(id) {
        return Err(missing());
    }
    state.store.application(id).await?.ok_or_else(missing)
}

fn checked_type(value: &str) -> DomainResult<()> {
    if value == MACHINE_TO_MACHINE {
        Ok(())
    } else if OTHER_TYPES.contains(&value) {
        Err(DomainError::from(Rule::UnsupportedApplicationType))
    } else {
        Err(DomainError::invalid(
            "type",
            format!("unknown application type `{value}`"),
        ))
    }
}

fn checked_name(name: &str) -> DomainResult<()> {
    if name.trim().is_empty() || name.chars().count() > 256 {
        return Err(DomainError::invalid("name", "must be 1 to 256 characters"));
    }
    Ok(())
}

/// `GET /api/applications` parameters: `types` (repeatable or comma-separated),
/// `search`, `excludeRoleId`.
pub fn filter(pairs: &[(String, String)]) -> DomainResult<ApplicationFilter> {
    let mut filter = ApplicationFilter {
        search: text_search::parse(pairs, SEARCH_FIELDS)?,
        ..ApplicationFilter::default()
    };
    for (key, value) in pairs {
        match key.as_str() {
            "types" | "types[]" => {
                for t in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    if t != MACHINE_TO_MACHINE && !OTHER_TYPES.contains(&t) {
                        return Err(DomainError::invalid(
                            "type",
                            format!("unknown application type `{t}`"),
                        ));
                    }
                    filter.types.push(t.to_owned());
                }
            }
            "excludeRoleId" => filter.exclude_role_id = Some(value.clone()),
            _ => {}
        }
    }
    Ok(filter)
}

pub async fn list(
    state: &AppState,
    filter: &ApplicationFilter,
    window: Option<Window>,
) -> DomainResult<(Vec<Application>, i64)> {
    let (apps, total) = state.store.applications(filter, window).await?;
    Ok((apps.into_iter().map(to_api).collect(), total))
}

pub async fn create(state: &AppState, body: CreateApplication) -> DomainResult<Application> {
    checked_name(&body.name)?;
    checked_type(&body.application_type)?;
    let record = ApplicationRecord {
        id: new_id(),
        name: body.name,
        description: body.description,
        application_type: MACHINE_TO_MACHINE.into(),
        custom_data: Value::Object(body.custom_data.unwrap_or_default()).to_string(),
        created_at: state.clock.now_ms(),
    };
    state.store.insert_application(&record).await?;
    state
        .live_clients
        .set_secrets(&record.id, &[], state.clock.now_ms());
    state.store.announce_client_change(&record.id).await?;
    Ok(to_api(record))
}

pub async fn update(
    state: &AppState,
    id: &str,
    body: UpdateApplication,
) -> DomainResult<Application> {
    let mut record = find(state, id).await?;
    if let Some(name) = body.name {
        checked_name(&name)?;
        record.name = name;
    }
    if let Some(description) = body.description.into_change() {
        record.description = description;
    }
    if let Some(custom_data) = body.custom_data {
        record.custom_data = Value::Object(custom_data).to_string();
    }
    state.store.update_application(&record).await?;
    Ok(to_api(record))
}

/// Its secrets go with it: no new token can be had for it from now on. The
/// application calling cannot delete itself (the portal's edge would cut itself off).
pub async fn delete(state: &AppState, id: &str, caller: &str) -> DomainResult<()> {
    find(state, id).await?;
    if id == caller {
        return Err(DomainError::from(Rule::CannotDeleteSelf));
    }
    state.store.delete_application(id).await?;
    state.live_clients.remove(id);
    Ok(state.store.announce_client_change(id).await?)
}

pub async fn roles(state: &AppState, id: &str, window: Window) -> DomainResult<(Vec<Role>, i64)> {
    find(state, id).await?;
    let filter = RoleFilter {
        application_id: Some(id.to_owned()),
        ..RoleFilter::default()
    };
    let (list, total) = state.store.roles(&filter, window).await?;
    Ok((list.into_iter().map(roles::to_api).collect(), total))
}

async fn checked_roles(state: &AppState, role_ids: Vec<String>) -> DomainResult<Vec<String>> {
    if role_ids.iter().any(|id| id.is_empty()) {
        return Err(DomainError::invalid("roleIds", "must not hold empty ids"));
    }
    let role_ids = id_list::distinct("roleIds", role_ids)?;
    for id in &role_ids {
        ensure_for_applications(&roles::find(state, id).await?)?;
    }
    Ok(role_ids)
}

/// Returns the ids that were not held before.
pub async fn add_roles(
    state: &AppState,
    id: &str,
    role_ids: Vec<String>,
) -> DomainResult<Vec<String>> {
    find(state, id).await?;
    let role_ids = checked_roles(state, role_ids).await?;
    Ok(state
        .store
        .add_application_roles(ApplicationId(id), RoleIds(&role_ids))
        .await?)
}

pub async fn replace_roles(state: &AppState, id: &str, role_ids: Vec<String>) -> DomainResult<()> {
    find(state, id).await?;
    let role_ids = checked_roles(state, role_ids).await?;
    Ok(state
        .store
        .replace_application_roles(ApplicationId(id), RoleIds(&role_ids))
        .await?)
}

pub async fn remove_role(state: &AppState, id: &str, role_id: &str) -> DomainResult<()> {
    find(state, id).await?;
    roles::find(state, role_id).await?;
    if state
        .store
        .remove_application_role(ApplicationId(id), RoleId(role_id))
        .await?
    {
        Ok(())
    } else {
        Err(DomainError::not_linked(
            "The application does not hold this role.",
        ))
    }
}
