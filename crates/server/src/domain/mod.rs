//! What the API does, between the HTTP handlers and the store.

pub mod admin_guard;
pub mod client_credentials;
pub mod password_checks;
pub mod user_input;
pub mod user_roles;
pub mod user_search;
pub mod users;
