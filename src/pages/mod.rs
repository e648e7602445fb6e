//! One file per screen.

pub mod not_built;
pub mod sign_in;
pub mod users;
