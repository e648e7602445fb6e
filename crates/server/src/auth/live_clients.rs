//! The M2M clients whose access tokens still count. A token is a signed promise that
//! outlives the client, so every request also checks its client here: deleting an
//! application, or deleting or reaching the expiry of the secret that issued a token,
//! ends the token at once. Loaded from the database on start (a deleted secret stays
//! gone across restarts), kept current by the writes.
//!
//! Limit: the state lives in this process; another instance on the same database
//! learns of a deletion on its next start.

use std::collections::HashMap;
use std::sync::RwLock;

use super::AccessClaims;
use crate::store::{ApplicationFilter, ApplicationSecretRecord, Store, StoreResult};

/// One secret's life: tokens issued while it existed may have come from it.
#[derive(Clone, Copy)]
struct SecretLife {
    created_at_ms: i64,
    /// Domain clock (ms); `None` never.
    expires_at_ms: Option<i64>,
}

impl SecretLife {
    /// Whether a token issued in second `iat` may have come from this secret.
    fn could_have_issued(&self, iat: i64) -> bool {
        self.created_at_ms <= iat.saturating_mul(1000) + 999
    }
}

#[derive(Default)]
struct Gate {
    secrets: Vec<SecretLife>,
    /// Deleted secrets, with the second they were deleted in.
    deleted: Vec<(SecretLife, i64)>,
}

impl Gate {
    /// A token naming its secret lives exactly as long as that secret.
    fn admits(&self, claims: &AccessClaims, now_ms: i64) -> bool {
        match claims.client_secret_created_at {
            Some(created) => self.secrets.iter().any(|life| {
                life.created_at_ms == created && life.expires_at_ms.is_none_or(|at| at > now_ms)
            }),
            None => self.admits_unnamed(claims.iat, now_ms),
        }
    }

    /// A token from before secrets were named: ended by every secret that may have
    /// issued it (one that existed in its second).
    fn admits_unnamed(&self, iat: i64, now_ms: i64) -> bool {
        let issued_ms = iat.saturating_mul(1000);
        // Tokens from whole seconds before the deletion (the same second keeps its
        // tokens, so a client refetching at once is not refused).
        let by_deleted = self
            .deleted
            .iter()
            .any(|(life, deleted_secs)| life.could_have_issued(iat) && iat < *deleted_secs);
        let by_expired = self.secrets.iter().any(|life| {
            life.expires_at_ms
                .is_some_and(|expiry| expiry <= now_ms && issued_ms < expiry)
                && life.could_have_issued(iat)
        });
        !by_deleted && !by_expired
    }
}

#[derive(Default)]
pub struct LiveClients {
    gates: RwLock<HashMap<String, Gate>>,
}

fn lives(secrets: &[ApplicationSecretRecord]) -> Vec<SecretLife> {
    secrets
        .iter()
        .map(|s| SecretLife {
            created_at_ms: s.created_at,
            expires_at_ms: s.expires_at,
        })
        .collect()
}

impl LiveClients {
    /// Every application in the database, with its secrets.
    pub async fn load(store: &dyn Store) -> StoreResult<Self> {
        let (apps, _) = store
            .applications(&ApplicationFilter::default(), None)
            .await?;
        let mut gates = HashMap::with_capacity(apps.len());
        for app in apps {
            let secrets = store.application_secrets(&app.id).await?;
            let gate = Gate {
                secrets: lives(&secrets),
                deleted: Vec::new(),
            };
            gates.insert(app.id, gate);
        }
        Ok(Self {
            gates: RwLock::new(gates),
        })
    }

    /// Whether a token with these claims may still act. `now_ms` is the domain clock
    /// (secret expiries follow it).
    pub fn admits(&self, claims: &AccessClaims, now_ms: i64) -> bool {
        let gates = self.gates.read().unwrap_or_else(|e| e.into_inner());
        gates
            .get(&claims.client_id)
            .is_some_and(|gate| gate.admits(claims, now_ms))
    }

    /// A new application, or a change to its secrets (`secrets` is all it has now).
    /// A secret that disappeared was deleted: tokens it may have issued in the
    /// seconds before stop working.
    pub fn set_secrets(&self, client_id: &str, secrets: &[ApplicationSecretRecord], now_ms: i64) {
        let mut gates = self.gates.write().unwrap_or_else(|e| e.into_inner());
        let gate = gates.entry(client_id.to_owned()).or_default();
        let now_lives = lives(secrets);
        for old in &gate.secrets {
            let kept = now_lives.iter().any(|l| {
                l.created_at_ms == old.created_at_ms && l.expires_at_ms == old.expires_at_ms
            });
            if !kept {
                gate.deleted.push((*old, now_ms / 1000));
            }
        }
        gate.secrets = now_lives;
    }

    /// Reads the application's secrets again after another instance changed them; a
    /// deleted application's tokens stop counting.
    pub async fn reload(&self, store: &dyn Store, client_id: &str, now_ms: i64) -> StoreResult<()> {
        if store.application(client_id).await?.is_some() {
            let secrets = store.application_secrets(client_id).await?;
            self.set_secrets(client_id, &secrets, now_ms);
        } else {
            self.remove(client_id);
        }
        Ok(())
    }

    /// Reloads every application known here or in the database (a listener that lost
    /// its connection may have missed any change).
    pub async fn reload_all(&self, store: &dyn Store, now_ms: i64) -> StoreResult<()> {
        let (apps, _) = store
            .applications(&ApplicationFilter::default(), None)
            .await?;
        let known: Vec<String> = self
            .gates
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect();
        let ids = apps.into_iter().map(|app| app.id).chain(known);
        for id in ids.collect::<std::collections::BTreeSet<_>>() {
            self.reload(store, &id, now_ms).await?;
        }
        Ok(())
    }

    /// The application is gone: none of its tokens counts any more.
    pub fn remove(&self, client_id: &str) {
        let mut gates = self.gates.write().unwrap_or_else(|e| e.into_inner());
        gates.remove(client_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(client_id: &str, iat: i64, secret_created_at: i64) -> AccessClaims {
        AccessClaims {
            client_secret_created_at: Some(secret_created_at),
            ..claims(client_id, iat)
        }
    }

    #[test]
    fn a_token_naming_its_secret_lives_as_long_as_that_secret() {
        let live = LiveClients::default();
        let first = secret(50_000, None);
        let short = secret(60_000, Some(200_000));
        live.set_secrets("app", &[first.clone(), short.clone()], 70_000);
        assert!(live.admits(&named("app", 100, 50_000), 0));
        assert!(live.admits(&named("app", 100, 60_000), 199_999));
        assert!(!live.admits(&named("app", 100, 60_000), 200_000), "expired");
        assert!(
            live.admits(&named("app", 100, 50_000), 200_000),
            "the other lives"
        );
        live.set_secrets("app", &[short], 80_000);
        assert!(!live.admits(&named("app", 100, 50_000), 0), "deleted");
        assert!(
            !live.admits(&named("other", 100, 60_000), 0),
            "unknown client"
        );
    }

    fn claims(client_id: &str, iat: i64) -> AccessClaims {
        AccessClaims {
            client_secret_created_at: None,
            jti: String::new(),
            sub: client_id.into(),
            iat,
            exp: iat + 3600,
            scope: "all".into(),
            client_id: client_id.into(),
            iss: String::new(),
            aud: String::new(),
        }
    }

    fn secret(created_at: i64, expires_at: Option<i64>) -> ApplicationSecretRecord {
        ApplicationSecretRecord {
            application_id: "app".into(),
            name: "s".into(),
            value_hash: String::new(),
            value_prefix: String::new(),
            created_at,
            expires_at,
            last_used_at: None,
        }
    }

    #[test]
    fn deletion_and_expiry_end_the_tokens_a_secret_may_have_issued() {
        let live = LiveClients::default();
        assert!(!live.admits(&claims("app", 100), 0), "unknown client");
        let kept = secret(50_000, None);
        let leaked = secret(90_000, None);
        live.set_secrets("app", &[kept.clone(), leaked.clone()], 95_000);
        assert!(live.admits(&claims("app", 100), 0));
        // `leaked` deleted at 150.5 s: its possible tokens before second 150 end.
        live.set_secrets("app", std::slice::from_ref(&kept), 150_500);
        assert!(!live.admits(&claims("app", 100), 0));
        assert!(
            live.admits(&claims("app", 80), 0),
            "issued before it existed"
        );
        assert!(live.admits(&claims("app", 150), 0), "same second: kept");
        // A secret expiring at 200 s ends the tokens issued while it lived.
        let short = secret(160_000, Some(200_000));
        live.set_secrets("app", &[kept.clone(), short], 160_000);
        assert!(live.admits(&claims("app", 170), 199_999));
        assert!(!live.admits(&claims("app", 170), 200_000), "secret expired");
        assert!(
            live.admits(&claims("app", 155), 200_000),
            "issued before it existed"
        );
        assert!(
            live.admits(&claims("app", 200), 200_000),
            "issued after expiry"
        );
        live.remove("app");
        assert!(!live.admits(&claims("app", 200), 0));
    }
}
