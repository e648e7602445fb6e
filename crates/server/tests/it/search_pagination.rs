//! Pagination of `GET /api/users`: `page`, `page_size`, `Total-Number` and `Link`.

use crate::common::*;
use reqwest::Method;
use serde_json::{Value, json};

const BASE: &str = "http://tenantry.test/api/users";

/// 21 members a millisecond or more apart, plus the admin: 22 users.
async fn seed(server: &TestServer) {
    for n in 1..=21 {
        server
            .create_user(json!({"username": format!("member{n:02}")}))
            .await;
        server.clock.advance_ms(2);
    }
}

struct Page {
    usernames: Vec<String>,
    total: String,
    link: String,
}

async fn page(server: &TestServer, query: &[(&str, &str)]) -> Page {
    let response = server
        .api(Method::GET, "/api/users")
        .query(query)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{query:?}");
    let headers = response.headers();
    let total = headers["total-number"].to_str().unwrap().to_owned();
    let links: Vec<&str> = headers
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let link = links.join(", ");
    let users: Vec<Value> = response.json().await.unwrap();
    let usernames = users
        .iter()
        .map(|u| u["username"].as_str().unwrap().to_owned())
        .collect();
    Page {
        usernames,
        total,
        link,
    }
}

/// Members `from` down to `to`, newest first.
fn members(from: u32, to: u32) -> Vec<String> {
    (to..=from).rev().map(|n| format!("member{n:02}")).collect()
}

/// The Link header value for these (query, relation) pairs.
fn links(values: &[(&str, &str)]) -> String {
    let parts: Vec<String> = values
        .iter()
        .map(|(query, rel)| format!("<{BASE}?{query}>; rel=\"{rel}\""))
        .collect();
    parts.join(", ")
}

#[tokio::test]
async fn pages_walk_the_whole_list_newest_first() {
    let server = TestServer::start().await;
    seed(&server).await;
    let mut everyone = members(21, 1);
    everyone.push("admin".into());

    let all = page(&server, &[("page_size", "100")]).await;
    assert_eq!(
        (all.usernames.clone(), all.total.as_str()),
        (everyone.clone(), "22")
    );

    // The default page size is 20.
    let first = page(&server, &[]).await;
    assert_eq!(first.usernames, everyone[..20]);
    assert_eq!(first.total, "22");
    let second = page(&server, &[("page", "2")]).await;
    assert_eq!(second.usernames, everyone[20..]);

    let mut walked = Vec::new();
    for n in ["1", "2", "3", "4", "5"] {
        let one = page(&server, &[("page", n), ("page_size", "5")]).await;
        assert_eq!(one.total, "22", "page {n}");
        assert_eq!(
            one.usernames.len(),
            if n == "5" { 2 } else { 5 },
            "page {n}"
        );
        walked.extend(one.usernames);
    }
    assert_eq!(walked, everyone, "pages neither skip nor repeat anyone");

    let beyond = page(&server, &[("page", "6"), ("page_size", "5")]).await;
    assert!(beyond.usernames.is_empty());
    assert_eq!(beyond.total, "22");

    // Pages of a search count only the matches.
    let query = [
        ("search.username", "member1%"),
        ("page", "2"),
        ("page_size", "4"),
    ];
    let found = page(&server, &query).await;
    assert_eq!(found.usernames, members(15, 12));
    assert_eq!(found.total, "10");
}

#[tokio::test]
async fn link_names_first_prev_last_and_next() {
    let server = TestServer::start().await;
    seed(&server).await;

    let only = page(&server, &[]).await;
    assert_eq!(
        only.link,
        links(&[("page=1", "first"), ("page=2", "last"), ("page=2", "next")])
    );

    let first = page(&server, &[("page_size", "5")]).await;
    let expected = links(&[
        ("page_size=5&page=1", "first"),
        ("page_size=5&page=5", "last"),
        ("page_size=5&page=2", "next"),
    ]);
    assert_eq!(
        first.link, expected,
        "page is added after the other parameters"
    );

    let middle = page(&server, &[("page", "3"), ("page_size", "5")]).await;
    let expected = links(&[
        ("page=1&page_size=5", "first"),
        ("page=2&page_size=5", "prev"),
        ("page=5&page_size=5", "last"),
        ("page=4&page_size=5", "next"),
    ]);
    assert_eq!(middle.link, expected, "page keeps its place");

    let last = page(&server, &[("page_size", "5"), ("page", "5")]).await;
    let expected = links(&[
        ("page_size=5&page=1", "first"),
        ("page_size=5&page=4", "prev"),
        ("page_size=5&page=5", "last"),
    ]);
    assert_eq!(last.link, expected);

    let beyond = page(&server, &[("page", "9"), ("page_size", "5")]).await;
    let expected = links(&[
        ("page=1&page_size=5", "first"),
        ("page=8&page_size=5", "prev"),
        ("page=5&page_size=5", "last"),
    ]);
    assert_eq!(beyond.link, expected);

    // Search parameters are kept, in order and encoded.
    let query = [
        ("search.username", "member1%"),
        ("mode.username", "like"),
        ("page", "2"),
        ("page_size", "3"),
        ("isCaseSensitive", "false"),
    ];
    let search = page(&server, &query).await;
    let kept = |n: u32| {
        format!(
            "search.username=member1%25&mode.username=like&page={n}&page_size=3&isCaseSensitive=false"
        )
    };
    let (one, three, four) = (kept(1), kept(3), kept(4));
    let expected = links(&[
        (&one, "first"),
        (&one, "prev"),
        (&four, "last"),
        (&three, "next"),
    ]);
    assert_eq!(search.link, expected);
    assert_eq!(search.total, "10");

    let none = page(&server, &[("search.username", "nobody")]).await;
    assert_eq!(none.total, "0");
    let expected = links(&[
        ("search.username=nobody&page=1", "first"),
        ("search.username=nobody&page=1", "last"),
    ]);
    assert_eq!(none.link, expected, "an empty result has one page");
}

#[tokio::test]
async fn links_use_the_public_url_not_forwarded_headers() {
    let server = TestServer::start().await;
    seed(&server).await;
    let response = server
        .api(Method::GET, "/api/users?page_size=10")
        .header("x-forwarded-host", "evil.test")
        .header("x-forwarded-proto", "https")
        .header("host", "other.test")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    for link in response.headers().get_all("link") {
        let link = link.to_str().unwrap();
        assert!(link.starts_with(&format!("<{BASE}?")), "{link}");
    }
}

#[tokio::test]
async fn bad_pagination_values_answer_400() {
    let server = TestServer::start().await;
    seed(&server).await;
    let bad = [
        ("page", "0"),
        ("page", "-1"),
        ("page", "x"),
        ("page", "1.5"),
        ("page", ""),
        ("page_size", "0"),
        ("page_size", "-1"),
        ("page_size", "101"),
        ("page_size", "x"),
        ("page_size", "20.0"),
    ];
    for (key, value) in bad {
        for query in [
            vec![(key, value)],
            vec![("search", "%member%"), (key, value)],
        ] {
            let response = server
                .api(Method::GET, "/api/users")
                .query(&query)
                .send()
                .await
                .unwrap();
            expect_error(response, 400, "guard.invalid_pagination").await;
        }
    }
    let edge = page(&server, &[("page_size", "100"), ("page", "1")]).await;
    assert_eq!(edge.usernames.len(), 22);
    let one = page(&server, &[("page_size", "1"), ("page", "22")]).await;
    assert_eq!(one.usernames, ["admin"]);
}
