//! `/api/organizations` and their members through the edge, and the list's
//! query: the same struct is the page's URL and the API call.

use gloo_net::http::Method;
use serde::Deserialize;
use serde_json::{Map, Value};
use tenantry_api_types::{
    CreateOrganization, MemberRolesBody, MembersRolesBody, NamedRef, Organization, Patch,
    UpdateOrganization, User, UserIdsBody,
};

use super::query::{encode, entity_path};
use super::{ApiError, Client, Page};

const ORGANIZATIONS: &str = "/api/organizations";

pub const DEFAULT_PAGE_SIZE: u32 = 20;

/// Paging and a search text, read from and written to a page's URL query.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    /// Searches names (and ids).
    pub q: String,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            q: String::new(),
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl ListQuery {
    /// Reads `q`, `page` and `size`; anything invalid falls back to the default.
    pub fn from_url(get: impl Fn(&str) -> Option<String>) -> Self {
        let number = |key: &str| get(key).and_then(|v| v.parse::<u32>().ok());
        Self {
            q: get("q").unwrap_or_default(),
            page: number("page").filter(|p| *p >= 1).unwrap_or(1),
            page_size: number("size")
                .filter(|s| (1..=100).contains(s))
                .unwrap_or(DEFAULT_PAGE_SIZE),
        }
    }

    /// The URL query; defaults are left out.
    pub fn to_url(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q".into(), self.q.clone()));
        }
        if self.page != 1 {
            pairs.push(("page".into(), self.page.to_string()));
        }
        if self.page_size != DEFAULT_PAGE_SIZE {
            pairs.push(("size".into(), self.page_size.to_string()));
        }
        pairs
    }

    /// `page`, `page_size` and `q` for the API.
    pub fn to_api(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("page".to_string(), self.page.to_string()),
            ("page_size".to_string(), self.page_size.to_string()),
        ];
        if !self.q.is_empty() {
            pairs.push(("q".into(), self.q.clone()));
        }
        pairs
    }
}

/// A member as the edge shows it. Organization admins and embed tokens get
/// only a user's public fields, so everything but the id may be missing.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Member {
    pub id: String,
    pub username: Option<String>,
    pub name: Option<String>,
    pub primary_email: Option<String>,
    pub is_suspended: bool,
    pub organization_roles: Vec<NamedRef>,
}

impl Member {
    /// Name, else username, else email, else id.
    pub fn title(&self) -> String {
        super::person::person_title(&self.id, &self.name, &self.username, &self.primary_email)
    }
}

/// One page of organizations with their member counts.
pub async fn list(client: &Client, query: &ListQuery) -> Result<Page<Organization>, ApiError> {
    let mut pairs = query.to_api();
    pairs.push(("showFeatured".into(), "true".into()));
    client.list(ORGANIZATIONS, &pairs).await
}

pub async fn get(client: &Client, id: &str) -> Result<Organization, ApiError> {
    client.get(&entity_path(ORGANIZATIONS, id, "")).await
}

/// Creates an organization; a blank description is left out.
pub async fn create(
    client: &Client,
    name: &str,
    description: &str,
) -> Result<Organization, ApiError> {
    let body = CreateOrganization {
        name: name.trim().to_string(),
        description: Some(description.trim().to_string()).filter(|d| !d.is_empty()),
        ..Default::default()
    };
    client.write(Method::POST, ORGANIZATIONS, &body).await
}

/// Saves name and description; an emptied description becomes `null`.
pub async fn update(
    client: &Client,
    id: &str,
    name: &str,
    description: &str,
) -> Result<Organization, ApiError> {
    let description = description.trim();
    let body = UpdateOrganization {
        name: Patch::Value(name.trim().to_string()),
        description: if description.is_empty() {
            Patch::Null
        } else {
            Patch::Value(description.to_string())
        },
        ..Default::default()
    };
    client
        .write(Method::PATCH, &entity_path(ORGANIZATIONS, id, ""), &body)
        .await
}

pub async fn replace_custom_data(
    client: &Client,
    id: &str,
    data: Map<String, Value>,
) -> Result<Organization, ApiError> {
    let body = UpdateOrganization {
        custom_data: Patch::Value(data),
        ..Default::default()
    };
    client
        .write(Method::PATCH, &entity_path(ORGANIZATIONS, id, ""), &body)
        .await
}

pub async fn delete(client: &Client, id: &str) -> Result<(), ApiError> {
    client
        .write_empty::<()>(Method::DELETE, &entity_path(ORGANIZATIONS, id, ""), None)
        .await
}

/// One page of members; `role` filters by organization role id.
pub async fn members(
    client: &Client,
    id: &str,
    query: &ListQuery,
    role: &str,
) -> Result<Page<Member>, ApiError> {
    let mut pairs = query.to_api();
    if !role.is_empty() {
        pairs.push(("organizationRoleId".into(), role.to_string()));
    }
    client
        .list(&entity_path(ORGANIZATIONS, id, "/users"), &pairs)
        .await
}

/// Adds users as members, then gives them `role_ids` (if any).
pub async fn add_members(
    client: &Client,
    id: &str,
    user_ids: &[String],
    role_ids: &[String],
) -> Result<(), ApiError> {
    let body = UserIdsBody {
        user_ids: user_ids.to_vec(),
    };
    client
        .write_empty(
            Method::POST,
            &entity_path(ORGANIZATIONS, id, "/users"),
            Some(&body),
        )
        .await?;
    if role_ids.is_empty() {
        return Ok(());
    }
    let body = MembersRolesBody {
        user_ids: user_ids.to_vec(),
        organization_role_ids: role_ids.to_vec(),
    };
    client
        .write_empty(
            Method::POST,
            &entity_path(ORGANIZATIONS, id, "/users/roles"),
            Some(&body),
        )
        .await
}

/// Replaces a member's organization roles.
pub async fn set_member_roles(
    client: &Client,
    id: &str,
    user_id: &str,
    role_ids: &[String],
) -> Result<(), ApiError> {
    let path = entity_path(
        ORGANIZATIONS,
        id,
        &format!("/users/{}/roles", encode(user_id)),
    );
    let body = MemberRolesBody {
        organization_role_ids: Some(role_ids.to_vec()),
        organization_role_names: None,
    };
    client.write_empty(Method::PUT, &path, Some(&body)).await
}

pub async fn remove_member(client: &Client, id: &str, user_id: &str) -> Result<(), ApiError> {
    let path = entity_path(ORGANIZATIONS, id, &format!("/users/{}", encode(user_id)));
    client.write_empty::<()>(Method::DELETE, &path, None).await
}

/// Up to ten users who are not members yet, matching `text` anywhere.
pub async fn non_members(client: &Client, id: &str, text: &str) -> Result<Vec<User>, ApiError> {
    let mut pairs = vec![
        ("page_size".to_string(), "10".to_string()),
        ("excludeOrganizationId".to_string(), id.to_string()),
    ];
    if !text.trim().is_empty() {
        pairs.push(("search".into(), format!("%{}%", text.trim())));
        pairs.push(("mode".into(), "like".into()));
    }
    Ok(client.list("/api/users", &pairs).await?.items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(pairs: &[(&str, &str)]) -> ListQuery {
        ListQuery::from_url(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_url_round_trips_and_bad_values_fall_back() {
        let query = from(&[("q", "acme"), ("page", "3"), ("size", "50")]);
        assert_eq!(query.to_url().len(), 3);
        assert!(query.to_api().contains(&("page_size".into(), "50".into())));
        assert_eq!(
            from(&[("page", "0"), ("size", "1000")]),
            ListQuery::default()
        );
        assert!(ListQuery::default().to_url().is_empty());
    }

    #[test]
    fn a_stripped_member_is_read() {
        let member: Member = serde_json::from_str(
            r#"{"id":"u1","username":"ann","organizationRoles":[{"id":"r1","name":"admin"}]}"#,
        )
        .unwrap();
        assert_eq!(member.title(), "ann");
        assert_eq!(member.organization_roles[0].name, "admin");
    }
}
