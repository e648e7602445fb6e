//! The organization takeover a penetration test found: someone puts the invitee's
//! address on their own account, and the invitee's acceptance then adds *that*
//! account to the organization. The invitation token proves only the mailbox, so an
//! existing account joins only with its own password.

use serde_json::{Value, json};

use crate::common::*;
use crate::invites::*;

const INVITEE: &str = "frank@corp.example";

async fn members(server: &TestServer, org: &str) -> Vec<String> {
    let (users, _) = list_with_total(server, &format!("/api/organizations/{org}/users")).await;
    users
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_claimed_address_does_not_let_the_invitation_add_the_claimant() {
    let Some((server, smtp, _mail)) = server_with_smtp(5).await else {
        return;
    };
    let org_b = create_org(&server, "Org B").await;
    let mut body = invitation(&server, &org_b, INVITEE);
    body["organizationRoleIds"] = json!([ADMIN_ROLE]);
    body["messagePayload"] = json!({ "locale": "en" });
    let invited = invite_ok(&server, body).await;
    let (id, token) = link_of(&mail(&server, &smtp, 1).await);
    assert_eq!(id, invited["id"].as_str().unwrap());

    // Alice (another organization's admin) gets the invitee's address on her account.
    let alice = server
        .create_user(json!({ "username": "alice", "password": "alice-password-1" }))
        .await;
    let alice_id = alice["id"].as_str().unwrap();
    let claimed = server
        .patch(
            &format!("/api/users/{alice_id}"),
            json!({ "primaryEmail": INVITEE }),
        )
        .await;
    assert_eq!(claimed.status(), 200);

    // Frank reads the mail and accepts: the token alone does not join Alice's account,
    // nor does a password that is not hers.
    for (body, status, code) in [
        (
            json!({ "token": token }),
            422,
            "invitation.sign_in_required",
        ),
        (
            json!({ "token": token, "password": "franks-new-password", "name": "Frank" }),
            422,
            "session.invalid_credentials",
        ),
    ] {
        expect_error(accept(&server, &id, body).await, status, code).await;
        assert!(members(&server, &org_b).await.is_empty(), "nobody joined B");
        assert_eq!(get_invitation(&server, &id).await["status"], "Pending");
    }
    let alice_orgs: Vec<Value> = server
        .get(&format!("/api/users/{alice_id}/organizations"))
        .await
        .json()
        .await
        .unwrap();
    assert!(alice_orgs.is_empty(), "{alice_orgs:?}");

    // The account's owner, who also reads the mailbox, joins with her password.
    let joined = accept(
        &server,
        &id,
        json!({ "token": token, "password": "alice-password-1" }),
    )
    .await;
    assert_eq!(joined.status(), 200);
    let joined: Value = joined.json().await.unwrap();
    assert_eq!(joined["userId"], alice_id);
    assert_eq!(joined["isNewUser"], false);
    assert_eq!(members(&server, &org_b).await, vec![alice_id.to_owned()]);
}

#[tokio::test]
async fn an_invitee_with_a_display_name_or_odd_syntax_is_refused_before_any_mail() {
    let Some((server, smtp, _mail)) = server_with_smtp(1).await else {
        return;
    };
    let org = create_org(&server, "Org C").await;
    for invitee in [
        "n<x@elsewhere.test>",
        "Frank<frank@corp.example>",
        "\"a\"@b.test",
        "a,b@c.test",
        "a@b.test;c@d.test",
    ] {
        let mut body = invitation(&server, &org, invitee);
        body["messagePayload"] = json!({ "locale": "en" });
        expect_error(invite(&server, body).await, 400, "guard.invalid_input").await;
    }
    assert!(
        list(&server, &format!("?organizationId={org}"))
            .await
            .is_empty()
    );
    server.state.mailer.deliver_due().await.unwrap();
    assert!(smtp.messages().is_empty(), "nothing was mailed");
    // The per-address quota (1 an hour) is still whole for the real address.
    let mut body = invitation(&server, &org, "x@elsewhere.test");
    body["messagePayload"] = json!({ "locale": "en" });
    assert_eq!(invite(&server, body).await.status(), 201);
}
