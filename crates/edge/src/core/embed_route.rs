//! `POST /embed/tokens`: the host SaaS backend, holding the embed key, mints a
//! short-lived token for one organization and a set of permissions.

use tenantry_api_types::{EmbedToken, EmbedTokenRequest};

use super::auth_routes::{invalid_input, parse};
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
        let limit = self.config.limits.embed_mint_per_ip;
        self.limit(&format!("embed-mint:{}", hop.client_ip), limit)?;
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
        let body: EmbedTokenRequest = parse(
            request,
            "The body must be {organizationId, userId?, permissions, ttlSeconds?}.",
        )?;
        let org = body.organization_id.as_str();
        if !is_valid_id(org) {
            return Err(invalid_input(
                "`organizationId` must be an organization id.",
            ));
        }
        if body.user_id.as_deref().is_some_and(|id| !is_valid_id(id)) {
            return Err(invalid_input("`userId` must be a user id."));
        }
        if body.permissions.is_empty() || parse_perms(&body.permissions).is_none() {
            return Err(invalid_input(
                "`permissions` must list some of read:members, manage:members, invite:members.",
            ));
        }
        let ttl = body.ttl_seconds.unwrap_or(MAX_TTL_SECS);
        if !(1..=MAX_TTL_SECS).contains(&ttl) {
            return Err(invalid_input("`ttlSeconds` must be between 1 and 900."));
        }
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
            sub: body.user_id,
            perms: body.permissions,
            exp: expires_at,
        };
        let token = keys.mint(&claims);
        let answer = EmbedToken { token, expires_at };
        Ok(Response::json(
            200,
            &serde_json::to_value(answer).unwrap_or_default(),
        ))
    }
}
