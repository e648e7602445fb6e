//! Logto's user search parameters (`search`, `search.<field>`, `mode`, `mode.<field>`,
//! `isCaseSensitive`, `joint`, `excludeRoleId`, `excludeOrganizationId`) parsed into a
//! store query.

use regex::Regex;

use super::error::{DomainError, DomainResult, Rule};
use crate::store::{
    Joint, MatchMode, SearchMatch, UserField, UserQuery, has_dangling_escape, similar_to_regex,
};

pub(super) fn invalid(message: impl Into<String>) -> DomainError {
    Rule::InvalidSearch(message.into()).into()
}

fn field_named(name: &str) -> DomainResult<UserField> {
    Ok(match name {
        "id" => UserField::Id,
        "primaryEmail" | "primary_email" => UserField::PrimaryEmail,
        "primaryPhone" | "primary_phone" => UserField::PrimaryPhone,
        "username" => UserField::Username,
        "name" => UserField::Name,
        _ => {
            return Err(invalid(format!(
                "Search field `{name}` is not valid, expect one of id, primaryEmail, \
                 primaryPhone, username, name."
            )));
        }
    })
}

pub(super) fn mode_named(name: &str) -> DomainResult<MatchMode> {
    Ok(match name {
        "like" => MatchMode::Like,
        "exact" => MatchMode::Exact,
        "similar_to" => MatchMode::SimilarTo,
        "posix" => MatchMode::Posix,
        _ => {
            return Err(invalid(format!(
                "Search match mode `{name}` is not valid, expect one of like, exact, \
                 similar_to, posix."
            )));
        }
    })
}

/// Builds the query from the request's parameters, in their order. Parameters that
/// are not about searching (such as `page`) are ignored.
pub fn parse(pairs: &[(String, String)], now: i64) -> DomainResult<UserQuery> {
    let mut query = UserQuery {
        now,
        ..UserQuery::default()
    };
    let mut default_mode = MatchMode::Like;
    let mut field_modes: Vec<(Option<UserField>, MatchMode)> = Vec::new();
    for (key, value) in pairs {
        match key.as_str() {
            "mode" => default_mode = mode_named(value)?,
            "isCaseSensitive" => query.case_sensitive = parse_bool(key, value)?,
            "joint" | "jointMode" => {
                query.joint = match value.as_str() {
                    "or" => Joint::Or,
                    "and" => Joint::And,
                    other => {
                        return Err(invalid(format!(
                            "Search joint mode `{other}` is not valid, expect one of or, and."
                        )));
                    }
                }
            }
            "excludeRoleId" => query.exclude_role_id = Some(value.clone()),
            "isLocked" => query.is_locked = Some(parse_bool(key, value)?),
            "isSuspended" => query.is_suspended = Some(parse_bool(key, value)?),
            "excludeOrganizationId" => query.exclude_organization_id = Some(value.clone()),
            _ => {
                if let Some(field) = key.strip_prefix("mode.") {
                    field_modes.push((Some(field_named(field)?), mode_named(value)?));
                } else if key == "search" {
                    add_value(&mut query, None, value);
                } else if let Some(field) = key.strip_prefix("search.") {
                    // A field named but given nothing is a mistake (a bare `search=`
                    // is an empty search box, and ignored).
                    if value.is_empty() {
                        return Err(invalid("Search value cannot be empty."));
                    }
                    add_value(&mut query, Some(field_named(field)?), value);
                }
            }
        }
    }
    for search in &mut query.matches {
        search.mode = field_modes
            .iter()
            .rev()
            .find(|(f, _)| *f == search.field)
            .map_or(default_mode, |(_, m)| *m);
    }
    if query.exclude_role_id.is_some() && query.exclude_organization_id.is_some() {
        return Err(invalid(
            "`excludeRoleId` and `excludeOrganizationId` cannot be used together.",
        ));
    }
    validate(&query)?;
    Ok(query)
}

/// Values of the same parameter join one match; empty values are ignored.
fn add_value(query: &mut UserQuery, field: Option<UserField>, value: &str) {
    if value.is_empty() {
        return;
    }
    match query.matches.iter_mut().find(|m| m.field == field) {
        Some(existing) => existing.values.push(value.to_owned()),
        None => query.matches.push(SearchMatch {
            field,
            mode: MatchMode::Like,
            values: vec![value.to_owned()],
        }),
    }
}

pub(super) fn parse_bool(key: &str, value: &str) -> DomainResult<bool> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid(format!("`{key}` must be `true` or `false`."))),
    }
}

/// Refuses what the database would refuse, with a clear message, before it runs.
fn validate(query: &UserQuery) -> DomainResult<()> {
    for search in &query.matches {
        check_values(search.mode, query.case_sensitive, &search.values)?;
    }
    Ok(())
}

/// The checks of `validate` for one parameter's values (shared with `text_search`).
pub(super) fn check_values(
    mode: MatchMode,
    case_sensitive: bool,
    values: &[String],
) -> DomainResult<()> {
    if values.iter().any(|v| v.contains('\0')) {
        return Err(invalid("Search values must not contain NUL characters."));
    }
    let escaped = matches!(mode, MatchMode::Like | MatchMode::SimilarTo);
    if escaped && values.iter().any(|v| has_dangling_escape(v)) {
        return Err(invalid(
            "A search pattern must not end with an unfinished escape.",
        ));
    }
    match mode {
        MatchMode::SimilarTo if !case_sensitive => {
            return Err(invalid(
                "Cannot use case-insensitive match for `similar to`.",
            ));
        }
        MatchMode::SimilarTo => {
            for value in values {
                Regex::new(&similar_to_regex(value))
                    .map_err(|_| invalid(format!("Invalid `similar to` pattern `{value}`.")))?;
            }
        }
        MatchMode::Posix => {
            for value in values {
                Regex::new(value)
                    .map_err(|_| invalid(format!("Invalid regular expression `{value}`.")))?;
            }
        }
        MatchMode::Like | MatchMode::Exact => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn field_modes_override_the_default_mode() {
        let query = parse(
            &pairs(&[
                ("search", "%a%"),
                ("search.primary_email", "x@y.z"),
                ("search.primaryEmail", "w@y.z"),
                ("mode", "like"),
                ("mode.primaryEmail", "exact"),
                ("joint", "and"),
                ("page", "2"),
            ]),
            0,
        )
        .unwrap();
        assert_eq!(query.joint, Joint::And);
        assert_eq!(query.matches.len(), 2);
        assert_eq!(query.matches[0].mode, MatchMode::Like);
        assert_eq!(query.matches[1].field, Some(UserField::PrimaryEmail));
        assert_eq!(query.matches[1].mode, MatchMode::Exact);
        assert_eq!(query.matches[1].values, vec!["x@y.z", "w@y.z"]);
    }

    #[test]
    fn bad_search_input_is_refused() {
        for bad in [
            pairs(&[("search.password", "x")]),
            pairs(&[("mode", "fuzzy")]),
            pairs(&[("search", "a"), ("mode", "similar_to")]),
            pairs(&[("search", "("), ("mode", "posix")]),
            pairs(&[("isCaseSensitive", "yes")]),
            pairs(&[("joint", "xor")]),
            pairs(&[("search", "a\0b")]),
            pairs(&[("search", "abc\\")]),
            pairs(&[("excludeRoleId", "r"), ("excludeOrganizationId", "o")]),
        ] {
            let error = parse(&bad, 0).unwrap_err();
            assert!(
                matches!(error, DomainError::Refused(Rule::InvalidSearch(_))),
                "{bad:?}: {error:?}"
            );
        }
    }
}
