//! Random ids and secrets in Logto's alphabets.

use rand::Rng;
use rand::distributions::Alphanumeric;

const ID_ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// A 12-character `[0-9a-z]` id, as Logto's `generateStandardId`.
pub fn new_id() -> String {
    new_id_of(12)
}

pub fn new_id_of(len: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| ID_ALPHABET[rng.gen_range(0..ID_ALPHABET.len())] as char)
        .collect()
}

/// A 32-character `[0-9A-Za-z]` secret, as Logto's application secrets.
pub fn new_secret() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

/// Whether `id` could be one of ours: short and of the id alphabet (plus `-` and `_`,
/// which Logto's fixed ids use). Checked before any lookup.
pub fn is_plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_secrets_use_logto_alphabets() {
        let id = new_id();
        assert_eq!(id.len(), 12);
        assert!(id.bytes().all(|b| ID_ALPHABET.contains(&b)));
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert!(secret.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
}
