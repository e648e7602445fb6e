//! After the load: reads the users and role links straight from PostgreSQL and
//! compares them with what the servers acknowledged.

use std::collections::{HashMap, HashSet};
use std::process::Command;

use super::ledger::{Held, Ledger};
use crate::Result;

/// Rows written (acknowledged) against rows found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rows {
    pub users_written: usize,
    pub users_found: usize,
    /// Acknowledged users that are not in the database (or under another id).
    pub users_missing: usize,
    /// Usernames with more than one row.
    pub users_duplicated: usize,
    /// Soak users in the database that no write created.
    pub users_unexpected: usize,
    /// Users whose name is none the acknowledged writes allow.
    pub names_wrong: usize,
    pub links_written: usize,
    pub links_found: usize,
    /// Links whose removal was acknowledged but that are still there.
    pub links_left: usize,
    /// Writes that got no answer (in the kill window): either outcome is right.
    pub unanswered: usize,
}

impl Rows {
    pub fn matches(&self) -> bool {
        self.users_found == self.users_written
            && self.links_found == self.links_written
            && self.users_missing + self.users_duplicated + self.users_unexpected == 0
            && self.names_wrong + self.links_left == 0
    }
}

/// Queries the database at `url` and compares.
pub fn check(url: &str, ledger: &Ledger) -> Result<Rows> {
    let users = query(
        url,
        "SELECT username, id, coalesce(name, '') FROM users WHERE username LIKE 'soak\\_%'",
    )?;
    let links = query(
        url,
        "SELECT ur.user_id, r.name FROM users_roles ur JOIN roles r ON r.id = ur.role_id \
         WHERE r.name LIKE 'soak\\_role\\_%'",
    )?;
    Ok(compare(ledger, &users, &links))
}

/// `rows` of `(username, id, name)` and `links` of `(user id, role name)`; role `i`
/// is named `soak_role_<i>`.
pub fn compare(ledger: &Ledger, users: &[Vec<String>], links: &[Vec<String>]) -> Rows {
    let mut rows = Rows::default();
    let mut by_username: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    for row in users {
        by_username
            .entry(&row[0])
            .or_default()
            .push((&row[1], &row[2]));
    }
    let links: HashSet<(&str, &str)> = links
        .iter()
        .map(|l| (l[0].as_str(), l[1].as_str()))
        .collect();
    rows.users_duplicated = by_username.values().filter(|found| found.len() > 1).count();
    let known: HashSet<&str> = ledger
        .users
        .iter()
        .map(|u| u.username.as_str())
        .chain(ledger.maybe_created.iter().map(String::as_str))
        .collect();
    rows.users_unexpected = by_username
        .keys()
        .filter(|name| !known.contains(*name))
        .count();
    rows.unanswered = ledger.maybe_created.len();
    for user in &ledger.users {
        rows.users_written += 1;
        let found = by_username
            .get(user.username.as_str())
            .map_or(&[][..], Vec::as_slice);
        match found.iter().find(|(id, _)| *id == user.id) {
            Some((_, name)) => {
                rows.users_found += 1;
                if !user.names.iter().any(|n| n == name) {
                    rows.names_wrong += 1;
                }
            }
            None => rows.users_missing += 1,
        }
        rows.unanswered += user.names.len() - 1;
        for (i, held) in user.roles.iter().enumerate() {
            let present = links.contains(&(user.id.as_str(), format!("soak_role_{i}").as_str()));
            match held {
                Held::Yes => {
                    rows.links_written += 1;
                    rows.links_found += usize::from(present);
                }
                Held::No => rows.links_left += usize::from(present),
                Held::Unknown => rows.unanswered += 1,
            }
        }
    }
    rows
}

/// The rows of a query, as `psql -tA` prints them (fields split at `|`).
fn query(url: &str, sql: &str) -> Result<Vec<Vec<String>>> {
    let out = Command::new("psql")
        .arg(url)
        .args(["-X", "-tA", "-c", sql])
        .output()?;
    if !out.status.success() {
        return Err(format!("psql: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let text = String::from_utf8(out.stdout)?;
    Ok(text
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| line.split('|').map(str::to_owned).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::ledger::Outcome;
    use super::*;

    fn row(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|f| f.to_string()).collect()
    }

    fn ledger() -> Ledger {
        let mut ledger = Ledger::default();
        ledger.created(Outcome::Acknowledged, "soak_0_1", Some("u1"), "n1", 2);
        ledger.role_set(0, 1, Outcome::Acknowledged, true);
        ledger.created(Outcome::Unknown, "soak_0_2", None, "n2", 2);
        ledger
    }

    #[test]
    fn acknowledged_rows_found_match() {
        let users = [
            row(&["soak_0_1", "u1", "n1"]),
            row(&["soak_0_2", "u2", "n2"]),
        ];
        let rows = compare(&ledger(), &users, &[row(&["u1", "soak_role_1"])]);
        assert!(rows.matches(), "{rows:?}");
        assert_eq!(
            (rows.users_written, rows.links_written, rows.unanswered),
            (1, 1, 1)
        );
    }

    #[test]
    fn a_lost_write_or_a_stranger_is_a_mismatch() {
        let rows = compare(&ledger(), &[row(&["soak_0_1", "u1", "n1"])], &[]);
        assert_eq!((rows.links_found, rows.matches()), (0, false));
        let users = [
            row(&["soak_0_1", "u1", "old"]),
            row(&["soak_9_9", "u9", ""]),
        ];
        let rows = compare(&ledger(), &users, &[row(&["u1", "soak_role_1"])]);
        assert_eq!((rows.names_wrong, rows.users_unexpected), (1, 1));
        assert!(!rows.matches());
    }
}
