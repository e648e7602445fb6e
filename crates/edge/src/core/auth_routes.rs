//! `/auth/*`: sign-in, sign-out, the session, and self-service profile and password.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use tenantry_api_types::{PasswordChangeRequest, SignInRequest};

use super::access::AccessInfo;
use super::edge::Edge;
use super::env::{Env, Outbound};
use super::http::{Method, Request, Response};
use super::policy::Caller;
use super::session::{self, Session};
use super::upstream::{Hop, json_of, relay};

/// The id an unknown login's password is checked under: one per login (any case), so
/// its failures count as a real account's would; of a shape the server never gives a
/// user (12 characters of `[0-9a-z]`).
fn unknown_subject(login: &str) -> String {
    let digest = Sha256::digest(login.to_lowercase().as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("unknown-{hex}")
}

/// Fields a signed-in user may change on themself, each with its longest length. Not
/// `primaryEmail`: a new address must be proven first (`/auth/session/email`), or anyone
/// could claim another's mailbox.
const PROFILE_FIELDS: &[(&str, usize)] = &[("name", 128), ("avatar", 2048), ("username", 128)];
/// Longest username or email accepted at sign-in (an email is at most 254).
const MAX_LOGIN_LEN: usize = 256;
/// Longest password accepted (Logto's own limit is 256 too).
const MAX_PASSWORD_LEN: usize = 256;

impl<O: Outbound, E: Env> Edge<O, E> {
    pub(super) async fn auth_route(&self, request: &Request, hop: &Hop) -> Response {
        let result = match (request.method, request.path.as_str()) {
            (Method::Post, "/auth/sign-in") => self.sign_in(request, hop).await,
            (Method::Post, "/auth/sign-out") => self.sign_out(request, hop).await,
            (Method::Get, "/auth/session") => self.session_info(request, hop).await,
            (Method::Patch, "/auth/session/profile") => self.edit_profile(request, hop).await,
            (Method::Post, "/auth/session/password") => self.change_password(request, hop).await,
            (Method::Post, "/auth/session/email") => self.send_email_code(request, hop).await,
            (Method::Post, "/auth/session/email/confirm") => self.confirm_email(request, hop).await,
            _ => Ok(Response::not_found()),
        };
        result.unwrap_or_else(|refusal| refusal)
    }

    async fn sign_in(&self, request: &Request, hop: &Hop) -> Result<Response, Response> {
        let SignInRequest { username, password } =
            parse(request, "`username` and `password` are required.")?;
        let (username, password) = (username.as_str(), password.as_str());
        bounded("username", username, MAX_LOGIN_LEN)?;
        bounded("password", password, MAX_PASSWORD_LEN)?;
        let limits = &self.config.limits;
        self.limit(
            &format!("sign-in-ip:{}", hop.client_ip),
            limits.sign_in_per_ip,
        )?;
        let user_key = format!("sign-in-user:{}", username.to_lowercase());
        self.limit(&user_key, limits.sign_in_per_username)?;
        // An unknown user is checked too, against an id no user has: the server then
        // does the same hashing and counting, so the answers and their time match a
        // real one's.
        let user_id = self
            .find_user(username, hop)
            .await?
            .unwrap_or_else(|| unknown_subject(username));
        self.verify_password(&user_id, password, hop).await?;
        let Some(access) = self.load_access(&user_id, hop).await? else {
            return Err(wrong_credentials());
        };
        if !access.is_admin() {
            return Err(Response::error(
                403,
                "session.not_an_admin",
                "This account administers nothing here, so it cannot sign in to the portal.",
            ));
        }
        let ep = self.session_epoch(&user_id, hop).await?;
        tracing::info!(user_id, "signed in");
        let now = self.env.now_ms();
        let session = Session {
            uid: user_id,
            ta: access.tenant_admin,
            orgs: access.org_ids(),
            iat: now,
            seen: now,
            chk: now,
            ep,
        };
        Ok(Response::json(200, &access.session_json())
            .with_header("set-cookie", self.session_cookie(&session)))
    }

    /// `POST /auth/sign-out`: ends this session and every other of the user (the server
    /// keeps one epoch per user), so a copied cookie stops working too.
    async fn sign_out(&self, request: &Request, hop: &Hop) -> Result<Response, Response> {
        let resolved = self.resolve_caller(request, hop).await?;
        if let Caller::Session(session) = resolved.caller {
            let path = format!("/api/users/{}/sessions/revoke", session.uid);
            let (env, config) = (&self.env, &self.config);
            // A session revoked already is as signed out as this one should be.
            let revoked = self
                .upstream
                .call(env, config, hop, Method::Post, &path, None)
                .await;
            if let Ok(answer) = revoked
                && answer.status != 204
            {
                tracing::warn!(status = answer.status, "sign-out could not revoke");
                return Err(relay(answer.status, &json_of(&answer.body)));
            }
        }
        Ok(Response::no_content().with_header("set-cookie", session::clear_cookie()))
    }

    /// The user's current session epoch, which a new cookie records.
    async fn session_epoch(&self, user_id: &str, hop: &Hop) -> Result<i64, Response> {
        let (env, config) = (&self.env, &self.config);
        let path = format!("/api/users/{user_id}/sessions");
        let (status, answer) = self
            .upstream
            .get_json(env, config, &hop.without_session(), &path)
            .await?;
        match (status, answer["epoch"].as_i64()) {
            (200, Some(epoch)) => Ok(epoch),
            _ => Err(relay(status, &answer)),
        }
    }

    /// The id of the user whose username is exactly `login`, or whose email is (any case).
    async fn find_user(&self, login: &str, hop: &Hop) -> Result<Option<String>, Response> {
        if login.is_empty() {
            // No user has it (and the server refuses an empty search value).
            return Ok(None);
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("search.username", login)
            .append_pair("mode.username", "exact")
            .append_pair("search.primaryEmail", login)
            .append_pair("mode.primaryEmail", "exact")
            .append_pair("page_size", "100")
            .finish();
        let (env, config) = (&self.env, &self.config);
        let (status, found) = self
            .upstream
            .get_json(env, config, hop, &format!("/api/users?{query}"))
            .await?;
        if status != 200 {
            return Ok(None);
        }
        let users = found.as_array().cloned().unwrap_or_default();
        let by_username = users.iter().find(|u| u["username"] == login);
        let by_email = || {
            users.iter().find(|u| {
                u["primaryEmail"]
                    .as_str()
                    .is_some_and(|e| e.eq_ignore_ascii_case(login))
            })
        };
        Ok(by_username
            .or_else(by_email)
            .and_then(|u| u["id"].as_str().map(str::to_owned)))
    }

    /// The server's password check (lockout and suspension apply), with clear refusals.
    async fn verify_password(
        &self,
        user_id: &str,
        password: &str,
        hop: &Hop,
    ) -> Result<(), Response> {
        let (env, config) = (&self.env, &self.config);
        let path = format!("/api/users/{user_id}/password/verify");
        let (status, answer) = self
            .upstream
            .send_json(
                env,
                config,
                hop,
                Method::Post,
                &path,
                &json!({ "password": password }),
            )
            .await?;
        let code = answer["code"].as_str().unwrap_or_default();
        match (status, code) {
            (204, _) => Ok(()),
            (423, _) => {
                let mut refusal = json!({
                    "code": "user.locked",
                    "message": "This account is locked after too many failed sign-ins. Try again later or ask an administrator to unlock it.",
                });
                if let Some(data) = answer.get("data") {
                    refusal["data"] = data.clone();
                }
                Err(Response::json(423, &refusal))
            }
            (429, _) => {
                let wait = answer["data"]["retryAfter"].as_i64().unwrap_or(60);
                Err(relay(status, &answer).with_header("retry-after", wait.to_string()))
            }
            (_, "user.suspended") => Err(Response::error(
                403,
                "user.suspended",
                "This account is suspended. Ask an administrator to reinstate it.",
            )),
            (422 | 404 | 400, _) => Err(wrong_credentials()),
            _ => Err(relay(status, &answer)),
        }
    }

    /// The signed-in session from the cookie; 401 without one.
    pub(super) async fn current_session(
        &self,
        request: &Request,
        hop: &Hop,
    ) -> Result<(Session, Option<String>), Response> {
        let resolved = self.resolve_caller(request, hop).await?;
        match resolved.caller {
            Caller::Session(session) => Ok((session, resolved.set_cookie)),
            _ => {
                let mut refusal = Response::unauthorized();
                if let Some(cookie) = resolved.set_cookie {
                    refusal = refusal.with_header("set-cookie", cookie);
                }
                Err(refusal)
            }
        }
    }

    /// `GET /auth/session`: the user and what they administer, read fresh.
    async fn session_info(&self, request: &Request, hop: &Hop) -> Result<Response, Response> {
        let (session, _) = self.current_session(request, hop).await?;
        let access = self.fresh_access(session, hop).await?;
        Ok(Response::json(200, &access.0.session_json()).with_header("set-cookie", access.1))
    }

    /// Roles read now, and the cookie that records them; 401 when no longer an admin.
    pub(super) async fn fresh_access(
        &self,
        mut session: Session,
        hop: &Hop,
    ) -> Result<(AccessInfo, String), Response> {
        match self.load_access(&session.uid, hop).await? {
            Some(access) if access.is_admin() && !access.is_suspended() => {
                let now = self.env.now_ms();
                session.ta = access.tenant_admin;
                session.orgs = access.org_ids();
                (session.chk, session.seen) = (now, now);
                let cookie = self.session_cookie(&session);
                Ok((access, cookie))
            }
            _ => Err(Response::unauthorized().with_header("set-cookie", session::clear_cookie())),
        }
    }

    /// `PATCH /auth/session/profile`: name, avatar, username and email of oneself.
    async fn edit_profile(&self, request: &Request, hop: &Hop) -> Result<Response, Response> {
        let (session, _) = self.current_session(request, hop).await?;
        let Some(Value::Object(fields)) = request.json_body()? else {
            return Err(invalid_input("The body must be a JSON object."));
        };
        for (key, value) in &fields {
            let Some((_, max)) = PROFILE_FIELDS.iter().find(|(name, _)| name == key) else {
                let hint = if key == "primaryEmail" {
                    " Prove the new address with a mailed code (`POST /auth/session/email`)."
                } else {
                    ""
                };
                return Err(invalid_input(&format!(
                    "`{}` cannot be changed here.{hint}",
                    super::edge::clip(key, 64)
                )));
            };
            if let Some(text) = value.as_str() {
                bounded(key, text, *max)?;
            }
        }
        let path = format!("/api/users/{}", session.uid);
        let (env, config) = (&self.env, &self.config);
        let (status, answer) = self
            .upstream
            .send_json(
                env,
                config,
                hop,
                Method::Patch,
                &path,
                &Value::Object(fields),
            )
            .await?;
        if status != 200 {
            return Err(relay(status, &answer));
        }
        let (access, cookie) = self.fresh_access(session, hop).await?;
        Ok(Response::json(200, &access.session_json()).with_header("set-cookie", cookie))
    }

    /// `POST /auth/session/password {currentPassword, password}`.
    async fn change_password(&self, request: &Request, hop: &Hop) -> Result<Response, Response> {
        let (session, _) = self.current_session(request, hop).await?;
        let PasswordChangeRequest {
            current_password,
            password,
        } = parse(request, "`currentPassword` and `password` are required.")?;
        let (current, password) = (current_password.as_str(), password.as_str());
        bounded("currentPassword", current, MAX_PASSWORD_LEN)?;
        bounded("password", password, MAX_PASSWORD_LEN)?;
        let limits = &self.config.limits;
        self.limit(
            &format!("sign-in-ip:{}", hop.client_ip),
            limits.sign_in_per_ip,
        )?;
        self.verify_password(&session.uid, current, hop).await?;
        let path = format!("/api/users/{}/password", session.uid);
        let mut new = Map::new();
        new.insert("password".into(), password.into());
        let (env, config) = (&self.env, &self.config);
        let (status, answer) = self
            .upstream
            .send_json(env, config, hop, Method::Patch, &path, &Value::Object(new))
            .await?;
        if status != 200 {
            return Err(relay(status, &answer));
        }
        // The change ended every session of the user, copies included; this one goes
        // on with the new epoch.
        let mut session = session;
        session.ep = self.session_epoch(&session.uid, hop).await?;
        Ok(Response::no_content().with_header("set-cookie", self.session_cookie(&session)))
    }
}

/// The JSON body as `T`; 400 with `message` when it is not one.
pub fn parse<T: serde::de::DeserializeOwned>(
    request: &Request,
    message: &str,
) -> Result<T, Response> {
    let body = request.json_body()?.unwrap_or(Value::Null);
    serde_json::from_value(body).map_err(|_| invalid_input(message))
}

/// 400 when `value` is longer than `max` characters.
fn bounded(field: &str, value: &str, max: usize) -> Result<(), Response> {
    if value.chars().count() > max {
        return Err(invalid_input(&format!(
            "`{field}` is too long (at most {max} characters)."
        )));
    }
    Ok(())
}

pub fn invalid_input(message: &str) -> Response {
    Response::error(400, "guard.invalid_input", message)
}

fn wrong_credentials() -> Response {
    Response::error(
        422,
        "session.invalid_credentials",
        "Wrong username or password.",
    )
}
