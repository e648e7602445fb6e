//! Recently read users, kept in memory for the SQLite store, where one server owns the
//! database file. Every write through the store forgets the user it touched; a
//! generation counter stops a read that raced a write from caching the old row.
//! PostgreSQL serves many server instances, so it keeps no such cache.
//!
//! Nothing that enforces a rule reads through it: the protected-admin checks read
//! inside their locked transaction, writes name only their columns, and a merge whose
//! compare-and-set fails forgets the row and reads it again. So a second process on the
//! same SQLite file can make a cached read stale, never a stored row wrong.

use std::collections::HashMap;
use std::sync::Mutex;

use super::UserRecord;

pub struct UserCache {
    capacity: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    generation: u64,
    users: HashMap<String, UserRecord>,
}

impl UserCache {
    /// A cache of up to `capacity` users; 0 turns it off.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            state: Mutex::default(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn get(&self, id: &str) -> Option<UserRecord> {
        if self.capacity == 0 {
            return None;
        }
        self.state().users.get(id).cloned()
    }

    /// Read before querying the database; pass it back to `put`.
    pub fn generation(&self) -> u64 {
        self.state().generation
    }

    /// Keeps a row read from the database, unless a write happened since `seen`.
    pub fn put(&self, user: &UserRecord, seen: u64) {
        if self.capacity == 0 {
            return;
        }
        let mut state = self.state();
        if state.generation != seen {
            return;
        }
        if state.users.len() >= self.capacity {
            state.users.clear();
        }
        state.users.insert(user.id.clone(), user.clone());
    }

    /// Called after every write that changes what `user` reads for this id.
    pub fn forget(&self, id: &str) {
        let mut state = self.state();
        state.generation += 1;
        state.users.remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, name: &str) -> UserRecord {
        UserRecord {
            id: id.into(),
            username: None,
            primary_email: None,
            primary_phone: None,
            name: Some(name.into()),
            avatar: None,
            password_encrypted: None,
            password_encryption_method: None,
            custom_data: "{}".into(),
            identities: "{}".into(),
            profile: "{}".into(),
            application_id: None,
            is_suspended: false,
            last_sign_in_at: None,
            created_at: 0,
            updated_at: 0,
            session_epoch: 0,
            locked_until: None,
        }
    }

    #[test]
    fn a_read_that_raced_a_write_is_not_cached() {
        let cache = UserCache::new(10);
        let seen = cache.generation();
        cache.forget("a"); // a write lands between the read's query and its put
        cache.put(&user("a", "old"), seen);
        assert!(cache.get("a").is_none());

        let seen = cache.generation();
        cache.put(&user("a", "new"), seen);
        assert_eq!(cache.get("a").unwrap().name.as_deref(), Some("new"));
        cache.forget("a");
        assert!(cache.get("a").is_none());
    }

    #[test]
    fn a_zero_capacity_cache_keeps_nothing() {
        let cache = UserCache::new(0);
        cache.put(&user("a", "x"), cache.generation());
        assert!(cache.get("a").is_none());
    }
}
