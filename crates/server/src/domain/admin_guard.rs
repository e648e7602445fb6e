//! Protected accounts: a tenant admin cannot be deleted until the role is removed, and
//! the last active tenant admin can neither lose the role nor be suspended.

use axum::http::StatusCode;

use crate::bootstrap::TENANT_ADMIN_ROLE;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::UserRecord;

fn last_admin() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "role.last_admin",
        "This is the last active tenant admin; make another user a tenant admin first.",
    )
}

pub async fn ensure_deletable(state: &AppState, user_id: &str) -> ApiResult<()> {
    if state
        .store
        .holds_role_named(user_id, TENANT_ADMIN_ROLE)
        .await?
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "user.cannot_delete_admin",
            "Remove the tenant-admin role before deleting this user.",
        ));
    }
    Ok(())
}

/// Refuses when `user` is an active tenant admin and no other active one exists.
async fn ensure_not_last_active_admin(state: &AppState, user: &UserRecord) -> ApiResult<()> {
    if user.is_suspended
        || !state
            .store
            .holds_role_named(&user.id, TENANT_ADMIN_ROLE)
            .await?
    {
        return Ok(());
    }
    if state
        .store
        .active_holders_of_role_named(TENANT_ADMIN_ROLE)
        .await?
        <= 1
    {
        return Err(last_admin());
    }
    Ok(())
}

/// Before the user loses the roles in `removed_role_ids`.
pub async fn ensure_roles_removable(
    state: &AppState,
    user: &UserRecord,
    removed_role_ids: &[String],
) -> ApiResult<()> {
    for role_id in removed_role_ids {
        let role = state.store.role(role_id).await?;
        if role.is_some_and(|r| r.name == TENANT_ADMIN_ROLE) {
            ensure_not_last_active_admin(state, user).await?;
        }
    }
    Ok(())
}

pub async fn ensure_suspendable(state: &AppState, user: &UserRecord) -> ApiResult<()> {
    ensure_not_last_active_admin(state, user).await
}
