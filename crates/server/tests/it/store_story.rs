//! One story told straight to the store, through the `dyn Store` the server uses, so
//! the SQLite and the PostgreSQL implementation are held to the same answers (on
//! PostgreSQL when `TENANTRY_TEST_POSTGRES_URL` is set): users with a default role,
//! an admin, an organization with members and member roles, an application with a
//! secret and a role, linking and unlinking, search, lockout counts, the last admin
//! protected, and a deleted user's memberships gone with them.

use tenantry_server::builtin::TENANT_ADMIN_ROLE;
use tenantry_server::store::{
    ApplicationId, ApplicationRecord, ApplicationSecretRecord, Guarded, HeldRoleRecord, Linked,
    MatchMode, MemberFilter, NameWrite, OrganizationId, OrganizationRecord, OrganizationRoleId,
    OrganizationRoleIds, OrganizationRoleRecord, OrganizationScopeIds, RoleId, RoleIds, RoleRecord,
    ScopeIds, SearchMatch, Store, StoreError, Subject, UserId, UserIds, UserQuery, UserRecord,
    Window,
};

use crate::common::database_url;

const NOW: i64 = 1_700_000_000_000;
const ALL: Window = Window {
    limit: 100,
    offset: 0,
};

fn user(id: &str, username: &str) -> UserRecord {
    UserRecord {
        id: id.into(),
        username: Some(username.into()),
        primary_email: Some(format!("{username}@example.com")),
        primary_phone: None,
        name: Some(username.to_uppercase()),
        avatar: None,
        password_encrypted: None,
        password_encryption_method: None,
        custom_data: "{}".into(),
        identities: "{}".into(),
        profile: "{}".into(),
        application_id: None,
        is_suspended: false,
        last_sign_in_at: None,
        created_at: NOW,
        updated_at: NOW,
        session_epoch: 0,
        locked_until: None,
    }
}

fn role(id: &str, name: &str, role_type: &str, is_default: bool) -> RoleRecord {
    RoleRecord {
        id: id.into(),
        name: name.into(),
        description: format!("{name} role"),
        role_type: role_type.into(),
        is_default,
        created_at: NOW,
    }
}

fn ids(records: &[impl AsRef<str>]) -> Vec<String> {
    records.iter().map(|r| r.as_ref().to_owned()).collect()
}

fn role_ids(roles: &[RoleRecord]) -> Vec<&str> {
    roles.iter().map(|r| r.id.as_str()).collect()
}

fn user_ids(users: &[UserRecord]) -> Vec<&str> {
    users.iter().map(|u| u.id.as_str()).collect()
}

/// Users whose fields contain `text` (any case).
async fn search(store: &dyn Store, text: &str) -> (Vec<String>, i64) {
    let query = UserQuery {
        matches: vec![SearchMatch {
            field: None,
            mode: MatchMode::Like,
            values: vec![format!("%{text}%")],
        }],
        now: NOW,
        ..Default::default()
    };
    let (users, total) = store.search_users(&query, ALL).await.unwrap();
    (ids(&user_ids(&users)), total)
}

#[tokio::test]
async fn one_story_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(dir.path()).await;
    let store = tenantry_server::store::connect(&url).await.unwrap();
    let store: &dyn Store = &*store;

    // Roles: the protected admin role, a default role every new user gets, and an
    // application role.
    let admin = role("r-admin", TENANT_ADMIN_ROLE, "User", false);
    let viewer = role("r-viewer", "viewer", "User", true);
    let reader = role("r-reader", "reader", "MachineToMachine", false);
    for r in [&admin, &viewer, &reader] {
        assert!(store.insert_role(r, &[]).await.unwrap(), "{}", r.name);
    }
    let taken = role("r-other", "viewer", "User", false);
    assert!(!store.insert_role(&taken, &[]).await.unwrap(), "name taken");

    // Users get the default role on insert; a second user with the same username is refused.
    let (alice, bob) = (user("u-alice", "alice"), user("u-bob", "bob"));
    store.insert_user(&alice).await.unwrap();
    store.insert_user(&bob).await.unwrap();
    let clash = user("u-clash", "alice");
    assert!(matches!(
        store.insert_user(&clash).await,
        Err(StoreError::Unique(_))
    ));
    assert_eq!(store.user("u-alice").await.unwrap(), Some(alice.clone()));
    let (roles, total) = store.user_roles("u-alice", ALL).await.unwrap();
    assert_eq!((role_ids(&roles), total), (vec!["r-viewer"], 1));

    // Both become admins, one from each side of the link; linking again adds nothing.
    let added = store
        .add_user_roles(UserId("u-alice"), RoleIds(&ids(&["r-admin"])))
        .await
        .unwrap();
    assert_eq!(added, ["r-admin"]);
    let again = store
        .add_user_roles(UserId("u-alice"), RoleIds(&ids(&["r-admin"])))
        .await
        .unwrap();
    assert!(again.is_empty());
    let linked = store
        .add_role_users(RoleId("r-admin"), UserIds(&ids(&["u-bob"])))
        .await
        .unwrap();
    assert_eq!(linked, Linked::Done);
    let linked = store
        .add_role_users(RoleId("r-admin"), UserIds(&ids(&["u-bob"])))
        .await
        .unwrap();
    assert_eq!(linked, Linked::AlreadyThere("u-bob".into()));
    let holders = store.role_holders(&ids(&["r-admin"])).await.unwrap();
    assert_eq!(holders[0].users_count, 2);

    // An organization, an organization role (names unique; the migrations seed `admin`
    // and `member`) granting a seeded scope, members and member roles.
    let org = OrganizationRecord {
        id: "o-acme".into(),
        name: "Acme".into(),
        description: None,
        custom_data: "{}".into(),
        is_mfa_required: false,
        color: "{}".into(),
        branding: "{}".into(),
        custom_css: None,
        created_at: NOW,
    };
    store.insert_organization(&org).await.unwrap();
    let billing_role = OrganizationRoleRecord {
        id: "or-billing".into(),
        name: "billing".into(),
        description: None,
        role_type: "User".into(),
        created_at: NOW,
    };
    let read_members = ids(&["orgscoperead"]);
    let written = store
        .insert_organization_role(
            &billing_role,
            OrganizationScopeIds(&read_members),
            ScopeIds(&[]),
        )
        .await
        .unwrap();
    assert_eq!(written, NameWrite::Written);
    let same_name = OrganizationRoleRecord {
        id: "or-other".into(),
        ..billing_role.clone()
    };
    let written = store
        .insert_organization_role(&same_name, OrganizationScopeIds(&[]), ScopeIds(&[]))
        .await
        .unwrap();
    assert_eq!(written, NameWrite::NameTaken);

    let acme = OrganizationId("o-acme");
    store
        .add_members(acme, UserIds(&ids(&["u-alice", "u-bob"])), NOW)
        .await
        .unwrap();
    let unknown = store
        .add_members(acme, UserIds(&ids(&["u-nobody"])), NOW)
        .await;
    assert!(matches!(unknown, Err(StoreError::ForeignKey)));
    assert!(store.is_member(acme, UserId("u-alice")).await.unwrap());
    let (members, total) = store
        .members("o-acme", &MemberFilter::default(), ALL)
        .await
        .unwrap();
    let mut member_ids = user_ids(&members);
    member_ids.sort();
    assert_eq!((member_ids, total), (vec!["u-alice", "u-bob"], 2));

    store
        .add_member_roles(
            acme,
            UserIds(&ids(&["u-alice"])),
            OrganizationRoleIds(&ids(&["or-billing"])),
        )
        .await
        .unwrap();
    let (roles, total) = store
        .member_roles(acme, UserId("u-alice"), None)
        .await
        .unwrap();
    assert_eq!((roles, total), (vec![billing_role.clone()], 1));
    let held = store
        .roles_of_members(acme, UserIds(&ids(&["u-alice", "u-bob"])))
        .await
        .unwrap();
    let expected = HeldRoleRecord {
        owner_id: "u-alice".into(),
        id: "or-billing".into(),
        name: "billing".into(),
    };
    assert_eq!(held, vec![expected]);
    let scopes = store.member_scopes(acme, UserId("u-alice")).await.unwrap();
    let scope_names: Vec<&str> = scopes.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(scope_names, ["read:members"]);

    // An application with a secret (names unique per application) and a role,
    // linked and unlinked.
    let app = ApplicationRecord {
        id: "a-robot".into(),
        name: "Robot".into(),
        description: None,
        application_type: "MachineToMachine".into(),
        custom_data: "{}".into(),
        oidc_client_metadata: r#"{"redirectUris":["https://robot.example/cb"]}"#.into(),
        custom_client_metadata: "{}".into(),
        is_third_party: true,
        created_at: NOW,
    };
    store.insert_application(&app).await.unwrap();
    assert_eq!(store.application("a-robot").await.unwrap(), Some(app));
    let secret = ApplicationSecretRecord {
        application_id: "a-robot".into(),
        name: "default".into(),
        value_hash: "0".repeat(64),
        value_prefix: "abcd".into(),
        created_at: NOW,
        expires_at: None,
        last_used_at: None,
    };
    assert!(store.insert_application_secret(&secret).await.unwrap());
    assert!(!store.insert_application_secret(&secret).await.unwrap());
    assert_eq!(
        store.application_secrets("a-robot").await.unwrap(),
        vec![secret]
    );
    let robot = ApplicationId("a-robot");
    let reader_ids = ids(&["r-reader"]);
    let added = store
        .add_application_roles(robot, RoleIds(&reader_ids))
        .await
        .unwrap();
    assert_eq!(added, ["r-reader"]);
    let unlinked = store.remove_application_role(robot, RoleId("r-reader"));
    assert!(unlinked.await.unwrap());
    let unlinked = store.remove_application_role(robot, RoleId("r-reader"));
    assert!(!unlinked.await.unwrap(), "already unlinked");

    // Unlinking a member role, once.
    let billing = OrganizationRoleId("or-billing");
    let removed = store.remove_member_role(acme, UserId("u-alice"), billing);
    assert!(removed.await.unwrap());
    let removed = store.remove_member_role(acme, UserId("u-alice"), billing);
    assert!(!removed.await.unwrap());

    // Search: a part of the username, in any case, finds the one user.
    assert_eq!(search(store, "LIC").await, (vec!["u-alice".into()], 1));
    assert_eq!(search(store, "example.com").await.1, 2);
    assert_eq!(search(store, "nobody").await, (vec![], 0));

    // Lockout: failures count up within a window and start again once cleared; a lock
    // shows on the user.
    let alice_subject = Subject::User("u-alice");
    for expected in 1..=3 {
        let count = store.record_failed_check(alice_subject, NOW, NOW - 60_000);
        assert_eq!(count.await.unwrap(), expected);
    }
    store.clear_lockout("u-alice").await.unwrap();
    let count = store.record_failed_check(alice_subject, NOW, NOW - 60_000);
    assert_eq!(count.await.unwrap(), 1);
    store
        .lock_subject(alice_subject, NOW + 60_000)
        .await
        .unwrap();
    let locked = store.user("u-alice").await.unwrap().unwrap().locked_until;
    assert_eq!(locked, Some(NOW + 60_000));

    // The protected role: bob may lose it while alice holds it, then alice is the last
    // admin and can neither lose it nor be deleted.
    let removed = store
        .remove_user_role(UserId("u-bob"), RoleId("r-admin"), TENANT_ADMIN_ROLE)
        .await
        .unwrap();
    assert_eq!(removed, Guarded::Done(true));
    let removed = store
        .remove_user_role(UserId("u-alice"), RoleId("r-admin"), TENANT_ADMIN_ROLE)
        .await
        .unwrap();
    assert_eq!(removed, Guarded::LastHolder);
    let deleted = store.delete_user("u-alice", TENANT_ADMIN_ROLE).await;
    assert_eq!(deleted.unwrap(), Guarded::Holder);
    assert!(store.user("u-alice").await.unwrap().is_some());

    // Deleting bob takes his memberships and roles with him.
    let deleted = store.delete_user("u-bob", TENANT_ADMIN_ROLE).await;
    assert_eq!(deleted.unwrap(), Guarded::Done(true));
    let deleted = store.delete_user("u-bob", TENANT_ADMIN_ROLE).await;
    assert_eq!(deleted.unwrap(), Guarded::Done(false));
    assert_eq!(store.user("u-bob").await.unwrap(), None);
    assert!(!store.is_member(acme, UserId("u-bob")).await.unwrap());
    let (members, total) = store
        .members("o-acme", &MemberFilter::default(), ALL)
        .await
        .unwrap();
    assert_eq!((user_ids(&members), total), (vec!["u-alice"], 1));
    let holders = store.role_holders(&ids(&["r-viewer"])).await.unwrap();
    assert_eq!(holders[0].users_count, 1);
    assert_eq!(search(store, "bob").await, (vec![], 0));
}
