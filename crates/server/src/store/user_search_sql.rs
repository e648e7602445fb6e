//! The WHERE clause of a user search, for either backend.
//!
//! `like` searches go through the trigram index: SQLite's FTS5 `users_search` table
//! or PostgreSQL's `pg_trgm` GIN indexes. Placeholders are `$n` on both backends.

/// A searchable user column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserField {
    Id,
    PrimaryEmail,
    PrimaryPhone,
    Username,
    Name,
}

impl UserField {
    pub const ALL: [UserField; 5] = [
        UserField::Id,
        UserField::PrimaryEmail,
        UserField::PrimaryPhone,
        UserField::Username,
        UserField::Name,
    ];

    pub fn column(self) -> &'static str {
        match self {
            UserField::Id => "id",
            UserField::PrimaryEmail => "primary_email",
            UserField::PrimaryPhone => "primary_phone",
            UserField::Username => "username",
            UserField::Name => "name",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    Like,
    Exact,
    SimilarTo,
    Posix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Joint {
    #[default]
    Or,
    And,
}

/// One `search` or `search.<field>` parameter: its values match when any of them does.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchMatch {
    /// `None` searches every field.
    pub field: Option<UserField>,
    pub mode: MatchMode,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserQuery {
    pub matches: Vec<SearchMatch>,
    pub joint: Joint,
    pub case_sensitive: bool,
    pub exclude_role_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Sqlite,
    Postgres,
}

/// A SQL fragment with its bound values, in placeholder order.
#[derive(Debug, Default)]
pub(super) struct Clause {
    pub sql: String,
    pub binds: Vec<String>,
}

impl Clause {
    fn bind(&mut self, value: String) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }
}

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
        .map(|m| match_condition(m, query.case_sensitive, dialect, &mut clause))
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
    if !conditions.is_empty() {
        clause.sql = format!("WHERE {}", conditions.join(" AND "));
    }
    clause
}

fn match_condition(m: &SearchMatch, cs: bool, dialect: Dialect, clause: &mut Clause) -> String {
    let fields: Vec<UserField> = m.field.map_or_else(|| UserField::ALL.to_vec(), |f| vec![f]);
    if m.mode == MatchMode::Like && dialect == Dialect::Sqlite {
        return sqlite_like(&fields, &m.values, cs, clause);
    }
    if m.mode == MatchMode::Exact {
        return exact(&fields, &m.values, cs, clause);
    }
    let mut parts = Vec::new();
    for value in &m.values {
        let p = clause.bind(pattern_for(m.mode, value, cs, dialect));
        for field in &fields {
            let col = format!("u.{}", field.column());
            parts.push(match (dialect, m.mode, cs) {
                (Dialect::Postgres, MatchMode::Like, true) => format!("{col} LIKE {p}"),
                (Dialect::Postgres, MatchMode::Like, false) => format!("{col} ILIKE {p}"),
                (Dialect::Postgres, MatchMode::SimilarTo, _) => format!("{col} SIMILAR TO {p}"),
                (Dialect::Postgres, MatchMode::Posix, true) => format!("{col} ~ {p}"),
                (Dialect::Postgres, MatchMode::Posix, false) => format!("{col} ~* {p}"),
                // SQLite's regexp() fails on NULL, so test for it first.
                (Dialect::Sqlite, _, _) => {
                    format!("(CASE WHEN {col} IS NULL THEN 0 ELSE {col} REGEXP {p} END)")
                }
                (Dialect::Postgres, MatchMode::Exact, _) => unreachable!("exact is handled above"),
            });
        }
    }
    format!("({})", parts.join(" OR "))
}

fn exact(fields: &[UserField], values: &[String], cs: bool, clause: &mut Clause) -> String {
    let placeholders: Vec<String> = values
        .iter()
        .map(|v| {
            let p = clause.bind(v.clone());
            if cs { p } else { format!("lower({p})") }
        })
        .collect();
    let list = placeholders.join(", ");
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
    format!("({})", parts.join(" OR "))
}

/// One FTS5 lookup per field and value, unioned, so SQLite answers from the trigram
/// index instead of scanning `users`. The trigram LIKE folds case; a case-sensitive
/// search re-checks the candidates with GLOB.
fn sqlite_like(fields: &[UserField], values: &[String], cs: bool, clause: &mut Clause) -> String {
    let mut lookups = Vec::new();
    let mut rechecks = Vec::new();
    for value in values {
        let p = clause.bind(value.clone());
        let g = cs.then(|| clause.bind(like_to_glob(value)));
        for field in fields {
            let col = field.column();
            lookups.push(format!(
                "SELECT rowid FROM users_search WHERE users_search.{col} LIKE {p}"
            ));
            if let Some(g) = &g {
                rechecks.push(format!("u.{col} GLOB {g}"));
            }
        }
    }
    let candidates = format!("u.pk IN ({})", lookups.join(" UNION "));
    if rechecks.is_empty() {
        candidates
    } else {
        format!("({candidates} AND ({}))", rechecks.join(" OR "))
    }
}

fn pattern_for(mode: MatchMode, value: &str, cs: bool, dialect: Dialect) -> String {
    match (dialect, mode) {
        (Dialect::Sqlite, MatchMode::SimilarTo) => similar_to_regex(value),
        (Dialect::Sqlite, MatchMode::Posix) if !cs => format!("(?i){value}"),
        _ => value.to_owned(),
    }
}

/// LIKE's `%` and `_` as GLOB's `*` and `?`, with GLOB's own specials made literal.
fn like_to_glob(like: &str) -> String {
    let mut glob = String::with_capacity(like.len());
    for c in like.chars() {
        match c {
            '%' => glob.push('*'),
            '_' => glob.push('?'),
            '*' | '?' | '[' => {
                glob.push('[');
                glob.push(c);
                glob.push(']');
            }
            _ => glob.push(c),
        }
    }
    glob
}

/// SQL `SIMILAR TO` as an anchored regular expression: `%` → `.*`, `_` → `.`, the
/// regex operators it shares with POSIX kept, the rest made literal.
pub fn similar_to_regex(pattern: &str) -> String {
    let mut re = String::from("^(?:");
    for c in pattern.chars() {
        match c {
            '%' => re.push_str(".*"),
            '_' => re.push('.'),
            '|' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' => re.push(c),
            _ => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push_str(")$");
    re
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_becomes_glob_with_specials_escaped() {
        assert_eq!(like_to_glob("%a_b*%"), "*a?b[*]*");
    }

    #[test]
    fn similar_to_is_anchored_and_keeps_alternation() {
        let re = regex::Regex::new(&similar_to_regex("%(b|d)%.x")).unwrap();
        assert!(re.is_match("abc.x"));
        assert!(!re.is_match("abcax"));
        assert!(!re.is_match("ac.x"));
    }

    #[test]
    fn exclude_role_is_bound_not_inlined() {
        let query = UserQuery {
            exclude_role_id: Some("r1'--".into()),
            ..UserQuery::default()
        };
        let clause = where_clause(&query, Dialect::Postgres);
        assert!(!clause.sql.contains("r1'"));
        assert_eq!(clause.binds, vec!["r1'--".to_string()]);
    }
}
