//! Organization members and their organization roles.

use std::collections::HashSet;

use tenantry_api_types::{
    MemberRole, MemberRolesBody, MemberScope, NamedRef, OrganizationMember, RoleType,
    UserOrganization,
};

use super::error::{DomainError, DomainResult, Rule};
use super::organization_roles::role_type;
use super::organizations;
use super::{id_list, sessions, users};
use crate::state::AppState;
use crate::store::{
    HeldRoleRecord, MemberFilter, OrganizationId, OrganizationRoleId, OrganizationRoleIds,
    OrganizationRoleRecord, UserId, UserIds, Window,
};

/// Ids from a body: none empty, each once, in the order given.
fn distinct_ids(field: &str, ids: &[String], required: bool) -> DomainResult<Vec<String>> {
    if required && ids.is_empty() {
        return Err(DomainError::invalid(field, "at least one id"));
    }
    id_list::bounded(field, ids)?;
    if ids.iter().any(String::is_empty) {
        return Err(DomainError::invalid(field, "ids are not empty"));
    }
    id_list::distinct(field, ids.to_vec())
}

fn refs_of(held: &[HeldRoleRecord], owner_id: &str) -> Vec<NamedRef> {
    held.iter()
        .filter(|r| r.owner_id == owner_id)
        .map(|r| NamedRef {
            id: r.id.clone(),
            name: r.name.clone(),
        })
        .collect()
}

fn role_to_api(record: OrganizationRoleRecord) -> MemberRole {
    MemberRole {
        id: record.id,
        name: record.name,
        description: record.description,
        role_type: record.role_type,
    }
}

pub async fn list(
    state: &AppState,
    org_id: &str,
    filter: &MemberFilter,
    window: Window,
) -> DomainResult<(Vec<OrganizationMember>, i64)> {
    organizations::find(state, org_id).await?;
    let (records, total) = state.store.members(org_id, filter, window).await?;
    let ids: Vec<String> = records.iter().map(|u| u.id.clone()).collect();
    let held = state
        .store
        .roles_of_members(OrganizationId(org_id), UserIds(&ids))
        .await?;
    let now = state.clock.now_ms();
    let members = records
        .into_iter()
        .map(|record| OrganizationMember {
            organization_roles: refs_of(&held, &record.id),
            user: users::to_api(record, now),
        })
        .collect();
    Ok((members, total))
}

pub async fn add(state: &AppState, org_id: &str, user_ids: &[String]) -> DomainResult<()> {
    let user_ids = distinct_ids("userIds", user_ids, true)?;
    // As Logto: the link's foreign key fails, so a missing organization is 422.
    organizations::find(state, org_id)
        .await
        .map_err(|error| match error {
            DomainError::NotFound(_) => DomainError::MissingRelation(Some("organization")),
            other => other,
        })?;
    state
        .store
        .add_members(
            OrganizationId(org_id),
            UserIds(&user_ids),
            state.clock.now_ms(),
        )
        .await
        .map_err(DomainError::from)
}

pub async fn replace(state: &AppState, org_id: &str, user_ids: &[String]) -> DomainResult<()> {
    let user_ids = distinct_ids("userIds", user_ids, false)?;
    organizations::find(state, org_id).await?;
    state
        .store
        .replace_members(
            OrganizationId(org_id),
            UserIds(&user_ids),
            state.clock.now_ms(),
        )
        .await
        .map_err(DomainError::from)
}

pub async fn remove(state: &AppState, org_id: &str, user_id: &str) -> DomainResult<()> {
    organizations::find(state, org_id).await?;
    if state
        .store
        .remove_member(OrganizationId(org_id), UserId(user_id))
        .await?
    {
        // An organization admin's sessions end with their membership.
        sessions::revoke(state, user_id).await
    } else {
        Err(DomainError::not_linked(
            "The user is not a member of the organization.",
        ))
    }
}

/// Gives each listed member each listed role.
pub async fn assign_roles(
    state: &AppState,
    org_id: &str,
    user_ids: &[String],
    role_ids: &[String],
) -> DomainResult<()> {
    let user_ids = distinct_ids("userIds", user_ids, true)?;
    let role_ids = distinct_ids("organizationRoleIds", role_ids, true)?;
    organizations::find(state, org_id).await?;
    ensure_user_roles(state, &role_ids).await?;
    state
        .store
        .add_member_roles(
            OrganizationId(org_id),
            UserIds(&user_ids),
            OrganizationRoleIds(&role_ids),
        )
        .await
        .map_err(DomainError::from)
}

/// The organization exists and the user is one of its members.
async fn require_membership(state: &AppState, org_id: &str, user_id: &str) -> DomainResult<()> {
    organizations::find(state, org_id).await?;
    if state
        .store
        .is_member(OrganizationId(org_id), UserId(user_id))
        .await?
    {
        Ok(())
    } else {
        Err(DomainError::from(Rule::RequireMembership))
    }
}

/// Machine-to-machine organization roles are for applications (Logto's constraint).
fn machine_role_for_member() -> DomainError {
    Rule::ConstraintViolated("Machine-to-machine organization roles cannot be given to users.")
        .into()
}

/// Refuses the machine-to-machine roles among `role_ids`; unknown ids are left to the
/// link's foreign key.
async fn ensure_user_roles(state: &AppState, role_ids: &[String]) -> DomainResult<()> {
    for id in role_ids {
        if let Some(role) = state.store.organization_role(id).await?
            && role_type(&role.role_type) == RoleType::MachineToMachine
        {
            return Err(machine_role_for_member());
        }
    }
    Ok(())
}

/// The role ids of a body: the ids as given plus the roles with the given names.
async fn resolve_roles(state: &AppState, body: &MemberRolesBody) -> DomainResult<Vec<String>> {
    let empty = Vec::new();
    let mut ids = distinct_ids(
        "organizationRoleIds",
        body.organization_role_ids.as_ref().unwrap_or(&empty),
        false,
    )?;
    let names = distinct_ids(
        "organizationRoleNames",
        body.organization_role_names.as_ref().unwrap_or(&empty),
        false,
    )?;
    ensure_user_roles(state, &ids).await?;
    let found = state.store.organization_roles_named(&names).await?;
    if found
        .iter()
        .any(|role| role_type(&role.role_type) == RoleType::MachineToMachine)
    {
        return Err(machine_role_for_member());
    }
    let found_names: HashSet<&str> = found.iter().map(|r| r.name.as_str()).collect();
    let missing: Vec<&str> = names
        .iter()
        .filter(|name| !found_names.contains(name.as_str()))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        let missing = missing.into_iter().map(str::to_owned).collect();
        return Err(Rule::OrganizationRolesNotFound(missing).into());
    }
    let mut known: HashSet<String> = ids.iter().cloned().collect();
    for role in found {
        if known.insert(role.id.clone()) {
            ids.push(role.id);
        }
    }
    Ok(ids)
}

pub async fn member_roles(
    state: &AppState,
    org_id: &str,
    user_id: &str,
    window: Option<Window>,
) -> DomainResult<(Vec<MemberRole>, i64)> {
    require_membership(state, org_id, user_id).await?;
    let (roles, total) = state
        .store
        .member_roles(OrganizationId(org_id), UserId(user_id), window)
        .await?;
    Ok((roles.into_iter().map(role_to_api).collect(), total))
}

/// Returns the role ids given, the named ones resolved (Logto's answer).
pub async fn add_member_roles(
    state: &AppState,
    org_id: &str,
    user_id: &str,
    body: &MemberRolesBody,
) -> DomainResult<Vec<String>> {
    require_membership(state, org_id, user_id).await?;
    let role_ids = resolve_roles(state, body).await?;
    state
        .store
        .add_member_roles(
            OrganizationId(org_id),
            UserIds(&[user_id.to_owned()]),
            OrganizationRoleIds(&role_ids),
        )
        .await?;
    Ok(role_ids)
}

pub async fn replace_member_roles(
    state: &AppState,
    org_id: &str,
    user_id: &str,
    body: &MemberRolesBody,
) -> DomainResult<()> {
    require_membership(state, org_id, user_id).await?;
    let role_ids = resolve_roles(state, body).await?;
    state
        .store
        .replace_member_roles(
            OrganizationId(org_id),
            UserId(user_id),
            OrganizationRoleIds(&role_ids),
        )
        .await
        .map_err(DomainError::from)?;
    sessions::revoke(state, user_id).await
}

pub async fn remove_member_role(
    state: &AppState,
    org_id: &str,
    user_id: &str,
    role_id: &str,
) -> DomainResult<()> {
    require_membership(state, org_id, user_id).await?;
    if state
        .store
        .remove_member_role(
            OrganizationId(org_id),
            UserId(user_id),
            OrganizationRoleId(role_id),
        )
        .await?
    {
        sessions::revoke(state, user_id).await
    } else {
        Err(DomainError::not_linked(
            "The member does not hold this organization role.",
        ))
    }
}

pub async fn member_scopes(
    state: &AppState,
    org_id: &str,
    user_id: &str,
) -> DomainResult<Vec<MemberScope>> {
    require_membership(state, org_id, user_id).await?;
    let scopes = state
        .store
        .member_scopes(OrganizationId(org_id), UserId(user_id))
        .await?;
    Ok(scopes
        .into_iter()
        .map(|s| MemberScope {
            id: s.id,
            name: s.name,
            description: s.description,
        })
        .collect())
}

/// `GET /api/users/{id}/organizations`.
pub async fn user_organizations(
    state: &AppState,
    user_id: &str,
) -> DomainResult<Vec<UserOrganization>> {
    users::find(state, user_id).await?;
    let (records, held) = state.store.user_organizations(user_id).await?;
    Ok(records
        .into_iter()
        .map(|record| UserOrganization {
            organization_roles: refs_of(&held, &record.id),
            organization: organizations::to_api(record),
        })
        .collect())
}
