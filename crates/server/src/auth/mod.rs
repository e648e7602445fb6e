//! M2M access tokens: signing keys, JWTs, the verified-token cache, the clients whose
//! tokens still count, and bearer checks.

mod bearer;
pub mod client_changes;
mod jwt;
mod keys;
mod live_clients;
mod verified_tokens;

pub use bearer::require_management_access;
pub use jwt::{AccessClaims, sign, verify_signature};
pub use keys::{SigningKeys, generate_signing_key};
pub use live_clients::LiveClients;
pub use verified_tokens::VerifiedTokens;
