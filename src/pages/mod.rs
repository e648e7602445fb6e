//! One file per screen.

pub mod application_detail;
pub mod application_roles;
pub mod application_secrets;
pub mod applications;
pub mod audit_log;
pub mod audit_table;
pub mod audit_time;
pub mod dashboard;
pub mod not_built;
pub mod resource_detail;
pub mod resource_scopes;
pub mod resources;
pub mod role_detail;
pub mod role_links;
pub mod roles;
pub mod sign_in;
pub mod user_account;
pub mod user_activity;
pub mod user_create;
pub mod user_detail;
pub mod user_edit;
pub mod user_roles;
pub mod users;
