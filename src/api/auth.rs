//! The edge's session routes (`/auth/session`, `/auth/sign-in`, `/auth/sign-out`,
//! one's own profile and password) and the public password-recovery routes.

use gloo_net::http::Method;
use tenantry_api_types::{
    EmailVerificationConfirm, EmailVerificationRequest, PasswordChangeRequest,
    PasswordResetRequest, RecoverPasswordRequest, SessionInfo, SignInRequest, UpdateUser,
};

use super::{ApiError, Client};

/// What the header shows for the signed-in user: name, else username, else
/// email, else id.
pub fn display_name(info: &SessionInfo) -> String {
    super::person::person_title(&info.id, &info.name, &info.username, &info.primary_email)
}

/// The current session; `Ok(None)` when nobody is signed in (401).
pub async fn session(client: &Client) -> Result<Option<SessionInfo>, ApiError> {
    match client.get("/auth/session").await {
        Ok(info) => Ok(Some(info)),
        Err(err) if err.is_unauthorized() => Ok(None),
        Err(err) => Err(err),
    }
}

/// Signs in; the edge answers with the new session.
pub async fn sign_in(
    client: &Client,
    username: &str,
    password: &str,
) -> Result<SessionInfo, ApiError> {
    let body = SignInRequest {
        username: username.to_string(),
        password: password.to_string(),
    };
    client.write(Method::POST, "/auth/sign-in", &body).await
}

/// Ends the session.
pub async fn sign_out(client: &Client) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::POST, "/auth/sign-out", None)
        .await
}

/// Changes the signed-in user's own profile; the edge answers with the
/// session as it now is.
pub async fn edit_profile(client: &Client, body: &UpdateUser) -> Result<SessionInfo, ApiError> {
    client
        .write(Method::PATCH, "/auth/session/profile", body)
        .await
}

/// Mails a code to the address the signed-in user wants as their email.
pub async fn send_email_code(client: &Client, email: String) -> Result<(), ApiError> {
    let body = EmailVerificationRequest { email };
    client
        .write_empty(Method::POST, "/auth/session/email", Some(&body))
        .await
}

/// The mailed code: the address becomes the user's email; answers the session.
pub async fn confirm_email(client: &Client, code: String) -> Result<SessionInfo, ApiError> {
    let body = EmailVerificationConfirm { code };
    client
        .write(Method::POST, "/auth/session/email/confirm", &body)
        .await
}

/// Changes the signed-in user's own password, checking the current one.
pub async fn change_password(
    client: &Client,
    current_password: String,
    password: String,
) -> Result<(), ApiError> {
    let body = PasswordChangeRequest {
        current_password,
        password,
    };
    client
        .write_empty(Method::POST, "/auth/session/password", Some(&body))
        .await
}

/// Asks for a reset link by mail. The answer is the same whether or not
/// the address is known.
pub async fn recover_password(client: &Client, email: String) -> Result<(), ApiError> {
    let body = RecoverPasswordRequest {
        email,
        username: None,
    };
    client
        .write_empty(Method::POST, "/api/recover-password", Some(&body))
        .await
}

/// Sets a new password with the token from the mailed link.
pub async fn reset_password(
    client: &Client,
    token: String,
    password: String,
) -> Result<(), ApiError> {
    let body = PasswordResetRequest { token, password };
    client
        .write_empty(Method::POST, "/api/password-reset", Some(&body))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edges_session_body_is_read() {
        let info: SessionInfo = serde_json::from_str(
            r#"{"id":"u1","username":"ada","name":null,"primaryEmail":"ada@example.com",
                "avatar":null,"isTenantAdmin":false,
                "organizations":[{"id":"o1","name":"Acme"}]}"#,
        )
        .unwrap();
        assert_eq!(display_name(&info), "ada");
        assert!(!info.is_tenant_admin);
        assert_eq!(info.organizations[0].name.as_deref(), Some("Acme"));
        assert_eq!(
            display_name(&SessionInfo {
                id: "u2".into(),
                ..Default::default()
            }),
            "u2"
        );
    }
}
