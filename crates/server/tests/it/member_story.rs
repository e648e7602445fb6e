//! The member-management story, end to end through the API: an organization gets
//! three members, two of them admins; one leaves; a new person is invited by mail,
//! accepts through the public route with the token from the mail a real SMTP server
//! received, and appears as a member with the invited roles.

use crate::common::*;
use crate::invites::*;
use serde_json::{Value, json};

/// The members' ids and role names, sorted by id.
async fn members(server: &TestServer, org: &str, query: &str) -> Vec<(String, Vec<String>)> {
    let response = server
        .get(&format!("/api/organizations/{org}/users{query}"))
        .await;
    assert_eq!(response.status(), 200, "members {query}");
    let list: Vec<Value> = response.json().await.unwrap();
    let mut members: Vec<(String, Vec<String>)> = list
        .iter()
        .map(|m| {
            let roles = m["organizationRoles"].as_array().unwrap();
            let names = roles.iter().map(|r| r["name"].as_str().unwrap().to_owned());
            (m["id"].as_str().unwrap().to_owned(), names.collect())
        })
        .collect();
    members.sort();
    members
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[tokio::test]
async fn an_admin_manages_members_and_an_invitee_joins_by_mail() {
    let Some((server, smtp, _mail)) = server_with_smtp(5).await else {
        return;
    };
    let org = create_org(&server, "Rocket Labs").await;
    let mut people = Vec::new();
    for name in ["ada", "bob", "cy"] {
        let email = format!("{name}@example.com");
        let user = server
            .create_user(json!({ "username": name, "primaryEmail": email }))
            .await;
        people.push(user["id"].as_str().unwrap().to_owned());
    }
    let (ada, bob, cy) = (&people[0], &people[1], &people[2]);

    let added = server
        .post(
            &format!("/api/organizations/{org}/users"),
            json!({ "userIds": people }),
        )
        .await;
    assert_eq!(added.status(), 201);
    let roles = json!({ "userIds": [ada, bob], "organizationRoleIds": [ADMIN_ROLE] });
    let granted = server
        .post(&format!("/api/organizations/{org}/users/roles"), roles)
        .await;
    assert_eq!(granted.status(), 201);
    let admins = members(&server, &org, &format!("?organizationRoleId={ADMIN_ROLE}")).await;
    let admin_ids: Vec<String> = admins.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(admin_ids, sorted(vec![ada.clone(), bob.clone()]));
    assert!(admins.iter().all(|(_, roles)| roles == &["admin"]));

    let removed = server
        .delete(&format!("/api/organizations/{org}/users/{bob}"))
        .await;
    assert_eq!(removed.status(), 204);
    let remaining: Vec<String> = members(&server, &org, "")
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(remaining, sorted(vec![ada.clone(), cy.clone()]));

    let body = json!({
        "invitee": "dee@example.com",
        "organizationId": org,
        "expiresAt": later(&server, 7 * 24 * HOUR),
        "inviterId": ada,
        "organizationRoleIds": [ADMIN_ROLE, MEMBER_ROLE],
        "messagePayload": {},
    });
    let invitation = invite_ok(&server, body).await;
    let message = mail(&server, &smtp, 1).await;
    assert_eq!(message["rcpt_tos"], json!(["dee@example.com"]));
    assert_eq!(message["subject"], "ada invited you to Rocket Labs on Acme");
    let (id, token) = link_of(&message);
    assert_eq!(invitation["id"], id.as_str());

    let accepted = accept(
        &server,
        &id,
        json!({ "token": token, "password": "Dee-s3cret", "name": "Dee" }),
    )
    .await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    let dee = accepted["userId"].as_str().unwrap().to_owned();
    assert_eq!(accepted["isNewUser"], true);

    let now = members(&server, &org, "").await;
    let expected = {
        let mut all = vec![
            (ada.clone(), vec!["admin".to_owned()]),
            (cy.clone(), vec![]),
            (dee.clone(), vec!["admin".to_owned(), "member".to_owned()]),
        ];
        all.sort();
        all
    };
    assert_eq!(now, expected, "the invitee joined with the invited roles");
    let admins = members(&server, &org, &format!("?organizationRoleId={ADMIN_ROLE}")).await;
    let admin_ids: Vec<String> = admins.into_iter().map(|(id, _)| id).collect();
    assert_eq!(admin_ids, sorted(vec![ada.clone(), dee.clone()]));
    assert_eq!(get_invitation(&server, &id).await["status"], "Accepted");
    let joined: Vec<Value> = server
        .get(&format!("/api/users/{dee}/organizations"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(joined.len(), 1);
    assert_eq!(joined[0]["id"], org.as_str());
    let names: Vec<&str> = joined[0]["organizationRoles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["admin", "member"],
        "the user's side shows the same roles"
    );
    let user = fetch_user(&server, &dee).await;
    assert_eq!(
        (user["primaryEmail"].as_str(), user["name"].as_str()),
        (Some("dee@example.com"), Some("Dee"))
    );
}
