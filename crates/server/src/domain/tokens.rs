//! Single-use link tokens (password reset, invitation acceptance): 32 random bytes for
//! the link, and only their SHA-256 stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Longest token a caller may send; a real one has 43 characters.
pub const MAX_TOKEN_LEN: usize = 128;

/// A new token and the hash to store instead of it.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether `token` is the one whose hash was stored, in constant time.
pub fn matches(token: &str, stored_hash: &str) -> bool {
    token_hash(token)
        .as_bytes()
        .ct_eq(stored_hash.as_bytes())
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_match_only_their_hash() {
        let (token, hash) = new_token();
        let (other, _) = new_token();
        assert_eq!(token.len(), 43);
        assert_ne!(token, other);
        assert!(matches(&token, &hash));
        assert!(!matches(&other, &hash));
        assert!(!matches(&token, ""));
    }
}
