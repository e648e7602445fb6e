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

    /// How many rate-limit keys the edge remembers (bounded; for tests and metrics).
    pub fn limiter_len(&self) -> usize {
        self.limiter.len()
    }

    /// The answer to `request`, or `None` when its path is not the edge's (`/api`,
    /// `/auth`, `/embed`), so the adapter serves the portal's static files instead.
    pub async fn handle(&self, request: Request) -> Option<Response> {
        if !owns_path(&request.path) {
            return None;
        }
        if has_encoded_separator(&request.path) {
            return Some(encoded_separator_refused());
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
            path = clip(&request.path, 128),
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
        let own_body = path.starts_with("/auth/") || path.starts_with("/embed/");
        if own_body && request.body.len() > MAX_OWN_BODY {
            return Response::error(
                400,
                "guard.invalid_input",
                "The body is too large for this route (at most 16 KB).",
            );
        }
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

/// Largest body of the edge's own routes (`/auth/*`, `/embed/*`): small JSON objects.
const MAX_OWN_BODY: usize = 16 * 1024;

/// Whether a path holds an encoded dot, slash, backslash or NUL (`%2e`, `%2f`, `%5c`,
/// `%00`): never resolved, never forwarded.
pub fn has_encoded_separator(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ["%2e", "%2f", "%5c", "%00"]
        .iter()
        .any(|code| lower.contains(code))
}

/// The answer to a path with an encoded dot or slash: 404, as any path the edge
/// does not serve.
pub fn encoded_separator_refused() -> Response {
    Response::not_found()
}

/// A file of the build (script, wasm, stylesheet, source map; trunk names them
/// `<name>-<hash>.<ext>`), as opposed to a page of the single-page app: when missing,
/// adapters answer 404, never the page (cached for a year under the asset's name).
pub fn is_build_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        matches!(
            ext.to_ascii_lowercase().as_str(),
            "js" | "mjs" | "wasm" | "css" | "map"
        )
    })
}

/// At most `max` bytes of a user-supplied value, for logs.
pub fn clip(value: &str, max: usize) -> &str {
    let mut end = value.len().min(max);
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

/// Whether `path` is the edge's; adapters serve every other path from the portal's files.
pub fn owns_path(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path.starts_with("/auth/")
        || path.starts_with("/embed/")
}
