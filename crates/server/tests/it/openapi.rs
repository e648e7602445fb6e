//! `/api/swagger.json` documents every route the server answers.

use crate::common::*;
use serde_json::Value;

#[tokio::test]
async fn swagger_lists_every_route_with_schemas() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(server.url("/api/swagger.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let document: Value = response.json().await.unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let paths = document["paths"].as_object().unwrap();
    let expected = [
        ("/api/status", "get"),
        ("/oidc/token", "post"),
        ("/oidc/jwks", "get"),
        ("/oidc/.well-known/openid-configuration", "get"),
        ("/api/users", "get"),
        ("/api/users", "post"),
        ("/api/users/{userId}", "get"),
        ("/api/users/{userId}", "patch"),
        ("/api/users/{userId}", "delete"),
        ("/api/users/{userId}/password", "patch"),
        ("/api/users/{userId}/password/verify", "post"),
        ("/api/users/{userId}/unlock", "post"),
        ("/api/users/{userId}/recover-password", "post"),
        ("/api/users/{userId}/email-verification", "post"),
        ("/api/users/{userId}/email-verification/confirm", "post"),
        ("/api/users/{userId}/sessions", "get"),
        ("/api/users/{userId}/sessions/revoke", "post"),
        ("/api/users/{userId}/logs", "get"),
        ("/api/logs", "get"),
        ("/api/logs/{id}", "get"),
        ("/api/recover-password", "post"),
        ("/api/password-reset", "post"),
        ("/api/users/{userId}/has-password", "get"),
        ("/api/users/{userId}/is-suspended", "patch"),
        ("/api/users/{userId}/custom-data", "get"),
        ("/api/users/{userId}/custom-data", "patch"),
        ("/api/users/{userId}/profile", "patch"),
        ("/api/users/{userId}/roles", "get"),
        ("/api/users/{userId}/roles", "post"),
        ("/api/users/{userId}/roles", "put"),
        ("/api/users/{userId}/roles/{roleId}", "delete"),
        ("/api/users/{userId}/organizations", "get"),
        ("/api/organization-roles", "get"),
        ("/api/organization-roles", "post"),
        ("/api/organization-roles/{id}", "get"),
        ("/api/organization-roles/{id}", "patch"),
        ("/api/organization-roles/{id}", "delete"),
        ("/api/organization-roles/{id}/scopes", "get"),
        ("/api/organization-roles/{id}/scopes", "post"),
        ("/api/organization-roles/{id}/scopes", "put"),
        (
            "/api/organization-roles/{id}/scopes/{organizationScopeId}",
            "delete",
        ),
        ("/api/organization-roles/{id}/resource-scopes", "get"),
        ("/api/organization-roles/{id}/resource-scopes", "post"),
        ("/api/organization-roles/{id}/resource-scopes", "put"),
        (
            "/api/organization-roles/{id}/resource-scopes/{scopeId}",
            "delete",
        ),
        ("/api/organization-scopes", "get"),
        ("/api/organization-scopes", "post"),
        ("/api/organization-scopes/{id}", "get"),
        ("/api/organization-scopes/{id}", "patch"),
        ("/api/organization-scopes/{id}", "delete"),
        ("/api/organization-invitations", "get"),
        ("/api/organization-invitations", "post"),
        ("/api/organization-invitations/{id}", "get"),
        ("/api/organization-invitations/{id}", "delete"),
        ("/api/organization-invitations/{id}/message", "post"),
        ("/api/organization-invitations/{id}/status", "put"),
        ("/api/invitations/{id}/accept", "post"),
        ("/api/organizations", "get"),
        ("/api/organizations", "post"),
        ("/api/organizations/{id}", "get"),
        ("/api/organizations/{id}", "patch"),
        ("/api/organizations/{id}", "delete"),
        ("/api/organizations/{id}/users", "get"),
        ("/api/organizations/{id}/users", "post"),
        ("/api/organizations/{id}/users", "put"),
        ("/api/organizations/{id}/users/{userId}", "delete"),
        ("/api/organizations/{id}/users/roles", "post"),
        ("/api/organizations/{id}/users/{userId}/roles", "get"),
        ("/api/organizations/{id}/users/{userId}/roles", "post"),
        ("/api/organizations/{id}/users/{userId}/roles", "put"),
        (
            "/api/organizations/{id}/users/{userId}/roles/{organizationRoleId}",
            "delete",
        ),
        ("/api/organizations/{id}/users/{userId}/scopes", "get"),
        ("/api/roles", "get"),
        ("/api/roles", "post"),
        ("/api/roles/{id}", "get"),
        ("/api/roles/{id}", "patch"),
        ("/api/roles/{id}", "delete"),
        ("/api/roles/{id}/users", "get"),
        ("/api/roles/{id}/users", "post"),
        ("/api/roles/{id}/users/{userId}", "delete"),
        ("/api/roles/{id}/applications", "get"),
        ("/api/roles/{id}/applications", "post"),
        ("/api/roles/{id}/applications/{applicationId}", "delete"),
        ("/api/roles/{id}/scopes", "get"),
        ("/api/roles/{id}/scopes", "post"),
        ("/api/roles/{id}/scopes/{scopeId}", "delete"),
        ("/api/resources", "get"),
        ("/api/resources", "post"),
        ("/api/resources/{id}", "get"),
        ("/api/resources/{id}", "patch"),
        ("/api/resources/{id}", "delete"),
        ("/api/resources/{id}/is-default", "patch"),
        ("/api/resources/{id}/scopes", "get"),
        ("/api/resources/{id}/scopes", "post"),
        ("/api/resources/{id}/scopes/{scopeId}", "patch"),
        ("/api/resources/{id}/scopes/{scopeId}", "delete"),
        ("/api/connectors", "get"),
        ("/api/connectors/{id}", "get"),
        ("/api/applications", "get"),
        ("/api/applications", "post"),
        ("/api/applications/{id}", "get"),
        ("/api/applications/{id}", "patch"),
        ("/api/applications/{id}", "delete"),
        ("/api/applications/{id}/roles", "get"),
        ("/api/applications/{id}/roles", "post"),
        ("/api/applications/{id}/roles", "put"),
        ("/api/applications/{id}/roles/{roleId}", "delete"),
        ("/api/applications/{id}/secrets", "get"),
        ("/api/applications/{id}/secrets", "post"),
        ("/api/applications/{id}/secrets/{name}", "patch"),
        ("/api/applications/{id}/secrets/{name}", "delete"),
    ];
    for (path, method) in expected {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is documented"
        );
    }
    let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        operations,
        expected.len(),
        "no route is left out of this list"
    );
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for schema in [
        "User",
        "CreateUser",
        "UpdateUser",
        "Role",
        "ErrorBody",
        "TokenResponse",
        "OrganizationRole",
        "OrganizationRoleWithScopes",
        "OrganizationScope",
        "CreateOrganizationRole",
        "ResourceScope",
        "RoleWithCounts",
        "Resource",
        "Scope",
        "Application",
        "ApplicationSecret",
        "CreatedApplicationSecret",
    ] {
        assert!(schemas.contains_key(schema), "schema {schema}");
    }

    // Documented paths are served: an undocumented one is a Logto-style 404.
    let missing = server.get("/api/nothing-here").await;
    expect_error(missing, 404, "guard.not_found").await;
}
