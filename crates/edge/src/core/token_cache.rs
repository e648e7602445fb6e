//! The M2M access token: fetched by client credentials, reused until 60 s before it
//! expires. One async lock makes concurrent callers share a single exchange (the
//! adapter decides how a caller waits for it: `Outbound::acquire`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;

use super::config::{EdgeConfig, Secret};
use super::env::{Mutex, Outbound, OutboundRequest};

/// Refresh this long before the server's expiry.
const EARLY_MS: u64 = 60_000;

struct Cached {
    token: Secret,
    refresh_at_ms: u64,
}

#[derive(Default)]
pub struct TokenCache {
    slot: Mutex<Option<Cached>>,
}

/// Why no token could be had. Never carries the secret or a token.
#[derive(Debug)]
pub struct ExchangeFailed(pub String);

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    expires_in: u64,
}

impl TokenCache {
    /// A token that is still good, exchanging for a new one when needed.
    pub async fn token(
        &self,
        outbound: &impl Outbound,
        config: &EdgeConfig,
        now_ms: u64,
    ) -> Result<Secret, ExchangeFailed> {
        let mut slot = outbound.acquire(&self.slot).await;
        if let Some(cached) = slot.as_ref().filter(|c| now_ms < c.refresh_at_ms) {
            return Ok(cached.token.clone());
        }
        let fresh = exchange(outbound, config, now_ms).await?;
        let token = fresh.token.clone();
        *slot = Some(fresh);
        Ok(token)
    }

    /// After the server refused `rejected`: a new token, unless another request already
    /// replaced it, so a burst of 401s still costs one exchange.
    pub async fn refresh(
        &self,
        rejected: &Secret,
        outbound: &impl Outbound,
        config: &EdgeConfig,
        now_ms: u64,
    ) -> Result<Secret, ExchangeFailed> {
        let mut slot = outbound.acquire(&self.slot).await;
        if let Some(cached) = slot
            .as_ref()
            .filter(|c| c.token != *rejected && now_ms < c.refresh_at_ms)
        {
            return Ok(cached.token.clone());
        }
        *slot = None;
        let fresh = exchange(outbound, config, now_ms).await?;
        let token = fresh.token.clone();
        *slot = Some(fresh);
        Ok(token)
    }
}

async fn exchange(
    outbound: &impl Outbound,
    config: &EdgeConfig,
    now_ms: u64,
) -> Result<Cached, ExchangeFailed> {
    let basic = STANDARD.encode(format!(
        "{}:{}",
        form_encode(&config.client_id),
        form_encode(config.client_secret.expose())
    ));
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "client_credentials")
        .append_pair("resource", &config.api_indicator)
        .append_pair("scope", "all")
        .finish();
    let request = OutboundRequest {
        method: "POST",
        url: format!("{}/oidc/token", config.server_base()),
        headers: vec![
            ("authorization".into(), format!("Basic {basic}")),
            (
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
        ],
        body: Some(body.into_bytes()),
    };
    let answer = outbound
        .send(request)
        .await
        .map_err(|e| ExchangeFailed(format!("token endpoint unreachable: {}", e.0)))?;
    if answer.status != 200 {
        // The error body is OAuth's `{error, error_description}`: safe to name.
        let error = serde_json::from_slice::<serde_json::Value>(&answer.body)
            .ok()
            .and_then(|v| v["error"].as_str().map(str::to_owned))
            .unwrap_or_default();
        return Err(ExchangeFailed(format!(
            "token endpoint answered {} {error}",
            answer.status
        )));
    }
    let parsed: TokenAnswer = serde_json::from_slice(&answer.body)
        .map_err(|_| ExchangeFailed("token endpoint answered an unreadable body".into()))?;
    tracing::info!(
        expires_in = parsed.expires_in,
        "exchanged client credentials for an access token"
    );
    let lifetime_ms = parsed.expires_in.saturating_mul(1000);
    Ok(Cached {
        token: Secret(parsed.access_token),
        refresh_at_ms: now_ms + lifetime_ms.saturating_sub(EARLY_MS),
    })
}

/// RFC 6749 §2.3.1: Basic credentials are form-encoded first.
fn form_encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use super::*;
    use crate::core::config::{Limits, SessionKey};
    use crate::core::env::{OutboundError, OutboundResponse};

    /// A token endpoint that counts exchanges and answers after one yield, so
    /// concurrent callers really overlap.
    #[derive(Default)]
    struct FakeServer {
        exchanges: Cell<u32>,
    }

    struct YieldOnce(bool);

    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                return Poll::Ready(());
            }
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    impl Outbound for FakeServer {
        async fn send(&self, request: OutboundRequest) -> Result<OutboundResponse, OutboundError> {
            assert!(request.url.ends_with("/oidc/token"));
            YieldOnce(false).await;
            self.exchanges.set(self.exchanges.get() + 1);
            let body = format!(
                r#"{{"access_token":"token-{}","expires_in":3600}}"#,
                self.exchanges.get()
            );
            Ok(OutboundResponse {
                status: 200,
                headers: vec![],
                body: body.into_bytes(),
            })
        }
    }

    fn config() -> EdgeConfig {
        EdgeConfig {
            server_url: "http://server".into(),
            api_indicator: "https://default.logto.app/api".into(),
            client_id: "edge".into(),
            client_secret: Secret("secret".into()),
            session_key: SessionKey([0; 32]),
            embed_key: None,
            allowed_origins: vec![],
            public_url: None,
            limits: Limits::default(),
        }
    }

    #[test]
    fn concurrent_callers_share_one_exchange_until_shortly_before_expiry() {
        let (server, cache, config) = (FakeServer::default(), TokenCache::default(), config());
        let callers = (0..10).map(|_| cache.token(&server, &config, 0));
        let tokens = futures::executor::block_on(futures::future::join_all(callers));
        assert!(
            tokens
                .iter()
                .all(|t| t.as_ref().unwrap().expose() == "token-1")
        );
        assert_eq!(server.exchanges.get(), 1);
        let early = 3_600_000 - EARLY_MS;
        let still = futures::executor::block_on(cache.token(&server, &config, early - 1));
        assert_eq!(still.unwrap().expose(), "token-1");
        let renewed = futures::executor::block_on(cache.token(&server, &config, early));
        assert_eq!(renewed.unwrap().expose(), "token-2");
    }

    #[test]
    fn a_burst_of_rejections_refreshes_once() {
        let (server, cache, config) = (FakeServer::default(), TokenCache::default(), config());
        let first = futures::executor::block_on(cache.token(&server, &config, 0)).unwrap();
        let refreshes = (0..10).map(|_| cache.refresh(&first, &server, &config, 1));
        let tokens = futures::executor::block_on(futures::future::join_all(refreshes));
        assert!(
            tokens
                .iter()
                .all(|t| t.as_ref().unwrap().expose() == "token-2")
        );
        assert_eq!(server.exchanges.get(), 2);
    }
}
