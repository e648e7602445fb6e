//! The typed client for the edge: one file per REST resource over [`Client`].
//!
//! Only the edge is called (same origin by default, cookie session). Every
//! request that is not a GET carries `X-Tenantry: 1`, the edge's CSRF guard.

pub mod applications;
pub mod auth;
mod error;
pub mod invitations;
pub mod logs;
pub mod organization_roles;
pub mod organizations;
pub mod person;
pub mod query;
pub mod resources;
pub mod roles;
pub mod users;

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use gloo_net::http::{Method, Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use web_sys::RequestCredentials;

pub use error::ApiError;

use crate::components::progress::Progress;

/// The CSRF header the edge requires on every state-changing request.
pub const CSRF_HEADER: (&str, &str) = ("X-Tenantry", "1");

/// One page of a paginated list and the `Total-Number` header.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Yields the `Authorization: Bearer` token for the next request.
pub type TokenSource = StoredValue<
    Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<String, ApiError>>>>>,
    LocalStorage,
>;

/// The HTTP client for the edge.
#[derive(Clone, Debug)]
pub struct Client {
    base: Arc<str>,
    progress: Option<Progress>,
    on_expired: Option<Callback<()>>,
    /// Embed tokens instead of the session cookie (the embed widget).
    bearer: Option<TokenSource>,
}

impl Client {
    /// A client for the edge at `base` (`""` = this origin).
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').into(),
            progress: None,
            on_expired: None,
            bearer: None,
        }
    }

    /// Authenticates every request with a token from `tokens`, not a cookie.
    pub fn with_bearer(mut self, tokens: TokenSource) -> Self {
        self.bearer = Some(tokens);
        self
    }

    /// Reports every request in flight to the progress indicator.
    pub fn with_progress(mut self, progress: Progress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Calls `on_expired` when an API call answers 401: the session ended
    /// (idle timeout, sign-out elsewhere), so the app can ask to sign in again.
    pub fn on_session_expired(mut self, on_expired: Callback<()>) -> Self {
        self.on_expired = Some(on_expired);
        self
    }

    /// The token the next request would carry, if the client uses tokens.
    pub async fn bearer_token(&self) -> Result<Option<String>, ApiError> {
        match self.bearer {
            Some(tokens) => tokens.with_value(|next| next()).await.map(Some),
            None => Ok(None),
        }
    }

    /// The absolute or origin-relative URL of an edge path such as `/api/users`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request with the edge's headers and credentials already set.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut builder = RequestBuilder::new(&self.url(path))
            .method(method.clone())
            .header("Accept", "application/json");
        if !self.base.is_empty() && self.bearer.is_none() {
            // An edge on another origin still needs the session cookie.
            builder = builder.credentials(RequestCredentials::Include);
        }
        if !matches!(method, Method::GET | Method::HEAD) {
            builder = builder.header(CSRF_HEADER.0, CSRF_HEADER.1);
        }
        builder
    }

    /// `GET path`, decoding the JSON answer.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        parse(&self.fetch(self.request(Method::GET, path).build()).await?)
    }

    /// `GET path?query` of a paginated list, with its `Total-Number`.
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(String, String)],
    ) -> Result<Page<T>, ApiError> {
        // Through `query`, not the path: gloo-net appends a stray `&` to a
        // URL that already has a query.
        let pairs = query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let answer = self
            .fetch(self.request(Method::GET, path).query(pairs).build())
            .await?;
        let items: Vec<T> = parse(&answer)?;
        let total = answer.total.unwrap_or(items.len() as u64);
        Ok(Page { items, total })
    }

    /// A write with a JSON body, decoding the JSON answer.
    pub async fn write<B, T>(&self, method: Method, path: &str, body: &B) -> Result<T, ApiError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let body = to_json(body)?;
        parse(&self.fetch(self.with_body(method, path, Some(body))).await?)
    }

    /// A write whose answer has no body worth reading (204 and the like).
    pub async fn write_empty<B>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<(), ApiError>
    where
        B: Serialize + ?Sized,
    {
        let body = body.map(to_json).transpose()?;
        self.fetch(self.with_body(method, path, body))
            .await
            .map(drop)
    }

    /// A request carrying `body`, already JSON, if any.
    fn with_body(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Request, gloo_net::Error> {
        let builder = self.request(method, path);
        match body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            None => builder.build(),
        }
    }

    /// Sends a request and reads its answer's body. Boxed and not generic:
    /// every typed call awaits this one copy and only decodes.
    fn fetch(&self, request: Result<Request, gloo_net::Error>) -> Fetching<'_> {
        Box::pin(async move {
            let response = self.send(request).await?;
            let total = total_number(&response);
            let status = response.status();
            let text = response
                .text()
                .await
                .map_err(|err| ApiError::Network(err.to_string()))?;
            Ok(Answer {
                status,
                text,
                total,
            })
        })
    }

    /// Sends a built request; any status outside 200–299 becomes an error.
    pub async fn send(
        &self,
        request: Result<Request, gloo_net::Error>,
    ) -> Result<Response, ApiError> {
        let _busy = self.progress.map(|progress| progress.start());
        let request = request.map_err(|err| ApiError::Network(err.to_string()))?;
        if let Some(tokens) = self.bearer {
            let token = tokens.with_value(|next| next()).await?;
            let value = format!("Bearer {token}");
            request.headers().set("Authorization", &value);
        }
        let response = request
            .send()
            .await
            .map_err(|err| ApiError::Network(err.to_string()))?;
        if response.ok() {
            return Ok(response);
        }
        if session_expired(response.status(), &response.url())
            && let Some(on_expired) = self.on_expired
        {
            on_expired.run(());
        }
        Err(error_from_response(response).await)
    }
}

/// A 401 from an API call means the session ended; `/auth/*` answers 401
/// as part of its contract (nobody signed in yet), so it does not count.
fn session_expired(status: u16, url: &str) -> bool {
    let path = url.split_once("://").map_or(url, |(_, rest)| {
        rest.find('/').map_or("", |slash| &rest[slash..])
    });
    status == 401 && !path.starts_with("/auth/")
}

/// Reads an error answer into the typed error, whatever its body is.
pub async fn error_from_response(response: Response) -> ApiError {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    ApiError::from_status(status, &text)
}

/// An answer on its way.
type Fetching<'a> = Pin<Box<dyn Future<Output = Result<Answer, ApiError>> + 'a>>;

/// A success answer's status, body and `Total-Number`.
struct Answer {
    status: u16,
    text: String,
    total: Option<u64>,
}

/// Decodes a success answer's JSON body.
fn parse<T: DeserializeOwned>(answer: &Answer) -> Result<T, ApiError> {
    serde_json::from_str(&answer.text).map_err(|err| ApiError::Decode {
        status: answer.status,
        message: err.to_string(),
    })
}

/// A request body as JSON.
fn to_json<B: Serialize + ?Sized>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|err| ApiError::Network(err.to_string()))
}

/// Decodes a response's JSON body (a test's way to reach [`parse`]).
pub async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|err| ApiError::Network(err.to_string()))?;
    parse(&Answer {
        status,
        text,
        total: None,
    })
}

/// The `Total-Number` header of a paginated answer.
pub fn total_number(response: &Response) -> Option<u64> {
    response.headers().get("Total-Number")?.trim().parse().ok()
}

/// The client the app was mounted with.
pub fn use_client() -> Client {
    expect_context::<Client>()
}

#[cfg(test)]
mod tests {
    use super::session_expired;

    #[test]
    fn only_api_401s_end_the_session() {
        assert!(session_expired(
            401,
            "http://127.0.0.1:3000/api/users?page=1"
        ));
        assert!(!session_expired(401, "http://127.0.0.1:3000/auth/session"));
        assert!(!session_expired(403, "https://edge.example/api/users"));
        assert!(!session_expired(200, "/api/users"));
    }
}
