//! The OAuth 2.0 client credentials grant, with Logto's (node-oidc-provider's) rules.

use tenantry_api_types::TokenResponse;

use super::application_secrets::{self, SecretMatch};
use super::applications::MACHINE_TO_MACHINE;
use crate::auth::{AccessClaims, sign};
use crate::ids::new_id_of;
use crate::state::AppState;

/// How fresh a secret's `lastUsedAt` is kept.
const LAST_USED_PRECISION_MS: i64 = 60_000;

/// The parameters of a token request, wherever they came from.
#[derive(Default)]
pub struct TokenRequest {
    pub grant_type: Option<String>,
    pub resource: Option<String>,
    pub scope: Option<String>,
    pub body_client_id: Option<String>,
    pub body_client_secret: Option<String>,
    /// Client id and secret from an `Authorization: Basic` header.
    pub basic: Option<(String, String)>,
}

impl TokenRequest {
    /// The client this request names, from Basic or the body.
    pub fn client_id(&self) -> Option<&str> {
        self.basic
            .as_ref()
            .map(|(id, _)| id.as_str())
            .or(self.body_client_id.as_deref())
    }
}

/// An OAuth error: `error` (which sets the status) and `error_description`.
#[derive(Debug, PartialEq)]
pub struct OAuthFailure {
    pub error: &'static str,
    pub description: String,
}

fn fail(error: &'static str, description: &str) -> OAuthFailure {
    OAuthFailure {
        error,
        description: description.into(),
    }
}

fn invalid_request(description: &str) -> OAuthFailure {
    fail("invalid_request", description)
}

fn invalid_client() -> OAuthFailure {
    fail("invalid_client", "client authentication failed")
}

/// Which client authenticates, and with what secret: Basic or the body, never both.
fn client_credentials(request: &TokenRequest) -> Result<(String, String), OAuthFailure> {
    match (
        &request.basic,
        &request.body_client_id,
        &request.body_client_secret,
    ) {
        (Some(_), _, Some(_)) => Err(invalid_request(
            "client authentication must only be provided using one mechanism",
        )),
        (Some((id, _)), Some(body_id), None) if body_id != id => {
            Err(invalid_request("client_id mismatch"))
        }
        (Some((id, secret)), _, None) => Ok((id.clone(), secret.clone())),
        (None, Some(id), Some(secret)) => Ok((id.clone(), secret.clone())),
        (None, Some(_), None) => Err(invalid_client()),
        (None, None, _) => Err(invalid_request(
            "no client authentication mechanism provided",
        )),
    }
}

/// A token, and the name of the secret it was had with (for the audit log).
pub struct Exchanged {
    pub token: TokenResponse,
    pub secret_name: String,
}

pub async fn exchange(state: &AppState, request: TokenRequest) -> Result<Exchanged, OAuthFailure> {
    let internal = |_| fail("server_error", "internal error");
    let (client_id, client_secret) = client_credentials(&request)?;
    let now = state.clock.now_ms();
    let secrets = state
        .store
        .application_secrets(&client_id)
        .await
        .map_err(internal)?;
    // Secret expiry follows the domain's clock (tests move it); token times the system's.
    let domain_now = state.clock.now_ms();
    let secret = match application_secrets::matching(&secrets, &client_secret, domain_now) {
        SecretMatch::Valid(secret) => secret,
        SecretMatch::Expired => return Err(invalid_request("client secret has expired")),
        SecretMatch::None => return Err(invalid_client()),
    };
    // At most one write a minute per secret keeps the hot path to its two reads.
    if secret
        .last_used_at
        .is_none_or(|at| domain_now - at >= LAST_USED_PRECISION_MS)
    {
        state
            .store
            .touch_application_secret(&client_id, &secret.name, domain_now)
            .await
            .map_err(internal)?;
    }
    match request.grant_type.as_deref() {
        None => return Err(invalid_request("missing required parameter 'grant_type'")),
        Some("client_credentials") => {}
        Some(_) => {
            return Err(fail(
                "unsupported_grant_type",
                "unsupported grant_type requested",
            ));
        }
    }
    // Only machine-to-machine applications use this grant; the other types keep a
    // secret for sign-in flows Tenantry does not run (oidc-provider's answer).
    let application = state
        .store
        .application(&client_id)
        .await
        .map_err(internal)?;
    if application.is_none_or(|app| app.application_type != MACHINE_TO_MACHINE) {
        return Err(fail(
            "unauthorized_client",
            "requested grant type is not allowed for this client",
        ));
    }
    // Without `resource`, the default API resource (Logto's fallback), if there is one.
    let indicator = match request.resource.as_deref().filter(|r| !r.is_empty()) {
        Some(indicator) => indicator.to_owned(),
        None => state
            .store
            .default_resource()
            .await
            .map_err(internal)?
            .map(|resource| resource.indicator)
            .ok_or_else(|| {
                fail(
                    "invalid_target",
                    "both `resource` and `organization_id` are not provided",
                )
            })?,
    };
    let (resource, granted) = state
        .store
        .resource_grant(&client_id, &indicator)
        .await
        .map_err(internal)?
        .ok_or_else(|| {
            fail(
                "invalid_target",
                "resource indicator is missing, or unknown",
            )
        })?;
    let requested = request.scope.unwrap_or_default();
    let scope: Vec<&str> = requested
        .split(' ')
        .filter(|s| !s.is_empty() && granted.iter().any(|g| g == s))
        .collect();
    let scope = scope.join(" ");

    let secret_name = secret.name.clone();
    let iat = now / 1000;
    let claims = AccessClaims {
        jti: new_id_of(21),
        sub: client_id.clone(),
        iat,
        exp: iat + resource.access_token_ttl,
        scope: scope.clone(),
        client_id,
        iss: state.settings.issuer(),
        aud: resource.indicator,
        client_secret_created_at: Some(secret.created_at),
    };
    let keys = state.keys.clone();
    // ES384 signing is CPU-bound: the blocking pool spreads it over every core.
    let access_token = tokio::task::spawn_blocking(move || sign(&keys, &claims))
        .await
        .map_err(|_| fail("server_error", "internal error"))?;
    Ok(Exchanged {
        token: TokenResponse {
            access_token,
            expires_in: resource.access_token_ttl.max(0) as u64,
            token_type: "Bearer".into(),
            scope: (!scope.is_empty()).then_some(scope),
        },
        secret_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_and_body_secret_together_are_refused() {
        let request = TokenRequest {
            basic: Some(("a".into(), "s".into())),
            body_client_secret: Some("s".into()),
            ..TokenRequest::default()
        };
        assert_eq!(
            client_credentials(&request).unwrap_err().error,
            "invalid_request"
        );
        let mismatch = TokenRequest {
            basic: Some(("a".into(), "s".into())),
            body_client_id: Some("b".into()),
            ..TokenRequest::default()
        };
        assert_eq!(
            client_credentials(&mismatch).unwrap_err().error,
            "invalid_request"
        );
        let body = TokenRequest {
            body_client_id: Some("a".into()),
            body_client_secret: Some("s".into()),
            ..TokenRequest::default()
        };
        assert_eq!(client_credentials(&body).unwrap(), ("a".into(), "s".into()));
    }
}
