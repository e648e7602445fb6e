//! Id lists from request bodies (`userIds`, `roleIds`, `scopeIds`, …): bounded in
//! length and de-duplicated in linear time, so one request cannot buy seconds of CPU
//! or thousands of lookups.

use std::collections::HashSet;

use super::error::{DomainError, DomainResult};

/// The most ids one body may list: far above any screen's batch.
pub const MAX_IDS: usize = 1000;

/// 400 `guard.invalid_input` when the list is longer than [`MAX_IDS`].
pub fn bounded(field: &str, ids: &[String]) -> DomainResult<()> {
    if ids.len() > MAX_IDS {
        return Err(DomainError::invalid(
            field,
            format!("at most {MAX_IDS} ids"),
        ));
    }
    Ok(())
}

/// The ids in their first order, each once, after the length check.
pub fn distinct(field: &str, ids: Vec<String>) -> DomainResult<Vec<String>> {
    bounded(field, &ids)?;
    let mut seen = HashSet::with_capacity(ids.len());
    Ok(ids
        .into_iter()
        .filter(|id| seen.insert(id.clone()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_order_and_refuses_long_lists() {
        let ids = ["b", "a", "b", "c", "a"].map(String::from).to_vec();
        assert_eq!(distinct("x", ids).unwrap(), ["b", "a", "c"]);
        let long = vec!["a".to_owned(); MAX_IDS + 1];
        assert!(distinct("x", long).is_err());
        let at_limit = vec!["a".to_owned(); MAX_IDS];
        assert_eq!(distinct("x", at_limit).unwrap(), ["a"]);
    }
}
