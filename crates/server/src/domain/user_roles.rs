//! A user's global roles.

use axum::http::StatusCode;
use tenantry_api_types::{Role, RoleType};

use super::users;
use crate::error::{ApiError, ApiResult};
use crate::store::{RoleRecord, Store, Window};

pub fn to_api(record: RoleRecord) -> Role {
    Role {
        role_type: if record.role_type == "MachineToMachine" {
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

pub async fn list(store: &dyn Store, user_id: &str, window: Window) -> ApiResult<(Vec<Role>, i64)> {
    users::find(store, user_id).await?;
    let (roles, total) = store.user_roles(user_id, window).await?;
    Ok((roles.into_iter().map(to_api).collect(), total))
}

/// Every id must name an existing role meant for users.
async fn check_user_roles(store: &dyn Store, role_ids: &[String]) -> ApiResult<()> {
    for id in role_ids {
        let role = store
            .role(id)
            .await?
            .ok_or_else(|| ApiError::not_exists_with_id("role", id))?;
        if role.role_type != "User" {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "user.invalid_role_type",
                "Can not assign machine to machine role to user.",
            ));
        }
    }
    Ok(())
}

/// Returns the ids that were not held before.
pub async fn add(store: &dyn Store, user_id: &str, role_ids: &[String]) -> ApiResult<Vec<String>> {
    users::find(store, user_id).await?;
    check_user_roles(store, role_ids).await?;
    Ok(store.add_user_roles(user_id, role_ids).await?)
}

pub async fn replace(store: &dyn Store, user_id: &str, role_ids: &[String]) -> ApiResult<()> {
    users::find(store, user_id).await?;
    check_user_roles(store, role_ids).await?;
    Ok(store.replace_user_roles(user_id, role_ids).await?)
}

pub async fn remove(store: &dyn Store, user_id: &str, role_id: &str) -> ApiResult<()> {
    users::find(store, user_id).await?;
    store
        .role(role_id)
        .await?
        .ok_or_else(|| ApiError::not_exists_with_id("role", role_id))?;
    if store.remove_user_role(user_id, role_id).await? {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "entity.not_found",
            "The user does not hold this role.",
        ))
    }
}
