//! Logto's pagination: `page` and `page_size` in, `Total-Number` and `Link` out.

use axum::Json;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::Window;

const DEFAULT_PAGE_SIZE: u64 = 20;
const MAX_PAGE_SIZE: u64 = 100;
/// Far past any real list, and small enough that `(page - 1) * page_size` always
/// fits the `i64` OFFSET both databases take (a larger page used to wrap negative).
const MAX_PAGE: u64 = 100_000_000;

/// The page asked for, and what is needed to link to the others.
pub struct Paged {
    pub page: u64,
    pub page_size: u64,
    /// Every query parameter, in order (search parameters included).
    pub pairs: Vec<(String, String)>,
    /// Scheme, host and any proxy prefix, then the request path.
    base: String,
}

fn invalid_pagination() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "guard.invalid_pagination",
        "The pagination value is invalid.",
    )
}

fn parse_positive(value: Option<&str>, default: u64, max: u64) -> Result<u64, ApiError> {
    match value {
        None => Ok(default),
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(invalid_pagination),
    }
}

pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

impl FromRequestParts<AppState> for Paged {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let pairs = query_pairs(parts.uri.query());
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        let page = parse_positive(get("page"), 1, MAX_PAGE)?;
        let page_size = parse_positive(get("page_size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
        let origin = public_origin(&parts.headers, state);
        let base = format!("{origin}{}", parts.uri.path());
        Ok(Paged {
            page,
            page_size,
            pairs,
            base,
        })
    }
}

/// Where clients reach us: the configured public URL, or the proxy's forwarded
/// scheme, host and prefix when the server is told to trust them.
fn public_origin(headers: &HeaderMap, state: &AppState) -> String {
    let settings = &state.settings;
    let forwarded = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if settings.trust_proxy
        && let Some(host) = forwarded("x-forwarded-host")
    {
        let proto = forwarded("x-forwarded-proto").unwrap_or("http");
        let prefix = forwarded("x-forwarded-prefix")
            .unwrap_or("")
            .trim_end_matches('/');
        return format!("{proto}://{host}{prefix}");
    }
    settings.public_url.clone()
}

impl Paged {
    pub fn window(&self) -> Window {
        Window {
            limit: self.page_size as i64,
            offset: ((self.page - 1) * self.page_size) as i64,
        }
    }

    /// The items as JSON with `Total-Number` and one `Link` value per relation.
    pub fn respond<T: Serialize>(&self, total: i64, items: Vec<T>) -> Response {
        let total = total.max(0) as u64;
        let last = total.div_ceil(self.page_size).max(1);
        let mut links = vec![(1, "first")];
        if self.page > 1 {
            links.push((self.page - 1, "prev"));
        }
        links.push((last, "last"));
        if self.page < last {
            links.push((self.page + 1, "next"));
        }
        let mut response = Json(items).into_response();
        let headers = response.headers_mut();
        headers.insert("total-number", HeaderValue::from(total));
        for (page, rel) in links {
            let value = format!("<{}>; rel=\"{rel}\"", self.url_of_page(page));
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.append("link", value);
            }
        }
        response
    }

    /// This request's URL with `page` set, other parameters kept in order.
    fn url_of_page(&self, page: u64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        let mut has_page = false;
        for (k, v) in &self.pairs {
            if k == "page" {
                if !has_page {
                    query.append_pair("page", &page.to_string());
                    has_page = true;
                }
            } else {
                query.append_pair(k, v);
            }
        }
        if !has_page {
            query.append_pair("page", &page.to_string());
        }
        format!("{}?{}", self.base, query.finish())
    }
}
