//! How a person is named on screen.

use tenantry_api_types::User;

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

/// A short name for headings and lists: name, else username, else email, else id.
pub fn user_title(user: &User) -> String {
    person_title(&user.id, &user.name, &user.username, &user.primary_email)
}
