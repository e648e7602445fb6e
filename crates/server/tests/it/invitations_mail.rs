//! Mailed invitations: the link reaches a real SMTP server, its token accepts once
//! through the public route, a resend replaces it, and one address gets only so many.

use crate::common::*;
use crate::invites::*;
use serde_json::{Value, json};

fn mailed(server: &TestServer, org: &str, email: &str) -> Value {
    let mut body = invitation(server, org, email);
    body["messagePayload"] = json!({ "locale": "en" });
    body
}

#[tokio::test]
async fn a_new_invitee_accepts_once_with_the_mailed_token() {
    let Some((server, smtp, _mail)) = server_with_smtp(5).await else {
        return;
    };
    let org = create_org(&server, "Rocket Labs").await;
    let inviter = server.create_user(json!({ "name": "Ina Inviter" })).await;
    let mut body = mailed(&server, &org, "Newbie@Example.com");
    body["inviterId"] = inviter["id"].clone();
    body["organizationRoleIds"] = json!([MEMBER_ROLE]);
    let created = invite_ok(&server, body).await;
    let id = created["id"].as_str().unwrap();

    let message = mail(&server, &smtp, 1).await;
    assert_eq!(message["rcpt_tos"], json!(["Newbie@Example.com"]));
    assert_eq!(
        message["subject"],
        "Ina Inviter invited you to Rocket Labs on Acme"
    );
    let (linked_id, token) = link_of(&message);
    assert_eq!(linked_id, id);
    assert_eq!(token.len(), 43);
    assert!(!message["raw"].as_str().unwrap().contains("token_hash"));

    let refusals = [
        (json!({ "token": token }), 400, "guard.invalid_input"),
        (
            json!({ "token": token, "password": "" }),
            400,
            "guard.invalid_input",
        ),
        (
            json!({ "token": "wrong", "password": "pw-123456" }),
            400,
            "invitation.invalid_token",
        ),
        (
            json!({ "token": "", "password": "pw-123456" }),
            400,
            "invitation.invalid_token",
        ),
        (
            json!({ "token": "x".repeat(200), "password": "pw" }),
            400,
            "invitation.invalid_token",
        ),
        (
            json!({ "password": "pw-123456" }),
            400,
            "guard.invalid_input",
        ),
        (json!({ "token": 5 }), 400, "guard.invalid_input"),
    ];
    for (body, status, code) in refusals {
        expect_error(accept(&server, id, body).await, status, code).await;
    }
    let other = accept(
        &server,
        "nosuchinvite",
        json!({ "token": token, "password": "pw" }),
    )
    .await;
    expect_error(other, 400, "invitation.invalid_token").await;
    assert_eq!(user_count(&server).await, "2", "no account was made");

    let body = json!({ "token": token, "password": "Str0ng-pass", "name": "Newbie" });
    let accepted = accept(&server, id, body.clone()).await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    assert_eq!(accepted["organizationId"], org.as_str());
    assert_eq!(accepted["isNewUser"], true);
    let user_id = accepted["userId"].as_str().unwrap();
    let user = fetch_user(&server, user_id).await;
    assert_eq!(user["primaryEmail"], "Newbie@Example.com");
    assert_eq!(user["name"], "Newbie");
    let verify = server
        .post(
            &format!("/api/users/{user_id}/password/verify"),
            json!({ "password": "Str0ng-pass" }),
        )
        .await;
    assert_eq!(verify.status(), 204, "the chosen password works");

    let invitation = get_invitation(&server, id).await;
    assert_eq!(invitation["status"], "Accepted");
    assert_eq!(invitation["acceptedUserId"], user_id);
    let members: Vec<Value> = server
        .get(&format!("/api/organizations/{org}/users"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(
        members[0]["organizationRoles"],
        json!([{ "id": MEMBER_ROLE, "name": "member" }])
    );

    expect_error(
        accept(&server, id, body).await,
        400,
        "invitation.invalid_token",
    )
    .await;
    let rows = audit(&server, "Invitation.Accept").await;
    let outcomes: Vec<String> = rows
        .iter()
        .map(|p| format!("{} {}", p["result"], p["error"]["code"]))
        .collect();
    assert_eq!(outcomes[0], "\"Error\" \"invitation.invalid_token\"");
    assert_eq!(outcomes[1], "\"Success\" null");
    assert_eq!(rows[1]["userId"], user_id);
    assert_eq!(rows[1]["organizationId"], org.as_str());
    assert!(
        rows.iter().all(|p| !p.to_string().contains(&token)),
        "no token in the log"
    );
}

#[tokio::test]
async fn a_resend_replaces_the_token_and_an_existing_user_joins_with_its_own_password() {
    let Some((server, smtp, _mail)) = server_with_smtp(5).await else {
        return;
    };
    let org = create_org(&server, "Acme").await;
    let user = server
        .create_user(json!({ "primaryEmail": "known@example.com", "password": "0ld-password" }))
        .await;
    let created = invite_ok(&server, mailed(&server, &org, "KNOWN@example.com")).await;
    let id = created["id"].as_str().unwrap();
    let (_, first) = link_of(&mail(&server, &smtp, 1).await);

    let path = format!("/api/organization-invitations/{id}/message");
    let resent = server.post(&path, json!({ "locale": "en" })).await;
    assert_eq!(resent.status(), 204);
    let (_, second) = link_of(&mail(&server, &smtp, 2).await);
    assert_ne!(first, second);
    let malformed = server
        .api(reqwest::Method::POST, &path)
        .header("content-type", "application/json")
        .body("[]")
        .send()
        .await
        .unwrap();
    expect_error(malformed, 400, "guard.invalid_input").await;

    expect_error(
        accept(&server, id, json!({ "token": first })).await,
        400,
        "invitation.invalid_token",
    )
    .await;
    // The token proves the mailbox, not the account: the account's password does.
    expect_error(
        accept(
            &server,
            id,
            json!({ "token": second, "password": "not-hers-1" }),
        )
        .await,
        422,
        "session.invalid_credentials",
    )
    .await;
    let accepted = accept(
        &server,
        id,
        json!({ "token": second, "password": "0ld-password" }),
    )
    .await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    assert_eq!(accepted["userId"], user["id"]);
    assert_eq!(accepted["isNewUser"], false);
    let verify = server
        .post(
            &format!(
                "/api/users/{}/password/verify",
                user["id"].as_str().unwrap()
            ),
            json!({ "password": "0ld-password" }),
        )
        .await;
    assert_eq!(verify.status(), 204, "an existing user's password stays");
}

#[tokio::test]
async fn expired_and_revoked_invitations_refuse_their_tokens() {
    let Some((server, smtp, _mail)) = server_with_smtp(5).await else {
        return;
    };
    let org = create_org(&server, "Acme").await;
    let mut body = mailed(&server, &org, "late@example.com");
    body["expiresAt"] = json!(later(&server, HOUR));
    let late = invite_ok(&server, body).await;
    let (late_id, late_token) = link_of(&mail(&server, &smtp, 1).await);
    assert_eq!(late["id"], late_id.as_str());
    let revoked = invite_ok(&server, mailed(&server, &org, "gone@example.com")).await;
    let (revoked_id, revoked_token) = link_of(&mail(&server, &smtp, 2).await);
    assert_eq!(revoked["id"], revoked_id.as_str());
    let response = set_status(&server, &revoked_id, json!({ "status": "Revoked" })).await;
    assert_eq!(response.status(), 200);

    server.advance_ms(HOUR).await;
    let body = json!({ "token": late_token, "password": "pw-123456" });
    expect_error(
        accept(&server, &late_id, body).await,
        422,
        "invitation.expired",
    )
    .await;
    let body = json!({ "token": revoked_token, "password": "pw-123456" });
    expect_error(
        accept(&server, &revoked_id, body).await,
        400,
        "invitation.invalid_token",
    )
    .await;
    assert_eq!(user_count(&server).await, "1", "no account was made");
}

#[tokio::test]
async fn too_many_mails_to_one_address_get_429_and_write_nothing() {
    let Some((server, smtp, _mail)) = server_with_smtp(2).await else {
        return;
    };
    let org = create_org(&server, "Acme").await;
    let other_org = create_org(&server, "Other").await;
    let created = invite_ok(&server, mailed(&server, &org, "busy@example.com")).await;
    let path = format!(
        "/api/organization-invitations/{}/message",
        created["id"].as_str().unwrap()
    );
    assert_eq!(server.post(&path, json!({})).await.status(), 204);
    let refused = server.post(&path, json!({})).await;
    assert!(
        refused.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            > 0
    );
    expect_error(refused, 429, "request.too_many_requests").await;
    let elsewhere = invite(&server, mailed(&server, &other_org, "BUSY@example.com")).await;
    expect_error(elsewhere, 429, "request.too_many_requests").await;
    assert_eq!(
        list(&server, "").await.len(),
        1,
        "the refused invitation was not made"
    );

    let unmailed = invite(&server, invitation(&server, &other_org, "busy@example.com")).await;
    assert_eq!(
        unmailed.status(),
        201,
        "an invitation without mail is not limited"
    );
    let someone_else = invite(&server, mailed(&server, &other_org, "calm@example.com")).await;
    assert_eq!(
        someone_else.status(),
        201,
        "other addresses have their own count"
    );
    mail(&server, &smtp, 3).await;
    let mut to: Vec<String> = smtp
        .messages()
        .iter()
        .map(|m| m["rcpt_tos"][0].to_string())
        .collect();
    to.sort();
    assert_eq!(
        to,
        [
            "\"busy@example.com\"",
            "\"busy@example.com\"",
            "\"calm@example.com\""
        ]
    );
}

#[tokio::test]
async fn two_racing_acceptances_make_one_member_and_one_account() {
    let Some((server, smtp, _mail)) = server_with_smtp(5).await else {
        return;
    };
    let org = create_org(&server, "Acme").await;
    invite_ok(&server, mailed(&server, &org, "racer@example.com")).await;
    let (id, token) = link_of(&mail(&server, &smtp, 1).await);
    let body = json!({ "token": token, "password": "Race-pass-1" });
    let (first, second) = tokio::join!(
        accept(&server, &id, body.clone()),
        accept(&server, &id, body)
    );
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 400], "the token works once");
    let loser = if first.status() == 400 { first } else { second };
    expect_error(loser, 400, "invitation.invalid_token").await;
    assert_eq!(
        user_count(&server).await,
        "2",
        "one account besides the admin"
    );
}
