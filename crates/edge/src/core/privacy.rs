//! Non-tenant-admins see only a user's public fields.

use serde_json::{Map, Value};

const PUBLIC_FIELDS: &[&str] = &[
    "id",
    "username",
    "name",
    "avatar",
    "primaryEmail",
    "lastSignInAt",
    "isSuspended",
    "isLocked",
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
            "primaryPhone": "123", "identities": {}, "organizationRoles": []
        }]));
        assert_eq!(
            stripped,
            json!([{"id": "u1", "username": "ann", "organizationRoles": []}])
        );
    }
}
