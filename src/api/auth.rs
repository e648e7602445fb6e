//! The edge's session routes: `/auth/session`, `/auth/sign-in`, `/auth/sign-out`.

use gloo_net::http::Method;
use serde::{Deserialize, Serialize};

use super::{ApiError, Client};

/// The signed-in person, as `GET /auth/session` describes them.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct SessionUser {
    pub id: String,
    pub username: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub avatar: Option<String>,
}

impl SessionUser {
    /// What the header shows: name, else username, else email, else id.
    pub fn display_name(&self) -> String {
        [&self.name, &self.username, &self.email]
            .into_iter()
            .flatten()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| self.id.clone())
    }
}

/// `GET /auth/session`'s answer. Organizations are kept as the edge sends
/// them until the screens that use them are built.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SessionInfo {
    pub user: SessionUser,
    pub is_tenant_admin: bool,
    pub organizations: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct SignIn<'a> {
    username: &'a str,
    password: &'a str,
}

/// The current session; `Ok(None)` when nobody is signed in (401).
pub async fn session(client: &Client) -> Result<Option<SessionInfo>, ApiError> {
    match client.get("/auth/session").await {
        Ok(info) => Ok(Some(info)),
        Err(err) if err.is_unauthorized() => Ok(None),
        Err(err) => Err(err),
    }
}

/// Signs in, then reads the new session back.
pub async fn sign_in(
    client: &Client,
    username: &str,
    password: &str,
) -> Result<SessionInfo, ApiError> {
    let body = SignIn { username, password };
    client
        .write_empty(Method::POST, "/auth/sign-in", Some(&body))
        .await?;
    session(client).await?.ok_or_else(|| ApiError::Decode {
        status: 401,
        message: "signed in, but the edge reports no session".into(),
    })
}

/// Ends the session.
pub async fn sign_out(client: &Client) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::POST, "/auth/sign-out", None)
        .await
}
