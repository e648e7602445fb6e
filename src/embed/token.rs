//! Embed tokens from the host page's `getToken()`: cached until shortly
//! before they expire, one call at a time however many requests wait.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::ApiError;

/// A token is replaced this long before it expires.
const REFRESH_MARGIN_MS: f64 = 30_000.0;
/// How long a token is kept when its expiry cannot be read.
const UNKNOWN_TTL_MS: f64 = 60_000.0;

/// What the widget reads from a token's claims (`te1.<claims>.<signature>`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Claims {
    pub org: String,
    pub perms: Vec<String>,
    /// Expiry, epoch milliseconds.
    pub exp: f64,
}

impl Claims {
    /// The claims of an embed token, without checking the signature (the edge does).
    pub fn of(token: &str) -> Option<Claims> {
        let body = token.strip_prefix("te1.")?.split('.').next()?;
        let json = base64url_decode(body)?;
        serde_json::from_str(&json).ok()
    }

    pub fn has(&self, permission: &str) -> bool {
        self.perms.iter().any(|p| p == permission)
    }
}

fn base64url_decode(text: &str) -> Option<String> {
    let mut standard: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !standard.len().is_multiple_of(4) {
        standard.push('=');
    }
    let binary = web_sys::window()?.atob(&standard).ok()?;
    // atob gives one char per byte; the claims are ASCII JSON.
    Some(binary)
}

/// Calls the host's `getToken` when the cached token is missing or expiring.
pub struct EmbedTokens {
    get_token: Function,
    cached: RefCell<Option<(String, f64)>>,
    in_flight: RefCell<Option<Promise>>,
}

impl EmbedTokens {
    pub fn new(get_token: Function) -> Rc<Self> {
        Rc::new(Self {
            get_token,
            cached: RefCell::new(None),
            in_flight: RefCell::new(None),
        })
    }

    /// A token valid for at least the refresh margin.
    pub async fn token(self: Rc<Self>) -> Result<String, ApiError> {
        let now = js_sys::Date::now();
        if let Some((token, expires)) = self.cached.borrow().clone()
            && expires - REFRESH_MARGIN_MS > now
        {
            return Ok(token);
        }
        let promise = self.in_flight.borrow().clone();
        let promise = match promise {
            Some(promise) => promise,
            None => {
                let answer = self.get_token.call0(&JsValue::NULL).map_err(js_error)?;
                let promise = Promise::resolve(&answer);
                *self.in_flight.borrow_mut() = Some(promise.clone());
                promise
            }
        };
        let answer = JsFuture::from(promise).await;
        self.in_flight.borrow_mut().take();
        let (token, expires) = read_answer(&answer.map_err(js_error)?)?;
        *self.cached.borrow_mut() = Some((token.clone(), expires));
        Ok(token)
    }
}

/// `"te1…"` or `{token, expiresAt}`; the expiry comes from the answer, else
/// from the token's claims.
fn read_answer(answer: &JsValue) -> Result<(String, f64), ApiError> {
    let (token, expires) = match answer.as_string() {
        Some(token) => (token, None),
        None => {
            let token = Reflect::get(answer, &"token".into())
                .ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| ApiError::Network("getToken() gave no token".into()))?;
            let expires = Reflect::get(answer, &"expiresAt".into())
                .ok()
                .and_then(|e| e.as_f64());
            (token, expires)
        }
    };
    let expires = expires
        .or_else(|| Claims::of(&token).map(|c| c.exp))
        .unwrap_or_else(|| js_sys::Date::now() + UNKNOWN_TTL_MS);
    Ok((token, expires))
}

fn js_error(err: JsValue) -> ApiError {
    let message = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "getToken() failed".into());
    ApiError::Network(message)
}
