//! Global roles: list with their holders, create, change, delete, and the rules on
//! who may hold which type.

use tenantry_api_types::{
    CreateRole, FeaturedApplication, FeaturedUser, Role, RoleType, RoleWithCounts, UpdateRole,
};

use super::error::{Conflict, DomainError, DomainResult, Rule};
use super::{id_list, text_search};
use crate::builtin::{EDGE_ROLE, MANAGEMENT_API_ID, TENANT_ADMIN_ROLE, TENANT_ID};
use crate::ids::{is_plausible_id, new_id};
use crate::state::AppState;
use crate::store::{RoleFilter, RoleRecord, ScopeRecord, Window};

/// What a bare `search` covers in role lists.
pub const SEARCH_FIELDS: &[(&str, &str)] = &[
    ("id", "id"),
    ("name", "name"),
    ("description", "description"),
];

const USER: &str = "User";
const MACHINE_TO_MACHINE: &str = "MachineToMachine";

pub fn to_api(record: RoleRecord) -> Role {
    Role {
        tenant_id: TENANT_ID.into(),
        role_type: if record.role_type == MACHINE_TO_MACHINE {
            RoleType::MachineToMachine
        } else {
            RoleType::User
        },
        id: record.id,
        name: record.name,
        description: record.description,
        is_default: record.is_default,
    }
}

pub async fn find(state: &AppState, id: &str) -> DomainResult<RoleRecord> {
    let missing = || DomainError::not_exists_with_id("role", id);
    if !is_plausible_id(id) {
        return Err(missing());
    }
    state.store.role(id).await?.ok_or_else(missing)
}

/// A user may only hold `User` roles (Logto's `user.invalid_role_type`).
pub fn ensure_for_users(role: &RoleRecord) -> DomainResult<()> {
    if role.role_type != USER {
        return Err(DomainError::from(Rule::MachineRoleForUser));
    }
    Ok(())
}

/// An application may only hold machine-to-machine roles.
pub fn ensure_for_applications(role: &RoleRecord) -> DomainResult<()> {
    if role.role_type != MACHINE_TO_MACHINE {
        return Err(DomainError::from(Rule::UserRoleForApplication));
    }
    Ok(())
}

/// The bootstrapped roles keep the server usable: `tenant-admin` protects the admins
/// (found by name), `edge` lets the portal's edge call the API.
pub fn is_internal(role: &RoleRecord) -> bool {
    role.name == TENANT_ADMIN_ROLE || role.name == EDGE_ROLE
}

pub fn internal_role_violation() -> DomainError {
    DomainError::from(Rule::InternalRole)
}

/// A default role goes to every new user, so it must not grant the Management API:
/// otherwise anyone who signs up or accepts an invitation becomes a tenant admin.
fn management_api_in_default_role() -> DomainError {
    DomainError::from(Rule::ManagementScopesOnDefaultRole)
}

/// Refuses `isDefault` together with Management API scopes.
pub fn ensure_default_without_management_api(
    is_default: bool,
    scopes: &[ScopeRecord],
) -> DomainResult<()> {
    if is_default && scopes.iter().any(|s| s.resource_id == MANAGEMENT_API_ID) {
        return Err(management_api_in_default_role());
    }
    Ok(())
}

fn name_in_use(name: &str) -> DomainError {
    Conflict::RoleName(name.to_owned()).into()
}

/// Logto's limits: 1 to 128 characters.
fn checked_text(field: &str, value: &str) -> DomainResult<()> {
    let n = value.chars().count();
    if value.trim().is_empty() || n > 128 {
        return Err(DomainError::invalid(field, "must be 1 to 128 characters"));
    }
    Ok(())
}

/// `GET /api/roles` parameters besides the page.
pub fn filter(pairs: &[(String, String)]) -> DomainResult<RoleFilter> {
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let role_type = match get("type").as_deref() {
        None => None,
        Some(t @ (USER | MACHINE_TO_MACHINE)) => Some(t.to_owned()),
        Some(_) => {
            return Err(DomainError::invalid(
                "type",
                "must be `User` or `MachineToMachine`",
            ));
        }
    };
    Ok(RoleFilter {
        search: text_search::parse(pairs, SEARCH_FIELDS)?,
        role_type,
        exclude_user_id: get("excludeUserId"),
        exclude_application_id: get("excludeApplicationId"),
        application_id: None,
        user_id: None,
    })
}

pub async fn list(
    state: &AppState,
    filter: &RoleFilter,
    window: Window,
) -> DomainResult<(Vec<RoleWithCounts>, i64)> {
    let (roles, total) = state.store.roles(filter, window).await?;
    let ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
    let holders = state.store.role_holders(&ids).await?;
    let items = roles
        .into_iter()
        .zip(holders)
        .map(|(role, held)| RoleWithCounts {
            role: to_api(role),
            users_count: held.users_count,
            featured_users: held
                .featured_users
                .into_iter()
                .map(|(id, avatar, name)| FeaturedUser { id, avatar, name })
                .collect(),
            applications_count: held.applications_count,
            featured_applications: held
                .featured_applications
                .into_iter()
                .map(|(id, name, application_type)| FeaturedApplication {
                    id,
                    name,
                    application_type,
                })
                .collect(),
        })
        .collect();
    Ok((items, total))
}

pub async fn create(state: &AppState, body: CreateRole) -> DomainResult<Role> {
    checked_text("name", &body.name)?;
    checked_text("description", &body.description)?;
    let scope_ids = id_list::distinct("scopeIds", body.scope_ids.unwrap_or_default())?;
    let mut scopes = Vec::with_capacity(scope_ids.len());
    for scope_id in &scope_ids {
        scopes.push(super::resources::find_scope(state, scope_id).await?);
    }
    let is_default = body.is_default.unwrap_or(false);
    ensure_default_without_management_api(is_default, &scopes)?;
    let role = RoleRecord {
        id: new_id(),
        name: body.name,
        description: body.description,
        role_type: match body.role_type {
            Some(RoleType::MachineToMachine) => MACHINE_TO_MACHINE,
            _ => USER,
        }
        .into(),
        is_default,
        created_at: state.clock.now_ms(),
    };
    if !state.store.insert_role(&role, &scope_ids).await? {
        return Err(name_in_use(&role.name));
    }
    Ok(to_api(role))
}

pub async fn update(state: &AppState, id: &str, body: UpdateRole) -> DomainResult<Role> {
    // A grant racing this check cannot make admins of new users: the store's
    // default-role assignment skips roles that carry Management API scopes.
    let mut role = find(state, id).await?;
    if let Some(name) = body.name {
        checked_text("name", &name)?;
        if name != role.name && is_internal(&role) {
            return Err(internal_role_violation());
        }
        role.name = name;
    }
    if let Some(description) = body.description {
        checked_text("description", &description)?;
        role.description = description;
    }
    if let Some(is_default) = body.is_default {
        if is_default && !role.is_default {
            let (scopes, _) = state.store.role_scopes(&role.id, None).await?;
            ensure_default_without_management_api(true, &scopes)?;
        }
        role.is_default = is_default;
    }
    if !state.store.update_role(&role).await? {
        return Err(name_in_use(&role.name));
    }
    Ok(to_api(role))
}

pub async fn delete(state: &AppState, id: &str) -> DomainResult<()> {
    let role = find(state, id).await?;
    if is_internal(&role) {
        return Err(internal_role_violation());
    }
    state.store.delete_role(id).await?;
    Ok(())
}
