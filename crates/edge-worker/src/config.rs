//! The core's configuration from the Worker's bindings, under the native edge's names:
//! secrets `TENANTRY_EDGE_CLIENT_SECRET`, `TENANTRY_SESSION_KEY`, `TENANTRY_EMBED_KEY`;
//! vars `TENANTRY_SERVER_URL`, `TENANTRY_API_INDICATOR`, `TENANTRY_EDGE_CLIENT_ID`,
//! `TENANTRY_ALLOWED_ORIGIN`, `TENANTRY_PUBLIC_URL` and the rate limits.

use tenantry_edge::{EdgeConfig, Limits, Secret, SessionKey};
use worker::Env;

const DEFAULT_INDICATOR: &str = "https://default.logto.app/api";

pub fn from_env(env: &Env) -> Result<EdgeConfig, String> {
    let embed_key = EdgeConfig::embed_key_from(secret(env, "TENANTRY_EMBED_KEY"))?;
    let session_key = secret(env, "TENANTRY_SESSION_KEY")
        .ok_or("set the secret TENANTRY_SESSION_KEY (32 bytes, base64)")?;
    let defaults = Limits::default();
    Ok(EdgeConfig {
        server_url: var(env, "TENANTRY_SERVER_URL").ok_or("set the var TENANTRY_SERVER_URL")?,
        api_indicator: var(env, "TENANTRY_API_INDICATOR")
            .unwrap_or_else(|| DEFAULT_INDICATOR.into()),
        client_id: var(env, "TENANTRY_EDGE_CLIENT_ID")
            .ok_or("set the var TENANTRY_EDGE_CLIENT_ID")?,
        client_secret: Secret(
            secret(env, "TENANTRY_EDGE_CLIENT_SECRET")
                .ok_or("set the secret TENANTRY_EDGE_CLIENT_SECRET")?,
        ),
        session_key: SessionKey(SessionKey::decode(&session_key)?),
        embed_key,
        allowed_origins: EdgeConfig::origins_from(var(env, "TENANTRY_ALLOWED_ORIGIN").as_deref()),
        public_url: var(env, "TENANTRY_PUBLIC_URL"),
        limits: Limits {
            sign_in_per_ip: number(env, "TENANTRY_SIGN_IN_PER_IP", defaults.sign_in_per_ip)?,
            sign_in_per_username: number(
                env,
                "TENANTRY_SIGN_IN_PER_USERNAME",
                defaults.sign_in_per_username,
            )?,
            public_per_ip: number(env, "TENANTRY_PUBLIC_PER_IP", defaults.public_per_ip)?,
            embed_mint_per_ip: number(
                env,
                "TENANTRY_EMBED_MINT_PER_IP",
                defaults.embed_mint_per_ip,
            )?,
            per_embed_token: number(env, "TENANTRY_PER_EMBED_TOKEN", defaults.per_embed_token)?,
            per_session_user: number(env, "TENANTRY_PER_SESSION_USER", defaults.per_session_user)?,
            ..defaults
        },
    })
}

/// A non-empty string binding (a var, or a secret: both are plain strings).
pub fn var(env: &Env, name: &str) -> Option<String> {
    env.var(name)
        .ok()
        .map(|v| v.to_string())
        .filter(|v| !v.is_empty())
}

fn secret(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .ok()
        .map(|v| v.to_string())
        .filter(|v| !v.is_empty())
}

fn number(env: &Env, name: &str, default: u32) -> Result<u32, String> {
    match var(env, name) {
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| format!("{name} is not a number")),
        None => Ok(default),
    }
}
