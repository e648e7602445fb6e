//! The policy matrix: every allowlisted route, called by every kind of caller, gets
//! the edge's expected decision. "Allowed" means the call reached a route of the server
//! (whatever it then answered); "hidden" is the edge's 404; "sign in" its 401. The
//! server's own 404 for a route it does not have is none of these: the allowlist is wrong.

use crate::common::{ADMIN_PASSWORD, As, Stack, expect_error};
use crate::matrix::{Kind, Row, World, rows};
use reqwest::{Method, Response};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Allowed,
    Hidden,
    SignIn,
    /// Forwarded, but the server has no such route.
    NoServerRoute,
}

/// The callers, with what each holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    TenantAdmin,
    AdminOfA,
    AdminOfB,
    /// An embed token for A with these permissions.
    Embed(&'static [&'static str]),
    TamperedCookie,
    TamperedToken,
}

const EMBED_SETS: [&[&str]; 4] = [
    &["read:members"],
    &["manage:members"],
    &["invite:members"],
    &["read:members", "manage:members", "invite:members"],
];

fn expected(caller: Caller, kind: Kind) -> Outcome {
    use Outcome::*;
    if kind == Kind::Public {
        return Allowed;
    }
    let allowed = match caller {
        Caller::Anonymous | Caller::TamperedCookie | Caller::TamperedToken => return SignIn,
        Caller::TenantAdmin => true,
        Caller::AdminOfA => matches!(kind, Kind::OrgRoles | Kind::OrgA(_)),
        Caller::AdminOfB => matches!(kind, Kind::OrgRoles | Kind::OrgB(_)),
        Caller::Embed(perms) => match kind {
            Kind::OrgRoles => true,
            Kind::OrgA(perm) => perms.contains(&perm),
            _ => false,
        },
    };
    if allowed { Allowed } else { Hidden }
}

async fn outcome(response: Response) -> (Outcome, u16, Value) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let outcome = match (status, body["message"].as_str()) {
        (401, _) if body["code"] == "auth.unauthorized" => Outcome::SignIn,
        (404, Some("No such route.")) => Outcome::Hidden,
        (404 | 405, _)
            if matches!(
                body["code"].as_str(),
                Some("guard.not_found" | "guard.method_not_allowed")
            ) =>
        {
            Outcome::NoServerRoute
        }
        _ => Outcome::Allowed,
    };
    (outcome, status, body)
}

async fn check(stack: &Stack, world: &World, caller: Caller, who: &As<'_>, rows: &[Row]) {
    for row in rows {
        let response = stack
            .call(row.method.clone(), &row.path, who, row.body.clone())
            .await;
        let (got, status, body) = outcome(response).await;
        let want = expected(caller, row.kind);
        assert_eq!(
            got, want,
            "{caller:?} {} {} answered {status} {body} (world {world:?})",
            row.method, row.path
        );
    }
}

#[tokio::test]
async fn every_allowlisted_route_for_every_caller() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let rows = rows(&world);
    crate::matrix::assert_covers_the_allowlist(&rows);

    let admin = stack.admin_session().await;
    let alice = stack.session("alice", crate::matrix::PASSWORD).await;
    let bob = stack.session("bob", crate::matrix::PASSWORD).await;
    let tampered = crate::matrix::tamper(&alice);
    check(&stack, &world, Caller::Anonymous, &As::Nobody, &rows).await;
    check(
        &stack,
        &world,
        Caller::TenantAdmin,
        &As::Cookie(&admin),
        &rows,
    )
    .await;
    check(&stack, &world, Caller::AdminOfA, &As::Cookie(&alice), &rows).await;
    check(&stack, &world, Caller::AdminOfB, &As::Cookie(&bob), &rows).await;
    check(
        &stack,
        &world,
        Caller::TamperedCookie,
        &As::Cookie(&tampered),
        &rows,
    )
    .await;
    let mut tokens = Vec::new();
    for perms in EMBED_SETS {
        let token = stack.embed_token(&world.org_a, perms).await;
        check(
            &stack,
            &world,
            Caller::Embed(perms),
            &As::Bearer(&token),
            &rows,
        )
        .await;
        tokens.push(token);
    }
    let forged = crate::matrix::tamper(&tokens[3]);
    check(
        &stack,
        &world,
        Caller::TamperedToken,
        &As::Bearer(&forged),
        &rows,
    )
    .await;

    // Past the idle timeout and the embed tokens' 15 minutes, all of them are refused.
    stack.clock.advance_minutes(31);
    for cookie in [&admin, &alice, &bob] {
        check(
            &stack,
            &world,
            Caller::TamperedCookie,
            &As::Cookie(cookie),
            &rows,
        )
        .await;
    }
    for token in &tokens {
        check(
            &stack,
            &world,
            Caller::TamperedToken,
            &As::Bearer(token),
            &rows,
        )
        .await;
    }
}

#[tokio::test]
async fn organization_admins_and_embeds_see_only_public_user_fields() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let path = format!("/api/organizations/{}/users", world.org_a);
    let admin = stack.admin_session().await;
    let full: Vec<Value> = stack
        .call(Method::GET, &path, &As::Cookie(&admin), None)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        full.iter().all(|u| u["customData"]["plan"] == "gold"),
        "tenant admins see everything"
    );
    let alice = stack.session("alice", crate::matrix::PASSWORD).await;
    let token = stack.embed_token(&world.org_a, &["read:members"]).await;
    for who in [As::Cookie(&alice), As::Bearer(&token)] {
        let response = stack.call(Method::GET, &path, &who, None).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers().contains_key("total-number"));
        let users: Vec<Value> = response.json().await.unwrap();
        assert_eq!(users.len(), 2);
        for user in &users {
            let mut keys: Vec<&str> = user
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort();
            assert!(
                keys.iter()
                    .all(|k| crate::matrix::PUBLIC_FIELDS.contains(k)),
                "{keys:?}"
            );
            assert!(user["organizationRoles"].is_array());
        }
    }
}

#[tokio::test]
async fn organization_admins_sign_in_with_their_organizations() {
    let stack = Stack::start().await;
    let world = World::build(&stack).await;
    let response = stack.sign_in("alice", crate::matrix::PASSWORD).await;
    assert_eq!(response.status(), 200);
    let session: Value = response.json().await.unwrap();
    assert_eq!(session["isTenantAdmin"], false);
    assert_eq!(
        session["organizations"],
        serde_json::json!([{"id": world.org_a, "name": "Org A"}])
    );
    // A member without manage:members administers nothing.
    expect_error(
        stack.sign_in("carol", crate::matrix::PASSWORD).await,
        403,
        "session.not_an_admin",
    )
    .await;
    // An admin can still delete others' invitations in their organization, not in B's.
    let alice = stack.session("alice", crate::matrix::PASSWORD).await;
    let bob = stack.session("bob", crate::matrix::PASSWORD).await;
    let path = format!("/api/organization-invitations/{}", world.invitation_a);
    let hidden = stack
        .call(Method::DELETE, &path, &As::Cookie(&bob), None)
        .await;
    assert_eq!(outcome(hidden).await.0, Outcome::Hidden);
    let deleted = stack
        .call(Method::DELETE, &path, &As::Cookie(&alice), None)
        .await;
    assert_eq!(deleted.status(), 204);
    // Invitations sent through the edge name their inviter (kept from org admins).
    let body = serde_json::json!({
        "invitee": "dora@example.com",
        "organizationId": world.org_a,
        "expiresAt": 4_102_444_800_000u64,
    });
    let created = stack
        .call(
            Method::POST,
            "/api/organization-invitations",
            &As::Cookie(&alice),
            Some(body),
        )
        .await;
    assert_eq!(created.status(), 201);
    let invitation: Value = created.json().await.unwrap();
    let alice_id = stack
        .server
        .get_json("/api/users?search.username=alice&mode.username=exact")
        .await[0]["id"]
        .clone();
    assert!(invitation.get("inviterId").is_none(), "{invitation}");
    let stored = stack
        .server
        .get_json(&format!(
            "/api/organization-invitations/{}",
            invitation["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(stored["inviterId"], alice_id);
    let _ = ADMIN_PASSWORD;
}
