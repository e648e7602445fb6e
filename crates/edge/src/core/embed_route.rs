//! `POST /embed/tokens`: the host SaaS backend, holding the embed key, mints a
//! short-lived token for one organization and a set of permissions.

use serde_json::{Value, json};

use super::auth_routes::invalid_input;
use super::edge::Edge;
use super::embed::{EmbedClaims, MAX_TTL_SECS};
use super::env::{Env, Outbound};
use super::http::{Method, Request, Response};
use super::ids::is_valid_id;
use super::policy::parse_perms;
use super::upstream::Hop;

impl<O: Outbound, E: Env> Edge<O, E> {
    pub(super) async fn mint_embed_token(&self, request: &Request, hop: &Hop) -> Response {
        self.mint(request, hop)
            .await
            .unwrap_or_else(|refusal| refusal)
    }

    async fn mint(&self, request: &Request, hop: &Hop) -> Result<Response, Response> {
        let Some(keys) = &self.embed else {
            return Err(Response::not_found());
        };
        if request.method != Method::Post {
            return Err(Response::not_found());
        }
        let presented = request
            .header("authorization")
            .and_then(|a| a.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !keys.is_embed_key(presented.trim()) {
            return Err(Response::error(
                401,
                "auth.unauthorized",
                "Send the embed key as `Authorization: Bearer <key>`.",
            ));
        }
        let body = request.json_body()?.unwrap_or(Value::Null);
        let org = body["organizationId"].as_str().filter(|o| is_valid_id(o));
        let Some(org) = org else {
            return Err(invalid_input(
                "`organizationId` must be an organization id.",
            ));
        };
        let user = match &body["userId"] {
            Value::Null => None,
            Value::String(id) if is_valid_id(id) => Some(id.clone()),
            _ => return Err(invalid_input("`userId` must be a user id.")),
        };
        let names: Vec<String> = body["permissions"]
            .as_array()
            .map(|p| {
                p.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let known = parse_perms(&names).filter(|p| !p.is_empty() && p.len() == names.len());
        if known.is_none() || !body["permissions"].is_array() {
            return Err(invalid_input(
                "`permissions` must list some of read:members, manage:members, invite:members.",
            ));
        }
        let ttl = match &body["ttlSeconds"] {
            Value::Null => MAX_TTL_SECS,
            v => match v.as_u64() {
                Some(t) if (1..=MAX_TTL_SECS).contains(&t) => t,
                _ => return Err(invalid_input("`ttlSeconds` must be between 1 and 900.")),
            },
        };
        let (env, config) = (&self.env, &self.config);
        let (status, _) = self
            .upstream
            .get_json(env, config, hop, &format!("/api/organizations/{org}"))
            .await?;
        if status != 200 {
            return Err(Response::error(
                422,
                "organization.not_found",
                "No organization has this id.",
            ));
        }
        let expires_at = self.env.now_ms() + ttl * 1000;
        let claims = EmbedClaims {
            org: org.to_owned(),
            sub: user,
            perms: names,
            exp: expires_at,
        };
        let token = keys.mint(&claims);
        Ok(Response::json(
            200,
            &json!({ "token": token, "expiresAt": expires_at }),
        ))
    }
}
