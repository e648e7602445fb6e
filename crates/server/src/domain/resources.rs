//! API resources and their scopes. The Management API resource stays as bootstrapped:
//! no rename, no delete, and its `all` scope stays.

use tenantry_api_types::{CreateResource, Resource, Scope, ScopeBody, UpdateResource};

use super::error::{Conflict, DomainError, DomainResult, Rule};
use super::text_search;
use crate::builtin::{ALL_SCOPE, MANAGEMENT_API_ID, TENANT_ID};
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{ResourceRecord, ScopeRecord, Window};

/// What a bare `search` covers in scope lists.
const SCOPE_SEARCH_FIELDS: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("description", "description"),
];
const DEFAULT_TTL: i64 = 3600;
/// One year, in seconds.
const MAX_TTL: i64 = 365 * 24 * 3600;

pub fn to_api(record: ResourceRecord, scopes: Option<Vec<Scope>>) -> Resource {
    Resource {
        tenant_id: TENANT_ID.into(),
        id: record.id,
        name: record.name,
        indicator: record.indicator,
        is_default: record.is_default,
        access_token_ttl: record.access_token_ttl,
        scopes,
    }
}

pub fn scope_to_api(record: ScopeRecord) -> Scope {
    Scope {
        tenant_id: TENANT_ID.into(),
        id: record.id,
        resource_id: record.resource_id,
        name: record.name,
        description: Some(record.description),
        created_at: record.created_at,
    }
}

fn cannot_modify() -> DomainError {
    Rule::CannotModifyManagementApi.into()
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<ResourceRecord> {
    let missing = || DomainError::not_exists_with_id("resource", id);
    if !is_plausible_id(id) {
        return Err(missing());
    }
    state.store.resource(id).await?.ok_or_else(missing)
}

pub async fn find_scope(state: &AppState, id: &str) -> DomainResult<ScopeRecord> {
    let missing = || DomainError::not_exists_with_id("scope", id);
    if !is_plausible_id(id) {
        return Err(missing());
    }
    state.store.scope(id).await?.ok_or_else(missing)
}

/// The scope, which must belong to the resource.
async fn find_scope_of(
    state: &AppState,
    resource_id: &str,
    scope_id: &str,
) -> DomainResult<ScopeRecord> {
    find(state, resource_id).await?;
    let scope = find_scope(state, scope_id).await?;
    if scope.resource_id != resource_id {
        return Err(DomainError::not_exists_with_id("scope", scope_id));
    }
    Ok(scope)
}

fn checked_name(name: &str) -> DomainResult<()> {
    if name.trim().is_empty() || name.chars().count() > 256 {
        return Err(DomainError::invalid("name", "must be 1 to 256 characters"));
    }
    Ok(())
}

fn checked_ttl(ttl: i64) -> DomainResult<i64> {
    if !(1..=MAX_TTL).contains(&ttl) {
        return Err(DomainError::invalid(
            "accessTokenTtl",
            format!("must be 1 to {MAX_TTL} seconds"),
        ));
    }
    Ok(ttl)
}

pub async fn list(
    state: &AppState,
    include_scopes: bool,
    window: Option<Window>,
) -> DomainResult<(Vec<Resource>, i64)> {
    let (records, total) = state.store.resources(window).await?;
    if !include_scopes {
        return Ok((
            records.into_iter().map(|r| to_api(r, None)).collect(),
            total,
        ));
    }
    let ids: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
    let scopes = state.store.scopes_of_resources(&ids).await?;
    let items = records
        .into_iter()
        .map(|r| {
            let own = scopes
                .iter()
                .filter(|s| s.resource_id == r.id)
                .cloned()
                .map(scope_to_api)
                .collect();
            to_api(r, Some(own))
        })
        .collect();
    Ok((items, total))
}

pub async fn create(state: &AppState, body: CreateResource) -> DomainResult<Resource> {
    checked_name(&body.name)?;
    if body.indicator.trim().is_empty() || body.indicator.len() > 2048 {
        return Err(DomainError::invalid(
            "indicator",
            "must be 1 to 2048 characters",
        ));
    }
    let record = ResourceRecord {
        id: new_id(),
        name: body.name,
        indicator: body.indicator,
        is_default: false,
        access_token_ttl: checked_ttl(body.access_token_ttl.unwrap_or(DEFAULT_TTL))?,
        created_at: state.clock.now_ms(),
    };
    if !state.store.insert_resource(&record).await? {
        return Err(Conflict::ResourceIndicator(record.indicator).into());
    }
    Ok(to_api(record, Some(Vec::new())))
}

pub async fn update(state: &AppState, id: &str, body: UpdateResource) -> DomainResult<Resource> {
    let mut record = find(state, id).await?;
    if record.id == MANAGEMENT_API_ID {
        return Err(cannot_modify());
    }
    if let Some(name) = body.name {
        checked_name(&name)?;
        record.name = name;
    }
    if let Some(ttl) = body.access_token_ttl {
        record.access_token_ttl = checked_ttl(ttl)?;
    }
    state.store.update_resource(&record).await?;
    Ok(to_api(record, None))
}

pub async fn set_default(state: &AppState, id: &str, is_default: bool) -> DomainResult<Resource> {
    find(state, id).await?;
    state.store.set_default_resource(id, is_default).await?;
    Ok(to_api(find(state, id).await?, None))
}

pub async fn delete(state: &AppState, id: &str) -> DomainResult<()> {
    let record = find(state, id).await?;
    if record.id == MANAGEMENT_API_ID {
        return Err(DomainError::from(Rule::CannotDeleteManagementApi));
    }
    state.store.delete_resource(id).await?;
    Ok(())
}

pub async fn scopes(
    state: &AppState,
    resource_id: &str,
    pairs: &[(String, String)],
    window: Option<Window>,
) -> DomainResult<(Vec<Scope>, i64)> {
    find(state, resource_id).await?;
    let search = text_search::parse(pairs, SCOPE_SEARCH_FIELDS)?;
    let (scopes, total) = state
        .store
        .resource_scopes(resource_id, &search, window)
        .await?;
    Ok((scopes.into_iter().map(scope_to_api).collect(), total))
}

fn checked_scope_name(name: &str) -> DomainResult<()> {
    checked_name(name)?;
    single_word_scope(name)
}

/// Scope names go into space-separated `scope` strings, so they are single words
/// (Logto's `scope.name_with_space`); for resource and organization scopes alike.
pub fn single_word_scope(name: &str) -> DomainResult<()> {
    if name.chars().any(char::is_whitespace) {
        return Err(DomainError::from(Rule::ScopeNameWithSpace));
    }
    Ok(())
}

fn name_exists(name: &str) -> DomainError {
    Conflict::ScopeName(name.to_owned()).into()
}

pub async fn create_scope(
    state: &AppState,
    resource_id: &str,
    body: ScopeBody,
) -> DomainResult<Scope> {
    if resource_id == MANAGEMENT_API_ID {
        // Its one scope, `all`, is all there is (Logto's rule).
        return Err(cannot_modify());
    }
    find(state, resource_id).await?;
    let name = body
        .name
        .ok_or_else(|| DomainError::invalid("name", "is required"))?;
    checked_scope_name(&name)?;
    let record = ScopeRecord {
        id: new_id(),
        resource_id: resource_id.to_owned(),
        name,
        description: body.description.unwrap_or_default(),
        created_at: state.clock.now_ms(),
    };
    if !state.store.insert_scope(&record).await? {
        return Err(name_exists(&record.name));
    }
    Ok(scope_to_api(record))
}

pub async fn update_scope(
    state: &AppState,
    resource_id: &str,
    scope_id: &str,
    body: ScopeBody,
) -> DomainResult<Scope> {
    let mut record = find_scope_of(state, resource_id, scope_id).await?;
    if let Some(name) = body.name {
        checked_scope_name(&name)?;
        if record.resource_id == MANAGEMENT_API_ID && record.name == ALL_SCOPE && name != ALL_SCOPE
        {
            return Err(cannot_modify());
        }
        record.name = name;
    }
    if let Some(description) = body.description {
        record.description = description;
    }
    if !state.store.update_scope(&record).await? {
        return Err(name_exists(&record.name));
    }
    Ok(scope_to_api(record))
}

pub async fn delete_scope(state: &AppState, resource_id: &str, scope_id: &str) -> DomainResult<()> {
    let record = find_scope_of(state, resource_id, scope_id).await?;
    if record.resource_id == MANAGEMENT_API_ID && record.name == ALL_SCOPE {
        return Err(cannot_modify());
    }
    state.store.delete_scope(scope_id).await?;
    Ok(())
}
