//! Who the caller is: a session cookie (roles re-read every few minutes) or an embed
//! token; and what a user administers, read from the server.

use serde_json::Value;
use sha2::{Digest, Sha256};
use tenantry_api_types::{AdministeredOrganization, SessionInfo};

use super::edge::Edge;
use super::embed::EmbedClaims;
use super::env::{Env, Outbound};
use super::http::{Request, Response};
use super::policy::Caller;
use super::session::{self, RECHECK_MS, SESSION_COOKIE, Session, TOUCH_MS};
use super::upstream::Hop;

/// The global role that makes a tenant admin.
pub const TENANT_ADMIN_ROLE: &str = "tenant-admin";
/// The organization scope that makes an organization admin.
pub const MANAGE_MEMBERS: &str = "manage:members";

/// A user and what they administer.
pub struct AccessInfo {
    pub user: Value,
    pub tenant_admin: bool,
    /// Each organization where they hold `manage:members`.
    pub organizations: Vec<AdministeredOrganization>,
}

impl AccessInfo {
    pub fn is_admin(&self) -> bool {
        self.tenant_admin || !self.organizations.is_empty()
    }

    pub fn is_suspended(&self) -> bool {
        self.user["isSuspended"] == true
    }

    pub fn org_ids(&self) -> Vec<String> {
        self.organizations.iter().map(|o| o.id.clone()).collect()
    }

    /// The body of `GET /auth/session`.
    pub fn session_json(&self) -> Value {
        let text = |field: &str| self.user[field].as_str().map(str::to_owned);
        let info = SessionInfo {
            id: text("id").unwrap_or_default(),
            username: text("username"),
            name: text("name"),
            primary_email: text("primaryEmail"),
            avatar: text("avatar"),
            is_tenant_admin: self.tenant_admin,
            organizations: self.organizations.clone(),
        };
        serde_json::to_value(info).unwrap_or(Value::Null)
    }
}

/// A caller plus the `Set-Cookie` to send back (a touched or cleared session).
pub struct Resolved {
    pub caller: Caller,
    pub set_cookie: Option<String>,
}

impl<O: Outbound, E: Env> Edge<O, E> {
    /// The user's roles and organizations; `None` when the user does not exist.
    pub(super) async fn load_access(
        &self,
        user_id: &str,
        hop: &Hop,
    ) -> Result<Option<AccessInfo>, Response> {
        let (env, config, up) = (&self.env, &self.config, &self.upstream);
        let (status, user) = up
            .get_json(env, config, hop, &format!("/api/users/{user_id}"))
            .await?;
        if status != 200 {
            return Ok(None);
        }
        let roles_path = format!("/api/users/{user_id}/roles?page_size=100");
        let (_, roles) = up.get_json(env, config, hop, &roles_path).await?;
        let tenant_admin = names(&roles).any(|n| n == TENANT_ADMIN_ROLE);
        let orgs_path = format!("/api/users/{user_id}/organizations");
        let (status, orgs) = up.get_json(env, config, hop, &orgs_path).await?;
        let mut organizations = Vec::new();
        for org in orgs
            .as_array()
            .filter(|_| status == 200)
            .into_iter()
            .flatten()
        {
            let Some(org_id) = org["id"].as_str() else {
                continue;
            };
            if org["organizationRoles"]
                .as_array()
                .is_some_and(|r| r.is_empty())
            {
                continue;
            }
            let scopes_path = format!("/api/organizations/{org_id}/users/{user_id}/scopes");
            let (_, scopes) = up.get_json(env, config, hop, &scopes_path).await?;
            if names(&scopes).any(|n| n == MANAGE_MEMBERS) {
                organizations.push(AdministeredOrganization {
                    id: org_id.to_owned(),
                    name: org["name"].as_str().map(str::to_owned),
                });
            }
        }
        Ok(Some(AccessInfo {
            user,
            tenant_admin,
            organizations,
        }))
    }

    /// The caller of `request`: an `Authorization: Bearer` embed token, else the session
    /// cookie, else anonymous.
    pub(super) async fn resolve_caller(
        &self,
        request: &Request,
        hop: &Hop,
    ) -> Result<Resolved, Response> {
        let now = self.env.now_ms();
        if let Some(auth) = request.header("authorization") {
            let claims = auth
                .strip_prefix("Bearer ")
                .and_then(|token| self.embed.as_ref()?.verify(token.trim(), now));
            if let Some(claims) = &claims {
                hop.act_as(embed_actor(claims, auth));
            }
            return Ok(Resolved {
                caller: claims.map_or(Caller::Invalid, Caller::Embed),
                set_cookie: None,
            });
        }
        let Some(cookie) = request.cookie(SESSION_COOKIE).filter(|c| !c.is_empty()) else {
            return Ok(Resolved {
                caller: Caller::Anonymous,
                set_cookie: None,
            });
        };
        let invalid = Resolved {
            caller: Caller::Invalid,
            set_cookie: Some(session::clear_cookie()),
        };
        let Ok(mut session) = self.sealer.open(cookie, now) else {
            return Ok(invalid);
        };
        hop.act_as(format!("user:{}", session.uid));
        // Every call to the server for this request names the session, so the server
        // refuses it at once when it was revoked (no extra round trip).
        let _ = hop.session.set(format!("{}.{}", session.uid, session.ep));
        let mut changed = false;
        if now.saturating_sub(session.chk) >= RECHECK_MS {
            match self.load_access(&session.uid, hop).await? {
                Some(access) if access.is_admin() && !access.is_suspended() => {
                    session.ta = access.tenant_admin;
                    session.orgs = access.org_ids();
                    session.chk = now;
                    changed = true;
                }
                _ => return Ok(invalid),
            }
        }
        if now.saturating_sub(session.seen) >= TOUCH_MS {
            session.seen = now;
            changed = true;
        }
        Ok(Resolved {
            set_cookie: changed.then(|| self.session_cookie(&session)),
            caller: Caller::Session(session),
        })
    }

    /// `Set-Cookie` carrying `session`, freshly sealed.
    pub(super) fn session_cookie(&self, session: &Session) -> String {
        session::set_cookie(&self.sealer.seal(session, self.nonce()))
    }
}

/// The `name` of each object in a JSON array.
fn names(list: &Value) -> impl Iterator<Item = &str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["name"].as_str())
}

/// An embed token's actor: its subject when it is plain enough for the server to
/// believe, else a digest of the token (one token, one bucket).
fn embed_actor(claims: &EmbedClaims, authorization: &str) -> String {
    let plain = |sub: &&String| {
        sub.len() <= 100
            && !sub.is_empty()
            && sub
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.@".contains(&b))
    };
    match claims.sub.as_ref().filter(plain) {
        Some(sub) => format!("embed:{sub}"),
        None => {
            let digest = Sha256::digest(authorization.as_bytes());
            let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            format!("embed:token-{hex}")
        }
    }
}
