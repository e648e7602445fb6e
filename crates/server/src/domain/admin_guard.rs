//! Protected accounts: a tenant admin cannot be deleted until the role is removed, and
//! the last active tenant admin can neither lose the role nor be suspended.
//!
//! The store checks and writes in one locked transaction (see
//! `store::protected_role`), so the rule holds across server instances; this module
//! only turns a refusal into the API's error.

use axum::http::StatusCode;

use crate::error::{ApiError, ApiResult};
use crate::store::Guarded;

pub use crate::builtin::TENANT_ADMIN_ROLE as PROTECTED_ROLE;

fn last_admin() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "role.last_admin",
        "This is the last active tenant admin; make another user a tenant admin first.",
    )
}

fn admin_not_deletable() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "user.cannot_delete_admin",
        "Remove the tenant-admin role before deleting this user.",
    )
}

/// The change's result, or the error for the rule it would have broken.
pub fn outcome<T>(guarded: Guarded<T>) -> ApiResult<T> {
    match guarded {
        Guarded::Done(value) => Ok(value),
        Guarded::LastHolder => Err(last_admin()),
        Guarded::Holder => Err(admin_not_deletable()),
    }
}
