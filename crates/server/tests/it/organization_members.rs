//! `/api/organizations/{id}/users`: adding, listing, replacing and removing members.

use crate::common::*;
use crate::organization_members_support::*;
use serde_json::{Value, json};

#[tokio::test]
async fn members_are_added_listed_and_removed() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(&server, json!({ "username": "ann", "name": "Ann" })).await;
    let bob = new_user(&server, json!({ "username": "bob" })).await;
    let cat = new_user(&server, json!({ "username": "cat" })).await;

    let added = add_members(&server, &org, &[&ann, &bob]).await;
    assert_eq!(added.status(), 201);
    // The request echoed, as Logto answers.
    let echoed: serde_json::Value = added.json().await.unwrap();
    assert_eq!(echoed, json!({ "userIds": [ann, bob] }));
    let again = add_members(&server, &org, &[&bob, &cat, &cat]).await;
    assert_eq!(again.status(), 201, "members already in are ignored");
    assert_eq!(
        member_ids(&server, &org).await,
        [cat.clone(), bob.clone(), ann.clone()]
    );

    let (page, total) = list_with_total(
        &server,
        &format!("/api/organizations/{org}/users?page_size=2"),
    )
    .await;
    assert_eq!((page.len(), total), (2, 3));
    let response = server
        .get(&format!(
            "/api/organizations/{org}/users?page=2&page_size=2"
        ))
        .await;
    let base = format!("http://tenantry.test/api/organizations/{org}/users");
    let link: Vec<&str> = response
        .headers()
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        link.join(", "),
        format!(
            "<{base}?page=1&page_size=2>; rel=\"first\", <{base}?page=1&page_size=2>; rel=\"prev\", \
             <{base}?page=2&page_size=2>; rel=\"last\""
        )
    );
    let last: Vec<Value> = response.json().await.unwrap();
    let mut member = last[0].clone();
    assert_eq!(member["organizationRoles"], json!([]));
    member.as_object_mut().unwrap().remove("organizationRoles");
    assert_eq!(
        member,
        fetch_user(&server, &ann).await,
        "the user as GET shows it"
    );

    let path = format!("/api/organizations/{org}/users/{bob}");
    assert_eq!(server.delete(&path).await.status(), 204);
    expect_error(server.delete(&path).await, 404, "entity.not_found").await;
    let stranger = format!("/api/organizations/{org}/users/nosuchuser00");
    expect_error(server.delete(&stranger).await, 404, "entity.not_found").await;
    assert_eq!(member_ids(&server, &org).await, [cat.clone(), ann.clone()]);

    // Deleting a user ends their memberships.
    assert_eq!(
        server.delete(&format!("/api/users/{cat}")).await.status(),
        204
    );
    assert_eq!(member_ids(&server, &org).await, std::slice::from_ref(&ann));
}

#[tokio::test]
async fn an_unknown_user_adds_no_one() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(&server, json!({ "username": "ann" })).await;
    for ids in [vec![ann.as_str(), "nosuchuser00"], vec!["a b"]] {
        let response = add_members(&server, &org, &ids).await;
        expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
        let response = put_members(&server, &org, &ids).await;
        expect_error(response, 422, "entity.relation_foreign_key_not_found").await;
    }
    assert!(member_ids(&server, &org).await.is_empty(), "all or nothing");
    assert_eq!(add_members(&server, &org, &[&ann]).await.status(), 201);
    let failed = put_members(&server, &org, &["nosuchuser00"]).await;
    assert_eq!(failed.status(), 422);
    assert_eq!(
        member_ids(&server, &org).await,
        std::slice::from_ref(&ann),
        "a failed PUT changes nothing"
    );
}

#[tokio::test]
async fn malformed_bodies_and_unknown_organizations_are_refused() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(&server, json!({ "username": "ann" })).await;
    let path = format!("/api/organizations/{org}/users");
    for body in [
        json!({}),
        json!({ "userIds": [] }),
        json!({ "userIds": "x" }),
        json!({ "userIds": [1] }),
        json!({ "userIds": [""] }),
        json!({ "userIds": null }),
    ] {
        let response = server.post(&path, body.clone()).await;
        expect_error(response, 400, "guard.invalid_input").await;
    }
    let put = server
        .send_json(reqwest::Method::PUT, &path, json!({ "userIds": [""] }))
        .await;
    expect_error(put, 400, "guard.invalid_input").await;

    for bad in ["nosuchorg000", "a%20b"] {
        let path = format!("/api/organizations/{bad}/users");
        expect_error(server.get(&path).await, 404, "entity.not_exists_with_id").await;
        // Adding fails on the link's foreign key in Logto: 422, not 404.
        let post = add_members(&server, bad, &[&ann]).await;
        expect_error(post, 422, "entity.relation_foreign_key_not_found").await;
        let put = put_members(&server, bad, &[&ann]).await;
        expect_error(put, 404, "entity.not_exists_with_id").await;
        let delete = server.delete(&format!("{path}/{ann}")).await;
        expect_error(delete, 404, "entity.not_exists_with_id").await;
    }
    let bad_page = server.get(&format!("{path}?page_size=0")).await;
    expect_error(bad_page, 400, "guard.invalid_pagination").await;
}

#[tokio::test]
async fn put_replaces_the_members_and_keeps_the_roles_of_those_who_stay() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(&server, json!({ "username": "ann" })).await;
    let bob = new_user(&server, json!({ "username": "bob" })).await;
    let cat = new_user(&server, json!({ "username": "cat" })).await;
    assert_eq!(
        add_members(&server, &org, &[&ann, &bob]).await.status(),
        201
    );
    let roles = server
        .post(
            &format!("/api/organizations/{org}/users/roles"),
            json!({ "userIds": [ann], "organizationRoleIds": [ADMIN_ROLE] }),
        )
        .await;
    assert_eq!(roles.status(), 201);

    let replaced = put_members(&server, &org, &[&ann, &cat, &cat]).await;
    assert_eq!(replaced.status(), 204);
    let (members, _) = list_with_total(&server, &format!("/api/organizations/{org}/users")).await;
    assert_eq!(ids(&members), [cat.clone(), ann.clone()]);
    assert_eq!(role_names(&members[1]), ["admin"], "ann keeps her role");

    assert_eq!(put_members(&server, &org, &[]).await.status(), 204);
    assert!(member_ids(&server, &org).await.is_empty());
}

#[tokio::test]
async fn members_are_searched_and_filtered_by_role() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(
        &server,
        json!({ "username": "ann", "primaryEmail": "ann@acme.test", "name": "Ann Lee" }),
    )
    .await;
    let bob = new_user(
        &server,
        json!({ "username": "bob", "primaryPhone": "5550100" }),
    )
    .await;
    let outsider = new_user(&server, json!({ "username": "annex" })).await;
    assert_eq!(
        add_members(&server, &org, &[&ann, &bob]).await.status(),
        201
    );
    let assign = server
        .post(
            &format!("/api/organizations/{org}/users/roles"),
            json!({ "userIds": [bob], "organizationRoleIds": [MEMBER_ROLE] }),
        )
        .await;
    assert_eq!(assign.status(), 201);

    let path = format!("/api/organizations/{org}/users");
    for (q, expected) in [
        ("ANN", vec![&ann]),
        ("acme.test", vec![&ann]),
        ("0100", vec![&bob]),
        ("lee", vec![&ann]),
        (&bob[3..10], vec![&bob]),
        ("%", vec![]),
        ("zzz", vec![]),
    ] {
        let (found, total) =
            list_with_total(&server, &format!("{path}?q={}", q.replace('%', "%25"))).await;
        let expected: Vec<String> = expected.into_iter().cloned().collect();
        assert_eq!(ids(&found), expected, "q={q}");
        assert_eq!(total as usize, expected.len());
    }
    let (found, total) =
        list_with_total(&server, &format!("{path}?organizationRoleId={MEMBER_ROLE}")).await;
    assert_eq!((ids(&found), total), (vec![bob.clone()], 1));
    let (found, _) =
        list_with_total(&server, &format!("{path}?organizationRoleId={ADMIN_ROLE}")).await;
    assert!(found.is_empty());
    let (found, _) = list_with_total(
        &server,
        &format!("{path}?organizationRoleId={MEMBER_ROLE}&q=ann"),
    )
    .await;
    assert!(found.is_empty(), "both filters apply");
    assert!(!member_ids(&server, &org).await.contains(&outsider));
}

#[tokio::test]
async fn member_search_looks_only_in_the_fields_named() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let bob = new_user(
        &server,
        json!({ "username": "bob", "primaryPhone": "15557654321", "name": "Bob 4321" }),
    )
    .await;
    assert_eq!(add_members(&server, &org, &[&bob]).await.status(), 201);
    let path = format!("/api/organizations/{org}/users");
    let public = "qFields=id,username,name,primaryEmail";
    let (found, total) = list_with_total(&server, &format!("{path}?q=765&{public}")).await;
    assert_eq!((found.len(), total), (0, 0), "the phone is not searched");
    let (found, _) = list_with_total(&server, &format!("{path}?q=765")).await;
    assert_eq!(
        ids(&found),
        vec![bob.clone()],
        "without qFields every field is"
    );
    let (found, _) = list_with_total(&server, &format!("{path}?q=4321&{public}")).await;
    assert_eq!(ids(&found), vec![bob.clone()], "the name still is");
    let (found, _) = list_with_total(&server, &format!("{path}?q=765&qFields=primaryPhone")).await;
    assert_eq!(ids(&found), vec![bob]);
    let refused = server
        .get(&format!("{path}?q=765&qFields=customData"))
        .await;
    assert_eq!(refused.status(), 400);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "guard.invalid_input");
}

#[tokio::test]
async fn user_search_excludes_an_organizations_members() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(&server, json!({ "username": "ann" })).await;
    let bob = new_user(&server, json!({ "username": "bob" })).await;
    assert_eq!(add_members(&server, &org, &[&ann]).await.status(), 201);
    let (found, total) =
        list_with_total(&server, &format!("/api/users?excludeOrganizationId={org}")).await;
    let found = ids(&found);
    assert!(found.contains(&bob) && !found.contains(&ann));
    assert_eq!(total as usize, found.len());
    let (with_search, _) = list_with_total(
        &server,
        &format!("/api/users?excludeOrganizationId={org}&search.username=%25nn%25"),
    )
    .await;
    assert!(
        with_search.is_empty(),
        "ann is the only match and is excluded: {with_search:?}"
    );
    let both = server
        .get(&format!(
            "/api/users?excludeOrganizationId={org}&excludeRoleId=x"
        ))
        .await;
    expect_error(both, 400, "request.invalid_input").await;
}

#[tokio::test]
async fn featured_members_and_counts_show_on_the_list() {
    let server = TestServer::start().await;
    let busy = create_org(&server, "Busy").await;
    let quiet = create_org(&server, "Quiet").await;
    let mut users = Vec::new();
    for n in 0..4 {
        let body = json!({ "username": format!("u{n}"), "name": format!("User {n}"), "avatar": "https://a.test/x.png" });
        users.push(new_user(&server, body).await);
    }
    let refs: Vec<&str> = users.iter().map(String::as_str).collect();
    assert_eq!(add_members(&server, &busy, &refs).await.status(), 201);
    let (orgs, _) = list_with_total(&server, "/api/organizations?showFeatured=true").await;
    let busy_row = orgs.iter().find(|o| o["id"] == busy.as_str()).unwrap();
    assert_eq!(busy_row["usersCount"], 4);
    let featured = busy_row["featuredUsers"].as_array().unwrap();
    assert_eq!(featured.len(), 3);
    for user in featured {
        let mut keys: Vec<&String> = user.as_object().unwrap().keys().collect();
        keys.sort_unstable();
        assert_eq!(keys, ["avatar", "id", "name"]);
        assert!(users.contains(&user["id"].as_str().unwrap().to_owned()));
        assert_eq!(user["avatar"], "https://a.test/x.png");
    }
    let quiet_row = orgs.iter().find(|o| o["id"] == quiet.as_str()).unwrap();
    assert_eq!(
        (
            quiet_row["usersCount"].clone(),
            quiet_row["featuredUsers"].clone()
        ),
        (json!(0), json!([]))
    );
}

#[tokio::test]
async fn member_changes_leave_audit_rows_naming_the_user() {
    let server = TestServer::start().await;
    let org = create_org(&server, "Acme").await;
    let ann = new_user(&server, json!({ "username": "ann" })).await;
    server.advance_ms(1000).await;
    assert_eq!(add_members(&server, &org, &[&ann]).await.status(), 201);
    server.advance_ms(1000).await;
    assert_eq!(put_members(&server, &org, &[&ann]).await.status(), 204);
    server.advance_ms(1000).await;
    let path = format!("/api/organizations/{org}/users/{ann}");
    assert_eq!(server.delete(&path).await.status(), 204);
    let logs: Vec<Value> = server
        .get("/api/logs?page_size=3")
        .await
        .json()
        .await
        .unwrap();
    let seen: Vec<(&str, &str)> = logs
        .iter()
        .map(|row| {
            (
                row["key"].as_str().unwrap(),
                row["payload"]["userId"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Management.Organization.RemoveUser", ann.as_str()),
            ("Management.Organization.ReplaceUsers", "-"),
            ("Management.Organization.AddUsers", "-"),
        ]
    );
}
