//! Reads the test database directly, so tests check what is stored, not what one
//! server instance (and its caches) answers.

use sqlx::{Connection, PgConnection, SqliteConnection};

pub enum DbProbe {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

impl DbProbe {
    pub async fn connect(url: &str) -> Self {
        if url.starts_with("postgres") {
            Self::Postgres(PgConnection::connect(url).await.expect("connect"))
        } else {
            Self::Sqlite(SqliteConnection::connect(url).await.expect("connect"))
        }
    }

    /// One integer; `$1` binds `arg`.
    pub async fn int(&mut self, sql: &str, arg: &str) -> i64 {
        let row: (i64,) = match self {
            Self::Postgres(c) => sqlx::query_as(sql).bind(arg).fetch_one(c).await,
            Self::Sqlite(c) => sqlx::query_as(sql).bind(arg).fetch_one(c).await,
        }
        .expect("query");
        row.0
    }

    /// One row of nullable texts; `$1` binds `arg`.
    pub async fn texts<const N: usize>(&mut self, sql: &str, arg: &str) -> Vec<Option<String>> {
        let row: Vec<Option<String>> = match self {
            Self::Postgres(c) => {
                let row = sqlx::query(sql)
                    .bind(arg)
                    .fetch_one(c)
                    .await
                    .expect("query");
                (0..N).map(|i| sqlx::Row::get(&row, i)).collect()
            }
            Self::Sqlite(c) => {
                let row = sqlx::query(sql)
                    .bind(arg)
                    .fetch_one(c)
                    .await
                    .expect("query");
                (0..N).map(|i| sqlx::Row::get(&row, i)).collect()
            }
        };
        row
    }

    /// Active (not suspended) holders of `tenant-admin`.
    /// The id of the seeded tenant-admin role.
    pub async fn tenant_admin_role(&mut self) -> String {
        self.texts::<1>("SELECT id FROM roles WHERE name = $1", "tenant-admin")
            .await[0]
            .clone()
            .unwrap()
    }

    pub async fn active_tenant_admins(&mut self) -> i64 {
        self.int(
            "SELECT count(*) FROM users_roles ur JOIN roles r ON r.id = ur.role_id \
             JOIN users u ON u.id = ur.user_id WHERE r.name = $1 AND NOT u.is_suspended",
            "tenant-admin",
        )
        .await
    }
}
