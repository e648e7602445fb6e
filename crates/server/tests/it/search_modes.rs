//! `GET /api/users` search: `posix` and `similar_to`, `joint`, `excludeRoleId`, and bad
//! or odd search input, with the same expectations on SQLite and PostgreSQL.

use crate::common::*;
use crate::search_seed::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn posix_regular_expressions() {
    let server = TestServer::start().await;
    seed(&server).await;
    let posix = ("mode", "posix");
    let cs = ("isCaseSensitive", "true");
    expect(
        &server,
        &[("search.name", "^(carol|heidi) "), posix],
        &["heidi", "carol"],
    )
    .await;
    expect(
        &server,
        &[("search.name", "^(carol|heidi) "), posix, cs],
        &[],
    )
    .await;
    expect(
        &server,
        &[("search.name", "^(Carol|Heidi) "), posix, cs],
        &["heidi", "carol"],
    )
    .await;
    let tld = [
        ("search.primaryEmail", "\\.(org|net)$"),
        ("mode.primaryEmail", "posix"),
    ];
    expect(&server, &tld, &["Grace", "erin", "dave99", "Bob_Stone"]).await;
    expect(
        &server,
        &[("search", "^[0-9]{7}$"), posix],
        &["heidi", "frank", "dave99"],
    )
    .await;
    expect(
        &server,
        &[("search.username", "^[A-Z]"), posix, cs],
        &["Grace", "Bob_Stone"],
    )
    .await;
    for bad in ["(", "[a-", "a{2,1}", "*x"] {
        expect_invalid(&server, &[("search.name", bad), posix]).await;
        expect_invalid(&server, &[("search", bad), posix, cs]).await;
    }
}

#[tokio::test]
async fn similar_to_needs_case_sensitivity() {
    let server = TestServer::start().await;
    seed(&server).await;
    let similar = ("mode", "similar_to");
    let cs = ("isCaseSensitive", "true");
    let query = [("search.name", "(Alice|Bob)%"), similar, cs];
    expect(&server, &query, &["Bob_Stone", "alice_w"]).await;
    expect(
        &server,
        &[("search.name", "(alice|bob)%"), similar, cs],
        &[],
    )
    .await;
    // Anchored at both ends, `_` is one character.
    expect(
        &server,
        &[("search.username", "dave__"), similar, cs],
        &["dave99"],
    )
    .await;
    expect(&server, &[("search.username", "dave_"), similar, cs], &[]).await;
    let field = [
        ("search.primaryPhone", "4420%"),
        ("mode.primaryPhone", "similar_to"),
        cs,
    ];
    expect(&server, &field, &["heidi", "frank", "dave99"]).await;
    // Without isCaseSensitive=true Logto refuses it.
    expect_invalid(&server, &[("search.name", "(Alice|Bob)%"), similar]).await;
    let field_only = [("search.name", "Alice%"), ("mode.name", "similar_to")];
    expect_invalid(&server, &field_only).await;
}

#[tokio::test]
async fn joint_combines_field_searches() {
    let server = TestServer::start().await;
    seed(&server).await;
    let stone_or_org = [
        ("search.name", "%stone%"),
        ("search.primaryEmail", "%example.org"),
    ];
    expect(&server, &stone_or_org, &["heidi", "erin", "Bob_Stone"]).await;
    let with = |joint: (&'static str, &'static str)| {
        let mut query = stone_or_org.to_vec();
        query.push(joint);
        query
    };
    expect(
        &server,
        &with(("joint", "or")),
        &["heidi", "erin", "Bob_Stone"],
    )
    .await;
    expect(&server, &with(("joint", "and")), &["Bob_Stone"]).await;
    expect(&server, &with(("jointMode", "and")), &["Bob_Stone"]).await;
    // A general search joins the same way.
    let general = [
        ("search", "%wong%"),
        ("search.username", "e%"),
        ("joint", "and"),
    ];
    expect(&server, &general, &["erin"]).await;
    let nobody = [
        ("search.username", "carol"),
        ("search.name", "Erin Wong"),
        ("joint", "and"),
    ];
    expect(&server, &nobody, &[]).await;
}

#[tokio::test]
async fn exclude_role_id_leaves_out_the_role_holders() {
    let server = TestServer::start().await;
    let users = seed(&server).await;
    let admin = server
        .get("/api/users?search.username=admin&mode.username=exact")
        .await;
    let admin: Vec<Value> = admin.json().await.unwrap();
    let roles = server
        .get(&format!(
            "/api/users/{}/roles",
            admin[0]["id"].as_str().unwrap()
        ))
        .await;
    let roles: Vec<Value> = roles.json().await.unwrap();
    let role_id = roles[0]["id"].as_str().unwrap();
    let exclude = ("excludeRoleId", role_id);
    expect(&server, &[exclude], &EVERYONE[..8]).await;

    let carol_roles = format!("/api/users/{}/roles", users[2]["id"].as_str().unwrap());
    assert_eq!(
        server
            .post(&carol_roles, json!({"roleIds": [role_id]}))
            .await
            .status(),
        201
    );
    let with_a = [("search.username", "%a%"), exclude];
    expect(&server, &with_a, &["Grace", "frank", "dave99", "alice_w"]).await;
    expect(&server, &[("excludeRoleId", "nosuchrole00")], &EVERYONE).await;
}

#[tokio::test]
async fn bad_search_parameters_answer_400() {
    let server = TestServer::start().await;
    seed(&server).await;
    for query in [
        vec![("search.password", "x")],
        vec![("search.customData", "%a%")],
        vec![("search", "a"), ("mode.password", "exact")],
        vec![("search", "a"), ("mode", "fuzzy")],
        vec![("search.name", "a"), ("mode.name", "regex")],
        vec![("search", "a"), ("joint", "xor")],
        vec![("search", "a"), ("isCaseSensitive", "maybe")],
    ] {
        expect_invalid(&server, &query).await;
    }
}

#[tokio::test]
async fn odd_search_values_are_not_a_server_error() {
    let server = TestServer::start().await;
    seed(&server).await;
    let odd = [
        "%'; DROP TABLE users; --%",
        "%\"%",
        "%\\%",
        "%[*?]%",
        "%ü%",
        "_",
    ];
    for value in odd {
        for mode in ["like", "exact"] {
            expect(&server, &[("search", value), ("mode", mode)], &[]).await;
        }
    }
    // Only wildcards match every value.
    expect(&server, &[("search.username", "%%%")], &EVERYONE).await;
}

#[tokio::test]

async fn nul_in_a_search_value_is_not_a_server_error() {
    let server = TestServer::start().await;
    seed(&server).await;
    for mode in ["like", "exact", "posix"] {
        let query = [("search", "%a\u{0}b%"), ("mode", mode)];
        let response = server
            .api(Method::GET, "/api/users")
            .query(&query)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        assert!(status == 200 || status == 400, "{mode}: {status}");
    }
}

#[tokio::test]

async fn a_backslash_escapes_like_wildcards_on_both_backends() {
    let server = TestServer::start().await;
    seed(&server).await;
    server
        .create_user(json!({"username": "percent", "name": "100% sure"}))
        .await;
    server
        .create_user(json!({"username": "backslash", "name": "back\\slash"}))
        .await;
    expect(&server, &[("search.name", "%\\%%")], &["percent"]).await;
    expect(&server, &[("search.name", "%\\\\%")], &["backslash"]).await;
    expect(&server, &[("search.name", "%\\_%")], &[]).await;
    let similar = [("mode", "similar_to"), ("isCaseSensitive", "true")];
    let query = [("search.name", "%\\%%"), similar[0], similar[1]];
    expect(&server, &query, &["percent"]).await;
}

#[tokio::test]
async fn bad_search_parameters_are_named_in_logtos_words() {
    let server = TestServer::start().await;
    for (query, words) in [
        (
            "search.primaryEmail=%25a%25&mode.primaryEmail=similar%20to",
            "is not valid",
        ),
        ("search.email=%25a%25", "is not valid"),
        ("search.primaryEmail=%25a%25&joint=and1", "is not valid"),
        ("search.primaryEmail=&search=tom", "cannot be empty"),
    ] {
        let body = expect_error(
            server.get(&format!("/api/users?{query}")).await,
            400,
            "request.invalid_input",
        )
        .await;
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(words), "{query}: {message}");
    }
    // A bare empty `search` is an empty search box: every user.
    assert_eq!(server.get("/api/users?search=").await.status(), 200);
}
