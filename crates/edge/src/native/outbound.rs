use std::time::Duration;

use crate::core::{Outbound, OutboundError, OutboundRequest, OutboundResponse};

/// Calls to the server by reqwest; no redirects are followed.
#[derive(Clone)]
pub struct ReqwestOutbound {
    client: reqwest::Client,
}

impl ReqwestOutbound {
    pub fn new() -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            // Drop idle connections before the server's keep-alive cut-off (its 10 s
            // header timeout), so a request never goes out on one it is closing.
            .pool_idle_timeout(Duration::from_secs(5))
            .build()
            .expect("a reqwest client builds");
        ReqwestOutbound { client }
    }
}

impl Default for ReqwestOutbound {
    fn default() -> Self {
        Self::new()
    }
}

impl Outbound for ReqwestOutbound {
    async fn send(&self, request: OutboundRequest) -> Result<OutboundResponse, OutboundError> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| OutboundError("unknown method".into()))?;
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        // `without_url`: the message names what failed, never the request.
        let answer = builder
            .send()
            .await
            .map_err(|e| OutboundError(e.without_url().to_string()))?;
        let status = answer.status().as_u16();
        let headers = answer
            .headers()
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let body = answer
            .bytes()
            .await
            .map_err(|e| OutboundError(e.without_url().to_string()))?
            .to_vec();
        Ok(OutboundResponse {
            status,
            headers,
            body,
        })
    }
}
