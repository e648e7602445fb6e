//! One file per screen.

pub mod not_built;
pub mod sign_in;
pub mod user_account;
pub mod user_create;
pub mod user_detail;
pub mod user_edit;
pub mod users;
