//! `/oidc`: the token endpoint, JWKS and discovery.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use tenantry_api_types::{OAuthError, TokenResponse};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::user_agent;
use crate::domain::audit::{self, Entry};
use crate::domain::client_credentials::{self, OAuthFailure, TokenRequest};
use crate::rate_limit::{ClientIp, Retry, client_key};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(token))
        .routes(routes!(jwks))
        .routes(routes!(discovery))
}

/// Exchange client credentials for an access token.
#[utoipa::path(post, path = "/oidc/token", tag = "OIDC",
    request_body(content = String, content_type = "application/x-www-form-urlencoded",
        description = "grant_type=client_credentials, resource, scope; client_id and client_secret here or in Basic auth, not both"),
    responses((status = 200, body = TokenResponse), (status = 400, body = OAuthError), (status = 401, body = OAuthError)))]
async fn token(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let ip = ip.map(|Extension(ip)| ip);
    let parsed = parse_token_request(&headers, &body);
    let client_id = parsed
        .as_ref()
        .ok()
        .and_then(|r| r.client_id())
        .map(str::to_owned);
    let result = match parsed {
        Ok(request) => exchange_unless_throttled(&state, request, ip.as_ref()).await,
        Err(failure) => Err(Refusal::OAuth(failure)),
    };
    let mut extra = serde_json::Map::new();
    if let Ok(exchanged) = &result {
        // Which secret was used (its name, never its value), as Logto logs it.
        extra.insert(
            "applicationSecret".into(),
            serde_json::json!({ "name": exchanged.secret_name }),
        );
    }
    let entry = Entry {
        key: "ExchangeTokenBy.ClientCredentials".into(),
        ok: result.is_ok(),
        error_code: result.as_ref().err().map(Refusal::code),
        application_id: client_id,
        ip: ip.map(|ip| ip.0),
        user_agent: user_agent(&headers),
        extra,
        ..Entry::default()
    };
    audit::record(&state, entry).await;
    match result {
        Ok(exchanged) => no_store(Json(exchanged.token).into_response()),
        Err(Refusal::OAuth(failure)) => oauth_error(failure),
        Err(Refusal::Throttled(retry)) => retry.into_response(),
    }
}

/// Why a token request got no token.
enum Refusal {
    OAuth(OAuthFailure),
    Throttled(Retry),
}

impl Refusal {
    fn code(&self) -> String {
        match self {
            Refusal::OAuth(failure) => format!("oidc.{}", failure.error),
            Refusal::Throttled(_) => "request.too_many_requests".into(),
        }
    }
}

/// Callers that keep failing are refused before their credentials are checked;
/// failed credentials count against the (client id, IP) pair and the IP.
async fn exchange_unless_throttled(
    state: &AppState,
    request: TokenRequest,
    ip: Option<&ClientIp>,
) -> Result<client_credentials::Exchanged, Refusal> {
    // Per (client id, address): wrong secrets from one address never refuse the right
    // secret from another (the edge's, say); per address too, against spraying ids.
    let address = ip.map_or("unknown", |ip| ip.0.as_str());
    let keys: Vec<String> = request
        .client_id()
        .map(|id| format!("{}@{address}", client_key(id)))
        .into_iter()
        .chain(ip.map(ClientIp::key))
        .collect();
    for key in &keys {
        state
            .rate_limiter
            .check_token_failures(key)
            .await
            .map_err(Refusal::Throttled)?;
    }
    let result = client_credentials::exchange(state, request).await;
    if matches!(&result, Err(failure) if failure.error == "invalid_client") {
        for key in &keys {
            state.rate_limiter.record_token_failure(key).await;
        }
    }
    result.map_err(Refusal::OAuth)
}

fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn oauth_error(failure: OAuthFailure) -> Response {
    let body = OAuthError {
        code: Some(format!("oidc.{}", failure.error)),
        message: Some(failure.description.clone()),
        error: failure.error.into(),
        error_description: failure.description,
    };
    // RFC 6749 section 5.2: 401 for a failed client authentication.
    let status = match failure.error {
        "invalid_client" => StatusCode::UNAUTHORIZED,
        "server_error" => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    no_store((status, Json(body)).into_response())
}

fn bad_request(description: &str) -> OAuthFailure {
    OAuthFailure {
        error: "invalid_request",
        description: description.into(),
    }
}

/// Reads the parameters from a form or JSON body and the Basic header.
fn parse_token_request(headers: &HeaderMap, body: &[u8]) -> Result<TokenRequest, OAuthFailure> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let params: Vec<(String, String)> = if content_type.starts_with("application/json") {
        let value: Value =
            serde_json::from_slice(body).map_err(|_| bad_request("invalid JSON body"))?;
        value
            .as_object()
            .ok_or_else(|| bad_request("the body must be an object"))?
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
            .collect()
    } else {
        form_urlencoded::parse(body).into_owned().collect()
    };
    let get = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    Ok(TokenRequest {
        grant_type: get("grant_type"),
        resource: get("resource"),
        scope: get("scope"),
        body_client_id: get("client_id"),
        body_client_secret: get("client_secret"),
        basic: basic_credentials(headers)?,
    })
}

/// `Authorization: Basic base64(id:secret)`, each part form-url-encoded (RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthFailure> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let invalid = || bad_request("invalid authorization header value format");
    let encoded = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Basic "))
        .ok_or_else(invalid)?;
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| invalid())?;
    let decoded = String::from_utf8(decoded).map_err(|_| invalid())?;
    let (id, secret) = decoded.split_once(':').ok_or_else(invalid)?;
    let unescape = |s: &str| {
        form_urlencoded::parse(format!("v={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Ok(Some((unescape(id), unescape(secret))))
}

/// The public signing keys.
#[utoipa::path(get, path = "/oidc/jwks", tag = "OIDC", responses((status = 200, body = Object)))]
async fn jwks(State(state): State<AppState>) -> Response {
    let mut response = Json(state.keys.jwks()).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, max-age=0, must-revalidate"),
    );
    response
}

/// OpenID Provider metadata.
#[utoipa::path(get, path = "/oidc/.well-known/openid-configuration", tag = "OIDC", responses((status = 200, body = Object)))]
async fn discovery(State(state): State<AppState>) -> Json<Value> {
    let issuer = state.settings.issuer();
    Json(json!({
        "issuer": issuer,
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "grant_types_supported": ["client_credentials"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "id_token_signing_alg_values_supported": ["ES384"],
        "response_types_supported": [],
        "subject_types_supported": ["public"],
    }))
}
