//! The Tenantry edge: the backend-for-frontend between the portal and the server.
//!
//! `core` is plain Rust with no runtime types (it also builds for wasm32, for the
//! Cloudflare Worker adapter): policy, sessions, embed tokens, the token cache and
//! forwarding. It reaches the outside only through the `Outbound` and `Env` traits.
//! `native` is the axum + reqwest adapter behind the `tenantry-edge` binary.

pub mod core;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;

pub use crate::core::{Edge, EdgeConfig, Limits, Secret, SessionKey};
