//! Members' organization roles and scopes, and a user's organizations.

use crate::common::*;
use crate::organization_members_support::*;
use reqwest::{Method, Response};
use serde_json::{Value, json};

struct Setup {
    server: TestServer,
    org: String,
    ann: String,
    bob: String,
    outsider: String,
}

/// An organization with members ann and bob, and a user who is not a member.
async fn setup() -> Setup {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(&server, json!({ "username": "ann" })).await;
    let bob = new_user(&server, json!({ "username": "bob" })).await;
    let outsider = new_user(&server, json!({ "username": "outsider" })).await;
    assert_eq!(
        add_members(&server, &org, &[&ann, &bob]).await.status(),
        201
    );
    Setup {
        server,
        org,
        ann,
        bob,
        outsider,
    }
}

impl Setup {
    fn roles_path(&self, user: &str) -> String {
        format!("/api/organizations/{}/users/{user}/roles", self.org)
    }

    async fn send(&self, method: Method, user: &str, body: Value) -> Response {
        self.server
            .send_json(method, &self.roles_path(user), body)
            .await
    }

    /// The names of the user's organization roles, from `GET …/roles`.
    async fn held(&self, user: &str) -> Vec<String> {
        let response = self.server.get(&self.roles_path(user)).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers().get("total-number").is_none(),
            "not paginated"
        );
        let roles: Vec<Value> = response.json().await.unwrap();
        roles
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_owned())
            .collect()
    }

    async fn assign(&self, users: &[&str], roles: &[&str]) -> Response {
        let path = format!("/api/organizations/{}/users/roles", self.org);
        let body = json!({ "userIds": users, "organizationRoleIds": roles });
        self.server.post(&path, body).await
    }
}

#[tokio::test]
async fn roles_are_assigned_by_id_or_name_listed_replaced_and_removed() {
    let s = setup().await;
    let added = s.assign(&[&s.ann, &s.bob], &[MEMBER_ROLE]).await;
    assert_eq!(added.status(), 201);
    assert_eq!(s.held(&s.ann).await, ["member"]);
    assert_eq!(s.held(&s.bob).await, ["member"]);
    assert_eq!(
        s.assign(&[&s.ann], &[MEMBER_ROLE]).await.status(),
        201,
        "again"
    );

    let by_name = json!({ "organizationRoleNames": ["admin"] });
    let added = s.send(Method::POST, &s.ann, by_name).await;
    assert_eq!(added.status(), 201);
    // The ids assigned, names resolved, as Logto answers.
    let answer: Value = added.json().await.unwrap();
    assert_eq!(answer, json!({ "organizationRoleIds": [ADMIN_ROLE] }));
    assert_eq!(s.held(&s.ann).await, ["admin", "member"], "sorted by name");
    let response = s.server.get(&s.roles_path(&s.ann)).await;
    let roles: Vec<Value> = response.json().await.unwrap();
    assert_eq!(
        roles[0],
        json!({ "id": ADMIN_ROLE, "name": "admin", "type": "User",
                "description": "Manages the organization's members." })
    );

    let paged = s
        .server
        .get(&format!("{}?page_size=1", s.roles_path(&s.ann)))
        .await;
    assert_eq!(paged.headers()["total-number"], "2");
    assert_eq!(paged.json::<Vec<Value>>().await.unwrap().len(), 1);
    let bad_page = s
        .server
        .get(&format!("{}?page=0", s.roles_path(&s.ann)))
        .await;
    expect_error(bad_page, 400, "guard.invalid_pagination").await;

    let replace = json!({ "organizationRoleIds": [ADMIN_ROLE] });
    assert_eq!(s.send(Method::PUT, &s.bob, replace).await.status(), 204);
    assert_eq!(s.held(&s.bob).await, ["admin"]);
    let both = json!({ "organizationRoleIds": [MEMBER_ROLE], "organizationRoleNames": ["admin"] });
    assert_eq!(s.send(Method::PUT, &s.bob, both).await.status(), 204);
    assert_eq!(s.held(&s.bob).await, ["admin", "member"]);
    assert_eq!(s.send(Method::PUT, &s.bob, json!({})).await.status(), 204);
    assert!(s.held(&s.bob).await.is_empty(), "PUT with nothing clears");

    let one = format!("{}/{MEMBER_ROLE}", s.roles_path(&s.ann));
    assert_eq!(s.server.delete(&one).await.status(), 204);
    assert_eq!(s.held(&s.ann).await, ["admin"]);
    expect_error(s.server.delete(&one).await, 404, "entity.not_found").await;

    // The member list and the user's organizations show the same roles.
    let (members, _) =
        list_with_total(&s.server, &format!("/api/organizations/{}/users", s.org)).await;
    let ann_row = members.iter().find(|m| m["id"] == s.ann.as_str()).unwrap();
    assert_eq!(
        ann_row["organizationRoles"],
        json!([{ "id": ADMIN_ROLE, "name": "admin" }])
    );
    let mine = s
        .server
        .get(&format!("/api/users/{}/organizations", s.ann))
        .await;
    assert_eq!(mine.status(), 200);
    assert!(mine.headers().get("total-number").is_none());
    let mine: Vec<Value> = mine.json().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["id"], s.org.as_str());
    assert_eq!(mine[0]["name"], "Acme");
    assert_eq!(
        mine[0]["organizationRoles"],
        json!([{ "id": ADMIN_ROLE, "name": "admin" }])
    );
}

#[tokio::test]
async fn unknown_roles_and_non_members_are_refused_without_changes() {
    let s = setup().await;
    for (users, roles) in [
        (vec![s.ann.as_str(), s.outsider.as_str()], vec![MEMBER_ROLE]),
        (vec![s.ann.as_str()], vec![MEMBER_ROLE, "nosuchrole00"]),
    ] {
        let response = s.assign(&users, &roles).await;
        expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
    }
    assert!(s.held(&s.ann).await.is_empty(), "all or nothing");

    let unknown_id = json!({ "organizationRoleIds": ["nosuchrole00"] });
    let response = s.send(Method::POST, &s.ann, unknown_id.clone()).await;
    expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
    let response = s.send(Method::PUT, &s.ann, unknown_id).await;
    expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
    let names = json!({ "organizationRoleNames": ["admin", "owner", "boss"] });
    let body = expect_error(
        s.send(Method::POST, &s.ann, names.clone()).await,
        422,
        "organization.role_names_not_found",
    )
    .await;
    assert!(body["message"].as_str().unwrap().contains("owner, boss"));
    let response = s.send(Method::PUT, &s.ann, names).await;
    expect_error(response, 422, "organization.role_names_not_found").await;
    assert!(s.held(&s.ann).await.is_empty());

    // Every role route asks for membership first.
    let outsider = &s.outsider;
    let code = "organization.require_membership";
    expect_error(s.server.get(&s.roles_path(outsider)).await, 422, code).await;
    let add = json!({ "organizationRoleIds": [MEMBER_ROLE] });
    expect_error(s.send(Method::POST, outsider, add.clone()).await, 422, code).await;
    expect_error(s.send(Method::PUT, outsider, add).await, 422, code).await;
    let one = format!("{}/{MEMBER_ROLE}", s.roles_path(outsider));
    expect_error(s.server.delete(&one).await, 422, code).await;
    let scopes = format!("/api/organizations/{}/users/{outsider}/scopes", s.org);
    expect_error(s.server.get(&scopes).await, 422, code).await;
    let ghost = format!("/api/organizations/{}/users/nosuchuser00/scopes", s.org);
    expect_error(s.server.get(&ghost).await, 422, code).await;

    // An unknown organization is 404 before anything else.
    for path in [
        "/api/organizations/nosuchorg000/users/x/roles".to_owned(),
        "/api/organizations/nosuchorg000/users/x/scopes".to_owned(),
        format!("/api/organizations/nosuchorg000/users/x/roles/{MEMBER_ROLE}"),
    ] {
        let get_or_delete = if path.ends_with(MEMBER_ROLE) {
            s.server.delete(&path).await
        } else {
            s.server.get(&path).await
        };
        expect_error(get_or_delete, 404, "entity.not_exists_with_id").await;
    }
    let body = json!({ "userIds": [s.ann], "organizationRoleIds": [MEMBER_ROLE] });
    let response = s
        .server
        .post("/api/organizations/nosuchorg000/users/roles", body)
        .await;
    expect_error(response, 404, "entity.not_exists_with_id").await;
}

#[tokio::test]
async fn malformed_role_bodies_are_refused() {
    let s = setup().await;
    let path = format!("/api/organizations/{}/users/roles", s.org);
    for body in [
        json!({}),
        json!({ "userIds": [s.ann] }),
        json!({ "organizationRoleIds": [MEMBER_ROLE] }),
        json!({ "userIds": [], "organizationRoleIds": [MEMBER_ROLE] }),
        json!({ "userIds": [s.ann], "organizationRoleIds": [] }),
        json!({ "userIds": [s.ann], "organizationRoleIds": "x" }),
    ] {
        let response = s.server.post(&path, body.clone()).await;
        expect_error(response, 400, "guard.invalid_input").await;
    }
    for body in [
        json!({ "organizationRoleIds": "admin" }),
        json!({ "organizationRoleNames": [1] }),
        json!({ "organizationRoleNames": [""] }),
        json!({ "organizationRoleIds": [""] }),
    ] {
        let post = s.send(Method::POST, &s.ann, body.clone()).await;
        expect_error(post, 400, "guard.invalid_input").await;
        let put = s.send(Method::PUT, &s.ann, body).await;
        expect_error(put, 400, "guard.invalid_input").await;
    }
}

#[tokio::test]
async fn scopes_come_from_the_members_roles() {
    let s = setup().await;
    let scopes_path = |user: &str| format!("/api/organizations/{}/users/{user}/scopes", s.org);
    let none: Vec<Value> = s
        .server
        .get(&scopes_path(&s.ann))
        .await
        .json()
        .await
        .unwrap();
    assert!(none.is_empty());
    assert_eq!(
        s.assign(&[&s.ann], &[ADMIN_ROLE, MEMBER_ROLE])
            .await
            .status(),
        201
    );
    let scopes: Vec<Value> = s
        .server
        .get(&scopes_path(&s.ann))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = scopes.iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["invite:members", "manage:members", "read:members"]);
    let mut keys: Vec<&String> = scopes[0].as_object().unwrap().keys().collect();
    keys.sort_unstable();
    assert_eq!(keys, ["description", "id", "name"]);
    let bob: Vec<Value> = s
        .server
        .get(&scopes_path(&s.bob))
        .await
        .json()
        .await
        .unwrap();
    assert!(bob.is_empty(), "scopes are per member");
}

#[tokio::test]
async fn a_users_organizations_follow_membership() {
    let s = setup().await;
    let other = create_org(&s.server, "Other").await;
    assert_eq!(
        add_members(&s.server, &other, &[&s.ann]).await.status(),
        201
    );
    let path = format!("/api/users/{}/organizations", s.ann);
    let mine: Vec<Value> = s.server.get(&path).await.json().await.unwrap();
    assert_eq!(ids(&mine), [other.clone(), s.org.clone()], "newest first");
    assert_eq!(mine[0]["organizationRoles"], json!([]));
    let outsider = s
        .server
        .get(&format!("/api/users/{}/organizations", s.outsider))
        .await;
    assert_eq!(outsider.json::<Value>().await.unwrap(), json!([]));

    let delete = s
        .server
        .delete(&format!("/api/organizations/{other}"))
        .await;
    assert_eq!(delete.status(), 204);
    let mine: Vec<Value> = s.server.get(&path).await.json().await.unwrap();
    assert_eq!(ids(&mine), std::slice::from_ref(&s.org));
    let gone = s.server.get("/api/users/nosuchuser00/organizations").await;
    expect_error(gone, 404, "entity.not_found").await;
}

#[tokio::test]
async fn role_changes_leave_audit_rows() {
    let s = setup().await;
    s.server.advance_ms(1000).await;
    assert_eq!(s.assign(&[&s.ann], &[MEMBER_ROLE]).await.status(), 201);
    s.server.advance_ms(1000).await;
    let by_name = json!({ "organizationRoleNames": ["admin"] });
    let added = s.send(Method::POST, &s.ann, by_name).await;
    assert_eq!(added.status(), 201);
    // The ids assigned, names resolved, as Logto answers.
    let answer: Value = added.json().await.unwrap();
    assert_eq!(answer, json!({ "organizationRoleIds": [ADMIN_ROLE] }));
    s.server.advance_ms(1000).await;
    let replace = json!({ "organizationRoleIds": [MEMBER_ROLE] });
    assert_eq!(s.send(Method::PUT, &s.ann, replace).await.status(), 204);
    s.server.advance_ms(1000).await;
    let one = format!("{}/{MEMBER_ROLE}", s.roles_path(&s.ann));
    assert_eq!(s.server.delete(&one).await.status(), 204);
    let logs: Vec<Value> = s
        .server
        .get("/api/logs?page_size=4")
        .await
        .json()
        .await
        .unwrap();
    let keys: Vec<&str> = logs.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "Management.Organization.RemoveUserRole",
            "Management.Organization.ReplaceUserRoles",
            "Management.Organization.AssignUserRoles",
            "Management.Organization.AssignUsersRoles",
        ]
    );
    assert_eq!(logs[0]["payload"]["userId"], s.ann.as_str());
}

#[tokio::test]
async fn machine_to_machine_organization_roles_are_not_for_members() {
    let s = setup().await;
    let body = json!({ "name": "robot", "type": "MachineToMachine" });
    let robot = s.server.post("/api/organization-roles", body).await;
    assert_eq!(robot.status(), 201);
    let robot: Value = robot.json().await.unwrap();
    let robot = robot["id"].as_str().unwrap();
    for body in [
        json!({ "organizationRoleIds": [robot] }),
        json!({ "organizationRoleNames": ["robot"] }),
    ] {
        let refused = s.send(Method::POST, &s.ann, body.clone()).await;
        expect_error(refused, 422, "entity.db_constraint_violated").await;
        let refused = s.send(Method::PUT, &s.ann, body).await;
        expect_error(refused, 422, "entity.db_constraint_violated").await;
    }
    let refused = s.assign(&[&s.ann], &[robot]).await;
    expect_error(refused, 422, "entity.db_constraint_violated").await;
    assert!(s.held(&s.ann).await.is_empty(), "nothing given");
}
