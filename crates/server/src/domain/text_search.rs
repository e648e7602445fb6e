//! Logto's `search` parameters for roles, applications and scopes: the user search
//! syntax (`search`, `search.<field>`, `mode`, `mode.<field>`, `isCaseSensitive`,
//! `joint`) over the fields each list offers.

use super::error::DomainResult;
use super::user_search::{check_values, invalid, mode_named, parse_bool};
use crate::store::{Joint, MatchMode, TextMatch, TextSearch};

/// Builds the search from the request's parameters. `fields` maps API field names
/// to columns; a bare `search` covers them all. Other parameters are ignored.
pub fn parse(
    pairs: &[(String, String)],
    fields: &[(&str, &'static str)],
) -> DomainResult<TextSearch> {
    let column_of = |name: &str| {
        fields
            .iter()
            .find(|(api, _)| *api == name)
            .map(|(_, column)| *column)
            .ok_or_else(|| invalid(format!("Unknown search field `{name}`.")))
    };
    let mut search = TextSearch::default();
    let mut default_mode = MatchMode::Like;
    let mut field_modes: Vec<(Option<&'static str>, MatchMode)> = Vec::new();
    let mut keyed: Vec<(Option<&'static str>, String)> = Vec::new();
    for (key, value) in pairs {
        match key.as_str() {
            "mode" => default_mode = mode_named(value)?,
            "isCaseSensitive" => search.case_sensitive = parse_bool(key, value)?,
            "joint" | "jointMode" => {
                search.joint = match value.as_str() {
                    "or" => Joint::Or,
                    "and" => Joint::And,
                    _ => return Err(invalid("`joint` must be `or` or `and`.")),
                }
            }
            "search" if !value.is_empty() => keyed.push((None, value.clone())),
            _ => {
                if let Some(field) = key.strip_prefix("mode.") {
                    field_modes.push((Some(column_of(field)?), mode_named(value)?));
                } else if let Some(field) = key.strip_prefix("search.") {
                    let column = column_of(field)?;
                    if !value.is_empty() {
                        keyed.push((Some(column), value.clone()));
                    }
                }
            }
        }
    }
    for (column, value) in keyed {
        let same = |m: &&mut TextMatch| match column {
            Some(c) => m.columns == [c],
            None => m.columns.len() == fields.len(),
        };
        match search.matches.iter_mut().find(same) {
            Some(existing) => existing.values.push(value),
            None => search.matches.push(TextMatch {
                columns: column
                    .map_or_else(|| fields.iter().map(|(_, c)| *c).collect(), |c| vec![c]),
                mode: field_modes
                    .iter()
                    .rev()
                    .find(|(f, _)| *f == column)
                    .map_or(default_mode, |(_, m)| *m),
                values: vec![value],
            }),
        }
    }
    for m in &search.matches {
        check_values(m.mode, search.case_sensitive, &m.values)?;
    }
    Ok(search)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::{DomainError, Rule};

    const FIELDS: &[(&str, &str)] = &[
        ("id", "id"),
        ("name", "name"),
        ("description", "description"),
    ];

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn bare_search_covers_every_field_and_field_modes_apply() {
        let search = parse(
            &pairs(&[
                ("search", "%adm%"),
                ("search.name", "edge"),
                ("mode.name", "exact"),
                ("page", "1"),
            ]),
            FIELDS,
        )
        .unwrap();
        assert_eq!(search.matches.len(), 2);
        assert_eq!(search.matches[0].columns, vec!["id", "name", "description"]);
        assert_eq!(search.matches[0].mode, MatchMode::Like);
        assert_eq!(search.matches[1].columns, vec!["name"]);
        assert_eq!(search.matches[1].mode, MatchMode::Exact);
    }

    #[test]
    fn unknown_fields_and_bad_patterns_are_refused() {
        for bad in [
            pairs(&[("search.password", "x")]),
            pairs(&[("search", "a"), ("mode", "similar_to")]),
            pairs(&[("search", "("), ("mode", "posix")]),
            pairs(&[("joint", "xor")]),
        ] {
            let error = parse(&bad, FIELDS).unwrap_err();
            assert!(
                matches!(error, DomainError::Refused(Rule::InvalidSearch(_))),
                "{error:?}"
            );
        }
    }
}
