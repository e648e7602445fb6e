//! The two statements every paginated list runs: one page of rows, and the
//! count of all rows the same FROM/WHERE matches, with the same binds.

/// Runs `SELECT $columns $from_where ORDER BY $order LIMIT … OFFSET …` and
/// `SELECT count(*) $from_where` on `$conn`, binding `$binds` (a slice of
/// `Bind`, placeholders `$1…$n`) to both. Evaluates to
/// `Result<(Vec<$record>, i64), sqlx::Error>`.
macro_rules! page_and_total {
    ($conn:expr, $record:ty, $columns:expr, $from_where:expr, $order:expr, $binds:expr, $window:expr) => {
        async {
            let binds = $binds;
            let window = $window;
            let n = binds.len();
            let list_sql = format!(
                "SELECT {} {} ORDER BY {} LIMIT ${} OFFSET ${}",
                $columns,
                $from_where,
                $order,
                n + 1,
                n + 2
            );
            let count_sql = format!("SELECT count(*) {}", $from_where);
            let list = $crate::store::user_search_sql::bind_all!(
                sqlx::query_as::<_, $record>(&list_sql),
                binds
            );
            let count = $crate::store::user_search_sql::bind_all!(
                sqlx::query_as::<_, (i64,)>(&count_sql),
                binds
            );
            let rows = list
                .bind(window.limit)
                .bind(window.offset)
                .fetch_all(&mut *$conn)
                .await?;
            let (total,) = count.fetch_one(&mut *$conn).await?;
            Ok::<_, sqlx::Error>((rows, total))
        }
        .await
    };
}

pub(super) use page_and_total;
