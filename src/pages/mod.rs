//! One file per screen.

pub mod invitation_accept;
pub mod members;
pub mod members_add;
pub mod members_invite;
pub mod members_roles;
pub mod not_built;
pub mod organization_create;
pub mod organization_detail;
pub mod organization_template;
pub mod organization_template_scopes;
pub mod organizations;
pub mod sign_in;
pub mod user_account;
pub mod user_create;
pub mod user_detail;
pub mod user_edit;
pub mod users;
