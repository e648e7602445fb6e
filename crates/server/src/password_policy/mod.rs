//! The password policy: a minimum length and a list of common (breached) passwords,
//! applied wherever a password is chosen (create, set, reset, invitation accept).
//! Failures are Logto's 422 `password.rejected` with its issue codes in `data`.

use std::collections::HashSet;
use std::sync::{LazyLock, RwLock};

use serde_json::json;

use crate::domain::error::{DomainResult, Rule};

/// Django's list of the 20,000 most common passwords (BSD-3, see common-passwords.LICENSE).
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_length: usize,
    pub reject_common: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            min_length: 8,
            reject_common: true,
        }
    }
}

/// Process-wide, set at start: the checks run deep in input validation, which every
/// path that takes a new password shares.
static CURRENT: RwLock<PasswordPolicy> = RwLock::new(PasswordPolicy {
    min_length: 8,
    reject_common: true,
});

pub fn configure(policy: PasswordPolicy) {
    *CURRENT.write().unwrap_or_else(|e| e.into_inner()) = policy;
}

pub fn current() -> PasswordPolicy {
    *CURRENT.read().unwrap_or_else(|e| e.into_inner())
}

impl PasswordPolicy {
    /// Logto's issue codes for what is wrong with `password`; empty when it passes.
    pub fn issues(&self, password: &str) -> Vec<serde_json::Value> {
        let mut issues = Vec::new();
        if password.chars().count() < self.min_length {
            issues.push(json!({
                "code": "password_rejected.too_short",
                "interpolation": { "min": self.min_length },
            }));
        }
        if self.reject_common && COMMON.contains(password.to_lowercase().trim()) {
            issues.push(json!({ "code": "password_rejected.pwned" }));
        }
        issues
    }

    pub fn check(&self, password: &str) -> DomainResult<()> {
        let issues = self.issues(password);
        if issues.is_empty() {
            return Ok(());
        }
        Err(Rule::PasswordRejected(json!(issues)).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passwords_are_rejected() {
        let policy = PasswordPolicy::default();
        assert_eq!(policy.issues("a").len(), 2);
        assert_eq!(policy.issues("123456").len(), 2);
        assert_eq!(
            policy.issues("Password1")[0]["code"],
            "password_rejected.pwned"
        );
        assert!(policy.issues("correct horse battery").is_empty());
        assert!(COMMON.len() > 19_000);
        let lax = PasswordPolicy {
            min_length: 1,
            reject_common: false,
        };
        assert!(lax.issues("a").is_empty());
    }
}
