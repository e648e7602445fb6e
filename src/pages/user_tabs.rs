//! The user detail's Roles and Activity tabs: slots another screen fills.
//!
//! LEAD: when `UserRoles` / `UserActivity` (props `user_id: String`) are
//! merged, each function's body becomes one line, e.g.
//! `view! { <UserRoles user_id /> }.into_any()`, and `TabPending` goes.

use leptos::prelude::*;

/// The Roles tab's content.
pub fn roles_tab(user_id: String) -> AnyView {
    view! { <TabPending what="roles" user_id /> }.into_any()
}

/// The Activity tab's content (the user's audit log).
pub fn activity_tab(user_id: String) -> AnyView {
    view! { <TabPending what="activity" user_id /> }.into_any()
}

/// Says plainly that a tab is not built yet.
#[component]
fn TabPending(
    /// What the tab will show.
    what: &'static str,
    /// The user the tab is for.
    user_id: String,
) -> impl IntoView {
    view! {
        <p class="tn-status" data-testid="not-built" data-user-id=user_id>
            "The user's " {what} " are not shown here yet."
        </p>
    }
}
