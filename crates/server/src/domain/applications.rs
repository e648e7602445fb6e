//! Applications and the roles they hold. Logto's sign-in types (SPA, Native,
//! Traditional) are kept as records with their client metadata, as Logto's console and
//! clients expect; Tenantry signs no one in through them, and issues tokens only to
//! machine-to-machine applications.

use serde_json::{Map, Value, json};
use tenantry_api_types::{Application, CreateApplication, Role, UpdateApplication};

use super::application_secrets;
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
const TRADITIONAL: &str = "Traditional";
const NATIVE: &str = "Native";
const PROTECTED: &str = "Protected";
const SAML: &str = "SAML";
/// Logto's application types, the ones with an API of their own included.
const TYPES: &[&str] = &[
    MACHINE_TO_MACHINE,
    "SPA",
    NATIVE,
    TRADITIONAL,
    PROTECTED,
    SAML,
];
/// The types a third party may own (Logto's rule).
const THIRD_PARTY_TYPES: &[&str] = &[TRADITIONAL, "SPA", NATIVE];
/// The default secret made with such an application (Logto's name).
const DEFAULT_SECRET_NAME: &str = "Default secret";
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
        oidc_client_metadata: serde_json::from_str(&record.oidc_client_metadata)
            .unwrap_or_else(|_| oidc_client_metadata(Map::new())),
        custom_client_metadata: serde_json::from_str(&record.custom_client_metadata)
            .unwrap_or_default(),
        protected_app_metadata: None,
        is_third_party: record.is_third_party,
        app_level_access_control_enabled: false,
        created_at: record.created_at,
        secret: None,
    }
}

/// Whether applications of this type have secrets (Logto's `hasSecrets`; protected and
/// SAML apps cannot be made here).
pub fn has_secrets(application_type: &str) -> bool {
    matches!(application_type, MACHINE_TO_MACHINE | TRADITIONAL)
}

/// The given metadata over Logto's defaults (empty redirect URI lists), with every
/// redirect URI checked.
fn oidc_client_metadata(given: Map<String, Value>) -> Value {
    let mut metadata = Map::new();
    metadata.insert("redirectUris".into(), json!([]));
    metadata.insert("postLogoutRedirectUris".into(), json!([]));
    metadata.extend(given);
    Value::Object(metadata)
}

fn checked_oidc_client_metadata(given: Map<String, Value>) -> DomainResult<String> {
    let metadata = oidc_client_metadata(given);
    for field in ["redirectUris", "postLogoutRedirectUris"] {
        let uris = metadata[field]
            .as_array()
            .ok_or_else(|| DomainError::invalid(field, "must be a list of URIs"))?;
        for uri in uris {
            if !uri.as_str().is_some_and(is_uri) {
                return Err(DomainError::invalid(field, format!("not a URI: {uri}")));
            }
        }
    }
    Ok(metadata.to_string())
}

/// An absolute URI: a scheme (web `https:` or a native app's own, `io.logto:`) and more;
/// never one that runs code where it is opened.
fn is_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    if ["javascript", "data", "vbscript"].contains(&scheme.to_ascii_lowercase().as_str()) {
        return false;
    }
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !text.chars().any(char::is_whitespace)
}

fn is_device_flow(custom_client_metadata: &Map<String, Value>) -> bool {
    custom_client_metadata
        .get("isDeviceFlow")
        .is_some_and(|v| v.as_bool() == Some(true))
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<ApplicationRecord> {
    let missing = || DomainError::not_exists_with_id("application", id);
    if !is_plausible_id(id) {
        return Err(missing());
    }
    state.store.application(id).await?.ok_or_else(missing)
}

/// Logto's checks, in its order, for what `POST /api/applications` may create.
fn checked_kind(body: &CreateApplication, custom: &Map<String, Value>) -> DomainResult<()> {
    let kind = body.application_type.as_str();
    if !TYPES.contains(&kind) {
        return Err(DomainError::invalid(
            "type",
            format!("unknown application type `{kind}`"),
        ));
    }
    if kind == SAML {
        return Err(Rule::UseSamlApplicationApi.into());
    }
    if kind != NATIVE && is_device_flow(custom) {
        return Err(Rule::DeviceFlowNativeOnly.into());
    }
    if kind == PROTECTED {
        return Err(match body.protected_app_metadata {
            None => Rule::ProtectedAppMetadataRequired,
            Some(_) => Rule::ProtectedAppNotConfigured,
        }
        .into());
    }
    if body.is_third_party == Some(true) && !THIRD_PARTY_TYPES.contains(&kind) {
        return Err(Rule::InvalidThirdPartyType.into());
    }
    Ok(())
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
                    if !TYPES.contains(&t) {
                        return Err(DomainError::invalid(
                            "type",
                            format!("unknown application type `{t}`"),
                        ));
                    }
                    filter.types.push(t.to_owned());
                }
            }
            "excludeRoleId" => filter.exclude_role_id = Some(value.clone()),
            "isThirdParty" => {
                filter.third_party = Some(match value.as_str() {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(DomainError::invalid(
                            "isThirdParty",
                            "must be true or false",
                        ));
                    }
                });
            }
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

/// Creates the application; one of a type with secrets gets a default secret, whose
/// value only this answer shows.
pub async fn create(state: &AppState, body: CreateApplication) -> DomainResult<Application> {
    checked_name(&body.name)?;
    let custom = body.custom_client_metadata.clone().unwrap_or_default();
    checked_kind(&body, &custom)?;
    let record = ApplicationRecord {
        id: new_id(),
        name: body.name,
        description: body.description,
        oidc_client_metadata: checked_oidc_client_metadata(
            body.oidc_client_metadata.unwrap_or_default(),
        )?,
        custom_client_metadata: Value::Object(custom).to_string(),
        is_third_party: body.is_third_party.unwrap_or(false),
        application_type: body.application_type,
        custom_data: Value::Object(body.custom_data.unwrap_or_default()).to_string(),
        created_at: state.clock.now_ms(),
    };
    state.store.insert_application(&record).await?;
    state
        .live_clients
        .set_secrets(&record.id, &[], state.clock.now_ms());
    let secret = if has_secrets(&record.application_type) {
        match application_secrets::create_default(state, &record.id, DEFAULT_SECRET_NAME).await {
            Ok(value) => Some(value),
            Err(error) => {
                // Nothing half made: without its secret the application goes too.
                state.store.delete_application(&record.id).await?;
                state.live_clients.remove(&record.id);
                return Err(error);
            }
        }
    } else {
        None
    };
    state.store.announce_client_change(&record.id).await?;
    Ok(Application {
        secret,
        ..to_api(record)
    })
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
    if let Some(metadata) = body.oidc_client_metadata {
        record.oidc_client_metadata = checked_oidc_client_metadata(metadata)?;
    }
    if let Some(custom) = body.custom_client_metadata {
        let before: Map<String, Value> =
            serde_json::from_str(&record.custom_client_metadata).unwrap_or_default();
        // Replaced whole, so the device flow, fixed at creation, must be restated.
        if is_device_flow(&custom) != is_device_flow(&before) {
            return Err(Rule::DeviceFlowNotChangeable.into());
        }
        record.custom_client_metadata = Value::Object(custom).to_string();
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

/// The roles the application holds, narrowed by `filter` (a search, say).
pub async fn roles(
    state: &AppState,
    id: &str,
    filter: RoleFilter,
    window: Window,
) -> DomainResult<(Vec<Role>, i64)> {
    find(state, id).await?;
    let filter = RoleFilter {
        application_id: Some(id.to_owned()),
        ..filter
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
