//! The global roles of a user or an application: assign with a picker,
//! remove.

use leptos::prelude::*;
use tenantry_api_types::Role;

use crate::api::roles::{self, Holder};
use crate::api::use_client;
use crate::components::link_list::{LinkList, LinkRow};
use crate::components::load::Load;
use crate::components::toast::use_toasts;

/// The roles an application holds.
#[component]
pub fn ApplicationRoles(
    /// The application.
    app_id: String,
) -> impl IntoView {
    view! {
        <HeldRoles holder=Holder::Application(app_id)
            empty="No roles: the application's tokens grant nothing." />
    }
}

/// The roles `holder` has, in a card.
#[component]
pub fn HeldRoles(
    /// Whose roles.
    holder: Holder,
    /// Said when there are none.
    empty: &'static str,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let holder = StoredValue::new(holder);
    let busy = RwSignal::new(false);
    let rows = Load::new(move || {
        let (client, holder) = (client.get_value(), holder.get_value());
        async move {
            let held = roles::held_by(&client, &holder).await?;
            Ok(held.into_iter().map(role_row).collect())
        }
    });
    let options = Load::new(move || {
        let (client, holder) = (client.get_value(), holder.get_value());
        async move {
            let free = roles::assignable_to(&client, &holder).await?;
            Ok(free.into_iter().map(|r| (r.role.id, r.role.name)).collect())
        }
    });
    let refresh = move |()| {
        rows.refetch();
        options.refetch();
    };
    let on_add = Callback::new(move |role: String| {
        let (client, holder) = (client.get_value(), holder.get_value());
        let task = async move { roles::assign(&client, &holder, &role).await };
        toasts.perform(busy, task, "Role assigned.", refresh);
    });
    let on_remove = Callback::new(move |role: String| {
        let (client, holder) = (client.get_value(), holder.get_value());
        let task = async move { roles::unassign(&client, &holder, &role).await };
        toasts.perform(busy, task, "Role removed.", refresh);
    });
    view! {
        <section class="tn-card" aria-labelledby="tn-held-roles-title">
            <h2 id="tn-held-roles-title" class="tn-card__title">"Roles"</h2>
            <LinkList caption="Roles" detail_header="Description" rows options
                picker_label="Assign a role" empty on_add on_remove busy />
        </section>
    }
}

/// A role as a linked row.
fn role_row(role: Role) -> LinkRow {
    LinkRow {
        href: Some(format!("/roles/{}", role.id)),
        id: role.id,
        name: role.name,
        detail: role.description,
    }
}
