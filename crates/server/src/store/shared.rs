//! The statements both backends run as written. Each backend module invokes
//! `impl_store!` for its store type, which needs a `pool` field and a `DIALECT` const.

pub(super) const USER_COLUMNS: &str = "u.id, u.username, u.primary_email, u.primary_phone, \
    u.name, u.avatar, u.password_encrypted, u.password_encryption_method, u.custom_data, \
    u.identities, u.profile, u.application_id, u.is_suspended, u.last_sign_in_at, \
    u.created_at, u.updated_at, u.session_epoch, \
    (SELECT l.locked_until FROM user_lockouts l WHERE l.user_id = u.id) AS locked_until";

pub(super) const ROLE_COLUMNS: &str =
    "r.id, r.name, r.description, r.type, r.is_default, r.created_at";

/// `$from, $from+1, …` for `count` values; the one list of binds every store uses.
pub(super) fn placeholders(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

macro_rules! impl_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn bootstrap(&self, seed: &BootstrapSeed) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                let (done,): (i64,) = sqlx::query_as("SELECT count(*) FROM signing_keys")
                    .fetch_one(&mut *tx)
                    .await?;
                if done > 0 {
                    return Ok(false);
                }
                let key = &seed.signing_key;
                sqlx::query("INSERT INTO signing_keys (id, private_key, created_at) VALUES ($1, $2, $3)")
                    .bind(&key.id).bind(&key.private_key).bind(key.created_at)
                    .execute(&mut *tx).await?;
                let res = &seed.management_resource;
                sqlx::query("INSERT INTO resources (id, name, indicator, is_default, access_token_ttl, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                    .bind(&res.id).bind(&res.name).bind(&res.indicator).bind(res.is_default)
                    .bind(res.access_token_ttl).bind(res.created_at)
                    .execute(&mut *tx).await?;
                sqlx::query("INSERT INTO scopes (id, resource_id, name, description, created_at) VALUES ($1, $2, $3, $4, $5)")
                    .bind(&seed.all_scope.0).bind(&res.id).bind(&seed.all_scope.1)
                    .bind("Default scope for Management API, allows all permissions.")
                    .bind(res.created_at)
                    .execute(&mut *tx).await?;
                for role in [&seed.admin_role, &seed.edge_role] {
                    sqlx::query("INSERT INTO roles (id, name, description, type, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                        .bind(&role.id).bind(&role.name).bind(&role.description)
                        .bind(&role.role_type).bind(role.is_default).bind(role.created_at)
                        .execute(&mut *tx).await?;
                    sqlx::query("INSERT INTO roles_scopes (role_id, scope_id) VALUES ($1, $2)")
                        .bind(&role.id).bind(&seed.all_scope.0)
                        .execute(&mut *tx).await?;
                }
                sqlx::query("INSERT INTO applications (id, name, description, type, custom_data, created_at) VALUES ($1, $2, $3, 'MachineToMachine', '{}', $4)")
                    .bind(&seed.edge_app_id).bind(&seed.edge_app_name)
                    .bind("Holds the M2M secret for the portal's edge.")
                    .bind(res.created_at)
                    .execute(&mut *tx).await?;
                let secret = &seed.edge_secret;
                sqlx::query("INSERT INTO application_secrets (application_id, name, value, value_hash, value_prefix, created_at, expires_at) VALUES ($1, $2, '', $3, $4, $5, $6)")
                    .bind(&secret.application_id).bind(&secret.name).bind(&secret.value_hash)
                    .bind(&secret.value_prefix).bind(secret.created_at).bind(secret.expires_at)
                    .execute(&mut *tx).await?;
                sqlx::query("INSERT INTO applications_roles (application_id, role_id) VALUES ($1, $2)")
                    .bind(&seed.edge_app_id).bind(&seed.edge_role.id)
                    .execute(&mut *tx).await?;
                insert_user(&mut *tx, &seed.admin_user).await?;
                sqlx::query("INSERT INTO users_roles (user_id, role_id) VALUES ($1, $2)")
                    .bind(&seed.admin_user.id).bind(&seed.admin_role.id)
                    .execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn signing_keys(&self) -> StoreResult<Vec<SigningKeyRecord>> {
                let mut conn = self.pool.acquire().await?;
                Ok(sqlx::query_as("SELECT id, private_key, created_at FROM signing_keys ORDER BY created_at DESC")
                    .fetch_all(&mut *conn).await?)
            }

            async fn insert_user(&self, user: &UserRecord) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                insert_user(&mut *tx, user).await?;
                grant_default_roles(&mut *tx, &user.id).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn user(&self, id: &str) -> StoreResult<Option<UserRecord>> {
                if let Some(user) = self.users.get(id) {
                    return Ok(Some(user));
                }
                let seen = self.users.generation();
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
                let user: Option<UserRecord> = sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?;
                if let Some(user) = &user {
                    self.users.put(user, seen);
                }
                Ok(user)
            }

            async fn update_user(&self, id: &str, changes: &UserChanges, updated_at: i64) -> StoreResult<Option<UserRecord>> {
                let (sql, binds) = changes.statement();
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                let mut query = sqlx::query(&sql).bind(id).bind(updated_at);
                for value in binds {
                    query = query.bind(value);
                }
                let done = query.execute(&mut *tx).await;
                // Forget even on failure: a refused compare-and-set means the cached row is stale.
                self.users.forget(id);
                if done.map_err(on_constraint)?.rows_affected() == 0 {
                    return Ok(None);
                }
                let select = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
                let user = sqlx::query_as(&select).bind(id).fetch_optional(&mut *tx).await?;
                tx.commit().await?;
                self.users.forget(id);
                Ok(user)
            }

            async fn is_taken(&self, field: UniqueField, value: &str, except_id: Option<&str>) -> StoreResult<bool> {
                let mut conn = self.pool.acquire().await?;
                // The same matching as an exact search, so that uniqueness and search
                // agree on case (emails ignore it, with Unicode folding on both backends).
                let query = UserQuery {
                    matches: vec![SearchMatch {
                        field: Some(field.column()),
                        mode: MatchMode::Exact,
                        values: vec![value.to_owned()],
                    }],
                    case_sensitive: field != UniqueField::Email,
                    ..UserQuery::default()
                };
                let clause = where_clause(&query, Self::DIALECT);
                let sql = format!("SELECT count(*) FROM users u {} AND u.id <> ${}", clause.sql, clause.binds.len() + 1);
                let count = $crate::store::user_search_sql::bind_all!(sqlx::query_as::<_, (i64,)>(&sql), &clause.binds);
                let (n,) = count.bind(except_id.unwrap_or("")).fetch_one(&mut *conn).await?;
                Ok(n > 0)
            }

            async fn search_users(&self, query: &UserQuery, window: Window) -> StoreResult<(Vec<UserRecord>, i64)> {
                let mut conn = self.pool.acquire().await?;
                let clause = where_clause(query, Self::DIALECT);
                let from = format!("FROM users u {}", clause.sql);
                // In a transaction so the time limit (`SET LOCAL`) ends with it.
                let mut tx = sqlx::Connection::begin(&mut *conn).await?;
                if let Some(limit) = Self::SEARCH_LIMIT {
                    sqlx::query(limit).execute(&mut *tx).await?;
                }
                let found = $crate::store::paged::page_and_total!(tx, UserRecord, USER_COLUMNS, from, "u.created_at DESC, u.id", &clause.binds, window)
                    .map_err(Self::search_error)?;
                tx.commit().await?;
                Ok(found)
            }

            async fn role(&self, id: &str) -> StoreResult<Option<RoleRecord>> {
                let mut conn = self.pool.acquire().await?;
                let sql = format!("SELECT {ROLE_COLUMNS} FROM roles r WHERE r.id = $1");
                Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&mut *conn).await?)
            }

            async fn user_roles(&self, user_id: &str, window: Window) -> StoreResult<(Vec<RoleRecord>, i64)> {
                let mut conn = self.pool.acquire().await?;
                let sql = format!(
                    "SELECT {ROLE_COLUMNS} FROM roles r JOIN users_roles ur ON ur.role_id = r.id \
                     WHERE ur.user_id = $1 ORDER BY r.name LIMIT $2 OFFSET $3"
                );
                let roles = sqlx::query_as(&sql).bind(user_id).bind(window.limit).bind(window.offset)
                    .fetch_all(&mut *conn).await?;
                let (total,): (i64,) = sqlx::query_as("SELECT count(*) FROM users_roles WHERE user_id = $1")
                    .bind(user_id).fetch_one(&mut *conn).await?;
                Ok((roles, total))
            }

            async fn add_user_roles(&self, UserId(user_id): UserId<'_>, RoleIds(role_ids): RoleIds<'_>) -> StoreResult<Vec<String>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = sqlx::Connection::begin_with(&mut *conn, Self::BEGIN_WRITE).await?;
                Self::share_roles(&mut tx, role_ids).await?;
                let mut added = Vec::new();
                for role_id in role_ids {
                    let done = sqlx::query("INSERT INTO users_roles (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(user_id).bind(role_id)
                        .execute(&mut *tx).await.map_err(on_constraint)?;
                    if done.rows_affected() > 0 {
                        added.push(role_id.clone());
                    }
                }
                tx.commit().await?;
                Ok(added)
            }

            async fn resource_grant(&self, app_id: &str, indicator: &str) -> StoreResult<Option<(ResourceRecord, Vec<String>)>> {
                let mut conn = self.pool.acquire().await?;
                // One round trip: the resource, with one row per scope the application
                // holds on it through its roles (or one row with no scope).
                let rows: Vec<(String, String, String, bool, i64, i64, Option<String>)> = sqlx::query_as(
                    "SELECT r.id, r.name, r.indicator, r.is_default, r.access_token_ttl, r.created_at, g.name \
                     FROM resources r LEFT JOIN ( \
                         SELECT DISTINCT s.resource_id, s.name FROM scopes s \
                         JOIN roles_scopes rs ON rs.scope_id = s.id \
                         JOIN applications_roles ar ON ar.role_id = rs.role_id \
                         WHERE ar.application_id = $1) g ON g.resource_id = r.id \
                     WHERE r.indicator = $2 ORDER BY g.name",
                ).bind(app_id).bind(indicator).fetch_all(&mut *conn).await?;
                let Some(first) = rows.first() else { return Ok(None) };
                let resource = ResourceRecord {
                    id: first.0.clone(),
                    name: first.1.clone(),
                    indicator: first.2.clone(),
                    is_default: first.3,
                    access_token_ttl: first.4,
                    created_at: first.5,
                };
                let scopes = rows.into_iter().filter_map(|row| row.6).collect();
                Ok(Some((resource, scopes)))
            }
        }

        async fn insert_user<'e, E>(executor: E, user: &UserRecord) -> StoreResult<()>
        where
            E: sqlx::Executor<'e, Database = Db>,
        {
            sqlx::query(
                "INSERT INTO users (id, username, primary_email, primary_phone, name, avatar, \
                 password_encrypted, password_encryption_method, custom_data, identities, \
                 profile, application_id, is_suspended, last_sign_in_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            )
            .bind(&user.id).bind(&user.username).bind(&user.primary_email)
            .bind(&user.primary_phone).bind(&user.name).bind(&user.avatar)
            .bind(&user.password_encrypted).bind(&user.password_encryption_method)
            .bind(&user.custom_data).bind(&user.identities).bind(&user.profile)
            .bind(&user.application_id).bind(user.is_suspended).bind(user.last_sign_in_at)
            .bind(user.created_at).bind(user.updated_at)
            .execute(executor)
            .await
            .map_err(on_constraint)?;
            Ok(())
        }

        /// Gives a new user the User roles marked `isDefault`, as Logto does, except
        /// roles granting Management API scopes: a default role must never make every
        /// new user an admin (the domain refuses such defaults; this covers older data).
        async fn grant_default_roles<'e, E>(executor: E, user_id: &str) -> StoreResult<()>
        where
            E: sqlx::Executor<'e, Database = Db>,
        {
            sqlx::query(
                "INSERT INTO users_roles (user_id, role_id) \
                 SELECT $1, r.id FROM roles r WHERE r.is_default AND r.type = 'User' \
                 AND NOT EXISTS (SELECT 1 FROM roles_scopes rs JOIN scopes s ON s.id = rs.scope_id \
                 WHERE rs.role_id = r.id AND s.resource_id = $2)",
            )
            .bind(user_id)
            .bind(crate::builtin::MANAGEMENT_API_ID)
            .execute(executor)
            .await
            .map_err(on_constraint)?;
            Ok(())
        }
    };
}

pub(super) use impl_store;
