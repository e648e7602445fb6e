//! Seeds users straight through the store (no password hashing), with names that
//! make `%abc%` as selective as real names would.

use tenantry_server::store::{Store, UserRecord};

/// A deterministic pseudo-random generator, so every run seeds the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn word(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| (b'a' + (self.next() % 26) as u8) as char)
            .collect()
    }
}

/// Inserts `count` users and returns the id of one of them.
pub async fn users(store: &dyn Store, count: usize) -> String {
    let mut rng = Lcg(42);
    let mut sample = String::new();
    for i in 0..count {
        let first = rng.word(6);
        let last = rng.word(8);
        let now = tenantry_server::ids::now_ms();
        let user = UserRecord {
            id: tenantry_server::ids::new_id(),
            username: Some(format!("{first}_{i}")),
            primary_email: Some(format!("{first}.{last}{i}@example.com")),
            primary_phone: Some(format!("1555{i:07}")),
            name: Some(format!("{first} {last}")),
            avatar: None,
            password_encrypted: None,
            password_encryption_method: None,
            custom_data: "{}".into(),
            identities: "{}".into(),
            profile: "{}".into(),
            application_id: None,
            is_suspended: false,
            last_sign_in_at: None,
            created_at: now,
            updated_at: now,
            session_epoch: 0,
            locked_until: None,
        };
        store.insert_user(&user).await.expect("seed user");
        if i == count / 2 {
            sample = user.id;
        }
    }
    sample
}
