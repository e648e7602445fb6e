//! Non-tenant-admins (organization admins, embed tokens) see only a member's public
//! fields: who they are and their roles in the organization. Phone, custom data,
//! identities and account state (sign-in times, suspension, lockout) stay with
//! tenant admins.

use serde_json::{Map, Value};

const PUBLIC_FIELDS: &[&str] = &[
    "id",
    "username",
    "name",
    "avatar",
    "primaryEmail",
    "organizationRoles",
];

/// Strips every field but the public ones from a user object or a list of them.
pub fn strip_users(body: Value) -> Value {
    match body {
        Value::Array(users) => Value::Array(users.into_iter().map(strip_user).collect()),
        user @ Value::Object(_) => strip_user(user),
        other => other,
    }
}

fn strip_user(user: Value) -> Value {
    match user {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .filter(|(k, _)| PUBLIC_FIELDS.contains(&k.as_str()))
                .collect::<Map<_, _>>(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_public_fields_only() {
        let stripped = strip_users(json!([{
            "id": "u1", "username": "ann", "customData": {"plan": "gold"},
            "primaryPhone": "123", "identities": {}, "organizationRoles": [],
            "lastSignInAt": 1, "isSuspended": false, "isLocked": false
        }]));
        assert_eq!(
            stripped,
            json!([{"id": "u1", "username": "ann", "organizationRoles": []}])
        );
    }
}
