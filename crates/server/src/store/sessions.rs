//! The per-user session epoch that edge sessions are checked against.

use async_trait::async_trait;

use super::StoreResult;

#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Adds one to the user's session epoch, ending every session signed in before.
    /// Returns false when there is no such user.
    async fn revoke_sessions(&self, user_id: &str) -> StoreResult<bool>;
}

macro_rules! impl_session_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SessionStore for $store {
            async fn revoke_sessions(&self, user_id: &str) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                // One statement: concurrent revocations on any instance each count.
                let done =
                    sqlx::query("UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1")
                        .bind(user_id)
                        .execute(&mut *conn)
                        .await?;
                self.users.forget(user_id);
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(super) use impl_session_store;
