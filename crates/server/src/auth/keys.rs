//! ES384 (P-384) signing keys, stored as PKCS#8 and published as a JWKS.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Value, json};

use crate::ids::new_id_of;
use crate::store::SigningKeyRecord;

pub struct SigningKey {
    pub kid: String,
    pub pair: EcdsaKeyPair,
}

/// The keys the server signs with (the newest) and accepts (all of them).
pub struct SigningKeys {
    keys: Vec<SigningKey>,
    pub rng: SystemRandom,
}

pub fn generate_signing_key(now: i64) -> SigningKeyRecord {
    let rng = SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P384_SHA384_FIXED_SIGNING, &rng)
        .expect("the system random source works");
    SigningKeyRecord {
        id: new_id_of(21),
        private_key: STANDARD.encode(pkcs8.as_ref()),
        created_at: now,
    }
}

impl SigningKeys {
    /// Loads stored keys, newest first. Fails when there are none or one is corrupt.
    pub fn load(records: &[SigningKeyRecord]) -> Result<Self, String> {
        let rng = SystemRandom::new();
        let keys = records
            .iter()
            .map(|record| {
                let pkcs8 = STANDARD
                    .decode(&record.private_key)
                    .map_err(|_| format!("signing key {} is not base64", record.id))?;
                let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P384_SHA384_FIXED_SIGNING, &pkcs8, &rng)
                    .map_err(|_| format!("signing key {} is not a P-384 key", record.id))?;
                Ok(SigningKey {
                    kid: record.id.clone(),
                    pair,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        if keys.is_empty() {
            return Err("no signing key in the database".into());
        }
        Ok(Self { keys, rng })
    }

    pub fn current(&self) -> &SigningKey {
        &self.keys[0]
    }

    pub fn find(&self, kid: &str) -> Option<&SigningKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// The public keys as a JSON Web Key Set.
    pub fn jwks(&self) -> Value {
        let keys: Vec<Value> = self
            .keys
            .iter()
            .map(|key| {
                // An uncompressed SEC1 point: 0x04 || x (48 bytes) || y (48 bytes).
                let point = key.pair.public_key().as_ref();
                json!({
                    "kty": "EC",
                    "crv": "P-384",
                    "x": URL_SAFE_NO_PAD.encode(&point[1..49]),
                    "y": URL_SAFE_NO_PAD.encode(&point[49..97]),
                    "kid": key.kid,
                    "alg": "ES384",
                    "use": "sig",
                })
            })
            .collect();
        json!({ "keys": keys })
    }
}
