//! Password hashing (Argon2id) and verification of imported digests.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How a stored password digest was made; Logto's `passwordEncryptionMethod` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Argon2i,
    Argon2id,
    Argon2d,
    Sha1,
    Sha256,
    Md5,
    Bcrypt,
}

impl Algorithm {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "Argon2i" => Algorithm::Argon2i,
            "Argon2id" => Algorithm::Argon2id,
            "Argon2d" => Algorithm::Argon2d,
            "SHA1" => Algorithm::Sha1,
            "SHA256" => Algorithm::Sha256,
            "MD5" => Algorithm::Md5,
            "Bcrypt" => Algorithm::Bcrypt,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Argon2i => "Argon2i",
            Algorithm::Argon2id => "Argon2id",
            Algorithm::Argon2d => "Argon2d",
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Md5 => "MD5",
            Algorithm::Bcrypt => "Bcrypt",
        }
    }

    /// Whether `digest` has this algorithm's shape, so a bad import fails at once
    /// instead of at the user's first sign-in.
    pub fn accepts_digest(self, digest: &str) -> bool {
        match self {
            Algorithm::Argon2i | Algorithm::Argon2id | Algorithm::Argon2d => {
                PasswordHash::new(digest)
                    .is_ok_and(|h| h.algorithm.as_str() == self.name().to_lowercase())
            }
            Algorithm::Bcrypt => digest.starts_with("$2") && digest.len() == 60,
            Algorithm::Sha1 => is_hex_of_len(digest, 40),
            Algorithm::Sha256 => is_hex_of_len(digest, 64),
            Algorithm::Md5 => is_hex_of_len(digest, 32),
        }
    }
}

fn is_hex_of_len(digest: &str, len: usize) -> bool {
    digest.len() == len && digest.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Argon2id with the crate's defaults (OWASP's m=19 MiB, t=2, p=1). Slow by design:
/// call it from a blocking thread.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 with default parameters does not fail")
        .to_string()
}

/// Checks `password` against a stored digest in constant time. Also slow: blocking thread.
pub fn verify(password: &str, digest: &str, algorithm: Algorithm) -> bool {
    match algorithm {
        Algorithm::Argon2i | Algorithm::Argon2id | Algorithm::Argon2d => PasswordHash::new(digest)
            .is_ok_and(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            }),
        Algorithm::Bcrypt => bcrypt::verify(password, digest).unwrap_or(false),
        Algorithm::Sha1 => hex_equals(&Sha1::digest(password.as_bytes()), digest),
        Algorithm::Sha256 => hex_equals(&Sha256::digest(password.as_bytes()), digest),
        Algorithm::Md5 => hex_equals(&Md5::digest(password.as_bytes()), digest),
    }
}

fn hex_equals(computed: &[u8], stored_hex: &str) -> bool {
    let computed = hex::encode(computed);
    computed
        .as_bytes()
        .ct_eq(stored_hex.to_ascii_lowercase().as_bytes())
        .into()
}

/// How many dummy verifications ran (unknown users), so tests can see the work was done.
pub static DUMMY_VERIFICATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// An Argon2id digest made with the same parameters as real ones, made once.
static DUMMY_DIGEST: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash("tenantry-no-such-user"));

/// The work of checking a password against an account that does not exist: an Argon2id
/// verification on the same parameters, so an unknown user costs as much as a known one.
/// Always false. Slow: blocking thread.
pub fn verify_dummy(password: &str) -> bool {
    std::hint::black_box(verify(password, &DUMMY_DIGEST, Algorithm::Argon2id));
    DUMMY_VERIFICATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_round_trip() {
        let digest = hash("correct horse");
        assert!(digest.starts_with("$argon2id$"));
        assert!(verify("correct horse", &digest, Algorithm::Argon2id));
        assert!(!verify("wrong", &digest, Algorithm::Argon2id));
    }

    #[test]
    fn imported_digests_verify() {
        let bcrypt = bcrypt::hash("pw", 4).unwrap();
        assert!(Algorithm::Bcrypt.accepts_digest(&bcrypt));
        assert!(verify("pw", &bcrypt, Algorithm::Bcrypt));
        let sha256 = "d74ff0ee8da3b9806b18c877dbf29bbde50b5bd8e4dad7a3a725000feb82e8f1";
        assert!(Algorithm::Sha256.accepts_digest(sha256));
        assert!(verify("pass", sha256, Algorithm::Sha256));
        assert!(!verify("pas", sha256, Algorithm::Sha256));
        assert!(!Algorithm::Argon2id.accepts_digest("not a hash"));
    }
}
