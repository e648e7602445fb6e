//! The core's configuration, filled by each adapter from its flags or bindings.

use std::fmt;

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

/// Requests allowed per window, per key.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Sign-in attempts (and current-password checks) per client IP.
    pub sign_in_per_ip: u32,
    /// Sign-in attempts per username (or email).
    pub sign_in_per_username: u32,
    /// Requests per client IP to the public routes (recovery, reset, invitation accept).
    pub public_per_ip: u32,
    pub window_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sign_in_per_ip: 30,
            sign_in_per_username: 10,
            public_per_ip: 10,
            window_ms: 60_000,
        }
    }
}

#[derive(Clone, Debug)]
pub struct EdgeConfig {
    /// The Management API's base URL, such as `http://127.0.0.1:3001`.
    pub server_url: String,
    pub api_indicator: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// 32 bytes: seals the session cookie.
    pub session_key: [u8; 32],
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
}
