//! The user detail's Roles and Activity tabs, built by their own screens.

use leptos::prelude::*;

use crate::pages::user_activity::UserActivity;
use crate::pages::user_roles::UserRoles;

/// The Roles tab's content.
pub fn roles_tab(user_id: String) -> AnyView {
    view! { <UserRoles user_id /> }.into_any()
}

/// The Activity tab's content (the user's audit log).
pub fn activity_tab(user_id: String) -> AnyView {
    view! { <UserActivity user_id /> }.into_any()
}
