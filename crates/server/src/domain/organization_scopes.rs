//! Organization scopes (`/api/organization-scopes`), and the rules organization
//! roles share with them.

use axum::http::StatusCode;
use tenantry_api_types::{
    CreateOrganizationScope, OrganizationScope, Patch, UpdateOrganizationScope,
};

use crate::error::{ApiError, ApiResult};
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{NameWrite, OrganizationScopeRecord, StoreError, Window};

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
pub fn name_taken() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "entity.unique_integrity_violation",
        "The entity already exists or conflicts with another entity.",
    )
}

/// Unknown ids in a relation are 422 in organization routes, as in Logto.
pub fn relation_error(error: StoreError) -> ApiError {
    match error {
        StoreError::ForeignKey => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "entity.relation_foreign_key_not_found",
            "A referenced entity does not exist.",
        ),
        other => other.into(),
    }
}

pub fn written(outcome: NameWrite) -> ApiResult<()> {
    match outcome {
        NameWrite::Written => Ok(()),
        NameWrite::NameTaken => Err(name_taken()),
    }
}

/// A name of 1 to 128 characters.
pub fn check_name(name: &str) -> ApiResult<()> {
    if name.is_empty() {
        return Err(ApiError::invalid_input("name: must not be empty"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::invalid_input(format!(
            "name: at most {MAX_NAME} characters"
        )));
    }
    Ok(())
}

pub fn check_description(description: Option<&String>) -> ApiResult<()> {
    match description {
        Some(d) if d.chars().count() > MAX_DESCRIPTION => Err(ApiError::invalid_input(format!(
            "description: at most {MAX_DESCRIPTION} characters"
        ))),
        _ => Ok(()),
    }
}

fn check_scope_name(name: &str) -> ApiResult<()> {
    check_name(name)?;
    super::resources::single_word_scope(name)
}

/// A `null` where the field cannot be null.
pub fn not_null<T>(field: &str, patch: Patch<T>) -> ApiResult<Option<T>> {
    match patch {
        Patch::Null => Err(ApiError::invalid_input(format!(
            "{field}: must not be null"
        ))),
        Patch::Absent => Ok(None),
        Patch::Value(v) => Ok(Some(v)),
    }
}

pub async fn find(state: &AppState, id: &str) -> ApiResult<OrganizationScopeRecord> {
    let missing = || ApiError::not_exists_with_id("organization scope", id);
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
) -> ApiResult<(Vec<OrganizationScope>, i64)> {
    let (scopes, total) = state.store.organization_scopes(q, window).await?;
    Ok((scopes.into_iter().map(to_api).collect(), total))
}

pub async fn create(
    state: &AppState,
    input: CreateOrganizationScope,
) -> ApiResult<OrganizationScope> {
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
) -> ApiResult<OrganizationScope> {
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

pub async fn delete(state: &AppState, id: &str) -> ApiResult<()> {
    find(state, id).await?;
    if state.store.delete_organization_scope(id).await? {
        Ok(())
    } else {
        Err(ApiError::not_exists_with_id("organization scope", id))
    }
}
