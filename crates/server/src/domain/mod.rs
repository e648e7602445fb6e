//! What the API does, between the HTTP handlers and the store.

pub mod admin_guard;
pub mod application_secrets;
pub mod applications;
pub mod audit;
pub mod audit_writer;
pub mod client_credentials;
pub mod invitation_accept;
pub mod invitation_mail;
pub mod invitations;
pub mod organization_input;
pub mod organization_members;
pub mod organization_roles;
pub mod organization_scopes;
pub mod organizations;
pub mod password_checks;
pub mod password_recovery;
pub mod resources;
pub mod role_members;
pub mod roles;
pub mod sessions;
pub mod text_search;
pub mod tokens;
pub mod user_input;
pub mod user_roles;
pub mod user_search;
pub mod users;
