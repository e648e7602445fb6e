//! `/api/organization-invitations`: create, read, list with filters and pages, delete,
//! and every refusal, on the backend the harness picked.

use crate::common::*;
use crate::invites::*;
use reqwest::Method;
use serde_json::{Value, json};

fn ids(list: &[Value]) -> Vec<&str> {
    list.iter().map(|i| i["id"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn an_invitation_is_created_read_listed_and_deleted() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let other_org = create_org(&server, "Other").await;
    let inviter = server
        .create_user(json!({ "username": "inviter", "name": "Ina" }))
        .await;
    let inviter = inviter["id"].as_str().unwrap();
    let expires_at = later(&server, 24 * HOUR);
    let body = json!({
        "invitee": "New.Person@Example.com",
        "organizationId": org,
        "expiresAt": expires_at,
        "inviterId": inviter,
        "organizationRoleIds": [MEMBER_ROLE, ADMIN_ROLE, MEMBER_ROLE],
    });
    let created = invite_ok(&server, body).await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(id.len(), 12);
    assert_eq!(created["status"], "Pending");
    assert_eq!(created["invitee"], "New.Person@Example.com");
    assert_eq!(created["organizationId"], org.as_str());
    assert_eq!(created["inviterId"], inviter);
    assert_eq!(created["acceptedUserId"], Value::Null);
    assert_eq!(created["expiresAt"], expires_at);
    assert_eq!(created["createdAt"], created["updatedAt"]);
    assert_eq!(
        created["organizationRoles"],
        json!([{ "id": ADMIN_ROLE, "name": "admin" }, { "id": MEMBER_ROLE, "name": "member" }]),
        "each role once, by name"
    );
    assert_eq!(get_invitation(&server, id).await, created);

    server.advance_ms(10).await;
    let second = invite_ok(&server, invitation(&server, &other_org, "b@example.com")).await;
    let second = second["id"].as_str().unwrap();
    let all = server.get("/api/organization-invitations").await;
    assert!(
        all.headers().get("total-number").is_none(),
        "without page parameters the whole list, as Logto"
    );
    let all: Vec<Value> = all.json().await.unwrap();
    assert_eq!(ids(&all), [second, id], "newest first");
    let by_org = list(&server, &format!("?organizationId={org}")).await;
    assert_eq!(ids(&by_org), [id]);
    let by_inviter = list(&server, &format!("?inviterId={inviter}")).await;
    assert_eq!(ids(&by_inviter), [id]);
    let by_invitee = list(&server, "?invitee=new.person%40example.COM").await;
    assert_eq!(ids(&by_invitee), [id], "the invitee matches in any case");
    let none = list(
        &server,
        &format!("?organizationId={org}&invitee=b%40example.com"),
    )
    .await;
    assert!(none.is_empty(), "filters combine with AND");

    let path = format!("/api/organization-invitations/{id}");
    assert_eq!(server.delete(&path).await.status(), 204);
    expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
    expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
    assert_eq!(ids(&list(&server, "").await), [second]);
}

#[tokio::test]
async fn page_parameters_paginate_the_list_with_headers() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    for n in 0..3 {
        let email = format!("p{n}@example.com");
        invite_ok(&server, invitation(&server, &org, &email)).await;
        server.advance_ms(10).await;
    }
    let query = format!("?organizationId={org}&page=1&page_size=2");
    let response = server
        .get(&format!("/api/organization-invitations{query}"))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["total-number"], "3");
    let links: Vec<&str> = response
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let base = format!("http://tenantry.test/api/organization-invitations?organizationId={org}");
    assert_eq!(
        links,
        [
            format!("<{base}&page=1&page_size=2>; rel=\"first\""),
            format!("<{base}&page=2&page_size=2>; rel=\"last\""),
            format!("<{base}&page=2&page_size=2>; rel=\"next\""),
        ]
    );
    let page: Vec<Value> = response.json().await.unwrap();
    let emails: Vec<&str> = page
        .iter()
        .map(|i| i["invitee"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["p2@example.com", "p1@example.com"]);
    let second = list(
        &server,
        &format!("?organizationId={org}&page=2&page_size=2"),
    )
    .await;
    assert_eq!(second.len(), 1);
    for bad in ["?page=0", "?page_size=101", "?page=x"] {
        let response = server
            .get(&format!("/api/organization-invitations{bad}"))
            .await;
        expect_error(response, 400, "guard.invalid_pagination").await;
    }
}

#[tokio::test]
async fn bad_bodies_and_unknown_references_are_refused_and_change_nothing() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let valid = invitation(&server, &org, "x@example.com");
    let with = |key: &str, value: Value| {
        let mut body = valid.clone();
        body[key] = value;
        body
    };
    let without = |key: &str| {
        let mut body = valid.clone();
        body.as_object_mut().unwrap().remove(key);
        body
    };
    let cases = [
        (
            with("invitee", json!("not-an-email")),
            400,
            "guard.invalid_input",
        ),
        (with("invitee", json!(7)), 400, "guard.invalid_input"),
        (without("invitee"), 400, "guard.invalid_input"),
        (without("organizationId"), 400, "guard.invalid_input"),
        (without("expiresAt"), 400, "guard.invalid_input"),
        (
            with("expiresAt", json!("tomorrow")),
            400,
            "guard.invalid_input",
        ),
        (
            with("expiresAt", json!(later(&server, -1))),
            400,
            "request.invalid_input",
        ),
        (with("messagePayload", json!(3)), 400, "guard.invalid_input"),
        (
            with("messagePayload", json!(true)),
            400,
            "guard.invalid_input",
        ),
        (
            with("organizationRoleIds", json!("admin")),
            400,
            "guard.invalid_input",
        ),
        (
            with("invitee", json!(format!("{}@example.com", "a".repeat(130)))),
            422,
            "entity.value_too_long",
        ),
        (
            with("organizationId", json!("nosuchorg000")),
            422,
            "entity.relation_foreign_key_not_found",
        ),
        (
            with("organizationId", json!("../../x")),
            422,
            "entity.relation_foreign_key_not_found",
        ),
        (
            with("inviterId", json!("nosuchuser00")),
            422,
            "entity.relation_foreign_key_not_found",
        ),
        (
            with("organizationRoleIds", json!([MEMBER_ROLE, "nosuchrole00"])),
            422,
            "entity.relation_foreign_key_not_found",
        ),
    ];
    for (body, status, code) in cases {
        let body_text = body.to_string();
        let error = expect_error(invite(&server, body).await, status, code).await;
        assert!(error["message"].is_string(), "{body_text}");
    }
    let raw = |text: &'static str| {
        server
            .api(Method::POST, "/api/organization-invitations")
            .header("content-type", "application/json")
            .body(text)
    };
    for text in ["{", "[]", "null", "\"x\""] {
        let response = raw(text).send().await.unwrap();
        expect_error(response, 400, "guard.invalid_input").await;
    }
    assert!(list(&server, "").await.is_empty(), "nothing was written");

    invite_ok(&server, valid.clone()).await;
    let again = with("invitee", json!("X@Example.com"));
    let error = expect_error(
        invite(&server, again).await,
        422,
        "entity.unique_integrity_violation",
    )
    .await;
    assert!(error["message"].as_str().unwrap().contains("pending"));
    assert_eq!(list(&server, "").await.len(), 1);
}

#[tokio::test]
async fn unknown_or_malformed_ids_are_not_found() {
    let server = TestServer::start().await;
    for id in ["nosuchinvite", "a%20b", &"x".repeat(80)] {
        let path = format!("/api/organization-invitations/{id}");
        expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
        expect_error(server.delete(&path).await, 404, "entity.not_exists_with_id").await;
        let response = set_status(&server, id, json!({ "status": "Revoked" })).await;
        expect_error(response, 404, "entity.not_exists_with_id").await;
        let message = server.post(&format!("{path}/message"), json!({})).await;
        expect_error(message, 404, "entity.not_exists_with_id").await;
    }
    let no_token = server
        .client
        .get(server.url("/api/organization-invitations"))
        .send()
        .await
        .unwrap();
    expect_error(no_token, 401, "auth.authorization_header_missing").await;
}

#[tokio::test]
async fn every_change_is_in_the_audit_log() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let user = server
        .create_user(json!({ "primaryEmail": "joiner@example.com" }))
        .await;
    let user_id = user["id"].as_str().unwrap();
    let first = invite_ok(&server, invitation(&server, &org, "joiner@example.com")).await;
    let first = first["id"].as_str().unwrap();
    expect_error(
        invite(
            &server,
            invitation(&server, "nosuchorg000", "a@example.com"),
        )
        .await,
        422,
        "entity.relation_foreign_key_not_found",
    )
    .await;
    let accepted = set_status(
        &server,
        first,
        json!({ "status": "Accepted", "acceptedUserId": user_id }),
    )
    .await;
    assert_eq!(accepted.status(), 200);
    let second = invite_ok(&server, invitation(&server, &org, "other@example.com")).await;
    let second = second["id"].as_str().unwrap();
    let path = format!("/api/organization-invitations/{second}");
    server.post(&format!("{path}/message"), json!({})).await;
    assert_eq!(server.delete(&path).await.status(), 204);

    let results = |rows: Vec<Value>| -> Vec<String> {
        rows.iter()
            .map(|p| format!("{} {}", p["result"], p["error"]["code"]))
            .collect()
    };
    let created = audit(&server, "Management.OrganizationInvitation.Create").await;
    assert_eq!(
        results(created),
        [
            "\"Success\" null",
            "\"Error\" \"entity.relation_foreign_key_not_found\"",
            "\"Success\" null"
        ]
    );
    let status = audit(&server, "Management.OrganizationInvitation.UpdateStatus").await;
    assert_eq!(status.len(), 1);
    assert_eq!(
        status[0]["userId"], user_id,
        "the row names the user who joined"
    );
    let sent = audit(&server, "Management.OrganizationInvitation.SendMessage").await;
    assert_eq!(sent.len(), 1);
    let deleted = audit(&server, "Management.OrganizationInvitation.Delete").await;
    assert_eq!(results(deleted), ["\"Success\" null"]);
}

#[tokio::test]
async fn the_public_accept_route_has_the_strict_per_ip_limit() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    let mut config = config(dir.path(), &url);
    config.rate_limit.public = 2;
    let server = TestServer::start_with(dir, config).await;
    let body = json!({ "token": "guess", "password": "pw-123456" });
    for _ in 0..2 {
        let guess = accept(&server, "nosuchinvite", body.clone()).await;
        expect_error(guess, 400, "invitation.invalid_token").await;
    }
    let refused = accept(&server, "nosuchinvite", body).await;
    assert!(refused.headers().contains_key("retry-after"));
    expect_error(refused, 429, "request.too_many_requests").await;
    let rows = audit(&server, "Invitation.Accept").await;
    assert_eq!(rows.len(), 2, "every answered attempt is logged");
    assert_eq!(rows[0]["invitationId"], "nosuchinvite");
}
