//! A signed-in user changes their email only by proving the new address: the profile
//! route refuses `primaryEmail`, and only the code mailed to the address changes it.
//! (Before, anyone could put an invitee's address on their account and be joined to
//! the inviting organization in the invitee's place.)

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{As, Server, Stack, expect_error};

/// The code of the newest verification mail in the server's outbox.
async fn mailed_code(server: &Server) -> String {
    server.state.mailer.deliver_due().await.unwrap();
    let mut newest: Option<(std::time::SystemTime, String)> = None;
    for entry in std::fs::read_dir(server.dir.path().join("outbox")).unwrap() {
        let entry = entry.unwrap();
        let modified = entry.metadata().unwrap().modified().unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if newest.as_ref().is_none_or(|(m, _)| modified > *m) {
            newest = Some((modified, text));
        }
    }
    let text = newest.expect("a mail in the outbox").1;
    let start = text
        .find("verification code: ")
        .expect("a code in the subject")
        + 19;
    text[start..start + 6].to_owned()
}

async fn email_of(server: &Server, id: &str) -> Value {
    server.get_json(&format!("/api/users/{id}")).await["primaryEmail"].clone()
}

#[tokio::test]
async fn an_unproven_address_never_becomes_ones_email() {
    let stack = Stack::start().await;
    let admin_id = stack.server.admin_id().await;
    let cookie = stack.admin_session().await;
    let who = As::Cookie(&cookie);
    let before = email_of(&stack.server, &admin_id).await;

    let claim = json!({ "primaryEmail": "frank@corp.example" });
    let refused = stack
        .call(Method::PATCH, "/auth/session/profile", &who, Some(claim))
        .await;
    let body = expect_error(refused, 400, "guard.invalid_input").await;
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("/auth/session/email")
    );
    assert_eq!(email_of(&stack.server, &admin_id).await, before);

    let asked = stack
        .call(
            Method::POST,
            "/auth/session/email",
            &who,
            Some(json!({ "email": "frank@corp.example" })),
        )
        .await;
    assert_eq!(asked.status(), 204);
    let code = mailed_code(&stack.server).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guessed = stack
        .call(
            Method::POST,
            "/auth/session/email/confirm",
            &who,
            Some(json!({ "code": wrong })),
        )
        .await;
    expect_error(guessed, 400, "verification_code.code_mismatch").await;
    assert_eq!(email_of(&stack.server, &admin_id).await, before);

    // Whoever reads the mailbox can finish the change.
    let confirmed = stack
        .call(
            Method::POST,
            "/auth/session/email/confirm",
            &who,
            Some(json!({ "code": code })),
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let session: Value = confirmed.json().await.unwrap();
    assert_eq!(session["primaryEmail"], "frank@corp.example");
    assert_eq!(
        email_of(&stack.server, &admin_id).await,
        "frank@corp.example"
    );
}

#[tokio::test]
async fn email_routes_need_a_session() {
    let stack = Stack::start().await;
    for path in ["/auth/session/email", "/auth/session/email/confirm"] {
        let response = stack
            .call(
                Method::POST,
                path,
                &As::Nobody,
                Some(json!({ "email": "a@b.co" })),
            )
            .await;
        assert_eq!(response.status(), 401, "{path}");
    }
}
