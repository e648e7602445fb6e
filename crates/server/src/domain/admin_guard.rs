//! Protected accounts: a tenant admin cannot be deleted until the role is removed, and
//! the last active tenant admin can neither lose the role nor be suspended.
//!
//! The store checks and writes in one locked transaction (see
//! `store::protected_role`), so the rule holds across server instances; this module
//! only turns a refusal into the API's error.

use super::error::{DomainResult, Rule};
use crate::store::Guarded;

pub use crate::builtin::TENANT_ADMIN_ROLE as PROTECTED_ROLE;

/// The change's result, or the error for the rule it would have broken.
pub fn outcome<T>(guarded: Guarded<T>) -> DomainResult<T> {
    match guarded {
        Guarded::Done(value) => Ok(value),
        Guarded::LastHolder => Err(Rule::LastAdmin.into()),
        Guarded::Holder => Err(Rule::CannotDeleteAdmin.into()),
    }
}
