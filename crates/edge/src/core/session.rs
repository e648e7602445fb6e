//! The session cookie: `__Host-tenantry_session`, its contents sealed with
//! ChaCha20-Poly1305 (encrypted and authenticated) under the session key.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};

pub const SESSION_COOKIE: &str = "__Host-tenantry_session";
/// Absolute lifetime from sign-in.
pub const ABSOLUTE_MS: u64 = 8 * 3600 * 1000;
/// Lifetime without a request.
pub const IDLE_MS: u64 = 30 * 60 * 1000;
/// The cookie is re-sealed (moving the idle deadline) at most this often.
pub const TOUCH_MS: u64 = 60 * 1000;
/// Roles are read again from the server this often, so revoked admins drop out.
pub const RECHECK_MS: u64 = 5 * 60 * 1000;

/// Binds the ciphertext to its purpose and format version.
const AAD: &[u8] = b"tenantry-session-v1";

/// What the cookie carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// The user's id.
    pub uid: String,
    /// Holds the global `tenant-admin` role.
    pub ta: bool,
    /// Organizations where the user holds `manage:members`.
    pub orgs: Vec<String>,
    /// Signed in at (ms).
    pub iat: u64,
    /// Last request at (ms), for the idle timeout.
    pub seen: u64,
    /// Roles last read at (ms).
    pub chk: u64,
    /// The user's session epoch at sign-in; the server refuses it once revoked.
    pub ep: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SessionError {
    /// Not ours, tampered with, or unreadable.
    Invalid,
    /// Past the absolute or idle lifetime.
    Expired,
}

pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl Sealer {
    pub fn new(key: &[u8; 32]) -> Sealer {
        Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(key)),
        }
    }

    /// The cookie value: base64url(nonce ‖ ciphertext). The nonce is 96 random bits.
    pub fn seal(&self, session: &Session, nonce: [u8; 12]) -> String {
        let plain = serde_json::to_vec(session).unwrap_or_default();
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &plain,
                    aad: AAD,
                },
            )
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    pub fn open(&self, value: &str, now_ms: u64) -> Result<Session, SessionError> {
        let raw = URL_SAFE_NO_PAD
            .decode(value)
            .map_err(|_| SessionError::Invalid)?;
        if raw.len() < 12 + 16 {
            return Err(SessionError::Invalid);
        }
        let (nonce, sealed) = raw.split_at(12);
        let plain = self
            .cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: AAD,
                },
            )
            .map_err(|_| SessionError::Invalid)?;
        let session: Session = serde_json::from_slice(&plain).map_err(|_| SessionError::Invalid)?;
        if now_ms >= session.iat.saturating_add(ABSOLUTE_MS)
            || now_ms >= session.seen.saturating_add(IDLE_MS)
        {
            return Err(SessionError::Expired);
        }
        Ok(session)
    }
}

/// `Set-Cookie` for a sealed session. No `Domain` and no `Max-Age`: the browser forgets
/// it on close, and the edge enforces the lifetimes itself.
pub fn set_cookie(value: &str) -> String {
    format!("{SESSION_COOKIE}={value}; HttpOnly; Secure; SameSite=Strict; Path=/")
}

/// `Set-Cookie` that removes the session.
pub fn clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(at: u64) -> Session {
        Session {
            uid: "u1".into(),
            ta: true,
            orgs: vec![],
            iat: at,
            seen: at,
            chk: at,
            ep: 0,
        }
    }

    #[test]
    fn sealed_sessions_open_until_they_expire() {
        let sealer = Sealer::new(&[7; 32]);
        let value = sealer.seal(&session(1_000), [1; 12]);
        assert_eq!(sealer.open(&value, 2_000), Ok(session(1_000)));
        assert_eq!(
            sealer.open(&value, 1_000 + IDLE_MS),
            Err(SessionError::Expired)
        );
        let mut touched = session(1_000);
        touched.seen = ABSOLUTE_MS;
        let value = sealer.seal(&touched, [2; 12]);
        assert_eq!(
            sealer.open(&value, ABSOLUTE_MS + 1_000),
            Err(SessionError::Expired)
        );
    }

    #[test]
    fn tampered_or_foreign_cookies_are_invalid() {
        let sealer = Sealer::new(&[7; 32]);
        let value = sealer.seal(&session(1_000), [1; 12]);
        let mut bytes = URL_SAFE_NO_PAD.decode(&value).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = URL_SAFE_NO_PAD.encode(bytes);
        assert_eq!(sealer.open(&tampered, 2_000), Err(SessionError::Invalid));
        assert_eq!(
            Sealer::new(&[8; 32]).open(&value, 2_000),
            Err(SessionError::Invalid)
        );
        assert_eq!(
            sealer.open("not base64!", 2_000),
            Err(SessionError::Invalid)
        );
    }
}
