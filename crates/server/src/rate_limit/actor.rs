//! The end caller the edge names. All edge traffic arrives as one M2M client, so the
//! edge says who is really acting (`X-Tenantry-Actor: user:<id>` or `embed:<subject>`)
//! and which address they came from (`X-Forwarded-For`). Both are believed only on a
//! request whose bearer token is the edge application's, and only when that exact token
//! was verified before (it sits in the verified-token cache): a forged token naming the
//! edge's client id cannot pick anyone's bucket.

use std::sync::Arc;

use axum::http::{HeaderMap, header};

use crate::auth::VerifiedTokens;

/// The header the edge names the end caller in.
pub const ACTOR_HEADER: &str = "x-tenantry-actor";
/// Longer actor values are not believed (they would only inflate memory).
const MAX_ACTOR_LEN: usize = 140;

/// The end caller named by the edge: `user:<id>` or `embed:<subject>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

impl Actor {
    /// The user id or embed subject, without its kind.
    pub fn id(&self) -> &str {
        self.0.split_once(':').map_or(&self.0, |(_, id)| id)
    }

    /// `user` or `embed`.
    pub fn kind(&self) -> &str {
        self.0.split_once(':').map_or("", |(kind, _)| kind)
    }

    fn parse(value: &str) -> Option<Actor> {
        let (kind, id) = value.split_once(':')?;
        let plausible = matches!(kind, "user" | "embed")
            && !id.is_empty()
            && value.len() <= MAX_ACTOR_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:@".contains(&b));
        plausible.then(|| Actor(value.to_owned()))
    }
}

/// The edge's application and the cache that says which of its tokens are genuine.
#[derive(Clone)]
pub(super) struct TrustedEdge {
    pub client_id: String,
    pub verified: Arc<VerifiedTokens>,
    /// Wall-clock time, for the tokens' expiry.
    pub clock: Arc<dyn crate::clock::Clock>,
}

impl TrustedEdge {
    /// Whether the request carries a verified access token of the edge's application.
    pub fn vouches_for(&self, headers: &HeaderMap) -> bool {
        let Some(token) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        else {
            return false;
        };
        self.verified
            .get(token.trim(), self.clock.now_ms() / 1000)
            .is_some_and(|claims| claims.client_id == self.client_id)
    }
}

/// The actor the headers name, if the value is well-formed.
pub(super) fn named_actor(headers: &HeaderMap) -> Option<Actor> {
    Actor::parse(headers.get(ACTOR_HEADER)?.to_str().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_user_and_embed_actors_of_plain_characters_are_believed() {
        assert_eq!(
            Actor::parse("user:abc123").map(|a| a.id().to_owned()),
            Some("abc123".into())
        );
        assert_eq!(Actor::parse("embed:sub-1").unwrap().kind(), "embed");
        for bad in [
            "admin:x",
            "user:",
            "user",
            "user:a b",
            &format!("user:{}", "x".repeat(200)),
        ] {
            assert_eq!(Actor::parse(bad), None, "{bad}");
        }
    }
}
