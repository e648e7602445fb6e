//! One row per allowlisted route.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use super::{Kind, NONE, Row, World, row};

/// One row per allowlisted route (a few twice, for A and for B). Bodies are invalid
/// on purpose, so allowed calls change nothing.
pub fn rows(w: &World) -> Vec<Row> {
    use Kind::*;
    use Method as M;
    let bad = || {
        Some(
            json!({ "userIds": 5, "organizationRoleIds": 5, "roleIds": 5, "name": 5, "username": 5 }),
        )
    };
    let (a, b, carol, ia, ib) = (
        &w.org_a,
        &w.org_b,
        &w.carol,
        &w.invitation_a,
        &w.invitation_b,
    );
    let ta = |method: Method, pattern: &'static str, body: Option<Value>| {
        let path = pattern
            .replace("{id}", NONE)
            .replace("{name}", "secret-name");
        row(method, pattern, path, body, TenantAdmin)
    };
    let mut rows = vec![
        ta(M::GET, "/api/users", None),
        ta(M::POST, "/api/users", bad()),
        ta(M::GET, "/api/users/{id}", None),
        ta(M::PATCH, "/api/users/{id}", bad()),
        ta(M::DELETE, "/api/users/{id}", None),
        ta(M::PATCH, "/api/users/{id}/password", bad()),
        ta(M::GET, "/api/users/{id}/has-password", None),
        ta(M::PATCH, "/api/users/{id}/is-suspended", bad()),
        ta(M::GET, "/api/users/{id}/custom-data", None),
        ta(M::PATCH, "/api/users/{id}/custom-data", bad()),
        ta(M::PATCH, "/api/users/{id}/profile", bad()),
        ta(M::GET, "/api/users/{id}/roles", None),
        ta(M::POST, "/api/users/{id}/roles", bad()),
        ta(M::PUT, "/api/users/{id}/roles", bad()),
        ta(M::DELETE, "/api/users/{id}/roles/{id}", None),
        ta(M::GET, "/api/users/{id}/organizations", None),
        ta(M::GET, "/api/users/{id}/logs", None),
        ta(M::POST, "/api/users/{id}/unlock", None),
        ta(M::POST, "/api/users/{id}/recover-password", None),
        ta(M::POST, "/api/users/{id}/sessions/revoke", None),
        ta(M::GET, "/api/organizations", None),
        ta(M::POST, "/api/organizations", bad()),
        ta(M::GET, "/api/organizations/{id}", None),
        ta(M::PATCH, "/api/organizations/{id}", bad()),
        ta(M::DELETE, "/api/organizations/{id}", None),
    ];
    let users = "/api/organizations/{org}/users";
    let member = "/api/organizations/{org}/users/{id}";
    let member_roles = "/api/organizations/{org}/users/{id}/roles";
    rows.extend([
        row(
            M::GET,
            users,
            format!("/api/organizations/{a}/users"),
            None,
            OrgA("read:members"),
        ),
        row(
            M::GET,
            users,
            format!("/api/organizations/{b}/users"),
            None,
            OrgB("read:members"),
        ),
        row(
            M::POST,
            users,
            format!("/api/organizations/{a}/users"),
            bad(),
            OrgA("manage:members"),
        ),
        row(
            M::PUT,
            users,
            format!("/api/organizations/{a}/users"),
            bad(),
            OrgA("manage:members"),
        ),
        row(
            M::POST,
            "/api/organizations/{org}/users/roles",
            format!("/api/organizations/{a}/users/roles"),
            bad(),
            OrgA("manage:members"),
        ),
        row(
            M::DELETE,
            member,
            format!("/api/organizations/{a}/users/{NONE}"),
            None,
            OrgA("manage:members"),
        ),
        row(
            M::DELETE,
            member,
            format!("/api/organizations/{b}/users/{NONE}"),
            None,
            OrgB("manage:members"),
        ),
        row(
            M::GET,
            member_roles,
            format!("/api/organizations/{a}/users/{carol}/roles"),
            None,
            OrgA("read:members"),
        ),
        row(
            M::POST,
            member_roles,
            format!("/api/organizations/{a}/users/{carol}/roles"),
            bad(),
            OrgA("manage:members"),
        ),
        row(
            M::PUT,
            member_roles,
            format!("/api/organizations/{a}/users/{carol}/roles"),
            bad(),
            OrgA("manage:members"),
        ),
        row(
            M::DELETE,
            "/api/organizations/{org}/users/{id}/roles/{id}",
            format!("/api/organizations/{a}/users/{carol}/roles/{NONE}"),
            None,
            OrgA("manage:members"),
        ),
        row(
            M::GET,
            "/api/organizations/{org}/users/{id}/scopes",
            format!("/api/organizations/{a}/users/{carol}/scopes"),
            None,
            OrgA("read:members"),
        ),
        row(
            M::GET,
            "/api/organization-invitations",
            format!("/api/organization-invitations?organizationId={a}"),
            None,
            OrgA("invite:members"),
        ),
        row(
            M::GET,
            "/api/organization-invitations",
            format!("/api/organization-invitations?organizationId={b}"),
            None,
            OrgB("invite:members"),
        ),
        // Without an organization, only tenant admins may list every invitation.
        row(
            M::GET,
            "/api/organization-invitations",
            "/api/organization-invitations".into(),
            None,
            TenantAdmin,
        ),
        row(
            M::POST,
            "/api/organization-invitations",
            "/api/organization-invitations".into(),
            Some(json!({ "organizationId": a })),
            OrgA("invite:members"),
        ),
        row(
            M::POST,
            "/api/organization-invitations",
            "/api/organization-invitations".into(),
            Some(json!({ "organizationId": b })),
            OrgB("invite:members"),
        ),
        row(
            M::GET,
            "/api/organization-invitations/{inv}",
            format!("/api/organization-invitations/{ia}"),
            None,
            OrgA("invite:members"),
        ),
        row(
            M::GET,
            "/api/organization-invitations/{inv}",
            format!("/api/organization-invitations/{ib}"),
            None,
            OrgB("invite:members"),
        ),
        // An unknown invitation names no organization: tenant admins only.
        row(
            M::DELETE,
            "/api/organization-invitations/{inv}",
            format!("/api/organization-invitations/{NONE}"),
            None,
            TenantAdmin,
        ),
        row(
            M::POST,
            "/api/organization-invitations/{inv}/message",
            format!("/api/organization-invitations/{ia}/message"),
            Some(json!({ "messagePayload": 5 })),
            OrgA("invite:members"),
        ),
        row(
            M::PUT,
            "/api/organization-invitations/{inv}/status",
            format!("/api/organization-invitations/{ia}/status"),
            bad(),
            OrgA("invite:members"),
        ),
        row(
            M::GET,
            "/api/organization-roles",
            "/api/organization-roles".into(),
            None,
            OrgRoles,
        ),
    ]);
    for (method, pattern, body) in [
        (M::POST, "/api/organization-roles", bad()),
        (M::GET, "/api/organization-roles/{id}", None),
        (M::PATCH, "/api/organization-roles/{id}", bad()),
        (M::DELETE, "/api/organization-roles/{id}", None),
        (M::GET, "/api/organization-roles/{id}/scopes", None),
        (M::POST, "/api/organization-roles/{id}/scopes", bad()),
        (M::PUT, "/api/organization-roles/{id}/scopes", bad()),
        (M::DELETE, "/api/organization-roles/{id}/scopes/{id}", None),
        (M::GET, "/api/organization-roles/{id}/resource-scopes", None),
        (
            M::POST,
            "/api/organization-roles/{id}/resource-scopes",
            bad(),
        ),
        (
            M::PUT,
            "/api/organization-roles/{id}/resource-scopes",
            bad(),
        ),
        (
            M::DELETE,
            "/api/organization-roles/{id}/resource-scopes/{id}",
            None,
        ),
        (M::GET, "/api/organization-scopes", None),
        (M::POST, "/api/organization-scopes", bad()),
        (M::GET, "/api/organization-scopes/{id}", None),
        (M::PATCH, "/api/organization-scopes/{id}", bad()),
        (M::DELETE, "/api/organization-scopes/{id}", None),
        (M::GET, "/api/roles", None),
        (M::POST, "/api/roles", bad()),
        (M::GET, "/api/roles/{id}", None),
        (M::PATCH, "/api/roles/{id}", bad()),
        (M::DELETE, "/api/roles/{id}", None),
        (M::GET, "/api/roles/{id}/users", None),
        (M::POST, "/api/roles/{id}/users", bad()),
        (M::DELETE, "/api/roles/{id}/users/{id}", None),
        (M::GET, "/api/roles/{id}/applications", None),
        (M::POST, "/api/roles/{id}/applications", bad()),
        (M::DELETE, "/api/roles/{id}/applications/{id}", None),
        (M::GET, "/api/roles/{id}/scopes", None),
        (M::POST, "/api/roles/{id}/scopes", bad()),
        (M::DELETE, "/api/roles/{id}/scopes/{id}", None),
        (M::GET, "/api/resources", None),
        (M::POST, "/api/resources", bad()),
        (M::GET, "/api/resources/{id}", None),
        (M::PATCH, "/api/resources/{id}", bad()),
        (M::DELETE, "/api/resources/{id}", None),
        (M::PATCH, "/api/resources/{id}/is-default", bad()),
        (M::GET, "/api/resources/{id}/scopes", None),
        (M::POST, "/api/resources/{id}/scopes", bad()),
        (M::PATCH, "/api/resources/{id}/scopes/{id}", bad()),
        (M::DELETE, "/api/resources/{id}/scopes/{id}", None),
        (M::GET, "/api/applications", None),
        (M::POST, "/api/applications", bad()),
        (M::GET, "/api/applications/{id}", None),
        (M::PATCH, "/api/applications/{id}", bad()),
        (M::DELETE, "/api/applications/{id}", None),
        (M::GET, "/api/applications/{id}/secrets", None),
        (M::POST, "/api/applications/{id}/secrets", bad()),
        (M::PATCH, "/api/applications/{id}/secrets/{name}", bad()),
        (M::DELETE, "/api/applications/{id}/secrets/{name}", None),
        (M::GET, "/api/applications/{id}/roles", None),
        (M::POST, "/api/applications/{id}/roles", bad()),
        (M::PUT, "/api/applications/{id}/roles", bad()),
        (M::DELETE, "/api/applications/{id}/roles/{id}", None),
        (M::GET, "/api/logs", None),
        (M::GET, "/api/logs/{id}", None),
    ] {
        rows.push(ta(method, pattern, body));
    }
    rows.extend([
        row(
            M::POST,
            "/api/recover-password",
            "/api/recover-password".into(),
            Some(json!({ "email": "nobody@example.com" })),
            Public,
        ),
        row(
            M::POST,
            "/api/password-reset",
            "/api/password-reset".into(),
            bad(),
            Public,
        ),
        row(
            M::POST,
            "/api/invitations/{id}/accept",
            format!("/api/invitations/{NONE}/accept"),
            bad(),
            Public,
        ),
    ]);
    rows
}

/// The rows cover exactly the edge's allowlist.
pub fn assert_covers_the_allowlist(rows: &[Row]) {
    let tested: BTreeSet<(String, &str)> = rows
        .iter()
        .map(|r| (r.method.to_string(), r.pattern))
        .collect();
    let listed: BTreeSet<(String, &str)> = tenantry_edge::core::allowlist()
        .map(|(m, p)| (m.to_owned(), p))
        .collect();
    assert_eq!(tested, listed);
}
