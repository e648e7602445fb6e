//! The audit log: one row per mutation, password check, token exchange and recovery
//! step, in Logto's shape; filters and pages over `/api/logs`; never a secret.

use crate::common::*;
use reqwest::header::{HeaderMap, USER_AGENT};
use reqwest::{Method, Response};
use serde_json::{Value, json};
use sqlx::{Connection, PgConnection, SqliteConnection};
use tenantry_server::clock::Clock;

const AGENT: &str = "audit-test/1.0";
const PASSWORD: &str = "Corr3ct-Horse-Battery";

/// Moves the server's clock, so each row gets its own `createdAt` and newest-first
/// order is well defined; returns the new time.
fn tick(server: &TestServer) -> i64 {
    server.clock.advance_ms(1000);
    server.clock.now_ms()
}

/// `GET /api/logs…` (or any log list) with its headers.
async fn list(server: &TestServer, path_and_query: &str) -> (Vec<Value>, HeaderMap) {
    let response = server.get(path_and_query).await;
    assert_eq!(response.status(), 200, "{path_and_query}");
    let headers = response.headers().clone();
    (response.json().await.unwrap(), headers)
}

async fn logs(server: &TestServer, query: &str) -> Vec<Value> {
    let (rows, _) = list(server, &format!("/api/logs?page_size=100&{query}")).await;
    rows
}

/// Each row as `<key> <result> <error code> <userId>` (`-` where absent), newest first.
fn lines(rows: &[Value]) -> Vec<String> {
    let text = |v: &Value| v.as_str().unwrap_or("-").to_owned();
    let line = |row: &Value| {
        let p = &row["payload"];
        assert_eq!(row["key"], p["key"], "the payload repeats the key");
        [&p["key"], &p["result"], &p["error"]["code"], &p["userId"]]
            .map(text)
            .join(" ")
    };
    rows.iter().map(line).collect()
}

/// A Management API call carrying a user agent.
async fn call(server: &TestServer, method: Method, path: &str, body: Value) -> Response {
    let request = server.api(method, path).header(USER_AGENT, AGENT);
    request.json(&body).send().await.unwrap()
}

async fn verify(server: &TestServer, id: &str, password: &str) -> u16 {
    let path = format!("/api/users/{id}/password/verify");
    let body = json!({ "password": password });
    server.post(&path, body).await.status().as_u16()
}

async fn exchange(server: &TestServer, client_id: &str, secret: &str) -> u16 {
    let form = [
        ("grant_type", "client_credentials"),
        ("resource", INDICATOR),
    ];
    let request = server
        .client
        .post(server.url("/oidc/token"))
        .header(USER_AGENT, AGENT);
    let request = request.basic_auth(client_id, Some(secret)).form(&form);
    request.send().await.unwrap().status().as_u16()
}

async fn public_post(server: &TestServer, path: &str, body: Value) -> Response {
    let request = server.client.post(server.url(path)).json(&body);
    request.send().await.unwrap()
}

/// The reset token from the one queued mail, read from the mail queue table.
async fn reset_token_from_mail(server: &TestServer) -> String {
    let url = &server.config.database_url.as_ref().unwrap().0;
    let sql = "SELECT text_body FROM mail_queue";
    let bodies: Vec<String> = if url.starts_with("postgres") {
        let mut db = PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&mut db).await.unwrap()
    } else {
        let mut db = SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_all(&mut db).await.unwrap()
    };
    assert_eq!(bodies.len(), 1, "one queued mail");
    let (_, rest) = bodies[0].split_once("token=").expect("a reset link");
    rest.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn new_user(server: &TestServer, body: Value) -> String {
    tick(server);
    let user = server.create_user(body).await;
    user["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn user_mutations_leave_one_row_each() {
    let server = TestServer::start().await;
    let created_at = tick(&server);
    let body = json!({"username": "ann"});
    let created = call(&server, Method::POST, "/api/users", body);
    let ann = created.await.json::<Value>().await.unwrap()["id"].clone();
    let ann = ann.as_str().unwrap();
    tick(&server);
    let taken = server.post("/api/users", json!({"username": "ann"})).await;
    expect_error(taken, 422, "user.username_already_in_use").await;
    tick(&server);
    let path = format!("/api/users/{ann}");
    let updated = server.patch(&path, json!({"name": "Ann"})).await;
    assert_eq!(updated.status(), 200);
    tick(&server);
    assert_eq!(server.delete(&path).await.status(), 204);

    let all = logs(&server, "").await;
    let expected = [
        format!("Management.User.Delete Success - {ann}"),
        format!("Management.User.Update Success - {ann}"),
        "Management.User.Create Error user.username_already_in_use -".into(),
        format!("Management.User.Create Success - {ann}"),
        "ExchangeTokenBy.ClientCredentials Success - -".into(),
    ];
    assert_eq!(lines(&all), expected, "exactly these rows, newest first");
    let row = &all[3];
    let mut fields: Vec<&String> = row.as_object().unwrap().keys().collect();
    fields.sort_unstable();
    assert_eq!(fields, ["createdAt", "id", "key", "payload"]);
    assert_soon_after(&row["createdAt"], created_at);
    let payload = &row["payload"];
    assert_eq!(payload["applicationId"], CLIENT_ID, "the calling M2M app");
    assert_eq!(payload["ip"], "127.0.0.1");
    assert_eq!(payload["userAgent"], AGENT);
}

#[tokio::test]
async fn a_users_history_starts_with_its_creation() {
    let server = TestServer::start().await;
    let id = new_user(&server, json!({"username": "ann"})).await;
    let (rows, _) = list(&server, &format!("/api/users/{id}/logs")).await;
    assert_eq!(
        lines(&rows),
        [format!("Management.User.Create Success - {id}")]
    );
}

#[tokio::test]
async fn password_checks_log_success_failure_and_lock() {
    // The account ceiling at 5, so five failures lock as before the per-address policy.
    let server = TestServer::start_with_lockout(1_000, 5).await;
    let id = new_user(&server, json!({"username": "bob", "password": PASSWORD})).await;
    tick(&server);
    assert_eq!(verify(&server, &id, PASSWORD).await, 204);
    for _ in 0..5 {
        tick(&server);
        assert_eq!(verify(&server, &id, "wrong-password").await, 422);
    }
    tick(&server);
    assert_eq!(verify(&server, &id, PASSWORD).await, 423, "locked");
    tick(&server);
    let unlock = format!("/api/users/{id}/unlock");
    let unlock = call(&server, Method::POST, &unlock, json!({}));
    assert_eq!(unlock.await.status(), 200);

    let (rows, headers) = list(&server, &format!("/api/users/{id}/logs")).await;
    assert_eq!(headers["total-number"], "9");
    let verify = "Management.User.VerifyPassword";
    let mut expected = vec![
        format!("Management.User.Unlock Success - {id}"),
        format!("{verify} Error user.locked {id}"),
    ];
    let invalid = format!("{verify} Error session.invalid_credentials {id}");
    expected.extend(vec![invalid; 5]);
    expected.push(format!("{verify} Success - {id}"));
    expected.push(format!("Management.User.Create Success - {id}"));
    assert_eq!(lines(&rows), expected);
    assert_eq!(rows[0]["payload"]["userAgent"], AGENT);
}

#[tokio::test]
async fn token_exchanges_log_success_and_failure() {
    let server = TestServer::start().await;
    tick(&server);
    assert_eq!(exchange(&server, CLIENT_ID, CLIENT_SECRET).await, 200);
    tick(&server);
    assert_eq!(exchange(&server, CLIENT_ID, "Wr0ngSecret").await, 401);
    tick(&server);
    assert_eq!(exchange(&server, "nosuchclient", CLIENT_SECRET).await, 401);

    let rows = logs(&server, "logKey=ExchangeTokenBy.ClientCredentials").await;
    let key = "ExchangeTokenBy.ClientCredentials";
    let failed = format!("{key} Error oidc.invalid_client -");
    let ok = format!("{key} Success - -");
    assert_eq!(
        lines(&rows),
        [failed.clone(), failed, ok.clone(), ok],
        "the last is the harness's"
    );
    let apps: Vec<&Value> = rows
        .iter()
        .map(|r| &r["payload"]["applicationId"])
        .collect();
    assert_eq!(apps, ["nosuchclient", CLIENT_ID, CLIENT_ID, CLIENT_ID]);
    assert_eq!(rows[0]["payload"]["userAgent"], AGENT);
    assert_eq!(rows[0]["payload"]["ip"], "127.0.0.1");
    // A success names the secret used (never its value); a failure names none.
    assert_eq!(
        rows[2]["payload"]["applicationSecret"],
        json!({ "name": "default" })
    );
    assert!(rows[0]["payload"].get("applicationSecret").is_none());
    assert!(!rows[2].to_string().contains(CLIENT_SECRET));

    let by_app = logs(&server, "applicationId=nosuchclient").await;
    assert_eq!(by_app, rows[..1], "filtered by application");
}

#[tokio::test]
async fn a_malformed_token_request_is_logged_as_a_failure() {
    let server = TestServer::start().await;
    let request = server.client.post(server.url("/oidc/token"));
    let request = request.header("authorization", "Basic !!!");
    let form = [("grant_type", "client_credentials")];
    assert_eq!(request.form(&form).send().await.unwrap().status(), 400);
    let rows = logs(&server, "logKey=ExchangeTokenBy.ClientCredentials").await;
    let key = "ExchangeTokenBy.ClientCredentials";
    let expected = [
        format!("{key} Error oidc.invalid_request -"),
        format!("{key} Success - -"),
    ];
    assert_eq!(lines(&rows), expected);
}

#[tokio::test]
async fn recovery_request_and_reset_are_logged() {
    let server = TestServer::start().await;
    let body = json!({"username": "cat", "primaryEmail": "cat@example.com"});
    let id = new_user(&server, body).await;
    tick(&server);
    let recover = format!("/api/users/{id}/recover-password");
    assert_eq!(server.post(&recover, json!({})).await.status(), 200);
    let token = reset_token_from_mail(&server).await;
    let reset = json!({"token": token, "password": PASSWORD});
    tick(&server);
    let first = public_post(&server, "/api/password-reset", reset.clone()).await;
    assert_eq!(first.status(), 200);
    tick(&server);
    let again = public_post(&server, "/api/password-reset", reset).await;
    expect_error(again, 400, "password_reset.invalid_token").await;
    for email in ["cat@example.com", "nobody@example.com"] {
        tick(&server);
        let asked = public_post(&server, "/api/recover-password", json!({ "email": email }));
        assert_eq!(asked.await.status(), 200);
    }

    let rows = logs(&server, "").await;
    let (request, reset) = ("PasswordRecovery.Request", "PasswordRecovery.Reset");
    let expected = [
        format!("{request} Error - -"),
        format!("{request} Success - {id}"),
        format!("{reset} Error password_reset.invalid_token -"),
        format!("{reset} Success - {id}"),
        format!("Management.User.RecoverPassword Success - {id}"),
        format!("Management.User.Create Success - {id}"),
        "ExchangeTokenBy.ClientCredentials Success - -".into(),
    ];
    assert_eq!(lines(&rows), expected);
    for row in &rows[..4] {
        assert_eq!(row["payload"]["ip"], "127.0.0.1", "the caller's address");
    }
}

#[tokio::test]
async fn filters_pages_and_single_rows() {
    let server = TestServer::start().await;
    let mut ids = Vec::new();
    let mut times = Vec::new();
    for name in ["u1", "u2", "u3"] {
        ids.push(new_user(&server, json!({ "username": name })).await);
    }
    for id in &ids {
        times.push(tick(&server));
        let path = format!("/api/users/{id}");
        assert_eq!(
            server.patch(&path, json!({"name": "x"})).await.status(),
            200
        );
    }
    let (u1, u2, u3) = (ids[0].as_str(), ids[1].as_str(), ids[2].as_str());
    let key = "logKey=Management.User.Update";
    let of = |rows: &[Value]| -> Vec<String> {
        let id = |r: &Value| r["payload"]["userId"].as_str().unwrap().to_owned();
        rows.iter().map(id).collect()
    };

    let (page1, headers) = list(&server, &format!("/api/logs?{key}&page_size=2")).await;
    assert_eq!(headers["total-number"], "3");
    assert_eq!(of(&page1), [u3, u2], "newest first");
    assert_soon_after(&page1[0]["createdAt"], times[2]);
    let next = format!("<http://tenantry.test/api/logs?{key}&page_size=2&page=2>; rel=\"next\"");
    let links = headers.get_all("link");
    assert!(links.iter().any(|v| v == next.as_str()), "{links:?}");
    let (page2, _) = list(&server, &format!("/api/logs?{key}&page_size=2&page=2")).await;
    assert_eq!(of(&page2), [u1]);

    let (from, to) = (times[1] - 500, times[1] + 500);
    let middle = logs(&server, &format!("{key}&start_time={from}&end_time={to}")).await;
    assert_eq!(of(&middle), [u2]);
    let since = logs(&server, &format!("{key}&start_time={from}")).await;
    assert_eq!(of(&since), [u3, u2]);
    let until = logs(&server, &format!("{key}&end_time={to}")).await;
    assert_eq!(of(&until), [u2, u1]);
    let inverted = server.get("/api/logs?start_time=2000&end_time=1000").await;
    expect_error(inverted, 400, "log.invalid_time_window").await;

    let of_u2 = logs(&server, &format!("userId={u2}")).await;
    assert!(!of_u2.is_empty());
    assert!(of_u2.iter().all(|r| r["payload"]["userId"] == u2));
    let (history, _) = list(&server, &format!("/api/users/{u2}/logs?page_size=100")).await;
    assert_eq!(history, of_u2, "a user's history is the userId filter");
    let by_app = logs(&server, &format!("applicationId={CLIENT_ID}")).await;
    assert_eq!(by_app.len(), 7, "the harness's token, 3 creates, 3 updates");

    let path = format!("/api/logs/{}", page1[0]["id"].as_str().unwrap());
    let one = server.get(&path).await;
    assert_eq!(one.status(), 200);
    assert_eq!(one.json::<Value>().await.unwrap(), page1[0]);
    let missing = server.get("/api/logs/nosuchlog000").await;
    expect_error(missing, 404, "entity.not_exists_with_id").await;
}

#[tokio::test]
async fn get_requests_are_not_logged() {
    let server = TestServer::start().await;
    let id = new_user(&server, json!({"username": "dan"})).await;
    let total = |headers: HeaderMap| headers["total-number"].to_str().unwrap().to_owned();
    let before = total(list(&server, "/api/logs").await.1);
    assert_eq!(before, "2");
    for path in [
        "/api/users".to_owned(),
        format!("/api/users/{id}"),
        format!("/api/users/{id}/roles"),
        format!("/api/users/{id}/logs"),
        "/api/logs".to_owned(),
    ] {
        assert_eq!(server.get(&path).await.status(), 200, "{path}");
    }
    assert_eq!(total(list(&server, "/api/logs").await.1), before);
}

#[tokio::test]
async fn no_secret_reaches_a_payload() {
    let server = TestServer::start().await;
    let body = json!({"username": "eve", "password": PASSWORD, "primaryEmail": "eve@example.com"});
    let id = new_user(&server, body).await;
    let (new_password, reset_password) = ("N3w-Passw0rd-Here", "Res3t-Passw0rd-Here");
    let wrong = "Wr0ngSecretWr0ngSecret";
    assert_eq!(verify(&server, &id, PASSWORD).await, 204);
    assert_eq!(verify(&server, &id, wrong).await, 422);
    let path = format!("/api/users/{id}/password");
    let set = server
        .patch(&path, json!({ "password": new_password }))
        .await;
    assert_eq!(set.status(), 200);
    assert_eq!(exchange(&server, CLIENT_ID, wrong).await, 401);
    let token = server.fetch_token("all").await;
    let url = server.url(&format!("/api/users/{id}/recover-password"));
    let sent = server.client.post(url).bearer_auth(&token).json(&json!({}));
    assert_eq!(sent.send().await.unwrap().status(), 200);
    let reset_token = reset_token_from_mail(&server).await;
    let reset = json!({"token": reset_token, "password": reset_password});
    let reset = public_post(&server, "/api/password-reset", reset).await;
    assert_eq!(reset.status(), 200);

    let rows = logs(&server, "").await;
    assert_eq!(rows.len(), 9, "{:?}", lines(&rows));
    let text = serde_json::to_string(&rows).unwrap();
    for secret in [
        PASSWORD,
        new_password,
        reset_password,
        wrong,
        CLIENT_SECRET,
        ADMIN_PASSWORD,
        token.as_str(),
        reset_token.as_str(),
    ] {
        assert!(!text.contains(secret), "a log payload holds {secret}");
    }
}
