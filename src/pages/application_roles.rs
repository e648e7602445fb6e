//! The machine-to-machine roles of an application: assign and remove.

use leptos::prelude::*;

use crate::api::{applications, roles, use_client};
use crate::components::link_list::{LinkList, LinkRow};
use crate::components::toast::use_toasts;

#[component]
pub fn ApplicationRoles(
    /// The application.
    app_id: String,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let id = StoredValue::new(app_id);
    let busy = RwSignal::new(false);
    let rows = LocalResource::new(move || {
        let (client, id) = (client.get_value(), id.get_value());
        async move {
            let held = applications::roles(&client, &id).await?;
            Ok(held.into_iter().map(role_row).collect())
        }
    });
    let options = LocalResource::new(move || {
        let (client, id) = (client.get_value(), id.get_value());
        async move {
            let free =
                roles::assignable(&client, "MachineToMachine", ("excludeApplicationId", &id))
                    .await?;
            Ok(free.into_iter().map(|r| (r.role.id, r.role.name)).collect())
        }
    });
    let refresh = move |()| {
        rows.refetch();
        options.refetch();
    };
    let on_add = Callback::new(move |role: String| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { applications::assign_role(&client, &id, &role).await };
        toasts.perform(busy, task, "Role assigned.", refresh);
    });
    let on_remove = Callback::new(move |role: String| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { applications::remove_role(&client, &id, &role).await };
        toasts.perform(busy, task, "Role removed.", refresh);
    });
    view! {
        <section class="tn-card" aria-labelledby="tn-app-roles-title">
            <h2 id="tn-app-roles-title" class="tn-card__title">"Roles"</h2>
            <LinkList caption="Roles of this application" detail_header="Description" rows options
                picker_label="Assign a role" empty="No roles: the application's tokens grant nothing."
                on_add on_remove busy />
        </section>
    }
}

/// A role as a linked row.
pub fn role_row(role: tenantry_api_types::Role) -> LinkRow {
    LinkRow {
        href: Some(format!("/roles/{}", role.id)),
        id: role.id,
        name: role.name,
        detail: role.description,
    }
}
