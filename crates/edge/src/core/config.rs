//! The core's configuration, filled by each adapter from its flags or bindings.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

/// A secret string whose `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The 32-byte key that seals session cookies; `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionKey(pub [u8; 32]);

impl SessionKey {
    /// 32 bytes from standard or URL-safe base64 (`TENANTRY_SESSION_KEY`).
    pub fn decode(encoded: &str) -> Result<[u8; 32], String> {
        let encoded = encoded.trim();
        let bytes = STANDARD
            .decode(encoded)
            .or_else(|_| URL_SAFE_NO_PAD.decode(encoded.trim_end_matches('=')))
            .map_err(|_| "TENANTRY_SESSION_KEY is not base64".to_owned())?;
        bytes
            .try_into()
            .map_err(|_| "TENANTRY_SESSION_KEY must hold exactly 32 bytes".to_owned())
    }
}

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionKey(***)")
    }
}

/// Requests allowed per window, per key.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Sign-in attempts (and current-password checks) per client IP.
    pub sign_in_per_ip: u32,
    /// Sign-in attempts per username (or email).
    pub sign_in_per_username: u32,
    /// Requests per client IP to the public routes (recovery, reset, invitation accept).
    pub public_per_ip: u32,
    /// `POST /embed/tokens` per client IP.
    pub embed_mint_per_ip: u32,
    /// Calls per embed token (per organization and user when it names one).
    pub per_embed_token: u32,
    /// Calls per signed-in user.
    pub per_session_user: u32,
    pub window_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sign_in_per_ip: 30,
            sign_in_per_username: 10,
            public_per_ip: 10,
            embed_mint_per_ip: 120,
            per_embed_token: 300,
            per_session_user: 1_200,
            window_ms: 60_000,
        }
    }
}

/// `Debug` shows no secret: the client secret, session key and embed key are redacted.
#[derive(Clone, Debug)]
pub struct EdgeConfig {
    /// The Management API's base URL, such as `http://127.0.0.1:3001`.
    pub server_url: String,
    pub api_indicator: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Seals the session cookie.
    pub session_key: SessionKey,
    /// Authenticates `POST /embed/tokens` and keys the embed token signatures. `None`
    /// turns embedding off.
    pub embed_key: Option<Secret>,
    /// Origins (`https://app.example.com`) that may call the embed routes from a browser.
    pub allowed_origins: Vec<String>,
    /// The edge's own origin for rewritten `Link` headers; `None` takes the request's Host.
    pub public_url: Option<String>,
    pub limits: Limits,
}

impl EdgeConfig {
    /// The server URL without a trailing slash.
    pub fn server_base(&self) -> &str {
        self.server_url.trim_end_matches('/')
    }

    /// `TENANTRY_EMBED_KEY` as every adapter reads it: unset or empty turns embedding
    /// off; a key shorter than 32 characters is refused.
    pub fn embed_key_from(value: Option<String>) -> Result<Option<Secret>, String> {
        match value.filter(|k| !k.is_empty()) {
            Some(key) if key.len() < 32 => {
                Err("TENANTRY_EMBED_KEY must be at least 32 characters".into())
            }
            key => Ok(key.map(Secret)),
        }
    }

    /// `TENANTRY_ALLOWED_ORIGIN` values (comma-separated, possibly repeated), each
    /// trimmed, empty ones dropped.
    pub fn origins_from<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        values
            .into_iter()
            .flat_map(|list| list.split(','))
            .map(str::trim)
            .filter(|origin| !origin.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_split_and_trimmed() {
        let origins =
            EdgeConfig::origins_from(["https://a.test, https://b.test", " ", "https://c.test"]);
        assert_eq!(
            origins,
            ["https://a.test", "https://b.test", "https://c.test"]
        );
    }

    #[test]
    fn a_short_embed_key_is_refused_and_an_empty_one_turns_embedding_off() {
        assert!(EdgeConfig::embed_key_from(Some("short".into())).is_err());
        assert!(
            EdgeConfig::embed_key_from(Some(String::new()))
                .unwrap()
                .is_none()
        );
        assert!(
            EdgeConfig::embed_key_from(Some("k".repeat(32)))
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn debug_output_redacts_every_secret() {
        let config = EdgeConfig {
            server_url: "http://server".into(),
            api_indicator: "https://default.logto.app/api".into(),
            client_id: "edge".into(),
            client_secret: Secret("client-secret-value".into()),
            session_key: SessionKey([0xAB; 32]),
            embed_key: Some(Secret("embed-key-value".into())),
            allowed_origins: vec![],
            public_url: None,
            limits: Limits::default(),
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("client-secret-value"));
        assert!(!shown.contains("embed-key-value"));
        assert!(!shown.contains("171"), "no key bytes: {shown}");
    }
}
