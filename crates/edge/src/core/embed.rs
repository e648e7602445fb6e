//! Embed tokens: minted by the host SaaS backend with the embed key, scoped to one
//! organization and a set of permissions, valid at most 15 minutes. Format
//! `te1.<base64url claims>.<base64url HMAC-SHA256>`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::allowlist::Perm;

pub const MAX_TTL_SECS: u64 = 15 * 60;
const PREFIX: &str = "te1.";

type HmacSha256 = Hmac<Sha256>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmbedClaims {
    pub org: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    pub perms: Vec<String>,
    /// Expiry, ms since the epoch.
    pub exp: u64,
}

impl EmbedClaims {
    pub fn has(&self, perm: Perm) -> bool {
        self.perms.iter().any(|p| p == perm.name())
    }
}

pub struct EmbedKeys {
    /// SHA-256 of the embed key, compared in constant time with the caller's.
    key_digest: [u8; 32],
    /// Signs tokens; derived from the embed key so the key itself signs nothing.
    signing_key: Vec<u8>,
}

impl EmbedKeys {
    pub fn new(embed_key: &str) -> EmbedKeys {
        let mut mac = HmacSha256::new_from_slice(embed_key.as_bytes()).expect("any key length");
        mac.update(b"tenantry-embed-token-v1");
        EmbedKeys {
            key_digest: Sha256::digest(embed_key.as_bytes()).into(),
            signing_key: mac.finalize().into_bytes().to_vec(),
        }
    }

    /// Whether `presented` is the embed key.
    pub fn is_embed_key(&self, presented: &str) -> bool {
        let digest: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        digest.ct_eq(&self.key_digest).into()
    }

    pub fn mint(&self, claims: &EmbedClaims) -> String {
        let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap_or_default());
        let signature = URL_SAFE_NO_PAD.encode(self.sign(body.as_bytes()));
        format!("{PREFIX}{body}.{signature}")
    }

    /// The claims of a genuine, unexpired token.
    pub fn verify(&self, token: &str, now_ms: u64) -> Option<EmbedClaims> {
        let (body, signature) = token.strip_prefix(PREFIX)?.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = self.mac();
        mac.update(body.as_bytes());
        mac.verify_slice(&signature).ok()?;
        let claims: EmbedClaims =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).ok()?).ok()?;
        (now_ms < claims.exp).then_some(claims)
    }

    fn sign(&self, data: &[u8]) -> Vec<u8> {
        let mut mac = self.mac();
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    }

    fn mac(&self) -> HmacSha256 {
        HmacSha256::new_from_slice(&self.signing_key).expect("any key length")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_until_expiry_and_resist_tampering() {
        let keys = EmbedKeys::new("embed-key-embed-key-embed-key-01");
        let claims = EmbedClaims {
            org: "org1".into(),
            sub: None,
            perms: vec!["read:members".into()],
            exp: 10_000,
        };
        let token = keys.mint(&claims);
        assert_eq!(keys.verify(&token, 9_999), Some(claims.clone()));
        assert_eq!(keys.verify(&token, 10_000), None);
        let forged = token.replace(&token[4..10], "AAAAAA");
        assert_eq!(keys.verify(&forged, 1), None);
        assert_eq!(EmbedKeys::new("another-key").verify(&token, 1), None);
        assert!(keys.is_embed_key("embed-key-embed-key-embed-key-01"));
        assert!(!keys.is_embed_key("embed-key"));
    }
}
