//! The edge: one entry point, `handle`, for every request the adapter receives.

use super::config::EdgeConfig;
use super::cors;
use super::embed::EmbedKeys;
use super::env::{Env, Outbound};
use super::http::{Method, Request, Response};
use super::rate_limit::Limiter;
use super::session::Sealer;
use super::token_cache::TokenCache;
use super::upstream::{Hop, Upstream};

pub struct Edge<O, E> {
    pub(super) config: EdgeConfig,
    pub(super) env: E,
    pub(super) upstream: Upstream<O>,
    pub(super) sealer: Sealer,
    pub(super) embed: Option<EmbedKeys>,
    pub(super) limiter: Limiter,
}

impl<O: Outbound, E: Env> Edge<O, E> {
    pub fn new(config: EdgeConfig, outbound: O, env: E) -> Self {
        Edge {
            sealer: Sealer::new(&config.session_key.0),
            embed: config
                .embed_key
                .as_ref()
                .map(|k| EmbedKeys::new(k.expose())),
            upstream: Upstream {
                outbound,
                tokens: TokenCache::default(),
            },
            limiter: Limiter::default(),
            config,
            env,
        }
    }

    pub fn config(&self) -> &EdgeConfig {
        &self.config
    }

    /// The answer to `request`, or `None` when its path is not the edge's (`/api`,
    /// `/auth`, `/embed`), so the adapter serves the portal's static files instead.
    pub async fn handle(&self, request: Request) -> Option<Response> {
        if !owns_path(&request.path) {
            return None;
        }
        let hop = Hop {
            client_ip: request.client_ip.clone(),
            request_id: self.new_request_id(),
            ..Hop::default()
        };
        let mut response = self.route(&request, &hop).await;
        if request.method != Method::Options
            && let Some(origin) = cors::allowed_origin(&self.config, &request)
        {
            response = cors::with_headers(response, origin);
        }
        tracing::debug!(
            method = request.method.as_str(),
            path = request.path,
            status = response.status,
            request_id = hop.request_id,
            "edge request"
        );
        Some(response.with_header("x-request-id", hop.request_id))
    }

    async fn route(&self, request: &Request, hop: &Hop) -> Response {
        if request.method == Method::Options {
            return cors::preflight(&self.config, request);
        }
        if !request.method.is_safe() && request.header("x-tenantry") != Some("1") {
            return Response::error(
                403,
                "edge.csrf_header_missing",
                "Requests that change something must carry the header `X-Tenantry: 1`.",
            );
        }
        let path = request.path.as_str();
        if path.starts_with("/auth/") {
            self.auth_route(request, hop).await
        } else if path == "/embed/tokens" {
            self.mint_embed_token(request, hop).await
        } else if path.starts_with("/api/") {
            self.forward(request, hop).await
        } else {
            Response::not_found()
        }
    }

    /// 16 random characters of `[0-9a-z]`.
    fn new_request_id(&self) -> String {
        const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        let mut bytes = [0u8; 16];
        self.env.fill_random(&mut bytes);
        bytes
            .iter()
            .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
            .collect()
    }

    pub(super) fn nonce(&self) -> [u8; 12] {
        let mut nonce = [0u8; 12];
        self.env.fill_random(&mut nonce);
        nonce
    }

    /// Counts a request against a limit; the 429 answer when over it.
    pub(super) fn limit(&self, key: &str, limit: u32) -> Result<(), Response> {
        let window = self.config.limits.window_ms;
        self.limiter
            .hit(key, limit, window, self.env.now_ms())
            .map_err(|retry_after| {
                Response::error(
                    429,
                    "request.too_many_requests",
                    "Too many attempts. Wait a moment and try again.",
                )
                .with_header("retry-after", retry_after.to_string())
            })
    }
}

/// Whether `path` is the edge's; adapters serve every other path from the portal's files.
pub fn owns_path(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path.starts_with("/auth/")
        || path.starts_with("/embed/")
}
