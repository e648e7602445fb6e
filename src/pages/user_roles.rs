//! A user's global roles: assign with a picker, remove. For the user
//! detail screen's roles tab.

use leptos::prelude::*;

use crate::api::roles::Holder;
use crate::pages::application_roles::HeldRoles;

#[component]
pub fn UserRoles(
    /// The user.
    user_id: String,
) -> impl IntoView {
    view! { <HeldRoles holder=Holder::User(user_id) empty="This user holds no roles." /> }
}
