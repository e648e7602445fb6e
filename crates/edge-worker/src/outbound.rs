//! Calls to the server by the Workers runtime's `fetch`; redirects are not followed.

use tenantry_edge::core::{Outbound, OutboundError, OutboundRequest, OutboundResponse};
use worker::{Fetch, Headers, Method, Request, RequestInit, RequestRedirect};

pub struct FetchOutbound;

impl Outbound for FetchOutbound {
    async fn send(&self, request: OutboundRequest) -> Result<OutboundResponse, OutboundError> {
        // The error names what failed, never the request's headers (they hold the token).
        let failed = |e: worker::Error| OutboundError(format!("fetch failed: {e}"));
        let headers = Headers::new();
        for (name, value) in &request.headers {
            headers.append(name, value).map_err(failed)?;
        }
        let mut init = RequestInit::new();
        init.with_method(Method::from(request.method.to_owned()))
            .with_headers(headers)
            .with_redirect(RequestRedirect::Manual);
        if let Some(body) = &request.body {
            init.with_body(Some(js_sys::Uint8Array::from(body.as_slice()).into()));
        }
        let outgoing = Request::new_with_init(&request.url, &init).map_err(failed)?;
        let mut answer = Fetch::Request(outgoing).send().await.map_err(failed)?;
        Ok(OutboundResponse {
            status: answer.status_code(),
            headers: answer.headers().entries().collect(),
            body: answer.bytes().await.map_err(failed)?,
        })
    }
}
