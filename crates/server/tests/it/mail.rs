//! Mail: queued in the database, delivered by the worker to a real SMTP server
//! (aiosmtpd on loopback) or to the outbox folder; outages and restarts lose nothing.

use std::path::Path;
use std::sync::Arc;

use crate::smtp::worker::{Worker, row, wait_row};
use crate::smtp::{SmtpServer, aiosmtpd_available, free_port};
use serde_json::Value;
use tenantry_server::clock::{Clock, ManualClock};
use tenantry_server::mail::{MailConfig, Mailer, SmtpTls, open_queue, templates};

const LINK: &str = "https://portal.test/reset-password?token=Zm9vYmFy-0123456789";

/// A migrated database (through the store, as the server starts) and its URL.
async fn database(dir: &Path) -> String {
    let url = crate::common::database_url(dir).await;
    tenantry_server::store::connect(&url)
        .await
        .expect("store migrates");
    url
}

fn smtp_config(port: u16) -> MailConfig {
    MailConfig {
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: port,
        smtp_tls: SmtpTls::None,
        mail_from: "Acme <no-reply@acme.test>".into(),
        product_name: "Acme".into(),
        ..MailConfig::default()
    }
}

async fn mailer(url: &str, config: &MailConfig, dir: &Path, clock: Arc<dyn Clock>) -> Mailer {
    let queue = open_queue(url).await.expect("queue opens");
    Mailer::new(queue, config, dir, clock).expect("mailer")
}

fn reset_mail() -> tenantry_server::mail::Mail {
    templates::password_reset("Acme", Some("Jane"), LINK).to("Jane <jane@example.com>")
}

fn assert_reset_mail(message: &Value) {
    assert_eq!(message["subject"], "Reset your Acme password");
    assert_eq!(message["from"], "Acme <no-reply@acme.test>");
    assert_eq!(message["to"], "Jane <jane@example.com>");
    let text = message["text"].as_str().expect("a plain text part");
    assert!(text.starts_with("Hello Jane,"), "{text}");
    assert!(text.contains(LINK), "{text}");
    let html = message["html"].as_str().expect("an HTML part");
    assert!(html.contains(&format!("<a href=\"{LINK}\">")), "{html}");
}

#[tokio::test]
async fn a_reset_mail_arrives_at_the_smtp_server() {
    if !aiosmtpd_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = database(dir.path()).await;
    let server = SmtpServer::start(free_port(), &dir.path().join("received"));
    let config = smtp_config(server.port);
    let mailer = mailer(&url, &config, dir.path(), Arc::new(ManualClock::new())).await;
    let worker = Worker::start(&mailer);

    let id = mailer.enqueue(&reset_mail()).await.unwrap();
    let received = server.wait_for(1).await;
    assert_reset_mail(&received[0]);
    assert_eq!(received[0]["mail_from"], "no-reply@acme.test");
    assert_eq!(
        received[0]["rcpt_tos"],
        serde_json::json!(["jane@example.com"])
    );
    let sent = wait_row(&mailer, &id, |r| r.sent_at.is_some()).await;
    assert_eq!((sent.attempts, sent.last_error), (0, None));
    worker.stop().await;
    assert!(
        !dir.path().join("outbox").exists(),
        "SMTP mode writes no outbox"
    );
}

#[tokio::test]
async fn without_smtp_the_outbox_holds_a_readable_eml() {
    let dir = tempfile::tempdir().unwrap();
    let url = database(dir.path()).await;
    let config = MailConfig {
        product_name: "Acme".into(),
        mail_from: "Acme <no-reply@acme.test>".into(),
        ..MailConfig::default()
    };
    let mailer = mailer(&url, &config, dir.path(), Arc::new(ManualClock::new())).await;
    let id = mailer.enqueue(&reset_mail()).await.unwrap();
    assert_eq!(mailer.deliver_due().await.unwrap(), 1);

    let eml = dir.path().join("outbox").join(format!("{id}.eml"));
    let message = crate::smtp::read_eml(&eml);
    assert_reset_mail(&message);
    assert_eq!(message["defects"], 0, "{}", message["raw"]);
    assert!(message["date"].as_str().is_some_and(|d| d != "None"));
    assert_eq!(message["message_id"], format!("<{id}@acme.test>"));
    assert!(row(&mailer, &id).await.sent_at.is_some());
    assert_eq!(mailer.deliver_due().await.unwrap(), 0, "sent once only");
    assert_eq!(
        std::fs::read_dir(dir.path().join("outbox"))
            .unwrap()
            .count(),
        1
    );
}

#[tokio::test]
async fn an_smtp_outage_delays_the_mail_and_loses_nothing() {
    if !aiosmtpd_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = database(dir.path()).await;
    let port = free_port();
    let clock = Arc::new(ManualClock::new());
    let mailer = mailer(&url, &smtp_config(port), dir.path(), clock.clone()).await;
    let worker = Worker::start(&mailer);

    // Nothing listens: the first attempt fails, and the row waits 5 s for the next.
    let queued_at = clock.now_ms();
    let id = mailer.enqueue(&reset_mail()).await.unwrap();
    let failed = wait_row(&mailer, &id, |r| r.attempts > 0).await;
    assert_eq!(failed.attempts, 1);
    crate::common::assert_soon_after(
        &serde_json::json!(failed.next_attempt_at),
        queued_at + 5_000,
    );
    assert!(failed.last_error.is_some() && failed.sent_at.is_none());

    // The server is back, but the retry is not due yet.
    let server = SmtpServer::start(port, &dir.path().join("received"));
    assert_eq!(
        mailer.deliver_due().await.unwrap(),
        0,
        "retried before its time"
    );
    assert!(server.messages().is_empty(), "retried before its time");

    clock.advance_ms(5_000);
    mailer.wake();
    let received = server.wait_for(1).await;
    assert_reset_mail(&received[0]);
    let sent = wait_row(&mailer, &id, |r| r.sent_at.is_some()).await;
    assert_eq!(sent.attempts, 1, "the failed attempt stays on record");

    // Later polls and wake-ups send nothing again.
    clock.advance_ms(3_600_000);
    assert_eq!(
        mailer.deliver_due().await.unwrap(),
        0,
        "delivered exactly once"
    );
    assert_eq!(server.messages().len(), 1, "delivered exactly once");
    worker.stop().await;
}

#[tokio::test]
async fn a_restart_resumes_the_queue() {
    if !aiosmtpd_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = database(dir.path()).await;
    let port = free_port();
    let clock = Arc::new(ManualClock::new());

    // Queued by a server whose worker never got to send (stopped before delivery).
    let before = mailer(&url, &smtp_config(port), dir.path(), clock.clone()).await;
    let first = before.enqueue(&reset_mail()).await.unwrap();
    let invite = templates::invitation("Acme", "Globex", "Hank", "https://portal.test/i/1");
    let second = before.enqueue(&invite.to("bob@example.com")).await.unwrap();
    drop(before);

    let server = SmtpServer::start(port, &dir.path().join("received"));
    let after = mailer(&url, &smtp_config(port), dir.path(), clock.clone()).await;
    let worker = Worker::start(&after);
    let received = server.wait_for(2).await;
    let subjects: Vec<&str> = received
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect();
    assert!(
        subjects.contains(&"Reset your Acme password"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"Hank invited you to Globex on Acme"),
        "{subjects:?}"
    );
    for id in [first, second] {
        wait_row(&after, &id, |r| r.sent_at.is_some()).await;
    }
    worker.stop().await;
    assert_eq!(server.messages().len(), 2);
}

#[tokio::test]
async fn a_bad_recipient_is_refused_before_queuing() {
    let dir = tempfile::tempdir().unwrap();
    let url = database(dir.path()).await;
    let mailer = mailer(
        &url,
        &MailConfig::default(),
        dir.path(),
        Arc::new(ManualClock::new()),
    )
    .await;
    let mail = templates::password_reset("Acme", None, LINK).to("not an address");
    assert!(mailer.enqueue(&mail).await.is_err());
    assert_eq!(mailer.deliver_due().await.unwrap(), 0);
}

#[tokio::test]
async fn two_servers_on_one_database_send_each_mail_once() {
    if !aiosmtpd_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = database(dir.path()).await;
    let server = SmtpServer::start(free_port(), &dir.path().join("received"));
    let config = smtp_config(server.port);
    let clock = Arc::new(ManualClock::new());
    let one = mailer(&url, &config, dir.path(), clock.clone()).await;
    let two = mailer(&url, &config, dir.path(), clock.clone()).await;
    for n in 0..8 {
        one.enqueue(&reset_mail().content.to(format!("user{n}@example.com")))
            .await
            .unwrap();
    }
    let (a, b) = tokio::join!(one.deliver_due(), two.deliver_due());
    assert_eq!(a.unwrap() + b.unwrap(), 8);
    let mut recipients: Vec<String> = server
        .wait_for(8)
        .await
        .iter()
        .map(|m| m["to"].as_str().unwrap().to_owned())
        .collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 8);
    let (a, b) = tokio::join!(one.deliver_due(), two.deliver_due());
    assert_eq!(a.unwrap() + b.unwrap(), 0, "no mail sent twice");
    assert_eq!(server.messages().len(), 8, "no mail sent twice");
}
