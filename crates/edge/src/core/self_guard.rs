//! A signed-in admin may not delete or suspend themself, nor drop their own
//! tenant-admin role (they would lock themselves out).

use serde_json::Value;

use super::access::TENANT_ADMIN_ROLE;
use super::allowlist::{Guard, Matched};
use super::edge::Edge;
use super::env::{Env, Outbound};
use super::http::{Request, Response};
use super::session::Session;
use super::upstream::Hop;

impl<O: Outbound, E: Env> Edge<O, E> {
    pub(super) async fn guard_self(
        &self,
        matched: &Matched,
        session: &Session,
        request: &Request,
        hop: &Hop,
    ) -> Result<(), Response> {
        let guard = matched.route.guard;
        if guard == Guard::None || matched.params.first() != Some(&session.uid) {
            return Ok(());
        }
        let body = || request.json_body().ok().flatten().unwrap_or(Value::Null);
        let (env, config) = (&self.env, &self.config);
        match guard {
            Guard::SelfDelete => Err(Response::error(
                400,
                "user.cannot_delete_self",
                "You cannot delete your own account.",
            )),
            Guard::SelfSuspend if body()["isSuspended"] == true => Err(Response::error(
                400,
                "user.cannot_suspend_self",
                "You cannot suspend your own account.",
            )),
            Guard::SelfRoleRemove | Guard::SelfRolesReplace => {
                // The user's own roles name the tenant-admin role's id.
                let path = format!("/api/users/{}/roles?page_size=100", session.uid);
                let (_, roles) = self.upstream.get_json(env, config, hop, &path).await?;
                let admin_role = roles
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|r| r["name"] == TENANT_ADMIN_ROLE)
                    .and_then(|r| r["id"].as_str());
                let Some(admin_role) = admin_role else {
                    return Ok(());
                };
                let dropped = if guard == Guard::SelfRoleRemove {
                    matched.params[1] == admin_role
                } else {
                    !body()["roleIds"]
                        .as_array()
                        .is_some_and(|ids| ids.iter().any(|i| i == admin_role))
                };
                if dropped {
                    Err(own_admin_role())
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }
}

fn own_admin_role() -> Response {
    Response::error(
        400,
        "user.cannot_remove_own_admin_role",
        "You cannot remove your own tenant-admin role.",
    )
}
