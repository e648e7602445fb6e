//! Two server processes on one database (PostgreSQL, or one SQLite file) race to
//! demote the last two tenant admins, by every route that can take the role away or
//! suspend; the store's locked transaction must let exactly one of each pair through.

use std::time::Instant;

use reqwest::Method;
use serde_json::json;

use crate::db_probe::DbProbe;
use crate::server_process::{ServerProcess, TwoServers};

const ROUNDS: usize = 200;

#[derive(Debug, Clone, Copy)]
enum Demotion {
    RemoveRole,
    PutNoRoles,
    RoleUsersDelete,
    Suspend,
}

const DEMOTIONS: [Demotion; 4] = [
    Demotion::RemoveRole,
    Demotion::PutNoRoles,
    Demotion::RoleUsersDelete,
    Demotion::Suspend,
];

/// Tries to take `user`'s tenant-admin standing away; the answer's status.
async fn demote(server: &ServerProcess, how: Demotion, user: &str, role: &str) -> u16 {
    let request = match how {
        Demotion::RemoveRole => {
            server.api(Method::DELETE, &format!("/api/users/{user}/roles/{role}"))
        }
        Demotion::PutNoRoles => server
            .api(Method::PUT, &format!("/api/users/{user}/roles"))
            .json(&json!({ "roleIds": [] })),
        Demotion::RoleUsersDelete => {
            server.api(Method::DELETE, &format!("/api/roles/{role}/users/{user}"))
        }
        Demotion::Suspend => server
            .api(Method::PATCH, &format!("/api/users/{user}/is-suspended"))
            .json(&json!({ "isSuspended": true })),
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    if status == 422 {
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], "role.last_admin", "{body}");
    }
    status
}

/// Makes `user` an active tenant admin again.
async fn restore(server: &ServerProcess, user: &str, role: &str) {
    let unsuspend = server
        .api(Method::PATCH, &format!("/api/users/{user}/is-suspended"))
        .json(&json!({ "isSuspended": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(unsuspend.status(), 200);
    let grant = server
        .api(Method::POST, &format!("/api/users/{user}/roles"))
        .json(&json!({ "roleIds": [role] }))
        .send()
        .await
        .unwrap();
    assert!(grant.status().is_success(), "{}", grant.status());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_racing_to_demote_the_last_two_admins_never_leave_none() {
    let TwoServers {
        first,
        second,
        database_url: url,
        dir: _dir,
    } = TwoServers::start().await;
    let mut db = DbProbe::connect(&url).await;

    let role = db.tenant_admin_role().await;
    let admin = db
        .texts::<1>("SELECT id FROM users WHERE username = $1", "admin")
        .await[0]
        .clone()
        .unwrap();
    let created: serde_json::Value = first
        .api(Method::POST, "/api/users")
        .json(&json!({ "username": "second_admin" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let other = created["id"].as_str().unwrap().to_owned();
    restore(&first, &other, &role).await;
    assert_eq!(db.active_tenant_admins().await, 2);

    let started = Instant::now();
    for round in 0..ROUNDS {
        let (one_way, other_way) = (DEMOTIONS[round % 4], DEMOTIONS[(round / 4) % 4]);
        // Alternate which process demotes which admin.
        let (a, b) = if round % 2 == 0 {
            (&admin, &other)
        } else {
            (&other, &admin)
        };
        let (x, y) = tokio::join!(
            demote(&first, one_way, a, &role),
            demote(&second, other_way, b, &role)
        );
        let admins = db.active_tenant_admins().await;
        assert_eq!(
            admins, 1,
            "round {round} ({one_way:?} vs {other_way:?}): answers {x} and {y} left {admins} active admins"
        );
        let passed = [x, y].iter().filter(|s| (200..300).contains(*s)).count();
        assert_eq!(passed, 1, "round {round}: answers {x} and {y}");
        assert!([x, y].contains(&422), "round {round}: answers {x} and {y}");
        restore(&first, a, &role).await;
        restore(&second, b, &role).await;
        assert_eq!(db.active_tenant_admins().await, 2, "round {round} restored");
    }
    eprintln!(
        "{ROUNDS} demotion races on {} took {:?}",
        if url.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        started.elapsed()
    );

    // The rule on deletion holds too: an admin cannot be deleted by either instance.
    for server in [&first, &second] {
        let response = server
            .api(Method::DELETE, &format!("/api/users/{admin}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
    }
    assert_eq!(
        db.int("SELECT count(*) FROM users WHERE id = $1", &admin)
            .await,
        1
    );
}

/// One instance deletes a user while the other makes them a tenant admin (by either
/// route): one of the two wins, cleanly. It used to deadlock on PostgreSQL now and then
/// (a 500): the grant held the user's row and waited for the role, the delete the other
/// way round.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_user_while_another_instance_makes_them_admin_never_fails() {
    let TwoServers {
        first,
        second,
        database_url: url,
        dir: _dir,
    } = TwoServers::start().await;
    let mut db = DbProbe::connect(&url).await;
    let role = db.tenant_admin_role().await;
    for round in 0..60 {
        let created: serde_json::Value = first
            .api(Method::POST, "/api/users")
            .json(&json!({ "username": format!("raced_{round}") }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let user = created["id"].as_str().unwrap().to_owned();
        let grant = if round % 2 == 0 {
            second
                .api(Method::POST, &format!("/api/users/{user}/roles"))
                .json(&json!({ "roleIds": [role] }))
        } else {
            second
                .api(Method::POST, &format!("/api/roles/{role}/users"))
                .json(&json!({ "userIds": [user] }))
        };
        let delete = first.api(Method::DELETE, &format!("/api/users/{user}"));
        let (deleted, granted) = tokio::join!(delete.send(), grant.send());
        let (deleted, granted) = (
            deleted.unwrap().status().as_u16(),
            granted.unwrap().status().as_u16(),
        );
        let exists = db
            .int("SELECT count(*) FROM users WHERE id = $1", &user)
            .await;
        let memberships = db
            .int("SELECT count(*) FROM users_roles WHERE user_id = $1", &user)
            .await;
        let outcome = format!("round {round}: delete {deleted}, grant {granted}");
        if deleted == 204 {
            assert!([404, 422].contains(&granted), "{outcome}");
            assert_eq!((exists, memberships), (0, 0), "{outcome}");
        } else {
            assert_eq!(deleted, 422, "{outcome}: the admin is kept");
            assert!((200..300).contains(&granted), "{outcome}");
            assert_eq!((exists, memberships), (1, 1), "{outcome}");
        }
    }
}
