//! Who may call which allowlisted route.

use super::allowlist::{Access, Perm};
use super::embed::EmbedClaims;
use super::session::Session;

/// Who is calling.
#[derive(Clone, Debug)]
pub enum Caller {
    Anonymous,
    /// A cookie or bearer token that is tampered with, foreign or expired.
    Invalid,
    Session(Session),
    Embed(EmbedClaims),
}

impl Caller {
    pub fn is_tenant_admin(&self) -> bool {
        matches!(self, Caller::Session(s) if s.ta)
    }

    /// An organization admin or an embed token: limited to some organizations' members.
    pub fn is_org_scoped(&self) -> bool {
        matches!(self, Caller::Session(s) if !s.ta) || matches!(self, Caller::Embed(_))
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// No valid credentials: 401.
    SignIn,
    /// Not theirs: 404, so paths are not enumerable.
    Hidden,
}

/// The decision for `access`; `org` is the organization the call acts on, when the
/// route names one (resolved only for callers that need it).
pub fn decide(access: Access, caller: &Caller, org: Option<&str>) -> Decision {
    if access == Access::Public {
        return Decision::Allow;
    }
    let allowed = match caller {
        Caller::Anonymous | Caller::Invalid => return Decision::SignIn,
        Caller::Session(s) if s.ta => true,
        Caller::Session(s) => match access {
            Access::OrgRoles => !s.orgs.is_empty(),
            Access::Org(_, _) => org.is_some_and(|o| s.orgs.iter().any(|a| a == o)),
            _ => false,
        },
        Caller::Embed(claims) => match access {
            Access::OrgRoles => true,
            Access::Org(perm, _) => org == Some(claims.org.as_str()) && claims.has(perm),
            _ => false,
        },
    };
    if allowed {
        Decision::Allow
    } else {
        Decision::Hidden
    }
}

/// Whether deciding needs the organization (tenant admins need no lookup).
pub fn needs_org(access: Access, caller: &Caller) -> bool {
    matches!(access, Access::Org(..)) && !caller.is_tenant_admin()
}

/// The permissions an embed token may carry, by name.
pub fn parse_perms(names: &[String]) -> Option<Vec<Perm>> {
    names.iter().map(|n| Perm::parse(n)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::allowlist::OrgFrom;
    use super::*;

    fn admin_of(orgs: &[&str], ta: bool) -> Caller {
        Caller::Session(Session {
            uid: "u".into(),
            ta,
            orgs: orgs.iter().map(|o| o.to_string()).collect(),
            iat: 0,
            seen: 0,
            chk: 0,
            ep: 0,
        })
    }

    #[test]
    fn organization_admins_reach_their_organizations_only() {
        let members = Access::Org(Perm::Manage, OrgFrom::Path);
        let a = admin_of(&["A"], false);
        assert_eq!(decide(members, &a, Some("A")), Decision::Allow);
        assert_eq!(decide(members, &a, Some("B")), Decision::Hidden);
        assert_eq!(decide(Access::TenantAdmin, &a, None), Decision::Hidden);
        assert_eq!(
            decide(Access::TenantAdmin, &admin_of(&[], true), None),
            Decision::Allow
        );
        assert_eq!(
            decide(members, &Caller::Invalid, Some("A")),
            Decision::SignIn
        );
        let embed = Caller::Embed(EmbedClaims {
            org: "A".into(),
            sub: None,
            perms: vec!["read:members".into()],
            exp: 1,
        });
        assert_eq!(decide(members, &embed, Some("A")), Decision::Hidden);
        let read = Access::Org(Perm::Read, OrgFrom::Path);
        assert_eq!(decide(read, &embed, Some("A")), Decision::Allow);
    }
}
