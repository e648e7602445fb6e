//! Every route the edge forwards: (method, path pattern, who may call it). Anything
//! not matched here is 404.
//!
//! Pattern segments: `{id}` any id, `{org}` the organization the route acts on, `{inv}`
//! an invitation (its organization is looked up), `{name}` a name segment.

use super::http::Method;
use super::ids::{is_valid_id, is_valid_name};

/// An organization permission, as embed tokens name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    Read,
    Manage,
    Invite,
}

impl Perm {
    pub const ALL: [Perm; 3] = [Perm::Read, Perm::Manage, Perm::Invite];

    pub fn name(self) -> &'static str {
        match self {
            Perm::Read => "read:members",
            Perm::Manage => "manage:members",
            Perm::Invite => "invite:members",
        }
    }

    pub fn parse(name: &str) -> Option<Perm> {
        Perm::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Where an organization route names its organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgFrom {
    /// The `{org}` path segment.
    Path,
    /// The `organizationId` query parameter.
    Query,
    /// The `organizationId` field of the JSON body.
    Body,
    /// The organization of the `{inv}` invitation.
    Invitation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Tenant admins only.
    TenantAdmin,
    /// Tenant admins; organization admins of that organization; embed tokens for it
    /// holding the permission.
    Org(Perm, OrgFrom),
    /// Read-only organization-role listing: any organization admin or embed token.
    OrgRoles,
    /// No session needed; rate limited per IP.
    Public,
}

/// Checks against the signed-in admin acting on themself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guard {
    None,
    SelfDelete,
    SelfSuspend,
    /// `/api/users/{self}/roles/{role}`.
    SelfRoleRemove,
    /// `PUT /api/users/{self}/roles`.
    SelfRolesReplace,
    /// `/api/roles/{role}/users/{self}`.
    RoleMemberRemove,
    /// Deleting the tenant-admin role takes it from everyone, the caller included.
    AdminRoleDelete,
    /// Renaming the tenant-admin role ends every admin's session (the edge knows the
    /// role by name).
    AdminRoleRename,
}

/// What an organization-scoped caller (organization admin, embed token) is further
/// held to on a route, beyond being allowed to call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scoped {
    Nothing,
    /// The member list: `q` searches only the fields they are shown.
    MemberSearch,
    /// Adds members: only users they invited, or found by exact email.
    AddsMembers,
    /// Invitations: inviter ids are not theirs to see.
    Invitations,
    /// Creates an invitation: the edge names the inviter (for every caller).
    CreatesInvitation,
    /// An invitation's status: they may revoke, never accept on the invitee's behalf.
    SetsInvitationStatus,
}

#[derive(Debug)]
pub struct Route {
    pub method: Method,
    pub pattern: &'static str,
    pub access: Access,
    pub guard: Guard,
    /// The answer holds user objects (private fields are stripped for non-tenant-admins).
    pub users_out: bool,
    pub scoped: Scoped,
}

impl Route {
    pub(super) const fn new(method: Method, pattern: &'static str, access: Access) -> Route {
        Route {
            method,
            pattern,
            access,
            guard: Guard::None,
            users_out: false,
            scoped: Scoped::Nothing,
        }
    }

    pub(super) const fn scoped(mut self, scoped: Scoped) -> Route {
        self.scoped = scoped;
        self
    }

    pub(super) const fn guard(mut self, guard: Guard) -> Route {
        self.guard = guard;
        self
    }

    pub(super) const fn users(mut self) -> Route {
        self.users_out = true;
        self
    }

    /// Routes an embed token may reach, and so the only ones CORS opens.
    pub fn is_embed_route(&self) -> bool {
        matches!(self.access, Access::Org(..) | Access::OrgRoles)
    }
}

/// A matched route and its path parameters.
#[derive(Debug)]
pub struct Matched {
    pub route: &'static Route,
    /// Every parameter, in path order.
    pub params: Vec<String>,
    pub org: Option<String>,
    pub invitation: Option<String>,
}

/// The route for `method` and `path`, with valid parameters, if the allowlist has it.
pub fn find(method: Method, path: &str) -> Option<Matched> {
    ROUTES
        .iter()
        .filter(|r| r.method == method)
        .find_map(|r| match_pattern(r, path))
}

/// Whether any allowlisted route has this path (for CORS preflights).
pub fn find_any_method(path: &str) -> Option<Matched> {
    ROUTES.iter().find_map(|r| match_pattern(r, path))
}

fn match_pattern(route: &'static Route, path: &str) -> Option<Matched> {
    let mut pattern = route.pattern.split('/');
    let mut segments = path.split('/');
    let mut matched = Matched {
        route,
        params: Vec::new(),
        org: None,
        invitation: None,
    };
    loop {
        match (pattern.next(), segments.next()) {
            (None, None) => return Some(matched),
            (Some(p), Some(s)) => {
                let valid = match p {
                    "{id}" | "{org}" | "{inv}" => is_valid_id(s),
                    "{name}" => is_valid_name(s),
                    literal => {
                        if literal != s {
                            return None;
                        }
                        continue;
                    }
                };
                if !valid {
                    return None;
                }
                match p {
                    "{org}" => matched.org = Some(s.to_owned()),
                    "{inv}" => matched.invitation = Some(s.to_owned()),
                    _ => {}
                }
                matched.params.push(s.to_owned());
            }
            _ => return None,
        }
    }
}

pub use super::routes::ROUTES;

#[cfg(test)]
mod tests {
    use super::*;
    use Method::{Delete, Get, Post};

    #[test]
    fn matches_patterns_and_checks_parameters() {
        let m = find(Delete, "/api/organizations/org000000001/users/usr000000001").unwrap();
        assert_eq!(m.org.as_deref(), Some("org000000001"));
        assert_eq!(m.params, ["org000000001", "usr000000001"]);
        let m = find(Post, "/api/organizations/org000000001/users/roles").unwrap();
        assert_eq!(m.route.access, Access::Org(Perm::Manage, OrgFrom::Path));
        assert!(find(Get, "/api/users/bad%2Fid").is_none());
        assert!(find(Get, "/api/users/").is_none());
        assert!(find(Get, "/api/users//roles").is_none());
        assert!(find(Post, "/api/users/abc/password/verify").is_none());
        assert!(find(Get, "/oidc/token").is_none());
        assert!(find(Delete, "/api/logs/abc").is_none());
    }
}
