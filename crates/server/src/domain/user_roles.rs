//! A user's global roles.

use tenantry_api_types::Role;

use super::error::{DomainError, DomainResult};
use super::{admin_guard, roles, sessions, users};
use crate::state::AppState;
use crate::store::{RoleFilter, RoleId, RoleIds, UserId, Window};

pub use super::roles::to_api;

/// The user's roles by name; with a search (`search=%text%`, as on `GET /api/roles`),
/// only those matching it.
pub async fn list(
    state: &AppState,
    user_id: &str,
    pairs: &[(String, String)],
    window: Window,
) -> DomainResult<(Vec<Role>, i64)> {
    users::find(state, user_id).await?;
    let filter = roles::filter(pairs)?;
    let (roles, total) = if filter.search.matches.is_empty() {
        state.store.user_roles(user_id, window).await?
    } else {
        let filter = RoleFilter {
            user_id: Some(user_id.to_owned()),
            ..filter
        };
        state.store.roles(&filter, window).await?
    };
    Ok((roles.into_iter().map(to_api).collect(), total))
}

/// Every id must name an existing role meant for users.
async fn check_user_roles(state: &AppState, role_ids: &[String]) -> DomainResult<()> {
    super::id_list::bounded("roleIds", role_ids)?;
    for id in role_ids {
        roles::ensure_for_users(&roles::find(state, id).await?)?;
    }
    Ok(())
}

/// Returns the ids that were not held before.
pub async fn add(
    state: &AppState,
    user_id: &str,
    role_ids: &[String],
) -> DomainResult<Vec<String>> {
    users::find(state, user_id).await?;
    check_user_roles(state, role_ids).await?;
    Ok(state
        .store
        .add_user_roles(UserId(user_id), RoleIds(role_ids))
        .await?)
}

pub async fn replace(state: &AppState, user_id: &str, role_ids: &[String]) -> DomainResult<()> {
    users::find(state, user_id).await?;
    check_user_roles(state, role_ids).await?;
    let all = Window {
        limit: i64::MAX,
        offset: 0,
    };
    let (held, _) = state.store.user_roles(user_id, all).await?;
    let removed = held.iter().any(|r| !role_ids.contains(&r.id));
    let replaced = state
        .store
        .replace_user_roles(
            UserId(user_id),
            RoleIds(role_ids),
            admin_guard::PROTECTED_ROLE,
        )
        .await?;
    admin_guard::outcome(replaced)?;
    // A role taken away may have been what made the user an admin.
    if removed {
        sessions::revoke(state, user_id).await?;
    }
    Ok(())
}

pub async fn remove(state: &AppState, user_id: &str, role_id: &str) -> DomainResult<()> {
    users::find(state, user_id).await?;
    state
        .store
        .role(role_id)
        .await?
        .ok_or_else(|| DomainError::not_exists_with_id("role", role_id))?;
    let removed = state
        .store
        .remove_user_role(
            UserId(user_id),
            RoleId(role_id),
            admin_guard::PROTECTED_ROLE,
        )
        .await?;
    if admin_guard::outcome(removed)? {
        sessions::revoke(state, user_id).await
    } else {
        Err(DomainError::not_linked("The user does not hold this role."))
    }
}
