//! Calls to the server by the Workers runtime's `fetch`; redirects are not followed.

use std::time::Duration;

use tenantry_edge::core::{
    Mutex, MutexGuard, Outbound, OutboundError, OutboundRequest, OutboundResponse,
};
use worker::{Delay, Fetch, Headers, Method, Request, RequestInit, RequestRedirect};

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

    /// Polls on this request's own timer: a waiter woken by the request that held the
    /// lock would run in that request's context, and workerd cancels it as hung.
    async fn acquire<'a, T>(&self, lock: &'a Mutex<T>) -> MutexGuard<'a, T> {
        loop {
            if let Some(guard) = lock.try_lock() {
                return guard;
            }
            Delay::from(Duration::from_millis(5)).await;
        }
    }
}
