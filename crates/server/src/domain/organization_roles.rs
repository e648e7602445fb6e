//! Organization roles (`/api/organization-roles`) and the scopes they grant.

use tenantry_api_types::{
    CreateOrganizationRole, NamedRef, OrganizationRole, OrganizationRoleWithScopes,
    OrganizationScope, ResourceScope, ResourceScopeRef, RoleType, UpdateOrganizationRole,
};

use super::error::{DomainError, DomainResult};
use super::organization_scopes::{
    check_description, check_name, not_null, to_api as scope_to_api, written,
};
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{
    OrganizationRoleDetail, OrganizationRoleId, OrganizationRoleRecord, OrganizationScopeIds,
    ResourceScopeRecord, RoleGrant, ScopeIds, Window,
};

pub(super) fn role_type(stored: &str) -> RoleType {
    if stored == "MachineToMachine" {
        RoleType::MachineToMachine
    } else {
        RoleType::User
    }
}

fn stored_type(role_type: RoleType) -> &'static str {
    match role_type {
        RoleType::User => "User",
        RoleType::MachineToMachine => "MachineToMachine",
    }
}

pub fn to_api(record: OrganizationRoleRecord) -> OrganizationRole {
    OrganizationRole {
        role_type: role_type(&record.role_type),
        id: record.id,
        name: record.name,
        description: record.description,
    }
}

pub fn detail_to_api(detail: OrganizationRoleDetail) -> OrganizationRoleWithScopes {
    let role = to_api(detail.role);
    OrganizationRoleWithScopes {
        id: role.id,
        name: role.name,
        description: role.description,
        role_type: role.role_type,
        scopes: detail
            .scopes
            .into_iter()
            .map(|(id, name)| NamedRef { id, name })
            .collect(),
        resource_scopes: detail
            .resource_scopes
            .into_iter()
            .map(|s| ResourceScopeRef {
                id: s.id,
                name: s.name,
                resource: NamedRef {
                    id: s.resource_id,
                    name: s.resource_name,
                },
            })
            .collect(),
    }
}

fn resource_scope_to_api(record: ResourceScopeRecord) -> ResourceScope {
    ResourceScope {
        id: record.id,
        resource_id: record.resource_id,
        name: record.name,
        description: Some(record.description),
        created_at: record.created_at,
    }
}

fn missing(id: &str) -> DomainError {
    DomainError::not_exists_with_id("organization role", id)
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<OrganizationRoleRecord> {
    if !is_plausible_id(id) {
        return Err(missing(id));
    }
    state
        .store
        .organization_role(id)
        .await?
        .ok_or_else(|| missing(id))
}

pub async fn list(
    state: &AppState,
    q: Option<&str>,
    window: Window,
) -> DomainResult<(Vec<OrganizationRoleWithScopes>, i64)> {
    let (roles, total) = state.store.organization_roles(q, window).await?;
    Ok((roles.into_iter().map(detail_to_api).collect(), total))
}

pub async fn get(state: &AppState, id: &str) -> DomainResult<OrganizationRoleWithScopes> {
    if !is_plausible_id(id) {
        return Err(missing(id));
    }
    let detail = state.store.organization_role_detail(id).await?;
    detail.map(detail_to_api).ok_or_else(|| missing(id))
}

/// Relation ids: each one non-empty (Logto's `z.string().min(1)`).
fn check_ids(field: &str, ids: &[String]) -> DomainResult<()> {
    super::id_list::bounded(field, ids)?;
    if ids.iter().any(String::is_empty) {
        return Err(DomainError::invalid(field, "ids must not be empty"));
    }
    Ok(())
}

pub async fn create(
    state: &AppState,
    input: CreateOrganizationRole,
) -> DomainResult<OrganizationRole> {
    check_name(&input.name)?;
    check_description(input.description.as_ref())?;
    check_ids("organizationScopeIds", &input.organization_scope_ids)?;
    check_ids("resourceScopeIds", &input.resource_scope_ids)?;
    let record = OrganizationRoleRecord {
        id: new_id(),
        name: input.name,
        description: input.description,
        role_type: stored_type(input.role_type.unwrap_or(RoleType::User)).to_owned(),
        created_at: state.clock.now_ms(),
    };
    let outcome = state
        .store
        .insert_organization_role(
            &record,
            OrganizationScopeIds(&input.organization_scope_ids),
            ScopeIds(&input.resource_scope_ids),
        )
        .await
        .map_err(DomainError::from)?;
    written(outcome)?;
    Ok(to_api(record))
}

pub async fn update(
    state: &AppState,
    id: &str,
    input: UpdateOrganizationRole,
) -> DomainResult<OrganizationRole> {
    let name = not_null("name", input.name)?;
    if let Some(name) = &name {
        check_name(name)?;
    }
    let description = input.description.into_change();
    if let Some(description) = &description {
        check_description(description.as_ref())?;
    }
    let new_type = not_null("type", input.role_type)?;
    let mut record = find(state, id).await?;
    record.name = name.unwrap_or(record.name);
    record.description = description.unwrap_or(record.description);
    if let Some(new_type) = new_type {
        record.role_type = stored_type(new_type).to_owned();
    }
    written(state.store.update_organization_role(&record).await?)?;
    Ok(to_api(record))
}

pub async fn delete(state: &AppState, id: &str) -> DomainResult<()> {
    find(state, id).await?;
    if state.store.delete_organization_role(id).await? {
        Ok(())
    } else {
        Err(missing(id))
    }
}

pub async fn scopes(
    state: &AppState,
    id: &str,
    window: Window,
) -> DomainResult<(Vec<OrganizationScope>, i64)> {
    find(state, id).await?;
    let (scopes, total) = state.store.organization_role_scopes(id, window).await?;
    Ok((scopes.into_iter().map(scope_to_api).collect(), total))
}

pub async fn resource_scopes(
    state: &AppState,
    id: &str,
    window: Window,
) -> DomainResult<(Vec<ResourceScope>, i64)> {
    find(state, id).await?;
    let (scopes, total) = state
        .store
        .organization_role_resource_scopes(id, window)
        .await?;
    Ok((
        scopes.into_iter().map(resource_scope_to_api).collect(),
        total,
    ))
}

/// How `POST` and `PUT` on a role's scopes change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantMode {
    /// Add the ids; at least one is required.
    Add,
    /// Make the grants exactly the ids (none clears them).
    Replace,
}

pub async fn grant(
    state: &AppState,
    id: &str,
    grant: RoleGrant,
    ids: &[String],
    mode: GrantMode,
) -> DomainResult<()> {
    let field = match grant {
        RoleGrant::OrganizationScopes => "organizationScopeIds",
        RoleGrant::ResourceScopes => "scopeIds",
    };
    if mode == GrantMode::Add && ids.is_empty() {
        return Err(DomainError::invalid(field, "at least one id is required"));
    }
    check_ids(field, ids)?;
    find(state, id).await?;
    state
        .store
        .grant_organization_role(
            OrganizationRoleId(id),
            grant,
            ids,
            mode == GrantMode::Replace,
        )
        .await
        .map_err(DomainError::from)
}

pub async fn revoke(
    state: &AppState,
    id: &str,
    grant: RoleGrant,
    scope_id: &str,
) -> DomainResult<()> {
    find(state, id).await?;
    if state
        .store
        .revoke_organization_role(OrganizationRoleId(id), grant, scope_id)
        .await?
    {
        Ok(())
    } else {
        Err(DomainError::not_linked(
            "The role does not grant this scope.",
        ))
    }
}
