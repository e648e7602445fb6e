//! `/api/users` through the edge, and the users table's query: the same
//! struct is the page's URL (so a search survives reload) and the API call.

use gloo_net::http::Method;
use serde_json::{Map, Value};
use tenantry_api_types::{
    CreateUser, PasswordBody, Patch, SuspendBody, UpdateUser, User, UserOrganization,
};

use super::query::entity_path;
use super::{ApiError, Client, Page};
use crate::components::search_box::{SearchMode, SearchQuery};

const USERS: &str = "/api/users";

/// Page sizes the users table offers; the API caps page_size at 100.
pub const PAGE_SIZES: [u32; 4] = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE: u32 = 20;

/// Fields the advanced search can target (`search.<field>`), with labels.
pub const SEARCH_FIELDS: [(&str, &str); 5] = [
    ("username", "Username"),
    ("primaryEmail", "Email"),
    ("primaryPhone", "Phone"),
    ("name", "Name"),
    ("id", "ID"),
];

/// Everything that selects the rows of the users table.
#[derive(Debug, Clone, PartialEq)]
pub struct UsersQuery {
    pub search: SearchQuery,
    /// Only suspended users.
    pub suspended: bool,
    /// Only locked users.
    pub locked: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for UsersQuery {
    fn default() -> Self {
        Self {
            search: SearchQuery::default(),
            suspended: false,
            locked: false,
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl UsersQuery {
    /// Reads the page URL's query; anything unknown or invalid falls back
    /// to the default, so a hand-edited URL never breaks the screen.
    pub fn from_url(get: impl Fn(&str) -> Option<String>) -> Self {
        let flag = |key: &str| get(key).is_some_and(|v| v == "1" || v == "true");
        let field = get("field").unwrap_or_default();
        let known_field = SEARCH_FIELDS.iter().any(|(f, _)| *f == field);
        let page_size = get("size")
            .and_then(|v| v.parse().ok())
            .filter(|size| PAGE_SIZES.contains(size))
            .unwrap_or(DEFAULT_PAGE_SIZE);
        Self {
            search: SearchQuery {
                text: get("q").unwrap_or_default(),
                field: if known_field { field } else { String::new() },
                mode: get("mode")
                    .and_then(|m| SearchMode::from_key(&m))
                    .unwrap_or_default(),
                case_sensitive: flag("case"),
            },
            suspended: flag("suspended"),
            locked: flag("locked"),
            page: get("page")
                .and_then(|v| v.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
            page_size,
        }
    }

    /// The page URL's query pairs; defaults are left out to keep URLs short.
    pub fn to_url(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut push = |k: &str, v: String| pairs.push((k.to_string(), v));
        let search = &self.search;
        if !search.text.is_empty() {
            push("q", search.text.clone());
        }
        if !search.field.is_empty() {
            push("field", search.field.clone());
        }
        if search.mode != SearchMode::default() {
            push("mode", search.mode.key().into());
        }
        if search.case_sensitive {
            push("case", "1".into());
        }
        if self.suspended {
            push("suspended", "1".into());
        }
        if self.locked {
            push("locked", "1".into());
        }
        if self.page != 1 {
            push("page", self.page.to_string());
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            push("size", self.page_size.to_string());
        }
        pairs
    }

    /// The query of `GET /api/users` (Logto's search parameters).
    pub fn to_api(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("page".to_string(), self.page.to_string()),
            ("page_size".to_string(), self.page_size.to_string()),
        ];
        let search = &self.search;
        if !search.text.is_empty() {
            let suffix = if search.field.is_empty() {
                String::new()
            } else {
                format!(".{}", search.field)
            };
            // Logto sends a `like` value raw: "contains" is ours to add.
            let value = match search.mode {
                SearchMode::Like => format!("%{}%", search.text),
                SearchMode::Exact | SearchMode::Regex => search.text.clone(),
            };
            pairs.push((format!("search{suffix}"), value));
            pairs.push((format!("mode{suffix}"), search.mode.api_value().into()));
            if search.case_sensitive {
                pairs.push(("isCaseSensitive".into(), "true".into()));
            }
        }
        if self.suspended {
            pairs.push(("isSuspended".into(), "true".into()));
        }
        if self.locked {
            pairs.push(("isLocked".into(), "true".into()));
        }
        pairs
    }
}

/// One page of users.
pub async fn list(client: &Client, query: &UsersQuery) -> Result<Page<User>, ApiError> {
    client.list(USERS, &query.to_api()).await
}

/// The editable profile fields of a user, as the form holds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileForm {
    pub username: String,
    pub primary_email: String,
    pub primary_phone: String,
    pub name: String,
}

impl ProfileForm {
    pub fn of(user: &User) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            username: text(&user.username),
            primary_email: text(&user.primary_email),
            primary_phone: text(&user.primary_phone),
            name: text(&user.name),
        }
    }

    /// The PATCH body changing only what differs from `user`; an emptied
    /// field becomes `null` (cleared).
    pub fn changes(&self, user: &User) -> UpdateUser {
        let patch = text_patch;
        UpdateUser {
            username: patch(&self.username, &user.username),
            primary_email: patch(&self.primary_email, &user.primary_email),
            primary_phone: patch(&self.primary_phone, &user.primary_phone),
            name: patch(&self.name, &user.name),
            ..Default::default()
        }
    }
}

/// One text field of a PATCH body: absent when unchanged, `null` when
/// emptied, else the trimmed new value.
pub fn text_patch(new: &str, old: &Option<String>) -> Patch<String> {
    let new = new.trim();
    match (new.is_empty(), old.as_deref().unwrap_or("")) {
        (_, old) if old == new => Patch::Absent,
        (true, _) => Patch::Null,
        (false, _) => Patch::Value(new.to_string()),
    }
}

pub async fn create(client: &Client, body: &CreateUser) -> Result<User, ApiError> {
    client.write(Method::POST, USERS, body).await
}

pub async fn get(client: &Client, id: &str) -> Result<User, ApiError> {
    client.get(&entity_path(USERS, id, "")).await
}

pub async fn update(client: &Client, id: &str, body: &UpdateUser) -> Result<User, ApiError> {
    client
        .write(Method::PATCH, &entity_path(USERS, id, ""), body)
        .await
}

/// Replaces the custom data (`PATCH /api/users/{id}` replaces it whole,
/// so removed keys go away).
pub async fn replace_custom_data(
    client: &Client,
    id: &str,
    data: Map<String, Value>,
) -> Result<User, ApiError> {
    let body = UpdateUser {
        custom_data: Some(data),
        ..Default::default()
    };
    update(client, id, &body).await
}

pub async fn set_suspended(client: &Client, id: &str, suspended: bool) -> Result<User, ApiError> {
    let body = SuspendBody {
        is_suspended: suspended,
    };
    client
        .write(
            Method::PATCH,
            &entity_path(USERS, id, "/is-suspended"),
            &body,
        )
        .await
}

pub async fn unlock(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::POST, &entity_path(USERS, id, "/unlock"), None)
        .await
}

/// Signs the user out everywhere: every portal session they hold ends at its next request.
pub async fn revoke_sessions(client: &Client, id: &str) -> Result<(), ApiError> {
    let path = entity_path(USERS, id, "/sessions/revoke");
    client.write_empty::<()>(Method::POST, &path, None).await
}

/// Mails the user a single-use password-reset link.
pub async fn send_reset_mail(client: &Client, id: &str) -> Result<(), ApiError> {
    let path = entity_path(USERS, id, "/recover-password");
    client.write_empty::<()>(Method::POST, &path, None).await
}

pub async fn set_password(client: &Client, id: &str, password: &str) -> Result<(), ApiError> {
    let body = PasswordBody {
        password: password.to_string(),
    };
    client
        .write_empty(
            Method::PATCH,
            &entity_path(USERS, id, "/password"),
            Some(&body),
        )
        .await
}

/// The user's organizations, each with the user's roles there.
pub async fn organizations(client: &Client, id: &str) -> Result<Vec<UserOrganization>, ApiError> {
    client.get(&entity_path(USERS, id, "/organizations")).await
}

pub async fn delete(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &entity_path(USERS, id, ""), None)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn from(pairs: &[(&str, &str)]) -> UsersQuery {
        UsersQuery::from_url(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_url_round_trips() {
        let query = from(&[
            ("q", "ann"),
            ("field", "primaryEmail"),
            ("mode", "regex"),
            ("case", "1"),
            ("locked", "1"),
            ("page", "3"),
            ("size", "50"),
        ]);
        let pairs = query.to_url();
        let again = UsersQuery::from_url(|key| {
            pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        });
        assert_eq!(again, query);
        assert_eq!(query.search.mode, SearchMode::Regex);
        assert_eq!(query.page, 3);
    }

    #[test]
    fn invalid_url_values_fall_back_to_defaults() {
        let query = from(&[
            ("field", "password"),
            ("size", "7"),
            ("page", "0"),
            ("mode", "x"),
        ]);
        assert_eq!(query, UsersQuery::default());
        assert!(UsersQuery::default().to_url().is_empty());
    }

    #[test]
    fn the_api_query_uses_logtos_search_parameters() {
        let query = from(&[
            ("q", "^a"),
            ("field", "username"),
            ("mode", "regex"),
            ("case", "1"),
        ]);
        let api = query.to_api();
        let has = |k: &str, v: &str| api.iter().any(|(a, b)| a == k && b == v);
        assert!(has("search.username", "^a"));
        assert!(has("mode.username", "posix"));
        assert!(has("isCaseSensitive", "true"));
        assert!(has("page_size", "20"));
        let all = from(&[("q", "ann"), ("suspended", "1")]).to_api();
        assert!(all.contains(&("search".into(), "%ann%".into())));
        assert!(all.contains(&("mode".into(), "like".into())));
        assert!(all.contains(&("isSuspended".into(), "true".into())));
    }

    #[test]
    fn the_profile_patch_carries_only_changes() {
        let user: User = serde_json::from_value(json!({
            "id": "u1", "username": "ann", "primaryEmail": "ann@example.com",
            "primaryPhone": null, "name": "Ann", "avatar": null, "customData": {},
            "identities": {}, "lastSignInAt": null, "createdAt": 0, "updatedAt": 0,
            "profile": {}, "applicationId": null, "cimdClientId": null,
            "isSuspended": false, "hasPassword": true, "isLocked": false, "lockedUntil": null
        }))
        .unwrap();
        let mut form = ProfileForm::of(&user);
        assert_eq!(form.changes(&user), UpdateUser::default());
        form.name = " Ann Lee ".into();
        form.primary_email = String::new();
        form.primary_phone = "123".into();
        let body = serde_json::to_value(form.changes(&user)).unwrap();
        assert_eq!(
            body,
            json!({"name": "Ann Lee", "primaryEmail": null, "primaryPhone": "123"})
        );
    }
}
