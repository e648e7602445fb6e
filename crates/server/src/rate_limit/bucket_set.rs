//! A kind of bucket, counted in this process or shared through the database.

use std::sync::Arc;

use crate::store::BucketTable;

use super::bucket::Policy;
use super::buckets::Buckets;
use super::clock::Now;
use super::quota::{Quota, Retry};
use super::shared::SharedBuckets;

pub(super) enum BucketSet {
    InProcess(Buckets),
    Shared(SharedBuckets),
}

impl BucketSet {
    pub(super) fn new(
        kind: &'static str,
        policy: Policy,
        table: Option<&Arc<dyn BucketTable>>,
        max_keys: usize,
    ) -> Self {
        match table {
            Some(table) => {
                BucketSet::Shared(SharedBuckets::new(kind, policy, table.clone(), max_keys))
            }
            None => BucketSet::InProcess(Buckets::new(policy, max_keys)),
        }
    }

    /// Takes a token from `key`'s bucket if one is left.
    pub(super) async fn take(&self, key: &str, now: Now) -> Result<Quota, Retry> {
        match self {
            BucketSet::InProcess(buckets) => buckets.take(key, now.instant),
            BucketSet::Shared(buckets) => buckets.take(key, now).await,
        }
    }

    /// Whether `key` has a token left, without taking one.
    pub(super) async fn check(&self, key: &str, now: Now) -> Result<Quota, Retry> {
        match self {
            BucketSet::InProcess(buckets) => buckets.check(key, now.instant),
            BucketSet::Shared(buckets) => buckets.check(key, now).await,
        }
    }

    /// Counts something that already happened against `key`, even past the limit.
    pub(super) async fn drain(&self, key: &str, now: Now) {
        match self {
            BucketSet::InProcess(buckets) => buckets.drain(key, now.instant),
            BucketSet::Shared(buckets) => buckets.drain(key, now).await,
        }
    }
}
