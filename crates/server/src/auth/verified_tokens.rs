//! Claims of access tokens whose signature was already checked, so each distinct
//! token costs one ES384 verification instead of one per request.

use std::collections::HashMap;
use std::sync::Mutex;

use super::AccessClaims;

pub struct VerifiedTokens {
    capacity: usize,
    entries: Mutex<HashMap<String, AccessClaims>>,
}

impl VerifiedTokens {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The cached claims of `token`, if it was verified and has not expired.
    pub fn get(&self, token: &str, now_secs: i64) -> Option<AccessClaims> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(token).filter(|c| c.exp > now_secs).cloned()
    }

    /// Remembers verified claims. When full, expired entries go first, then all of
    /// them: a miss only costs one more verification.
    pub fn insert(&self, token: &str, claims: AccessClaims, now_secs: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.capacity {
            entries.retain(|_, c| c.exp > now_secs);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(token.to_owned(), claims);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> AccessClaims {
        AccessClaims {
            client_secret_created_at: None,
            jti: String::new(),
            sub: String::new(),
            iat: 0,
            exp,
            scope: String::new(),
            client_id: String::new(),
            iss: String::new(),
            aud: String::new(),
        }
    }

    #[test]
    fn expired_entries_are_not_returned_and_capacity_is_kept() {
        let cache = VerifiedTokens::new(2);
        cache.insert("a", claims(10), 0);
        assert!(cache.get("a", 5).is_some());
        assert!(cache.get("a", 10).is_none());
        cache.insert("b", claims(100), 20);
        cache.insert("c", claims(100), 20);
        assert!(cache.get("a", 20).is_none());
        assert!(cache.get("b", 20).is_some() && cache.get("c", 20).is_some());
        cache.insert("d", claims(100), 20);
        assert!(cache.entries.lock().unwrap().len() <= 2);
    }
}
