//! What organization-scoped callers (organization admins, embed tokens) are held to
//! beyond the route policy: they add only users they invited or found by their exact
//! email address (never an arbitrary id), search members only in the fields they are
//! shown, and never see inviter ids. Every new invitation names its inviter as the
//! edge knows it, whatever the body says.

use serde_json::{Value, json};

use super::allowlist::{Matched, Scoped};
use super::edge::Edge;
use super::env::{Env, Outbound};
use super::http::{Request, Response};
use super::ids::is_valid_id;
use super::policy::Caller;
use super::upstream::Hop;

/// The member fields `q` may search for them: the ones `privacy` leaves them.
const SEARCH_FIELDS: &str = "id,username,name,primaryEmail";
/// Addresses resolved per request (each is one lookup on the server).
const MAX_EMAILS: usize = 20;
/// User ids vetted per request (each is up to three lookups on the server).
const MAX_USER_IDS: usize = 100;

/// The query to forward for an organization-scoped caller: no inviter filter (inviter
/// ids are not theirs), and the member search narrowed to the fields they see.
pub fn scoped_query(matched: &Matched, filtered: &str) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(filtered.as_bytes()) {
        if key != "inviterId" {
            out.append_pair(&key, &value);
        }
    }
    if matched.route.scoped == Scoped::MemberSearch {
        out.append_pair("qFields", SEARCH_FIELDS);
    }
    out.finish()
}

/// The body of `POST /api/organization-invitations` with `inviterId` set by the edge:
/// the signed-in user, the embed token's user, or none.
pub fn with_inviter(caller: &Caller, request: &Request) -> Vec<u8> {
    let inviter = match caller {
        Caller::Session(session) => Some(session.uid.clone()),
        Caller::Embed(claims) => claims.sub.clone(),
        _ => None,
    };
    match request.json_body() {
        Ok(Some(Value::Object(mut fields))) => {
            fields.remove("inviterId");
            if let Some(inviter) = inviter {
                fields.insert("inviterId".into(), inviter.into());
            }
            serde_json::to_vec(&fields).unwrap_or_else(|_| request.body.clone())
        }
        _ => request.body.clone(),
    }
}

/// Organization-scoped callers may revoke an invitation but not accept it for someone:
/// acceptance belongs to the invitee, through the mailed link.
pub fn refuse_acceptance(request: &Request) -> Result<(), Response> {
    match request.json_body() {
        Ok(Some(body)) if body["status"] == "Accepted" => Err(Response::error(
            403,
            "auth.forbidden",
            "Only the invitee accepts an invitation, through the mailed link; here it can only be revoked.",
        )),
        _ => Ok(()),
    }
}

impl<O: Outbound, E: Env> Edge<O, E> {
    /// The `{userIds}` body to forward when an organization-scoped caller adds members
    /// to `org`: each `emails` entry resolved to its user by exact match, each
    /// `userIds` entry already a member or a user the organization invited.
    pub(super) async fn vet_new_members(
        &self,
        org: &str,
        request: &Request,
        hop: &Hop,
    ) -> Result<Vec<u8>, Response> {
        let body = request.json_body()?.unwrap_or(Value::Null);
        let emails = strings(&body, "emails")?;
        let user_ids = strings(&body, "userIds")?;
        if emails.len() > MAX_EMAILS || user_ids.len() > MAX_USER_IDS {
            return Err(invalid(format!(
                "At most {MAX_EMAILS} emails and {MAX_USER_IDS} userIds at a time."
            )));
        }
        let mut ids = Vec::with_capacity(emails.len() + user_ids.len());
        for email in &emails {
            ids.push(self.user_with_email(email, hop).await?);
        }
        for id in user_ids {
            if !is_valid_id(&id) || !self.may_add(org, &id, hop).await? {
                return Err(not_findable());
            }
            ids.push(id);
        }
        Ok(serde_json::to_vec(&json!({ "userIds": ids })).unwrap_or_default())
    }

    /// The id of the one user whose primary email is exactly `email` (any case).
    async fn user_with_email(&self, email: &str, hop: &Hop) -> Result<String, Response> {
        if !is_bare_address(email) {
            return Err(invalid("`emails` holds bare email addresses.".into()));
        }
        let path = format!(
            "/api/users?search.primaryEmail={}&mode.primaryEmail=exact&isCaseSensitive=false&page_size=2",
            encode(email)
        );
        let (env, config) = (&self.env, &self.config);
        let (status, found) = self.upstream.get_json(env, config, hop, &path).await?;
        match found.as_array().map(Vec::as_slice) {
            Some([user]) if status == 200 => user["id"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(no_such_email),
            _ => Err(no_such_email()),
        }
    }

    /// Whether `user_id` is a member of `org` already, or has the primary email of
    /// someone `org` invited.
    async fn may_add(&self, org: &str, user_id: &str, hop: &Hop) -> Result<bool, Response> {
        let (env, config, up) = (&self.env, &self.config, &self.upstream);
        let roles = format!("/api/organizations/{org}/users/{user_id}/roles");
        if up.get_json(env, config, hop, &roles).await?.0 == 200 {
            return Ok(true);
        }
        let (status, user) = up
            .get_json(env, config, hop, &format!("/api/users/{user_id}"))
            .await?;
        let Some(email) = user["primaryEmail"].as_str().filter(|_| status == 200) else {
            return Ok(false);
        };
        let invited = format!(
            "/api/organization-invitations?organizationId={org}&invitee={}",
            encode(email)
        );
        let (status, invitations) = up.get_json(env, config, hop, &invited).await?;
        Ok(status == 200 && invitations.as_array().is_some_and(|l| !l.is_empty()))
    }
}

/// The strings of `body[field]`; absent is none.
fn strings(body: &Value, field: &str) -> Result<Vec<String>, Response> {
    match &body[field] {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| invalid(format!("`{field}` is a list of strings."))),
        _ => Err(invalid(format!("`{field}` is a list of strings."))),
    }
}

/// `local@domain`, nothing around it (no display name, no spaces), of a sane length.
fn is_bare_address(email: &str) -> bool {
    let mut parts = email.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && email
            .chars()
            .all(|c| c.is_ascii_graphic() && !"<>()[],;:\\\"".contains(c))
}

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

fn invalid(message: String) -> Response {
    Response::error(400, "guard.invalid_input", &message)
}

fn no_such_email() -> Response {
    Response::error(
        422,
        "user.not_found",
        "No user has this email address; invite it instead.",
    )
}

/// The same answer for an unknown id and a user nobody invited, so ids stay unprobed.
fn not_findable() -> Response {
    Response::error(
        403,
        "organization.user_not_invited",
        "Add users by their exact email address, or invite them.",
    )
}

/// Drops `inviterId` from an invitation or a list of them.
pub fn strip_inviters(body: Value) -> Value {
    let strip = |item: Value| match item {
        Value::Object(mut fields) => {
            fields.remove("inviterId");
            Value::Object(fields)
        }
        other => other,
    };
    match body {
        Value::Array(items) => Value::Array(items.into_iter().map(strip).collect()),
        other => strip(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bare_addresses_are_looked_up() {
        assert!(is_bare_address("ann@example.com"));
        assert!(!is_bare_address("Ann <ann@example.com>"));
        assert!(!is_bare_address("ann@example.com,bob@example.com"));
        assert!(!is_bare_address("ann"));
        assert!(!is_bare_address("a@b@example.com"));
    }

    #[test]
    fn inviter_ids_are_dropped() {
        let list = json!([{"id": "i1", "inviterId": "u1", "invitee": "a@b.c"}]);
        assert_eq!(
            strip_inviters(list),
            json!([{"id": "i1", "invitee": "a@b.c"}])
        );
    }
}
