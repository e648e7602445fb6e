//! A user's global roles: assign with a picker, remove. For the user
//! detail screen's roles tab.

use leptos::prelude::*;

use crate::api::{roles, use_client};
use crate::components::link_list::LinkList;
use crate::components::toast::use_toasts;
use crate::pages::application_roles::role_row;

#[component]
pub fn UserRoles(
    /// The user.
    user_id: String,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let id = StoredValue::new(user_id);
    let busy = RwSignal::new(false);
    let rows = LocalResource::new(move || {
        let (client, id) = (client.get_value(), id.get_value());
        async move {
            let held = roles::of_user(&client, &id).await?;
            Ok(held.into_iter().map(role_row).collect())
        }
    });
    let options = LocalResource::new(move || {
        let (client, id) = (client.get_value(), id.get_value());
        async move {
            let free = roles::assignable(&client, "User", ("excludeUserId", &id)).await?;
            Ok(free.into_iter().map(|r| (r.role.id, r.role.name)).collect())
        }
    });
    let refresh = move |()| {
        rows.refetch();
        options.refetch();
    };
    let on_add = Callback::new(move |role: String| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { roles::assign_to_user(&client, &id, &role).await };
        toasts.perform(busy, task, "Role assigned.", refresh);
    });
    let on_remove = Callback::new(move |role: String| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { roles::remove_from_user(&client, &id, &role).await };
        toasts.perform(busy, task, "Role removed.", refresh);
    });
    view! {
        <section class="tn-card" aria-labelledby="tn-user-roles-title">
            <h2 id="tn-user-roles-title" class="tn-card__title">"Roles"</h2>
            <LinkList caption="Roles of this user" detail_header="Description" rows options
                picker_label="Assign a role" empty="This user holds no roles."
                on_add on_remove busy />
        </section>
    }
}
