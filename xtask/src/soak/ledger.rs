//! What the load wrote: every write the servers acknowledged, and the writes whose
//! outcome is unknown (no answer came), so the database can be checked afterwards.

/// Whether a user holds a role, as far as the acknowledged writes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Yes,
    No,
    /// A write to it got no answer: either state is right.
    Unknown,
}

/// A user whose creation was acknowledged.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: String,
    pub username: String,
    /// The names the database may hold: the last acknowledged one first, then any
    /// written after it without an answer.
    pub names: Vec<String>,
    /// One entry per soak role, in the order of `Ledger::role_names`.
    pub roles: Vec<Held>,
}

#[derive(Debug, Default)]
pub struct Ledger {
    pub users: Vec<UserRecord>,
    /// Usernames whose creation got no answer: zero or one row each.
    pub maybe_created: Vec<String>,
}

/// How a write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx answer: the write must be in the database.
    Acknowledged,
    /// An error status: the write must not have happened.
    Refused,
    /// No answer: it may or may not have happened.
    Unknown,
}

impl Ledger {
    pub fn created(
        &mut self,
        outcome: Outcome,
        username: &str,
        id: Option<&str>,
        name: &str,
        roles: usize,
    ) {
        match (outcome, id) {
            (Outcome::Acknowledged, Some(id)) => self.users.push(UserRecord {
                id: id.to_owned(),
                username: username.to_owned(),
                names: vec![name.to_owned()],
                roles: vec![Held::No; roles],
            }),
            (Outcome::Refused, _) => {}
            _ => self.maybe_created.push(username.to_owned()),
        }
    }

    pub fn renamed(&mut self, user: usize, outcome: Outcome, name: &str) {
        let names = &mut self.users[user].names;
        match outcome {
            Outcome::Acknowledged => *names = vec![name.to_owned()],
            Outcome::Refused => {}
            Outcome::Unknown => names.push(name.to_owned()),
        }
    }

    /// A role added (`held` true) or removed.
    pub fn role_set(&mut self, user: usize, role: usize, outcome: Outcome, held: bool) {
        let state = &mut self.users[user].roles[role];
        match outcome {
            Outcome::Acknowledged if held => *state = Held::Yes,
            Outcome::Acknowledged => *state = Held::No,
            Outcome::Refused => {}
            Outcome::Unknown => *state = Held::Unknown,
        }
    }

    /// Adds another caller's ledger.
    pub fn merge(&mut self, other: Ledger) {
        self.users.extend(other.users);
        self.maybe_created.extend(other.maybe_created);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unanswered_rename_widens_what_the_database_may_hold() {
        let mut ledger = Ledger::default();
        ledger.created(Outcome::Acknowledged, "u", Some("id1"), "n0", 2);
        ledger.renamed(0, Outcome::Unknown, "n1");
        assert_eq!(ledger.users[0].names, ["n0", "n1"]);
        ledger.renamed(0, Outcome::Refused, "n2");
        ledger.renamed(0, Outcome::Acknowledged, "n3");
        assert_eq!(ledger.users[0].names, ["n3"]);
    }

    #[test]
    fn role_states_follow_acknowledged_writes() {
        let mut ledger = Ledger::default();
        ledger.created(Outcome::Acknowledged, "u", Some("id1"), "n0", 2);
        ledger.role_set(0, 1, Outcome::Acknowledged, true);
        ledger.role_set(0, 0, Outcome::Unknown, true);
        assert_eq!(ledger.users[0].roles, [Held::Unknown, Held::Yes]);
        ledger.created(Outcome::Unknown, "v", None, "n0", 2);
        assert_eq!(ledger.maybe_created, ["v"]);
    }
}
