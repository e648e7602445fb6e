//! Compact JWS access tokens (`typ: at+jwt`, ES384).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::signature::{ECDSA_P384_SHA384_FIXED, KeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::SigningKeys;

/// The claims of an M2M access token, as Logto issues them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub jti: String,
    pub sub: String,
    pub iat: i64,
    pub exp: i64,
    #[serde(default)]
    pub scope: String,
    pub client_id: String,
    pub iss: String,
    pub aud: String,
    /// Which of the client's secrets issued the token (its creation time, ms), so
    /// deleting or expiring that secret ends the token. Absent in older tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret_created_at: Option<i64>,
}

impl AccessClaims {
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.split(' ').any(|s| s == scope)
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    alg: String,
    typ: String,
    kid: String,
}

/// Signs the claims with the current key. CPU-heavy: call from a blocking thread.
pub fn sign(keys: &SigningKeys, claims: &AccessClaims) -> String {
    let key = keys.current();
    let header = Header {
        alg: "ES384".into(),
        typ: "at+jwt".into(),
        kid: key.kid.clone(),
    };
    let mut token = encode_json(&header);
    token.push('.');
    token.push_str(&encode_json(claims));
    let signature = key
        .pair
        .sign(&keys.rng, token.as_bytes())
        .expect("ECDSA signing with a loaded key does not fail");
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(signature.as_ref()));
    token
}

fn encode_json<T: Serialize>(value: &T) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).expect("claims serialize"))
}

/// Checks the header and signature and returns the claims; the caller checks
/// issuer, audience and expiry. CPU-heavy: call from a blocking thread.
pub fn verify_signature(keys: &SigningKeys, token: &str) -> Option<AccessClaims> {
    let (signed, signature) = token.rsplit_once('.')?;
    let (header, payload) = signed.split_once('.')?;
    let header: Header = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
    if header.alg != "ES384" || header.typ != "at+jwt" {
        return None;
    }
    let key = keys.find(&header.kid)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    UnparsedPublicKey::new(&ECDSA_P384_SHA384_FIXED, key.pair.public_key().as_ref())
        .verify(signed.as_bytes(), &signature)
        .ok()?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::generate_signing_key;

    fn claims() -> AccessClaims {
        AccessClaims {
            client_secret_created_at: None,
            jti: "j".into(),
            sub: "app".into(),
            iat: 1,
            exp: 2,
            scope: "all".into(),
            client_id: "app".into(),
            iss: "http://x/oidc".into(),
            aud: "https://default.logto.app/api".into(),
        }
    }

    #[test]
    fn signed_tokens_verify_and_tampered_ones_do_not() {
        let keys = SigningKeys::load(&[generate_signing_key(0)]).unwrap();
        let token = sign(&keys, &claims());
        assert_eq!(verify_signature(&keys, &token), Some(claims()));

        let mut forged = claims();
        forged.scope = "all extra".into();
        let (head, rest) = token.split_once('.').unwrap();
        let signature = rest.rsplit_once('.').unwrap().1;
        let tampered = format!("{head}.{}.{signature}", encode_json(&forged));
        assert_eq!(verify_signature(&keys, &tampered), None);

        let other = SigningKeys::load(&[generate_signing_key(0)]).unwrap();
        assert_eq!(verify_signature(&other, &token), None);
    }
}
