//! A Logto `search` over a few text columns of roles, applications or scopes. The
//! same matching as the user search (`user_search_sql.rs`), without its trigram
//! shortcut: these tables are small.

use super::patterns::{exact_to_regex, like_to_regex, similar_to_regex};
use super::user_query::{Joint, MatchMode};
use super::user_search_sql::{Bind, Dialect};

/// One `search` or `search.<field>` parameter over its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct TextMatch {
    pub columns: Vec<&'static str>,
    pub mode: MatchMode,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextSearch {
    pub matches: Vec<TextMatch>,
    pub joint: Joint,
    pub case_sensitive: bool,
}

/// The search as one SQL condition over `alias`, binding its values after `binds`;
/// `None` when nothing is searched.
pub(super) fn condition(
    search: &TextSearch,
    alias: &str,
    dialect: Dialect,
    binds: &mut Vec<Bind>,
) -> Option<String> {
    let cs = search.case_sensitive;
    let parts: Vec<String> = search
        .matches
        .iter()
        .map(|m| {
            let mut checks = Vec::new();
            for value in &m.values {
                let (operator, bound) = match dialect {
                    Dialect::Postgres => postgres_operator(m.mode, cs, value),
                    Dialect::Sqlite => ("REGEXP", sqlite_regex(m.mode, cs, value)),
                };
                binds.push(Bind::Text(bound));
                let p = format!("${}", binds.len());
                for column in &m.columns {
                    let col = format!("{alias}.{column}");
                    checks.push(match (dialect, operator) {
                        (Dialect::Postgres, "=") => format!("{col} = {p}"),
                        (Dialect::Postgres, "lower=") => format!("lower({col}) = lower({p})"),
                        (Dialect::Postgres, op) => format!("{col} {op} {p}"),
                        // SQLite's regexp() fails on NULL, so test for it first.
                        (Dialect::Sqlite, _) => {
                            format!("(CASE WHEN {col} IS NULL THEN 0 ELSE {col} REGEXP {p} END)")
                        }
                    });
                }
            }
            format!("({})", checks.join(" OR "))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    let joint = match search.joint {
        Joint::Or => " OR ",
        Joint::And => " AND ",
    };
    Some(format!("({})", parts.join(joint)))
}

fn postgres_operator(mode: MatchMode, cs: bool, value: &str) -> (&'static str, String) {
    let operator = match (mode, cs) {
        (MatchMode::Exact, true) => "=",
        (MatchMode::Exact, false) => "lower=",
        (MatchMode::Like, true) => "LIKE",
        (MatchMode::Like, false) => "ILIKE",
        (MatchMode::SimilarTo, _) => "SIMILAR TO",
        (MatchMode::Posix, true) => "~",
        (MatchMode::Posix, false) => "~*",
    };
    (operator, value.to_owned())
}

fn sqlite_regex(mode: MatchMode, cs: bool, value: &str) -> String {
    match mode {
        MatchMode::Like => like_to_regex(value, cs),
        MatchMode::Exact if cs => format!("(?s)^{}$", regex::escape(value)),
        MatchMode::Exact => exact_to_regex(value),
        MatchMode::SimilarTo => similar_to_regex(value),
        MatchMode::Posix if cs => value.to_owned(),
        MatchMode::Posix => format!("(?i){value}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_bound_not_inlined() {
        let search = TextSearch {
            matches: vec![TextMatch {
                columns: vec!["name", "description"],
                mode: MatchMode::Like,
                values: vec!["%a'--%".into()],
            }],
            ..TextSearch::default()
        };
        let mut binds = vec![Bind::Int(1)];
        let sql = condition(&search, "r", Dialect::Postgres, &mut binds).unwrap();
        assert_eq!(sql, "((r.name ILIKE $2 OR r.description ILIKE $2))");
        assert_eq!(binds.len(), 2);
    }
}
