//! Who holds a role (users, applications) and what it grants (scopes).

use tenantry_api_types::{Application, Scope, ScopeWithResource, User};

use super::error::{Conflict, DomainError, DomainResult, LinkKind, Rule};
use super::roles::{
    ensure_default_without_management_api, ensure_for_applications, ensure_for_users, find,
    internal_role_violation, is_internal,
};
use super::{applications, id_list, resources, user_roles, user_search, users};
use crate::builtin::{ALL_SCOPE, MANAGEMENT_API_ID};
use crate::state::AppState;
use crate::store::{
    ApplicationFilter, ApplicationIds, Linked, RoleId, ScopeId, ScopeIds, UserIds, Window,
};

fn nonempty(ids: &[String], field: &str) -> DomainResult<()> {
    if ids.is_empty() || ids.iter().any(|id| id.is_empty()) {
        return Err(DomainError::invalid(
            field,
            "must list at least one id, none empty",
        ));
    }
    Ok(())
}

/// The role's users, with the user search parameters.
pub async fn users(
    state: &AppState,
    role_id: &str,
    pairs: &[(String, String)],
    window: Window,
) -> DomainResult<(Vec<User>, i64)> {
    find(state, role_id).await?;
    let now = state.clock.now_ms();
    let mut query = user_search::parse(pairs, now)?;
    query.role_id = Some(role_id.to_owned());
    let (records, total) = state.store.search_users(&query, window).await?;
    Ok((
        records.into_iter().map(|r| users::to_api(r, now)).collect(),
        total,
    ))
}

pub async fn add_users(state: &AppState, role_id: &str, user_ids: Vec<String>) -> DomainResult<()> {
    nonempty(&user_ids, "userIds")?;
    let user_ids = id_list::distinct("userIds", user_ids)?;
    let role = find(state, role_id).await?;
    // Logto's answer on this route comes from a database constraint, not a check.
    ensure_for_users(&role).map_err(|_| {
        DomainError::from(Rule::ConstraintViolated(
            "Can not assign machine to machine role to user.",
        ))
    })?;
    for id in &user_ids {
        users::find(state, id).await?;
    }
    match state
        .store
        .add_role_users(RoleId(role_id), UserIds(&user_ids))
        .await?
    {
        Linked::Done => Ok(()),
        Linked::AlreadyThere(user_id) => {
            Err(Conflict::Linked(LinkKind::UserToRole, user_id).into())
        }
    }
}

/// Through the user's roles, so the last tenant admin keeps the role.
pub async fn remove_user(state: &AppState, role_id: &str, user_id: &str) -> DomainResult<()> {
    find(state, role_id).await?;
    user_roles::remove(state, user_id, role_id).await
}

/// The applications holding the role, narrowed by `filter` (a search, say).
pub async fn applications(
    state: &AppState,
    role_id: &str,
    filter: ApplicationFilter,
    window: Window,
) -> DomainResult<(Vec<Application>, i64)> {
    find(state, role_id).await?;
    let filter = ApplicationFilter {
        role_id: Some(role_id.to_owned()),
        ..filter
    };
    let (apps, total) = state.store.applications(&filter, Some(window)).await?;
    Ok((apps.into_iter().map(applications::to_api).collect(), total))
}

pub async fn add_applications(
    state: &AppState,
    role_id: &str,
    app_ids: Vec<String>,
) -> DomainResult<()> {
    nonempty(&app_ids, "applicationIds")?;
    let app_ids = id_list::distinct("applicationIds", app_ids)?;
    let role = find(state, role_id).await?;
    ensure_for_applications(&role)?;
    for id in &app_ids {
        applications::find(state, id).await?;
    }
    match state
        .store
        .add_role_applications(RoleId(role_id), ApplicationIds(&app_ids))
        .await?
    {
        Linked::Done => Ok(()),
        Linked::AlreadyThere(app_id) => {
            Err(Conflict::Linked(LinkKind::ApplicationToRole, app_id).into())
        }
    }
}

pub async fn remove_application(state: &AppState, role_id: &str, app_id: &str) -> DomainResult<()> {
    find(state, role_id).await?;
    applications::remove_role(state, app_id, role_id).await
}

/// The role's scopes with their resources; all of them when `window` is `None`.
pub async fn scopes(
    state: &AppState,
    role_id: &str,
    window: Option<Window>,
) -> DomainResult<(Vec<ScopeWithResource>, i64)> {
    find(state, role_id).await?;
    let (scopes, total) = state.store.role_scopes(role_id, window).await?;
    let (all_resources, _) = state.store.resources(None).await?;
    let items = scopes
        .into_iter()
        .filter_map(|scope| {
            let resource = all_resources.iter().find(|r| r.id == scope.resource_id)?;
            Some(ScopeWithResource {
                resource: resources::to_api(resource.clone(), None),
                scope: resources::scope_to_api(scope),
            })
        })
        .collect();
    Ok((items, total))
}

/// Adds scopes; answers every scope the role then grants (as Logto does).
pub async fn add_scopes(
    state: &AppState,
    role_id: &str,
    scope_ids: Vec<String>,
) -> DomainResult<Vec<Scope>> {
    nonempty(&scope_ids, "scopeIds")?;
    let scope_ids = id_list::distinct("scopeIds", scope_ids)?;
    let role = find(state, role_id).await?;
    let mut scopes = Vec::with_capacity(scope_ids.len());
    for id in &scope_ids {
        scopes.push(resources::find_scope(state, id).await?);
    }
    ensure_default_without_management_api(role.is_default, &scopes)?;
    if let Linked::AlreadyThere(scope_id) = state
        .store
        .add_role_scopes(RoleId(role_id), ScopeIds(&scope_ids))
        .await?
    {
        return Err(Conflict::Linked(LinkKind::ScopeToRole, scope_id).into());
    }
    let (scopes, _) = state.store.role_scopes(role_id, None).await?;
    Ok(scopes.into_iter().map(resources::scope_to_api).collect())
}

pub async fn remove_scope(state: &AppState, role_id: &str, scope_id: &str) -> DomainResult<()> {
    let role = find(state, role_id).await?;
    let scope = resources::find_scope(state, scope_id).await?;
    if is_internal(&role) && scope.resource_id == MANAGEMENT_API_ID && scope.name == ALL_SCOPE {
        return Err(internal_role_violation());
    }
    if state
        .store
        .remove_role_scope(RoleId(role_id), ScopeId(scope_id))
        .await?
    {
        Ok(())
    } else {
        Err(DomainError::not_linked(
            "The role does not grant this scope.",
        ))
    }
}
