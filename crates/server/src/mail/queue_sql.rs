//! The queue's statements, the same text on SQLite and PostgreSQL. Each backend
//! invokes `impl_mail_queue!` for a type with a `pool` field.

pub(super) const COLUMNS: &str = "id, recipient, subject, text_body, html_body, created_at, \
    attempts, next_attempt_at, last_error, sent_at";

macro_rules! impl_mail_queue {
    ($queue:ty) => {
        #[async_trait::async_trait]
        impl $crate::mail::MailQueue for $queue {
            async fn enqueue(&self, mail: &QueuedMail) -> MailResult<()> {
                let sql = format!(
                    "INSERT INTO mail_queue ({COLUMNS}) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                );
                sqlx::query(&sql)
                    .bind(&mail.id)
                    .bind(&mail.recipient)
                    .bind(&mail.subject)
                    .bind(&mail.text_body)
                    .bind(&mail.html_body)
                    .bind(mail.created_at)
                    .bind(mail.attempts)
                    .bind(mail.next_attempt_at)
                    .bind(&mail.last_error)
                    .bind(mail.sent_at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn claim_due(
                &self,
                now: i64,
                lease_until: i64,
                limit: i64,
            ) -> MailResult<Vec<QueuedMail>> {
                // The outer conditions repeat the inner ones: on PostgreSQL a row that
                // another worker claimed meanwhile is re-checked and skipped.
                let sql = format!(
                    "UPDATE mail_queue SET next_attempt_at = $1 \
                     WHERE id IN (SELECT id FROM mail_queue \
                         WHERE sent_at IS NULL AND next_attempt_at <= $2 \
                         ORDER BY next_attempt_at, created_at LIMIT $3) \
                     AND sent_at IS NULL AND next_attempt_at <= $2 \
                     RETURNING {COLUMNS}"
                );
                let mut rows: Vec<QueuedMail> = sqlx::query_as(&sql)
                    .bind(lease_until)
                    .bind(now)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
                Ok(rows)
            }

            async fn mark_sent(&self, id: &str, sent_at: i64) -> MailResult<()> {
                sqlx::query("UPDATE mail_queue SET sent_at = $1 WHERE id = $2")
                    .bind(sent_at)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn mark_failed(
                &self,
                id: &str,
                attempts: i32,
                next_attempt_at: i64,
                error: &str,
            ) -> MailResult<()> {
                sqlx::query(
                    "UPDATE mail_queue SET attempts = $1, next_attempt_at = $2, last_error = $3 \
                     WHERE id = $4",
                )
                .bind(attempts)
                .bind(next_attempt_at)
                .bind(error)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn get(&self, id: &str) -> MailResult<Option<QueuedMail>> {
                let sql = format!("SELECT {COLUMNS} FROM mail_queue WHERE id = $1");
                Ok(sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }
        }
    };
}

pub(super) use impl_mail_queue;
