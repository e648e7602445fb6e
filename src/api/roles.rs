//! `/api/roles` through the edge: global roles, their scopes, users and
//! applications, and the roles of one user.

use gloo_net::http::Method;
use tenantry_api_types::{
    ApplicationIdsBody, CreateRole, Role, RoleIdsBody, RoleWithCounts, ScopeIdsBody,
    ScopeWithResource, UpdateRole, User, UserIdsBody,
};

use super::query::{encode, entity_path, page_from, size_from};
use super::{ApiError, Client, Page};

const ROLES: &str = "/api/roles";

/// Page sizes the roles table offers.
pub const PAGE_SIZES: [u32; 3] = [10, 20, 50];

/// Most items a detail tab shows (the API's page-size cap).
const ALL: &str = "100";

/// `(key, value)` query pairs from string slices.
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// One page of roles whose name or description contains `search`.
pub async fn list(
    client: &Client,
    search: &str,
    page: u32,
    page_size: u32,
) -> Result<Page<RoleWithCounts>, ApiError> {
    let mut query = pairs(&[
        ("page", &page.to_string()),
        ("page_size", &page_size.to_string()),
    ]);
    if !search.is_empty() {
        query.push(("search".into(), format!("%{search}%")));
    }
    client.list(ROLES, &query).await
}

pub async fn get(client: &Client, id: &str) -> Result<Role, ApiError> {
    client.get(&entity_path(ROLES, id, "")).await
}

pub async fn create(client: &Client, body: &CreateRole) -> Result<Role, ApiError> {
    client.write(Method::POST, ROLES, body).await
}

pub async fn update(client: &Client, id: &str, body: &UpdateRole) -> Result<Role, ApiError> {
    client
        .write(Method::PATCH, &entity_path(ROLES, id, ""), body)
        .await
}

pub async fn delete(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &entity_path(ROLES, id, ""), None)
        .await
}

pub async fn scopes(client: &Client, id: &str) -> Result<Vec<ScopeWithResource>, ApiError> {
    let query = pairs(&[("page_size", ALL)]);
    Ok(client
        .list(&entity_path(ROLES, id, "/scopes"), &query)
        .await?
        .items)
}

pub async fn users(client: &Client, id: &str) -> Result<Vec<User>, ApiError> {
    let query = pairs(&[("page_size", ALL)]);
    Ok(client
        .list(&entity_path(ROLES, id, "/users"), &query)
        .await?
        .items)
}

/// `{id, name}` of the applications holding the role.
pub async fn applications(
    client: &Client,
    id: &str,
) -> Result<Vec<tenantry_api_types::Application>, ApiError> {
    let query = pairs(&[("page_size", ALL)]);
    Ok(client
        .list(&entity_path(ROLES, id, "/applications"), &query)
        .await?
        .items)
}

/// What a role is linked to: `scopes`, `users` or `applications`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Scopes,
    Users,
    Applications,
}

impl Link {
    fn segment(self) -> &'static str {
        match self {
            Link::Scopes => "/scopes",
            Link::Users => "/users",
            Link::Applications => "/applications",
        }
    }
}

/// Links the role to one more scope, user or application.
pub async fn add(client: &Client, id: &str, link: Link, other: &str) -> Result<(), ApiError> {
    let path = entity_path(ROLES, id, link.segment());
    let ids = vec![other.to_string()];
    match link {
        Link::Scopes => {
            let body = ScopeIdsBody { scope_ids: ids };
            client.write_empty(Method::POST, &path, Some(&body)).await
        }
        Link::Users => {
            let body = UserIdsBody { user_ids: ids };
            client.write_empty(Method::POST, &path, Some(&body)).await
        }
        Link::Applications => {
            let body = ApplicationIdsBody {
                application_ids: ids,
            };
            client.write_empty(Method::POST, &path, Some(&body)).await
        }
    }
}

/// Unlinks a scope, user or application from the role.
pub async fn remove(client: &Client, id: &str, link: Link, other: &str) -> Result<(), ApiError> {
    let path = entity_path(ROLES, id, &format!("{}/{}", link.segment(), encode(other)));
    client.write_empty::<()>(Method::DELETE, &path, None).await
}

/// Who holds global roles: a user (User roles) or an application
/// (machine-to-machine roles).
#[derive(Debug, Clone, PartialEq)]
pub enum Holder {
    User(String),
    Application(String),
}

impl Holder {
    fn path(&self, rest: &str) -> String {
        match self {
            Holder::User(id) => entity_path("/api/users", id, &format!("/roles{rest}")),
            Holder::Application(id) => {
                entity_path("/api/applications", id, &format!("/roles{rest}"))
            }
        }
    }
}

/// The global roles `holder` has.
pub async fn held_by(client: &Client, holder: &Holder) -> Result<Vec<Role>, ApiError> {
    let query = pairs(&[("page_size", ALL)]);
    Ok(client.list(&holder.path(""), &query).await?.items)
}

/// The roles `holder` could get: of its type, not held yet.
pub async fn assignable_to(
    client: &Client,
    holder: &Holder,
) -> Result<Vec<RoleWithCounts>, ApiError> {
    let query = match holder {
        Holder::User(id) => pairs(&[("type", "User"), ("excludeUserId", id), ("page_size", ALL)]),
        Holder::Application(id) => pairs(&[
            ("type", "MachineToMachine"),
            ("excludeApplicationId", id),
            ("page_size", ALL),
        ]),
    };
    Ok(client.list(ROLES, &query).await?.items)
}

pub async fn assign(client: &Client, holder: &Holder, role_id: &str) -> Result<(), ApiError> {
    let body = RoleIdsBody {
        role_ids: vec![role_id.to_string()],
    };
    client
        .write_empty(Method::POST, &holder.path(""), Some(&body))
        .await
}

pub async fn unassign(client: &Client, holder: &Holder, role_id: &str) -> Result<(), ApiError> {
    let path = holder.path(&format!("/{}", encode(role_id)));
    client.write_empty::<()>(Method::DELETE, &path, None).await
}

/// A simple list's URL query: search text, page and page size.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub search: String,
    pub page: u32,
    pub page_size: u32,
}

impl ListQuery {
    /// Reads `q`, `page` and `size`; invalid values fall back to defaults.
    pub fn from_url(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            search: get("q").unwrap_or_default(),
            page: page_from(get("page")),
            page_size: size_from(get("size"), &PAGE_SIZES, PAGE_SIZES[1]),
        }
    }

    /// The URL query pairs; defaults left out.
    pub fn to_url(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if !self.search.is_empty() {
            pairs.push(("q".into(), self.search.clone()));
        }
        if self.page != 1 {
            pairs.push(("page".into(), self.page.to_string()));
        }
        if self.page_size != PAGE_SIZES[1] {
            pairs.push(("size".into(), self.page_size.to_string()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_query_round_trips() {
        let query = ListQuery {
            search: "ops".into(),
            page: 3,
            page_size: 50,
        };
        let pairs = query.to_url();
        let again =
            ListQuery::from_url(|k| pairs.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone()));
        assert_eq!(again, query);
        let fallback = ListQuery::from_url(|k| (k == "size").then(|| "7".to_string()));
        assert_eq!(fallback.page_size, 20);
    }
}
