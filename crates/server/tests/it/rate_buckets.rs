//! The shared rate-limit buckets straight through the store: on PostgreSQL a table
//! every instance counts in, on SQLite none (one server per file).

use tenantry_server::store::{BucketLimits, connect};

use crate::common::database_url;

const LIMITS: BucketLimits = BucketLimits {
    interval_us: 1_000,
    window_us: 3_000,
};
const NOW: i64 = 1_700_000_000_000_000;

#[tokio::test]
async fn buckets_take_refuse_refill_and_are_forgotten_when_full() {
    let dir = tempfile::tempdir().unwrap();
    let store = connect(&database_url(dir.path()).await).await.unwrap();
    let Some(table) = store.shared_buckets() else {
        assert!(std::env::var("TENANTRY_TEST_POSTGRES_URL").is_err());
        return;
    };

    let mut taken = Vec::new();
    for _ in 0..4 {
        taken.push(table.take_token("k", NOW, LIMITS).await.unwrap());
    }
    // Three tokens, then a refusal that reports when the bucket is full again.
    assert_eq!(
        taken,
        [
            Ok(NOW + 1_000),
            Ok(NOW + 2_000),
            Ok(NOW + 3_000),
            Err(NOW + 3_000)
        ]
    );
    assert_eq!(table.full_at("other").await.unwrap(), None);
    // One interval later one token is back.
    assert_eq!(
        table.take_token("k", NOW + 1_000, LIMITS).await.unwrap(),
        Ok(NOW + 4_000)
    );

    // Failures drain past the limit, but owe at most one window.
    for _ in 0..10 {
        table.drain_token("d", NOW, LIMITS).await.unwrap();
    }
    assert_eq!(table.full_at("d").await.unwrap(), Some(NOW + 3_000));

    assert_eq!(table.forget_full_buckets(NOW + 3_000).await.unwrap(), 1);
    assert_eq!(table.full_at("d").await.unwrap(), None);
    assert_eq!(table.full_at("k").await.unwrap(), Some(NOW + 4_000));
}
