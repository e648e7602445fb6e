//! The world of the policy matrix (organizations A and B, their admins, a member,
//! invitations) and one row per allowlisted route.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::Stack;

mod rows;

pub use rows::{assert_covers_the_allowlist, rows};

pub const PASSWORD: &str = "member-password-1";
/// Never an existing id.
pub const NONE: &str = "zzzzzzzzzzzz";
pub const PUBLIC_FIELDS: &[&str] = &[
    "id",
    "username",
    "name",
    "avatar",
    "primaryEmail",
    "organizationRoles",
];

#[derive(Debug)]
pub struct World {
    pub org_a: String,
    pub org_b: String,
    /// A member of A without admin rights.
    pub carol: String,
    pub invitation_a: String,
    pub invitation_b: String,
}

/// Who a route is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    TenantAdmin,
    /// An organization route acting on A, needing this permission.
    OrgA(&'static str),
    /// An organization route acting on B.
    OrgB(&'static str),
    OrgRoles,
    Public,
}

pub struct Row {
    pub method: Method,
    pub pattern: &'static str,
    pub path: String,
    pub body: Option<Value>,
    pub kind: Kind,
}

impl World {
    pub async fn build(stack: &Stack) -> World {
        let server = &stack.server;
        let org_a = create_org(stack, "Org A").await;
        let org_b = create_org(stack, "Org B").await;
        let alice = server.create_user("alice", PASSWORD).await;
        let bob = server.create_user("bob", PASSWORD).await;
        let carol = server.create_user("carol", PASSWORD).await;
        add_member(stack, &org_a, &alice, "admin").await;
        add_member(stack, &org_a, &carol, "member").await;
        add_member(stack, &org_b, &bob, "admin").await;
        World {
            invitation_a: invite(stack, &org_a).await,
            invitation_b: invite(stack, &org_b).await,
            org_a,
            org_b,
            carol,
        }
    }
}

async fn create_org(stack: &Stack, name: &str) -> String {
    let response = stack
        .server
        .send(
            Method::POST,
            "/api/organizations",
            Some(json!({ "name": name })),
        )
        .await;
    assert_eq!(response.status(), 201, "create {name}");
    let org: Value = response.json().await.unwrap();
    org["id"].as_str().unwrap().to_owned()
}

async fn add_member(stack: &Stack, org: &str, user: &str, role: &str) {
    let path = format!("/api/organizations/{org}/users");
    let added = stack
        .server
        .send(Method::POST, &path, Some(json!({ "userIds": [user] })))
        .await;
    assert_eq!(added.status(), 201, "add member");
    let path = format!("/api/organizations/{org}/users/{user}/roles");
    let body = json!({ "organizationRoleNames": [role] });
    let given = stack.server.send(Method::POST, &path, Some(body)).await;
    assert_eq!(given.status(), 201, "give {role}");
}

async fn invite(stack: &Stack, org: &str) -> String {
    let expires_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
        + 86_400_000;
    let body = json!({ "invitee": format!("new-{org}@example.com"), "organizationId": org, "expiresAt": expires_at });
    let response = stack
        .server
        .send(Method::POST, "/api/organization-invitations", Some(body))
        .await;
    assert_eq!(response.status(), 201, "invite to {org}");
    let invitation: Value = response.json().await.unwrap();
    invitation["id"].as_str().unwrap().to_owned()
}

/// A credential with one character changed in its middle.
pub fn tamper(credential: &str) -> String {
    let mut chars: Vec<char> = credential.chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

fn row(
    method: Method,
    pattern: &'static str,
    path: String,
    body: Option<Value>,
    kind: Kind,
) -> Row {
    Row {
        method,
        pattern,
        path,
        body,
        kind,
    }
}
