//! Organization scopes (`/api/organization-scopes`), and the rules organization
//! roles share with them.

use tenantry_api_types::{
    CreateOrganizationScope, OrganizationScope, Patch, UpdateOrganizationScope,
};

use super::error::{Conflict, DomainError, DomainResult};
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{NameWrite, OrganizationScopeRecord, Window};

/// Longest name and description (Logto's column sizes).
const MAX_NAME: usize = 128;
const MAX_DESCRIPTION: usize = 256;

pub fn to_api(record: OrganizationScopeRecord) -> OrganizationScope {
    OrganizationScope {
        id: record.id,
        name: record.name,
        description: record.description,
    }
}

/// 422 `entity.unique_integrity_violation`: the name is taken.
pub fn name_taken() -> DomainError {
    Conflict::Entity.into()
}

pub fn written(outcome: NameWrite) -> DomainResult<()> {
    match outcome {
        NameWrite::Written => Ok(()),
        NameWrite::NameTaken => Err(name_taken()),
    }
}

/// A name of 1 to 128 characters.
pub fn check_name(name: &str) -> DomainResult<()> {
    if name.is_empty() {
        return Err(DomainError::invalid("name", "must not be empty"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(DomainError::invalid(
            "name",
            format!("at most {MAX_NAME} characters"),
        ));
    }
    Ok(())
}

pub fn check_description(description: Option<&String>) -> DomainResult<()> {
    match description {
        Some(d) if d.chars().count() > MAX_DESCRIPTION => Err(DomainError::invalid(
            "description",
            format!("at most {MAX_DESCRIPTION} characters"),
        )),
        _ => Ok(()),
    }
}

fn check_scope_name(name: &str) -> DomainResult<()> {
    check_name(name)?;
    super::resources::single_word_scope(name)
}

/// A `null` where the field cannot be null.
pub fn not_null<T>(field: &str, patch: Patch<T>) -> DomainResult<Option<T>> {
    match patch {
        Patch::Null => Err(DomainError::invalid(field, "must not be null")),
        Patch::Absent => Ok(None),
        Patch::Value(v) => Ok(Some(v)),
    }
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<OrganizationScopeRecord> {
    let missing = || DomainError::not_exists_with_id("organization scope", id);
    if !is_plausible_id(id) {
        return Err(missing());
    }
    state
        .store
        .organization_scope(id)
        .await?
        .ok_or_else(missing)
}

pub async fn list(
    state: &AppState,
    q: Option<&str>,
    window: Window,
) -> DomainResult<(Vec<OrganizationScope>, i64)> {
    let (scopes, total) = state.store.organization_scopes(q, window).await?;
    Ok((scopes.into_iter().map(to_api).collect(), total))
}

pub async fn create(
    state: &AppState,
    input: CreateOrganizationScope,
) -> DomainResult<OrganizationScope> {
    check_scope_name(&input.name)?;
    check_description(input.description.as_ref())?;
    let record = OrganizationScopeRecord {
        id: new_id(),
        name: input.name,
        description: input.description,
        created_at: state.clock.now_ms(),
    };
    written(state.store.insert_organization_scope(&record).await?)?;
    Ok(to_api(record))
}

pub async fn update(
    state: &AppState,
    id: &str,
    input: UpdateOrganizationScope,
) -> DomainResult<OrganizationScope> {
    let name = not_null("name", input.name)?;
    if let Some(name) = &name {
        check_scope_name(name)?;
    }
    let description = input.description.into_change();
    if let Some(description) = &description {
        check_description(description.as_ref())?;
    }
    let mut record = find(state, id).await?;
    record.name = name.unwrap_or(record.name);
    record.description = description.unwrap_or(record.description);
    written(state.store.update_organization_scope(&record).await?)?;
    Ok(to_api(record))
}

pub async fn delete(state: &AppState, id: &str) -> DomainResult<()> {
    find(state, id).await?;
    if state.store.delete_organization_scope(id).await? {
        Ok(())
    } else {
        Err(DomainError::not_exists_with_id("organization scope", id))
    }
}
