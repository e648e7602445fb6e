//! Audit keys from the route table itself: a route whose `operation_id` names an
//! action (`User.Create`, with a dot) is audited under it; any other under its resource
//! and method (`PATCH /api/organizations/{id}` is `Organization.Update`).

use std::collections::HashMap;

use axum::http::Method;
use utoipa::openapi::OpenApi;

pub struct AuditKeys(HashMap<(Method, String), String>);

impl AuditKeys {
    /// The named actions of the routes `document` describes.
    pub fn of(document: &OpenApi) -> Self {
        let mut named = HashMap::new();
        for (path, item) in &document.paths.paths {
            let operations = [
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::PATCH, &item.patch),
                (Method::DELETE, &item.delete),
            ];
            for (method, operation) in operations {
                let id = operation.as_ref().and_then(|op| op.operation_id.as_ref());
                if let Some(action) = id.filter(|id| id.contains('.')) {
                    named.insert((method, path.clone()), action.clone());
                }
            }
        }
        AuditKeys(named)
    }

    /// `Management.<action>` for a call of `method` on the route `path`.
    pub fn key(&self, method: &Method, path: &str) -> String {
        match self.0.get(&(method.clone(), path.to_owned())) {
            Some(action) => format!("Management.{action}"),
            None => generic_key(method, path),
        }
    }
}

/// The resource from the path, the action from the method.
fn generic_key(method: &Method, path: &str) -> String {
    let resource = path
        .trim_start_matches("/api/")
        .split('/')
        .next()
        .unwrap_or("Unknown");
    let entity: String = resource
        .trim_end_matches('s')
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        })
        .collect();
    let action = match method.as_str() {
        "POST" => "Create",
        "PUT" => "Replace",
        "PATCH" => "Update",
        "DELETE" => "Delete",
        other => other,
    };
    format!("Management.{entity}.{action}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_routes_are_keyed_by_resource_and_method() {
        let keys = AuditKeys(HashMap::new());
        assert_eq!(
            keys.key(&Method::DELETE, "/api/organization-roles/{id}"),
            "Management.OrganizationRole.Delete"
        );
        assert_eq!(
            keys.key(&Method::POST, "/api/users"),
            "Management.User.Create"
        );
    }
}
