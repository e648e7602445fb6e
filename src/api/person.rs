//! How a person is named on screen.

/// The first of name, username and email that is set and not empty, else the id.
pub fn person_title(
    id: &str,
    name: &Option<String>,
    username: &Option<String>,
    email: &Option<String>,
) -> String {
    [name, username, email]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| id.to_owned())
}
