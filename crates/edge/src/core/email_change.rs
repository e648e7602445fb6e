//! `/auth/session/email` and `/confirm`: a signed-in user's new email, proven by a code
//! the server mails to it, so nobody can claim an address they do not read.

use tenantry_api_types::{EmailVerificationConfirm, EmailVerificationRequest};

use super::auth_routes::{invalid_input, parse};
use super::edge::Edge;
use super::env::{Env, Outbound};
use super::http::{Method, Request, Response};
use super::session::Session;
use super::upstream::{Hop, relay};

impl<O: Outbound, E: Env> Edge<O, E> {
    /// `POST /auth/session/email {email}`: the server mails a code to the new address.
    pub(super) async fn send_email_code(
        &self,
        request: &Request,
        hop: &Hop,
    ) -> Result<Response, Response> {
        let (session, cookie) = self.current_session(request, hop).await?;
        let body: EmailVerificationRequest = parse(request, "`email` is required.")?;
        self.limit_email_change(&session)?;
        let path = format!("/api/users/{}/email-verification", session.uid);
        let body = serde_json::to_value(body).map_err(|_| invalid_input("`email` is required."))?;
        let (env, config) = (&self.env, &self.config);
        let (status, answer) = self
            .upstream
            .send_json(env, config, hop, Method::Post, &path, &body)
            .await?;
        if status != 204 {
            return Err(relay(status, &answer));
        }
        let mut done = Response::no_content();
        if let Some(cookie) = cookie {
            done = done.with_header("set-cookie", cookie);
        }
        Ok(done)
    }

    /// `POST /auth/session/email/confirm {code}`: the mailed code changes the email.
    pub(super) async fn confirm_email(
        &self,
        request: &Request,
        hop: &Hop,
    ) -> Result<Response, Response> {
        let (session, _) = self.current_session(request, hop).await?;
        let body: EmailVerificationConfirm = parse(request, "`code` is required.")?;
        self.limit_email_change(&session)?;
        let path = format!("/api/users/{}/email-verification/confirm", session.uid);
        let body = serde_json::to_value(body).map_err(|_| invalid_input("`code` is required."))?;
        let (env, config) = (&self.env, &self.config);
        let (status, answer) = self
            .upstream
            .send_json(env, config, hop, Method::Post, &path, &body)
            .await?;
        if status != 200 {
            return Err(relay(status, &answer));
        }
        let (access, cookie) = self.fresh_access(session, hop).await?;
        Ok(Response::json(200, &access.session_json()).with_header("set-cookie", cookie))
    }

    /// Email changes per user, as strict as sign-in attempts per username.
    fn limit_email_change(&self, session: &Session) -> Result<(), Response> {
        let key = format!("email-change-user:{}", session.uid);
        self.limit(&key, self.config.limits.sign_in_per_username)
    }
}
