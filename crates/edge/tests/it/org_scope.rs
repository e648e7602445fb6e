//! What organization admins and embed tokens may do to members beyond reaching the
//! routes: add only users they invited or found by exact email (never any id), see
//! and search only members' public fields, never see or forge inviter ids.

use crate::common::{As, Stack, expect_error};
use crate::matrix::{PASSWORD, World};
use reqwest::Method;
use serde_json::{Value, json};

async fn user_id(stack: &Stack, username: &str) -> String {
    let path = format!("/api/users?search.username={username}&mode.username=exact");
    stack.server.get_json(&path).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The member ids of `org`, sorted, read from the server.
async fn members(stack: &Stack, org: &str) -> Vec<String> {
    let list = stack
        .server
        .get_json(&format!("/api/organizations/{org}/users?page_size=100"))
        .await;
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

fn in_a_day() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
        + 86_400_000
}

#[tokio::test]
async fn org_scoped_callers_cannot_pull_any_user_in_by_id() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let victim = stack
        .server
        .create_user("victim", "victim-password-1")
        .await;
    let alice = stack.session("alice", PASSWORD).await;
    let token = stack.embed_token(&world.org_a, &["manage:members"]).await;
    let before = members(&stack, &world.org_a).await;
    let path = format!("/api/organizations/{}/users", world.org_a);
    for who in [As::Cookie(&alice), As::Bearer(&token)] {
        let pull = json!({ "userIds": [victim] });
        let response = stack.call(Method::POST, &path, &who, Some(pull)).await;
        expect_error(response, 403, "organization.user_not_invited").await;
        let mut all = before.clone();
        all.push(victim.clone());
        let replace = json!({ "userIds": all });
        let response = stack.call(Method::PUT, &path, &who, Some(replace)).await;
        expect_error(response, 403, "organization.user_not_invited").await;
        // An unknown id gets the very same answer.
        let unknown = json!({ "userIds": ["zzzzzzzzzzzz"] });
        let response = stack.call(Method::POST, &path, &who, Some(unknown)).await;
        expect_error(response, 403, "organization.user_not_invited").await;
    }
    assert_eq!(members(&stack, &world.org_a).await, before);
    let theirs = stack
        .server
        .get_json(&format!("/api/users/{victim}/organizations"))
        .await;
    assert_eq!(theirs, json!([]), "the victim joined nothing");
    // A tenant admin still adds by id.
    let admin = stack.admin_session().await;
    let add = json!({ "userIds": [victim] });
    let response = stack
        .call(Method::POST, &path, &As::Cookie(&admin), Some(add))
        .await;
    assert_eq!(response.status(), 201);
    assert!(members(&stack, &world.org_a).await.contains(&victim));
}

#[tokio::test]
async fn org_scoped_callers_add_invited_users_and_exact_emails() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let erin = stack.server.create_user("erin", "erin-password-1").await;
    let dave = stack.server.create_user("dave", "dave-password-1").await;
    let alice = stack.session("alice", PASSWORD).await;
    let who = As::Cookie(&alice);
    let path = format!("/api/organizations/{}/users", world.org_a);
    // By exact email (any case), resolved by the edge.
    let body = json!({ "emails": ["ERIN@example.com"] });
    let response = stack.call(Method::POST, &path, &who, Some(body)).await;
    assert_eq!(response.status(), 201);
    assert!(members(&stack, &world.org_a).await.contains(&erin));
    // Partial addresses, display names and unknown addresses find nobody.
    let before = members(&stack, &world.org_a).await;
    for (email, status, code) in [
        ("dave@example.co", 422, "user.not_found"),
        ("ave@example.com", 422, "user.not_found"),
        ("%@example.com", 422, "user.not_found"),
        ("Dave <dave@example.com>", 400, "guard.invalid_input"),
        ("nobody@example.com", 422, "user.not_found"),
    ] {
        let body = json!({ "emails": [email] });
        let response = stack.call(Method::POST, &path, &who, Some(body)).await;
        expect_error(response, status, code).await;
    }
    assert_eq!(members(&stack, &world.org_a).await, before);
    // By id once the organization invited the user's address.
    let invitation = json!({
        "invitee": "dave@example.com", "organizationId": world.org_a, "expiresAt": in_a_day(),
    });
    let response = stack
        .call(
            Method::POST,
            "/api/organization-invitations",
            &who,
            Some(invitation),
        )
        .await;
    assert_eq!(response.status(), 201);
    let body = json!({ "userIds": [dave] });
    let response = stack.call(Method::POST, &path, &who, Some(body)).await;
    assert_eq!(response.status(), 201);
    assert!(members(&stack, &world.org_a).await.contains(&dave));
    // Bob, admin of B, invited nobody to B: dave stays out of B.
    let bob = stack.session("bob", PASSWORD).await;
    let path_b = format!("/api/organizations/{}/users", world.org_b);
    let body = json!({ "userIds": [dave] });
    let response = stack
        .call(Method::POST, &path_b, &As::Cookie(&bob), Some(body))
        .await;
    expect_error(response, 403, "organization.user_not_invited").await;
    assert!(!members(&stack, &world.org_b).await.contains(&dave));
}

#[tokio::test]
async fn org_scoped_callers_see_and_search_public_fields_only() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let carol = &world.carol;
    let private = json!({ "primaryPhone": "15557654321", "customData": {"plan": "gold"} });
    let response = stack
        .server
        .send(Method::PATCH, &format!("/api/users/{carol}"), Some(private))
        .await;
    assert_eq!(response.status(), 200);
    let alice = stack.session("alice", PASSWORD).await;
    let token = stack.embed_token(&world.org_a, &["read:members"]).await;
    let admin = stack.admin_session().await;
    let path = format!("/api/organizations/{}/users", world.org_a);
    for who in [As::Cookie(&alice), As::Bearer(&token)] {
        let response = stack.call(Method::GET, &path, &who, None).await;
        assert_eq!(response.status(), 200);
        let list: Value = response.json().await.unwrap();
        for member in list.as_array().unwrap() {
            for key in member.as_object().unwrap().keys() {
                assert!(
                    [
                        "id",
                        "username",
                        "name",
                        "avatar",
                        "primaryEmail",
                        "organizationRoles"
                    ]
                    .contains(&key.as_str()),
                    "{key} shown: {member}"
                );
            }
        }
        // Digits of carol's phone find nobody, even asking for the phone field.
        for query in ["q=7654321", "q=5557654&qFields=primaryPhone"] {
            let response = stack
                .call(Method::GET, &format!("{path}?{query}"), &who, None)
                .await;
            assert_eq!(response.status(), 200);
            assert_eq!(response.headers()["total-number"], "0", "{query}");
            let found: Value = response.json().await.unwrap();
            assert_eq!(found, json!([]), "{query}");
        }
        // What they are shown is still searchable.
        let response = stack
            .call(Method::GET, &format!("{path}?q=carol@exa"), &who, None)
            .await;
        let found: Value = response.json().await.unwrap();
        assert_eq!(found[0]["id"], carol.as_str());
    }
    // A tenant admin searches every field.
    let response = stack
        .call(
            Method::GET,
            &format!("{path}?q=7654321"),
            &As::Cookie(&admin),
            None,
        )
        .await;
    let found: Value = response.json().await.unwrap();
    assert_eq!(found[0]["id"], carol.as_str());
    assert_eq!(found[0]["primaryPhone"], "15557654321");
}

#[tokio::test]
async fn the_edge_names_the_inviter_and_hides_it_from_org_scoped_callers() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let alice_id = user_id(&stack, "alice").await;
    let bob_id = user_id(&stack, "bob").await;
    let alice = stack.session("alice", PASSWORD).await;
    let token = stack.embed_token(&world.org_a, &["invite:members"]).await;
    let spoofed = |invitee: &str| {
        json!({
            "invitee": invitee, "organizationId": world.org_a,
            "expiresAt": in_a_day(), "inviterId": bob_id,
        })
    };
    let mut created = Vec::new();
    for (who, invitee) in [
        (As::Cookie(&alice), "by-alice@example.com"),
        (As::Bearer(&token), "by-token@example.com"),
    ] {
        let response = stack
            .call(
                Method::POST,
                "/api/organization-invitations",
                &who,
                Some(spoofed(invitee)),
            )
            .await;
        assert_eq!(response.status(), 201);
        let invitation: Value = response.json().await.unwrap();
        assert!(invitation.get("inviterId").is_none(), "{invitation}");
        created.push(invitation["id"].as_str().unwrap().to_owned());
    }
    let stored = |id: &str| format!("/api/organization-invitations/{id}");
    let by_alice = stack.server.get_json(&stored(&created[0])).await;
    assert_eq!(by_alice["inviterId"], alice_id.as_str(), "not bob");
    let by_token = stack.server.get_json(&stored(&created[1])).await;
    assert_eq!(by_token["inviterId"], Value::Null, "not bob");

    // Listing and reading invitations shows no inviter, and filtering by inviter
    // cannot probe who invited whom.
    let list = format!(
        "/api/organization-invitations?organizationId={}",
        world.org_a
    );
    let everything = stack
        .call(Method::GET, &list, &As::Cookie(&alice), None)
        .await
        .json::<Value>()
        .await
        .unwrap();
    let probed = stack
        .call(
            Method::GET,
            &format!("{list}&inviterId={alice_id}"),
            &As::Cookie(&alice),
            None,
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(probed, everything);
    assert!(everything.as_array().unwrap().len() >= 3);
    for invitation in everything.as_array().unwrap() {
        assert!(invitation.get("inviterId").is_none(), "{invitation}");
    }
    let one = stack
        .call(Method::GET, &stored(&created[0]), &As::Bearer(&token), None)
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(one["id"], created[0].as_str());
    assert!(one.get("inviterId").is_none(), "{one}");
    // Tenant admins still see it.
    let admin = stack.admin_session().await;
    let theirs = stack
        .call(Method::GET, &stored(&created[0]), &As::Cookie(&admin), None)
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(theirs["inviterId"], alice_id.as_str());
}

#[tokio::test]
async fn org_scoped_callers_revoke_but_never_accept_for_the_invitee() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let bob_id = user_id(&stack, "bob").await;
    let alice = stack.session("alice", PASSWORD).await;
    let token = stack.embed_token(&world.org_a, &["invite:members"]).await;
    let invite = json!({
        "invitee": "bob@example.com", "organizationId": world.org_a, "expiresAt": in_a_day(),
    });
    let created = stack
        .call(
            Method::POST,
            "/api/organization-invitations",
            &As::Cookie(&alice),
            Some(invite),
        )
        .await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/organization-invitations/{id}/status");
    let before = members(&stack, &world.org_a).await;
    for who in [As::Cookie(&alice), As::Bearer(&token)] {
        let accept = json!({ "status": "Accepted", "acceptedUserId": bob_id });
        let refused = stack.call(Method::PUT, &path, &who, Some(accept)).await;
        expect_error(refused, 403, "auth.forbidden").await;
        assert_eq!(
            members(&stack, &world.org_a).await,
            before,
            "bob was not pulled in"
        );
        let stored = stack
            .server
            .get_json(&format!("/api/organization-invitations/{id}"))
            .await;
        assert_eq!(stored["status"], "Pending");
    }
    let revoked = stack
        .call(
            Method::PUT,
            &path,
            &As::Cookie(&alice),
            Some(json!({ "status": "Revoked" })),
        )
        .await;
    assert_eq!(revoked.status(), 200);
}
