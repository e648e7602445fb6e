//! A signed-in admin may not delete or suspend themself, nor drop their own
//! tenant-admin role (they would lock themselves out). Every route that can do one of
//! these to the caller is guarded: the user routes, the role's member routes, and
//! deleting or renaming the tenant-admin role itself (the edge knows admins by the
//! role's name).

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
        let param = |i: usize| matched.params.get(i).map(String::as_str);
        let me = Some(session.uid.as_str());
        let body = || request.json_body().ok().flatten().unwrap_or(Value::Null);
        match guard {
            Guard::None => Ok(()),
            Guard::SelfDelete if param(0) == me => Err(Response::error(
                400,
                "user.cannot_delete_self",
                "You cannot delete your own account.",
            )),
            Guard::SelfSuspend if param(0) == me && body()["isSuspended"] == true => {
                Err(Response::error(
                    400,
                    "user.cannot_suspend_self",
                    "You cannot suspend your own account.",
                ))
            }
            Guard::SelfDelete | Guard::SelfSuspend => Ok(()),
            Guard::SelfRoleRemove | Guard::SelfRolesReplace if param(0) != me => Ok(()),
            Guard::RoleMemberRemove if param(1) != me => Ok(()),
            Guard::AdminRoleRename
                if body()["name"].is_null() || body()["name"] == TENANT_ADMIN_ROLE =>
            {
                Ok(())
            }
            _ => {
                let Some(admin_role) = self.own_admin_role_id(session, hop).await? else {
                    return Ok(());
                };
                let dropped = match guard {
                    Guard::SelfRoleRemove => param(1) == Some(&admin_role),
                    Guard::SelfRolesReplace => !body()["roleIds"]
                        .as_array()
                        .is_some_and(|ids| ids.iter().any(|i| *i == *admin_role)),
                    // The role's id comes first on `/api/roles/{id}…`.
                    _ => param(0) == Some(&admin_role),
                };
                if dropped {
                    Err(own_admin_role())
                } else {
                    Ok(())
                }
            }
        }
    }

    /// The id of the tenant-admin role, read from the caller's own roles; `None` when
    /// the caller does not hold it (then there is nothing of theirs to protect).
    async fn own_admin_role_id(
        &self,
        session: &Session,
        hop: &Hop,
    ) -> Result<Option<String>, Response> {
        let (env, config) = (&self.env, &self.config);
        let path = format!("/api/users/{}/roles?page_size=100", session.uid);
        let (_, roles) = self.upstream.get_json(env, config, hop, &path).await?;
        Ok(roles
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| r["name"] == TENANT_ADMIN_ROLE)
            .and_then(|r| r["id"].as_str())
            .map(str::to_owned))
    }
}

fn own_admin_role() -> Response {
    Response::error(
        400,
        "user.cannot_remove_own_admin_role",
        "You cannot remove your own tenant-admin role.",
    )
}
