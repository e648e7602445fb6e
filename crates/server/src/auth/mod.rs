//! M2M access tokens: signing keys, JWTs, the verified-token cache and bearer checks.

mod bearer;
mod jwt;
mod keys;
mod verified_tokens;

pub use bearer::require_management_access;
pub use jwt::{AccessClaims, sign, verify_signature};
pub use keys::{SigningKeys, generate_signing_key};
pub use verified_tokens::VerifiedTokens;
