//! The first start writes everything once; later starts change nothing.

use crate::common::*;
use serde_json::Value;

#[tokio::test]
async fn first_start_bootstraps_and_a_second_changes_nothing() {
    let server = TestServer::start().await;
    let path = server.dir.path().join("bootstrap.json");
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["adminUsername"], "admin");
    // Configured secrets are never written out (issue 17); generated ones would be.
    assert!(saved.get("adminPassword").is_none());
    assert_eq!(saved["edgeClientId"], CLIENT_ID);
    assert!(saved.get("edgeClientSecret").is_none());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "only the owner may read the credentials"
        );
    }

    // The first admin can sign in with the configured password and holds the admin role.
    let admin_id = admin_id(&server).await;
    let verify = server
        .post(
            &format!("/api/users/{admin_id}/password/verify"),
            serde_json::json!({"password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(verify.status(), 204);
    let roles: Value = server
        .get(&format!("/api/users/{admin_id}/roles"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(roles[0]["name"], "tenant-admin");
    let users_before: Value = server.get("/api/users").await.json().await.unwrap();
    let keys_before = server.state.keys.jwks();

    // Restart on the same database with other credentials: nothing changes.
    std::fs::remove_file(&path).unwrap();
    let (dir, mut config) = server.stop();
    config.admin_password = Some(tenantry_server::config::Secret("another-password".into()));
    config.edge_client_secret = Some(tenantry_server::config::Secret("another-secret".into()));
    let again = TestServer::start_with(dir, config).await;
    assert!(
        !again.dir.path().join("bootstrap.json").exists(),
        "credentials are written once"
    );
    let users_after: Value = again.get("/api/users").await.json().await.unwrap();
    assert_eq!(users_before, users_after);
    assert_eq!(
        keys_before,
        again.state.keys.jwks(),
        "the signing key is kept"
    );
    let old_password = again
        .post(
            &format!("/api/users/{admin_id}/password/verify"),
            serde_json::json!({"password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(old_password.status(), 204);
}
