//! The WHERE clause of a user search, for either backend. Placeholders are `$n`.
//!
//! PostgreSQL runs Logto's operators as they are (`LIKE`/`ILIKE`, `SIMILAR TO`, `~`/`~*`),
//! served by `pg_trgm` GIN indexes. SQLite matches with regular expressions (see
//! `patterns.rs`) after narrowing the rows through its FTS5 trigram index.

use super::patterns::{exact_to_regex, fts_query, like_to_regex, literal_runs, similar_to_regex};
use super::user_query::{Joint, MatchMode, SearchMatch, UserField, UserQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Sqlite,
    Postgres,
}

/// A value bound to a `$n` placeholder.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Bind {
    Text(String),
    Int(i64),
}

/// A SQL fragment with its bound values, in placeholder order.
#[derive(Debug, Default)]
pub(super) struct Clause {
    pub sql: String,
    pub binds: Vec<Bind>,
}

impl Clause {
    fn bind(&mut self, value: String) -> String {
        self.binds.push(Bind::Text(value));
        format!("${}", self.binds.len())
    }

    fn bind_time(&mut self, value: i64) -> String {
        self.binds.push(Bind::Int(value));
        format!("${}", self.binds.len())
    }
}

/// Binds every value of a clause to a query, in order.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for value in $binds {
            query = match value {
                $crate::store::user_search_sql::Bind::Text(v) => query.bind(v.clone()),
                $crate::store::user_search_sql::Bind::Int(v) => query.bind(*v),
            };
        }
        query
    }};
}

pub(super) use bind_all;

/// Builds `WHERE …` (or an empty string) over the table aliased `u`.
pub(super) fn where_clause(query: &UserQuery, dialect: Dialect) -> Clause {
    let mut clause = Clause::default();
    let mut conditions = Vec::new();
    let joint = match query.joint {
        Joint::Or => " OR ",
        Joint::And => " AND ",
    };
    let matches: Vec<String> = query
        .matches
        .iter()
        .map(|m| match dialect {
            Dialect::Postgres => postgres_match(m, query.case_sensitive, &mut clause),
            Dialect::Sqlite => sqlite_match(m, query.case_sensitive, &mut clause),
        })
        .collect();
    if !matches.is_empty() {
        conditions.push(format!("({})", matches.join(joint)));
    }
    if let Some(role_id) = &query.exclude_role_id {
        let p = clause.bind(role_id.clone());
        conditions.push(format!(
            "u.id NOT IN (SELECT user_id FROM users_roles WHERE role_id = {p})"
        ));
    }
    if let Some(org_id) = &query.exclude_organization_id {
        let p = clause.bind(org_id.clone());
        conditions.push(format!(
            "u.id NOT IN (SELECT user_id FROM organization_users WHERE organization_id = {p})"
        ));
    }
    if let Some(locked) = query.is_locked {
        let p = clause.bind_time(query.now);
        let not = if locked { "" } else { "NOT " };
        conditions.push(format!(
            "{not}EXISTS (SELECT 1 FROM user_lockouts l WHERE l.user_id = u.id AND l.locked_until > {p})"
        ));
    }
    if let Some(suspended) = query.is_suspended {
        conditions.push(
            if suspended {
                "u.is_suspended"
            } else {
                "NOT u.is_suspended"
            }
            .to_owned(),
        );
    }
    if !conditions.is_empty() {
        clause.sql = format!("WHERE {}", conditions.join(" AND "));
    }
    clause
}

fn fields_of(m: &SearchMatch) -> Vec<UserField> {
    m.field.map_or_else(|| UserField::ALL.to_vec(), |f| vec![f])
}

fn postgres_match(m: &SearchMatch, cs: bool, clause: &mut Clause) -> String {
    let fields = fields_of(m);
    if m.mode == MatchMode::Exact {
        let list: Vec<String> = m
            .values
            .iter()
            .map(|v| {
                let p = clause.bind(v.clone());
                if cs { p } else { format!("lower({p})") }
            })
            .collect();
        let list = list.join(", ");
        let parts: Vec<String> = fields
            .iter()
            .map(|f| {
                let col = f.column();
                if cs {
                    format!("u.{col} IN ({list})")
                } else {
                    format!("lower(u.{col}) IN ({list})")
                }
            })
            .collect();
        return format!("({})", parts.join(" OR "));
    }
    let operator = match (m.mode, cs) {
        (MatchMode::Like, true) => "LIKE",
        (MatchMode::Like, false) => "ILIKE",
        (MatchMode::SimilarTo, _) => "SIMILAR TO",
        (MatchMode::Posix, true) => "~",
        (MatchMode::Posix, false) => "~*",
        (MatchMode::Exact, _) => unreachable!("exact is handled above"),
    };
    let mut parts = Vec::new();
    for value in &m.values {
        let p = clause.bind(value.clone());
        parts.extend(
            fields
                .iter()
                .map(|f| format!("u.{} {operator} {p}", f.column())),
        );
    }
    format!("({})", parts.join(" OR "))
}

fn sqlite_match(m: &SearchMatch, cs: bool, clause: &mut Clause) -> String {
    let fields = fields_of(m);
    if m.mode == MatchMode::Exact && cs {
        // Served by the unique indexes.
        let list: Vec<String> = m.values.iter().map(|v| clause.bind(v.clone())).collect();
        let list = list.join(", ");
        let parts: Vec<String> = fields
            .iter()
            .map(|f| format!("u.{} IN ({list})", f.column()))
            .collect();
        return format!("({})", parts.join(" OR "));
    }
    if m.mode == MatchMode::Like && !cs && m.values.iter().all(|v| is_plain_contains(v)) {
        // `%text%` in any case: the trigram index answers it exactly, no re-check needed.
        if let Some(lookup) = trigram_lookup(m, &fields, clause) {
            return lookup;
        }
    }
    let regexes: Vec<String> = m
        .values
        .iter()
        .map(|v| match m.mode {
            MatchMode::Like => like_to_regex(v, cs),
            MatchMode::Exact => exact_to_regex(v),
            MatchMode::SimilarTo => similar_to_regex(v),
            MatchMode::Posix if cs => v.clone(),
            MatchMode::Posix => format!("(?i){v}"),
        })
        .collect();
    let mut checks = Vec::new();
    for regex in regexes {
        let p = clause.bind(regex);
        // SQLite's regexp() fails on NULL, so test for it first.
        checks.extend(fields.iter().map(|f| {
            let col = format!("u.{}", f.column());
            format!("(CASE WHEN {col} IS NULL THEN 0 ELSE {col} REGEXP {p} END)")
        }));
    }
    let checks = format!("({})", checks.join(" OR "));
    match trigram_lookup(m, &fields, clause) {
        Some(lookup) => format!("({lookup} AND {checks})"),
        None => checks,
    }
}

/// `%text%` with ASCII text of three characters or more and no wildcard or escape: a
/// substring search, which the trigram index (folding ASCII case as `ILIKE` does)
/// answers exactly.
fn is_plain_contains(pattern: &str) -> bool {
    pattern
        .strip_prefix('%')
        .and_then(|p| p.strip_suffix('%'))
        .is_some_and(|text| {
            text.len() >= 3
                && text.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
                && !text.contains(['%', '_', '\\'])
        })
}

/// Rows that may match, from the trigram index: usable for `like` and `exact` when
/// every value has a literal stretch of three characters or more.
fn trigram_lookup(m: &SearchMatch, fields: &[UserField], clause: &mut Clause) -> Option<String> {
    let runs: Vec<Vec<String>> = match m.mode {
        MatchMode::Like => m.values.iter().map(|v| literal_runs(v)).collect(),
        MatchMode::Exact => m
            .values
            .iter()
            .map(|v| literal_runs(&escape_like(v)))
            .collect(),
        MatchMode::SimilarTo | MatchMode::Posix => return None,
    };
    if runs.iter().any(Vec::is_empty) {
        return None;
    }
    let columns: Vec<&str> = fields.iter().map(|f| f.column()).collect();
    let p = clause.bind(fts_query(&columns, &runs));
    Some(format!(
        "u.pk IN (SELECT rowid FROM users_search WHERE users_search MATCH {p})"
    ))
}

fn escape_like(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclude_role_is_bound_not_inlined() {
        let query = UserQuery {
            exclude_role_id: Some("r1'--".into()),
            ..UserQuery::default()
        };
        let clause = where_clause(&query, Dialect::Postgres);
        assert!(!clause.sql.contains("r1'"));
        assert_eq!(clause.binds, vec![Bind::Text("r1'--".into())]);
    }

    #[test]
    fn plain_substring_searches_need_no_recheck() {
        assert!(is_plain_contains("%abc%"));
        assert!(is_plain_contains("%a b.c%"));
        assert!(!is_plain_contains("%ab%"));
        assert!(!is_plain_contains("%a_c%"));
        assert!(!is_plain_contains("%a\\%c%"));
        assert!(!is_plain_contains("abc%"));
        assert!(!is_plain_contains("%émile%"));
    }

    #[test]
    fn sqlite_like_goes_through_the_trigram_index() {
        let query = UserQuery {
            matches: vec![SearchMatch {
                field: None,
                mode: MatchMode::Like,
                values: vec!["%abc%".into()],
            }],
            ..UserQuery::default()
        };
        let clause = where_clause(&query, Dialect::Sqlite);
        assert!(clause.sql.contains("users_search MATCH"), "{}", clause.sql);
    }
}
