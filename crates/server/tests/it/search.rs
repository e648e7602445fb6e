//! `GET /api/users` search: `search`, `search.<field>`, `like` and `exact`, with and
//! without `isCaseSensitive`, with the same expectations on SQLite and PostgreSQL.

use crate::common::*;
use crate::search_seed::*;
use serde_json::json;

#[tokio::test]
async fn everyone_is_listed_newest_first() {
    let server = TestServer::start().await;
    seed(&server).await;
    expect(&server, &[], &EVERYONE).await;
    // Empty search values search nothing.
    expect(&server, &[("search", "")], &EVERYONE).await;
}

#[tokio::test]
async fn like_searches_every_field_ignoring_case() {
    let server = TestServer::start().await;
    let users = seed(&server).await;
    expect(&server, &[("search", "%alice%")], &["frank", "alice_w"]).await;
    expect(&server, &[("search", "%ALICE%")], &["frank", "alice_w"]).await;
    expect(&server, &[("search", "%@sample.net")], &["Grace", "dave99"]).await;
    expect(
        &server,
        &[("search", "%4420%")],
        &["heidi", "frank", "dave99"],
    )
    .await;
    expect(&server, &[("search", "%stone%")], &["heidi", "Bob_Stone"]).await;
    expect(&server, &[("search", "%nobody-has-this%")], &[]).await;
    // The value is a LIKE pattern: without `%` it must match a whole value.
    expect(&server, &[("search", "carol")], &["carol"]).await;
    expect(&server, &[("search", "CAROL")], &["carol"]).await;
    expect(&server, &[("search", "caro")], &[]).await;
    expect(&server, &[("search", "dave__")], &["dave99"]).await;
    // Ids are searched too.
    let erin = users[4]["id"].as_str().unwrap();
    expect(&server, &[("search", erin)], &["erin"]).await;
    expect(
        &server,
        &[("search", &format!("%{}%", &erin[2..10]))],
        &["erin"],
    )
    .await;
    // Values of the same parameter match when any does.
    expect(
        &server,
        &[("search", "%alice%"), ("search", "%sample%")],
        &["Grace", "frank", "dave99", "alice_w"],
    )
    .await;
}

#[tokio::test]
async fn field_searches_use_camel_or_snake_case_names() {
    let server = TestServer::start().await;
    let users = seed(&server).await;
    let with_a = ["Grace", "frank", "dave99", "carol", "alice_w", "admin"];
    expect(&server, &[("search.username", "%a%")], &with_a).await;
    let dot_com = ["heidi", "carol", "alice_w"];
    expect(
        &server,
        &[("search.primaryEmail", "%example.com")],
        &dot_com,
    )
    .await;
    expect(
        &server,
        &[("search.primary_email", "%example.com")],
        &dot_com,
    )
    .await;
    let prefix = ["Grace", "carol", "Bob_Stone", "alice_w"];
    expect(&server, &[("search.primaryPhone", "1555%")], &prefix).await;
    expect(&server, &[("search.primary_phone", "%0003")], &["carol"]).await;
    expect(&server, &[("search.name", "%wong")], &["erin", "alice_w"]).await;
    // `name` only: "alice" in a username or email does not count.
    expect(
        &server,
        &[("search.name", "%alice%")],
        &["frank", "alice_w"],
    )
    .await;
    expect(&server, &[("search.username", "%alice%")], &["alice_w"]).await;
    let carol = users[2]["id"].as_str().unwrap();
    expect(&server, &[("search.id", carol)], &["carol"]).await;
}

#[tokio::test]
async fn like_can_be_case_sensitive() {
    let server = TestServer::start().await;
    seed(&server).await;
    let cs = ("isCaseSensitive", "true");
    expect(&server, &[("search", "%Alice%"), cs], &["alice_w"]).await;
    expect(&server, &[("search", "%alice%"), cs], &["frank", "alice_w"]).await;
    expect(
        &server,
        &[("search.primaryEmail", "%@Example.com"), cs],
        &["carol"],
    )
    .await;
    expect(&server, &[("search.username", "%grace%"), cs], &[]).await;
    expect(&server, &[("search.username", "G%"), cs], &["Grace"]).await;
    let ci = ("isCaseSensitive", "false");
    expect(&server, &[("search.username", "%grace%"), ci], &["Grace"]).await;
}

#[tokio::test]
async fn exact_matches_whole_values_any_of_several() {
    let server = TestServer::start().await;
    seed(&server).await;
    let exact = ("mode", "exact");
    let query = [
        ("search.username", "carol"),
        ("search.username", "erin"),
        exact,
    ];
    expect(&server, &query, &["erin", "carol"]).await;
    let field_mode = ("mode.username", "exact");
    expect(
        &server,
        &[("search.username", "CAROL"), field_mode],
        &["carol"],
    )
    .await;
    let cs = ("isCaseSensitive", "true");
    expect(
        &server,
        &[("search.username", "CAROL"), field_mode, cs],
        &[],
    )
    .await;
    expect(&server, &[("search", "grace"), exact], &["Grace"]).await;
    expect(&server, &[("search", "grace"), exact, cs], &[]).await;
    expect(&server, &[("search", "Grace"), exact, cs], &["Grace"]).await;
    let email = [
        ("search.primaryEmail", "carol.king@example.com"),
        ("mode.primaryEmail", "exact"),
    ];
    expect(&server, &email, &["carol"]).await;
    let snake = [
        ("search.primary_email", "carol.king@example.com"),
        ("mode.primary_email", "exact"),
    ];
    expect(&server, &snake, &["carol"]).await;
    // `%` and `_` are not wildcards here.
    expect(&server, &[("search.username", "%a%"), exact], &[]).await;
    expect(&server, &[("search.username", "dave__"), exact], &[]).await;
    // A field's mode applies to that field only; the others stay `like`.
    let mixed = [
        ("search.username", "erin"),
        field_mode,
        ("search.name", "%stone"),
    ];
    expect(&server, &mixed, &["heidi", "erin", "Bob_Stone"]).await;
    let mixed = [
        ("search.username", "%r%"),
        ("mode.name", "exact"),
        ("search.name", "%stone"),
    ];
    expect(&server, &mixed, &["Grace", "frank", "erin", "carol"]).await;
}

#[tokio::test]

async fn case_folding_covers_non_ascii_letters() {
    let server = TestServer::start().await;
    seed(&server).await;
    let body = json!({"username": "emile", "name": "Émile Zola", "primaryEmail": "Émile@Zola.fr"});
    server.create_user(body).await;
    expect(&server, &[("search.name", "%émile%")], &["emile"]).await;
    expect(&server, &[("search.name", "%ÉMILE%")], &["emile"]).await;
    let exact = ("mode", "exact");
    expect(&server, &[("search.name", "émile zola"), exact], &["emile"]).await;
    expect(
        &server,
        &[("search.primaryEmail", "émile@zola.fr"), exact],
        &["emile"],
    )
    .await;
    let cs = ("isCaseSensitive", "true");
    expect(&server, &[("search.name", "%émile%"), cs], &[]).await;
}
