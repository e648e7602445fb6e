//! Forwarding an allowlisted `/api` call: the policy, then method, validated path,
//! known query parameters and JSON body to the server; back come the status, body,
//! `Total-Number` and `Link` (rewritten to the edge's origin).

use serde_json::Value;

use super::allowlist::{self, Access, Matched, OrgFrom, Scoped};
use super::edge::Edge;
use super::env::{Env, Outbound, OutboundResponse};
use super::http::{Request, Response};
use super::ids::is_valid_id;
use super::org_scope;
use super::policy::{self, Caller, Decision};
use super::privacy;
use super::query;
use super::upstream::{Hop, json_of};

impl<O: Outbound, E: Env> Edge<O, E> {
    pub(super) async fn forward(&self, request: &Request, hop: &Hop) -> Response {
        let Some(matched) = allowlist::find(request.method, &request.path) else {
            return Response::not_found();
        };
        let resolved = match self.authorize(&matched, request, hop).await {
            Ok(resolved) => resolved,
            Err(refusal) => return refusal,
        };
        let (caller, set_cookie) = resolved;
        let with_cookie = |response: Response| match &set_cookie {
            Some(cookie) => response.with_header("set-cookie", cookie.clone()),
            None => response,
        };
        let scoped = caller.is_org_scoped();
        let mut body = (!request.body.is_empty()).then(|| match matched.route.scoped {
            Scoped::CreatesInvitation => org_scope::with_inviter(&caller, request),
            _ => request.body.clone(),
        });
        if scoped && matched.route.scoped == Scoped::AddsMembers {
            let org = matched.org.as_deref().unwrap_or_default();
            match self.vet_new_members(org, request, hop).await {
                Ok(vetted) => body = Some(vetted),
                Err(refusal) => return with_cookie(refusal),
            }
        }
        if scoped
            && matched.route.scoped == Scoped::SetsInvitationStatus
            && let Err(refusal) = org_scope::refuse_acceptance(request)
        {
            return with_cookie(refusal);
        }
        let mut filtered = query::filter(request.query.as_deref());
        if scoped {
            filtered = org_scope::scoped_query(&matched, &filtered);
        }
        let target = if filtered.is_empty() {
            request.path.clone()
        } else {
            format!("{}?{filtered}", request.path)
        };
        let (env, config) = (&self.env, &self.config);
        let answer = match self
            .upstream
            .call(env, config, hop, request.method, &target, body)
            .await
        {
            Ok(answer) => answer,
            Err(refusal) => return refusal,
        };
        let redact: Option<fn(Value) -> Value> = match matched.route.scoped {
            _ if matched.route.users_out && !caller.is_tenant_admin() => Some(privacy::strip_users),
            Scoped::Invitations | Scoped::CreatesInvitation | Scoped::SetsInvitationStatus
                if scoped =>
            {
                Some(org_scope::strip_inviters)
            }
            _ => None,
        };
        with_cookie(self.relay_answer(answer, redact))
    }

    /// The caller, once allowed to call the route, and the cookie to set.
    async fn authorize(
        &self,
        matched: &Matched,
        request: &Request,
        hop: &Hop,
    ) -> Result<(Caller, Option<String>), Response> {
        let access = matched.route.access;
        if access == Access::Public {
            let limit = self.config.limits.public_per_ip;
            self.limit(&format!("public:{}", hop.client_ip), limit)?;
            return Ok((Caller::Anonymous, None));
        }
        let resolved = self.resolve_caller(request, hop).await?;
        self.limit_caller(&resolved.caller, request)?;
        let with_cookie = |response: Response| match &resolved.set_cookie {
            Some(cookie) => response.with_header("set-cookie", cookie.clone()),
            None => response,
        };
        let org = if policy::needs_org(access, &resolved.caller) {
            self.organization_of(matched, request, hop).await?
        } else {
            None
        };
        match policy::decide(access, &resolved.caller, org.as_deref()) {
            Decision::SignIn => return Err(with_cookie(Response::unauthorized())),
            Decision::Hidden => return Err(with_cookie(Response::not_found())),
            Decision::Allow => {}
        }
        if let Caller::Session(session) = &resolved.caller {
            self.guard_self(matched, session, request, hop)
                .await
                .map_err(with_cookie)?;
        }
        Ok((resolved.caller, resolved.set_cookie))
    }

    /// Each embed token and each signed-in user has a budget of their own, so one
    /// caller cannot use up what the edge's single M2M client may send the server.
    fn limit_caller(&self, caller: &Caller, request: &Request) -> Result<(), Response> {
        let limits = &self.config.limits;
        match caller {
            Caller::Embed(claims) => {
                let key = match &claims.sub {
                    Some(user) => format!("embed:{}:{user}", claims.org),
                    None => format!(
                        "embed-token:{}",
                        request.header("authorization").unwrap_or_default()
                    ),
                };
                self.limit(&key, limits.per_embed_token)
            }
            Caller::Session(session) => {
                self.limit(&format!("session:{}", session.uid), limits.per_session_user)
            }
            _ => Ok(()),
        }
    }

    /// The organization an organization route acts on.
    async fn organization_of(
        &self,
        matched: &Matched,
        request: &Request,
        hop: &Hop,
    ) -> Result<Option<String>, Response> {
        let Access::Org(_, from) = matched.route.access else {
            return Ok(None);
        };
        let org = match from {
            OrgFrom::Path => matched.org.clone(),
            OrgFrom::Query => query::value(request.query.as_deref(), "organizationId"),
            OrgFrom::Body => request
                .json_body()
                .ok()
                .flatten()
                .and_then(|b| b["organizationId"].as_str().map(str::to_owned)),
            OrgFrom::Invitation => {
                let Some(id) = &matched.invitation else {
                    return Ok(None);
                };
                let path = format!("/api/organization-invitations/{id}");
                let (env, config) = (&self.env, &self.config);
                let (status, invitation) = self.upstream.get_json(env, config, hop, &path).await?;
                (status == 200)
                    .then(|| invitation["organizationId"].as_str().map(str::to_owned))
                    .flatten()
            }
        };
        Ok(org.filter(|o| is_valid_id(o)))
    }

    /// The server's answer with only the headers the browser needs.
    /// `redact`, when given, rewrites a successful JSON answer.
    fn relay_answer(
        &self,
        answer: OutboundResponse,
        redact: Option<fn(Value) -> Value>,
    ) -> Response {
        let mut response = Response {
            status: answer.status,
            headers: Vec::new(),
            body: answer.body.clone(),
        };
        if let Some(kind) = answer.header_values("content-type").next() {
            response
                .headers
                .push(("content-type".into(), kind.to_owned()));
        }
        if let Some(redact) =
            redact.filter(|_| (200..300).contains(&answer.status) && !answer.body.is_empty())
        {
            let redacted = redact(json_of(&answer.body));
            response.body = serde_json::to_vec(&redacted).unwrap_or_default();
        }
        for name in PASSED_HEADERS {
            if let Some(value) = answer.header_values(name).next() {
                response.headers.push(((*name).into(), value.to_owned()));
            }
        }
        let origin = self.origin();
        for link in answer.header_values("link") {
            response
                .headers
                .push(("link".into(), rewrite_link(link, &origin)));
        }
        response
    }

    /// The configured public URL, or nothing (relative links): never the request's
    /// `Host`, which the client chooses.
    fn origin(&self) -> String {
        self.config
            .public_url
            .as_deref()
            .map(|url| url.trim_end_matches('/').to_owned())
            .unwrap_or_default()
    }
}

/// Answer headers the browser gets as the server sent them: totals and the server's
/// rate-limit state (so a client backs off as long as the server asks).
const PASSED_HEADERS: &[&str] = &[
    "total-number",
    "retry-after",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
];

/// `<http://server/api/users?page=2>; rel="next"` with the edge's origin instead. Logto
/// leaves `/api` out of its links (`<http://logto/users?page=2>`); every route the edge
/// forwards is under `/api`, so a link without it gets it back.
fn rewrite_link(link: &str, origin: &str) -> String {
    let mut out = String::new();
    let mut rest = link;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let url = &rest[start + 1..start + len];
        let path = url
            .split_once("://")
            .map(|(_, after)| after.find('/').map_or("/", |i| &after[i..]))
            .unwrap_or(url);
        out.push_str(&rest[..start]);
        out.push('<');
        out.push_str(origin);
        if !path.starts_with("/api/") {
            out.push_str("/api");
        }
        out.push_str(path);
        out.push('>');
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::rewrite_link;

    #[test]
    fn links_point_at_the_edge() {
        assert_eq!(
            rewrite_link(
                "<http://tenantry.test/api/users?page=2&page_size=20>; rel=\"next\"",
                "https://edge.example"
            ),
            "<https://edge.example/api/users?page=2&page_size=20>; rel=\"next\""
        );
        assert_eq!(
            rewrite_link("<http://tenantry.test/api/users?page=2>; rel=\"next\"", ""),
            "</api/users?page=2>; rel=\"next\""
        );
    }

    #[test]
    fn logtos_links_get_their_api_path_back() {
        assert_eq!(
            rewrite_link(
                "<http://logto.test/users?page=2&page_size=20>; rel=\"next\", \
                 <http://logto.test/users?page=5&page_size=20>; rel=\"last\"",
                "https://edge.example"
            ),
            "<https://edge.example/api/users?page=2&page_size=20>; rel=\"next\", \
             <https://edge.example/api/users?page=5&page_size=20>; rel=\"last\""
        );
    }
}
