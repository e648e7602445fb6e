//! The edge's allowlist itself: every route it forwards and who may call it
//! (the types and the matching are in `allowlist.rs`).

use super::allowlist::{Access, Guard, OrgFrom, Perm, Route, Scoped};
use super::http::Method;

use Access::{OrgRoles, Public, TenantAdmin as Ta};
use Method::{Delete, Get, Patch, Post, Put};

const fn org(method: Method, pattern: &'static str, perm: Perm, from: OrgFrom) -> Route {
    Route::new(method, pattern, Access::Org(perm, from))
}

const fn ta(method: Method, pattern: &'static str) -> Route {
    Route::new(method, pattern, Ta)
}

pub static ROUTES: &[Route] = &[
    // Users.
    ta(Get, "/api/users"),
    ta(Post, "/api/users"),
    ta(Get, "/api/users/{id}"),
    ta(Patch, "/api/users/{id}"),
    ta(Delete, "/api/users/{id}").guard(Guard::SelfDelete),
    ta(Patch, "/api/users/{id}/password"),
    ta(Get, "/api/users/{id}/has-password"),
    ta(Patch, "/api/users/{id}/is-suspended").guard(Guard::SelfSuspend),
    ta(Get, "/api/users/{id}/custom-data"),
    ta(Patch, "/api/users/{id}/custom-data"),
    ta(Patch, "/api/users/{id}/profile"),
    ta(Get, "/api/users/{id}/roles"),
    ta(Post, "/api/users/{id}/roles"),
    ta(Put, "/api/users/{id}/roles").guard(Guard::SelfRolesReplace),
    ta(Delete, "/api/users/{id}/roles/{id}").guard(Guard::SelfRoleRemove),
    ta(Get, "/api/users/{id}/organizations"),
    ta(Get, "/api/users/{id}/logs"),
    ta(Post, "/api/users/{id}/unlock"),
    ta(Post, "/api/users/{id}/recover-password"),
    ta(Post, "/api/users/{id}/sessions/revoke"),
    // Organizations and their members.
    ta(Get, "/api/organizations"),
    ta(Post, "/api/organizations"),
    ta(Get, "/api/organizations/{id}"),
    ta(Patch, "/api/organizations/{id}"),
    ta(Delete, "/api/organizations/{id}"),
    org(
        Get,
        "/api/organizations/{org}/users",
        Perm::Read,
        OrgFrom::Path,
    )
    .users()
    .scoped(Scoped::MemberSearch),
    org(
        Post,
        "/api/organizations/{org}/users",
        Perm::Manage,
        OrgFrom::Path,
    )
    .scoped(Scoped::AddsMembers),
    org(
        Put,
        "/api/organizations/{org}/users",
        Perm::Manage,
        OrgFrom::Path,
    )
    .scoped(Scoped::AddsMembers),
    org(
        Post,
        "/api/organizations/{org}/users/roles",
        Perm::Manage,
        OrgFrom::Path,
    ),
    org(
        Delete,
        "/api/organizations/{org}/users/{id}",
        Perm::Manage,
        OrgFrom::Path,
    ),
    org(
        Get,
        "/api/organizations/{org}/users/{id}/roles",
        Perm::Read,
        OrgFrom::Path,
    ),
    org(
        Post,
        "/api/organizations/{org}/users/{id}/roles",
        Perm::Manage,
        OrgFrom::Path,
    ),
    org(
        Put,
        "/api/organizations/{org}/users/{id}/roles",
        Perm::Manage,
        OrgFrom::Path,
    ),
    org(
        Delete,
        "/api/organizations/{org}/users/{id}/roles/{id}",
        Perm::Manage,
        OrgFrom::Path,
    ),
    org(
        Get,
        "/api/organizations/{org}/users/{id}/scopes",
        Perm::Read,
        OrgFrom::Path,
    ),
    // Invitations.
    org(
        Get,
        "/api/organization-invitations",
        Perm::Invite,
        OrgFrom::Query,
    )
    .scoped(Scoped::Invitations),
    org(
        Post,
        "/api/organization-invitations",
        Perm::Invite,
        OrgFrom::Body,
    )
    .scoped(Scoped::CreatesInvitation),
    org(
        Get,
        "/api/organization-invitations/{inv}",
        Perm::Invite,
        OrgFrom::Invitation,
    )
    .scoped(Scoped::Invitations),
    org(
        Delete,
        "/api/organization-invitations/{inv}",
        Perm::Invite,
        OrgFrom::Invitation,
    )
    .scoped(Scoped::Invitations),
    org(
        Post,
        "/api/organization-invitations/{inv}/message",
        Perm::Invite,
        OrgFrom::Invitation,
    )
    .scoped(Scoped::Invitations),
    org(
        Put,
        "/api/organization-invitations/{inv}/status",
        Perm::Invite,
        OrgFrom::Invitation,
    )
    .scoped(Scoped::SetsInvitationStatus),
    // Organization roles and scopes.
    Route::new(Get, "/api/organization-roles", OrgRoles),
    ta(Post, "/api/organization-roles"),
    ta(Get, "/api/organization-roles/{id}"),
    ta(Patch, "/api/organization-roles/{id}"),
    ta(Delete, "/api/organization-roles/{id}"),
    ta(Get, "/api/organization-roles/{id}/scopes"),
    ta(Post, "/api/organization-roles/{id}/scopes"),
    ta(Put, "/api/organization-roles/{id}/scopes"),
    ta(Delete, "/api/organization-roles/{id}/scopes/{id}"),
    ta(Get, "/api/organization-roles/{id}/resource-scopes"),
    ta(Post, "/api/organization-roles/{id}/resource-scopes"),
    ta(Put, "/api/organization-roles/{id}/resource-scopes"),
    ta(Delete, "/api/organization-roles/{id}/resource-scopes/{id}"),
    ta(Get, "/api/organization-scopes"),
    ta(Post, "/api/organization-scopes"),
    ta(Get, "/api/organization-scopes/{id}"),
    ta(Patch, "/api/organization-scopes/{id}"),
    ta(Delete, "/api/organization-scopes/{id}"),
    // Global roles.
    ta(Get, "/api/roles"),
    ta(Post, "/api/roles"),
    ta(Get, "/api/roles/{id}"),
    ta(Patch, "/api/roles/{id}").guard(Guard::AdminRoleRename),
    ta(Delete, "/api/roles/{id}").guard(Guard::AdminRoleDelete),
    ta(Get, "/api/roles/{id}/users"),
    ta(Post, "/api/roles/{id}/users"),
    ta(Delete, "/api/roles/{id}/users/{id}").guard(Guard::RoleMemberRemove),
    ta(Get, "/api/roles/{id}/applications"),
    ta(Post, "/api/roles/{id}/applications"),
    ta(Delete, "/api/roles/{id}/applications/{id}"),
    ta(Get, "/api/roles/{id}/scopes"),
    ta(Post, "/api/roles/{id}/scopes"),
    ta(Delete, "/api/roles/{id}/scopes/{id}"),
    // API resources.
    ta(Get, "/api/resources"),
    ta(Post, "/api/resources"),
    ta(Get, "/api/resources/{id}"),
    ta(Patch, "/api/resources/{id}"),
    ta(Delete, "/api/resources/{id}"),
    ta(Patch, "/api/resources/{id}/is-default"),
    ta(Get, "/api/resources/{id}/scopes"),
    ta(Post, "/api/resources/{id}/scopes"),
    ta(Patch, "/api/resources/{id}/scopes/{id}"),
    ta(Delete, "/api/resources/{id}/scopes/{id}"),
    // Machine-to-machine applications.
    ta(Get, "/api/applications"),
    ta(Post, "/api/applications"),
    ta(Get, "/api/applications/{id}"),
    ta(Patch, "/api/applications/{id}"),
    ta(Delete, "/api/applications/{id}"),
    ta(Get, "/api/applications/{id}/secrets"),
    ta(Post, "/api/applications/{id}/secrets"),
    ta(Patch, "/api/applications/{id}/secrets/{name}"),
    ta(Delete, "/api/applications/{id}/secrets/{name}"),
    ta(Get, "/api/applications/{id}/roles"),
    ta(Post, "/api/applications/{id}/roles"),
    ta(Put, "/api/applications/{id}/roles"),
    ta(Delete, "/api/applications/{id}/roles/{id}"),
    // Audit log.
    ta(Get, "/api/logs"),
    ta(Get, "/api/logs/{id}"),
    // Public: self-service recovery and invitation acceptance.
    Route::new(Post, "/api/recover-password", Public),
    Route::new(Post, "/api/password-reset", Public),
    Route::new(Post, "/api/invitations/{id}/accept", Public),
];
