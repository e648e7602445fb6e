//! `PUT /api/organization-invitations/{id}/status` and expiry: accepting adds the
//! membership with the invited roles, revoking ends the invitation, final states stay.

use crate::common::*;
use crate::invites::*;
use serde_json::{Value, json};

async fn user_with_email(server: &TestServer, email: &str) -> String {
    let user = server.create_user(json!({ "primaryEmail": email })).await;
    user["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn accepting_makes_the_invitee_a_member_once() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let user = user_with_email(&server, "Joiner@Example.com").await;
    let other = user_with_email(&server, "someone@example.com").await;
    let mut body = invitation(&server, &org, "joiner@example.COM");
    body["organizationRoleIds"] = json!([ADMIN_ROLE]);
    let created = invite_ok(&server, body).await;
    let id = created["id"].as_str().unwrap();

    let refusals = [
        (
            json!({ "status": "Accepted" }),
            422,
            "request.invalid_input",
        ),
        (
            json!({ "status": "Accepted", "acceptedUserId": other }),
            422,
            "request.invalid_input",
        ),
        (
            json!({ "status": "Accepted", "acceptedUserId": "nosuchuser00" }),
            404,
            "entity.not_found",
        ),
        (json!({ "status": "Pending" }), 400, "guard.invalid_input"),
        (json!({ "status": "Expired" }), 400, "guard.invalid_input"),
        (json!({ "status": "Bogus" }), 400, "guard.invalid_input"),
        (json!({}), 400, "guard.invalid_input"),
        (
            json!({ "status": "Accepted", "acceptedUserId": 5 }),
            400,
            "guard.invalid_input",
        ),
    ];
    for (body, status, code) in refusals {
        expect_error(set_status(&server, id, body).await, status, code).await;
    }
    assert_eq!(
        get_invitation(&server, id).await,
        created,
        "nothing changed"
    );

    server.advance_ms(1000).await;
    let accepted = set_status(
        &server,
        id,
        json!({ "status": "Accepted", "acceptedUserId": user }),
    )
    .await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    assert_eq!(accepted["status"], "Accepted");
    assert_eq!(accepted["acceptedUserId"], user.as_str());
    assert_soon_after(
        &accepted["updatedAt"],
        created["updatedAt"].as_i64().unwrap() + 1000,
    );
    assert_eq!(accepted["organizationRoles"], created["organizationRoles"]);

    let members = server.get(&format!("/api/organizations/{org}/users")).await;
    assert_eq!(members.status(), 200);
    let members: Vec<Value> = members.json().await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0]["id"], user.as_str());
    assert_eq!(
        members[0]["organizationRoles"],
        json!([{ "id": ADMIN_ROLE, "name": "admin" }])
    );

    for body in [
        json!({ "status": "Accepted", "acceptedUserId": user }),
        json!({ "status": "Revoked" }),
    ] {
        let error = expect_error(
            set_status(&server, id, body).await,
            422,
            "request.invalid_input",
        )
        .await;
        assert!(
            error["details"]
                .as_str()
                .unwrap()
                .contains("cannot be changed")
        );
    }
    let again = invite(&server, invitation(&server, &org, "JOINER@example.com")).await;
    let error = expect_error(again, 422, "request.invalid_input").await;
    assert!(
        error["details"]
            .as_str()
            .unwrap()
            .contains("already a member")
    );
}

#[tokio::test]
async fn a_revoked_invitation_cannot_be_accepted() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let user = user_with_email(&server, "r@example.com").await;
    let created = invite_ok(&server, invitation(&server, &org, "r@example.com")).await;
    let id = created["id"].as_str().unwrap();
    let revoked = set_status(&server, id, json!({ "status": "Revoked" })).await;
    assert_eq!(revoked.status(), 200);
    let revoked: Value = revoked.json().await.unwrap();
    assert_eq!(revoked["status"], "Revoked");
    let accept = json!({ "status": "Accepted", "acceptedUserId": user });
    expect_error(
        set_status(&server, id, accept).await,
        422,
        "request.invalid_input",
    )
    .await;
    let message = server
        .post(
            &format!("/api/organization-invitations/{id}/message"),
            json!({}),
        )
        .await;
    expect_error(message, 422, "request.invalid_input").await;
    let fresh = invite(&server, invitation(&server, &org, "r@example.com")).await;
    assert_eq!(
        fresh.status(),
        201,
        "a revoked invitation does not block a new one"
    );
}

#[tokio::test]
async fn a_pending_invitation_past_its_expiry_reads_expired_and_is_final() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let user = user_with_email(&server, "late@example.com").await;
    let mut body = invitation(&server, &org, "late@example.com");
    body["expiresAt"] = json!(later(&server, HOUR));
    let created = invite_ok(&server, body).await;
    let id = created["id"].as_str().unwrap();

    // A minute short of the expiry (the clock also moves with the system's, slowly
    // under load).
    server.advance_ms(HOUR - 60_000).await;
    assert_eq!(get_invitation(&server, id).await["status"], "Pending");
    server.advance_ms(60_000).await;
    assert_eq!(get_invitation(&server, id).await["status"], "Expired");
    assert_eq!(list(&server, "").await[0]["status"], "Expired");

    let accept = json!({ "status": "Accepted", "acceptedUserId": user });
    expect_error(
        set_status(&server, id, accept).await,
        422,
        "request.invalid_input",
    )
    .await;
    expect_error(
        set_status(&server, id, json!({ "status": "Revoked" })).await,
        422,
        "request.invalid_input",
    )
    .await;
    let message = server
        .post(
            &format!("/api/organization-invitations/{id}/message"),
            json!({}),
        )
        .await;
    expect_error(message, 422, "request.invalid_input").await;

    let fresh = invite_ok(&server, invitation(&server, &org, "late@example.com")).await;
    assert_eq!(
        fresh["status"], "Pending",
        "an expired invitation does not block a new one"
    );
    assert_eq!(get_invitation(&server, id).await["status"], "Expired");
    let by_invitee = list(&server, "?invitee=late%40example.com").await;
    let statuses: Vec<&str> = by_invitee
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["Pending", "Expired"]);
}

#[tokio::test]
async fn deleting_the_organization_deletes_its_invitations() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Gone").await;
    let mut body = invitation(&server, &org, "g@example.com");
    body["organizationRoleIds"] = json!([ADMIN_ROLE, MEMBER_ROLE]);
    let created = invite_ok(&server, body).await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        server
            .delete(&format!("/api/organizations/{org}"))
            .await
            .status(),
        204
    );
    let path = format!("/api/organization-invitations/{id}");
    expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
}
