//! What a caller is told: the `RateLimit-*` headers (IETF draft "RateLimit header fields
//! for HTTP") on every response, and the 429 with `Retry-After` past the limit.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

const LIMIT: HeaderName = HeaderName::from_static("ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("ratelimit-reset");

/// What a caller has left, for the `RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub limit: u32,
    pub remaining: u32,
    /// Whole seconds until the bucket is full again (rounded up).
    pub reset_secs: u64,
}

/// A refusal: the quota (nothing remaining) and when the next request will be served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub quota: Quota,
    /// Whole seconds until one token is back (rounded up, at least 1).
    pub after_secs: u64,
}

impl Quota {
    /// Writes the headers, unless a layer closer to the handler already wrote a quota
    /// with no more remaining: the caller should see the limit it will hit first.
    pub fn write_headers(&self, headers: &mut HeaderMap) {
        let written = headers
            .get(&REMAINING)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u32>().ok());
        if written.is_some_and(|remaining| remaining <= self.remaining) {
            return;
        }
        headers.insert(LIMIT, HeaderValue::from(self.limit));
        headers.insert(REMAINING, HeaderValue::from(self.remaining));
        headers.insert(RESET, HeaderValue::from(self.reset_secs));
    }
}

/// 429 `request.too_many_requests` with `Retry-After` and the `RateLimit-*` headers.
impl IntoResponse for Retry {
    fn into_response(self) -> Response {
        let message = format!(
            "Too many requests. Try again in {} seconds.",
            self.after_secs
        );
        let mut response = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "request.too_many_requests",
            message,
        )
        .into_response();
        let headers = response.headers_mut();
        headers.insert(header::RETRY_AFTER, HeaderValue::from(self.after_secs));
        self.quota.write_headers(headers);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quota(remaining: u32) -> Quota {
        Quota {
            limit: 10,
            remaining,
            reset_secs: 3,
        }
    }

    #[test]
    fn the_quota_closest_to_its_limit_wins() {
        let mut headers = HeaderMap::new();
        quota(4).write_headers(&mut headers);
        quota(9).write_headers(&mut headers);
        assert_eq!(headers[&REMAINING], "4");
        quota(1).write_headers(&mut headers);
        assert_eq!(headers[&REMAINING], "1");
        assert_eq!(headers[&LIMIT], "10");
        assert_eq!(headers[&RESET], "3");
    }
}
