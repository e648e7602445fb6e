//! One global role: edit name, description and "default", delete (internal
//! roles are refused by the server, its message is shown), and its tabs.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use tenantry_api_types::{Role, RoleType, UpdateRole};

use crate::api::{roles, use_client};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::role_links::RoleLinks;
use crate::pages::roles::type_label;

#[component]
pub fn RoleDetail() -> impl IntoView {
    let client = use_client();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let role = Load::new(move || {
        let (client, id) = (client.clone(), id.get());
        async move { roles::get(&client, &id).await }
    });
    let on_change = Callback::new(move |()| role.refetch());
    let content = load_view(role, "The role", move |role| {
        view! { <RoleView role on_change /> }.into_any()
    });
    view! {
        <section class="tn-page">
            <A href="/roles" attr:class="tn-back-link">"← Roles"</A>
            {content}
        </section>
    }
}

#[component]
fn RoleView(role: Role, on_change: Callback<()>) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let name = RwSignal::new(role.name.clone());
    let description = RwSignal::new(role.description.clone());
    let is_default = RwSignal::new(role.is_default);
    let id = StoredValue::new(role.id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = UpdateRole {
            name: Some(name.get_untracked().trim().into()),
            description: Some(description.get_untracked().trim().into()),
            is_default: Some(is_default.get_untracked()),
        };
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { roles::update(&client, &id, &body).await };
        toasts.perform(busy, task, "Role saved.", move |_| on_change.run(()));
    };
    let delete = move |()| {
        confirm.set(false);
        let (client, id, navigate) = (client.get_value(), id.get_value(), navigate.clone());
        let task = async move { roles::delete(&client, &id).await };
        toasts.perform(busy, task, "Role deleted.", move |()| {
            navigate("/roles", Default::default())
        });
    };
    let user_role = role.role_type == RoleType::User;
    view! {
        <header class="tn-page__header">
            <h1 class="tn-page__title">{role.name.clone()}</h1>
            <span class="tn-badge">{type_label(role.role_type)}</span>
        </header>
        <p class="tn-status">"ID: " <code>{role.id.clone()}</code></p>
        <form class="tn-card tn-narrow" aria-label="Role settings" on:submit=save>
            <TextField id="tn-role-edit-name" label="Name" required=true value=name />
            <TextField id="tn-role-edit-description" label="Description" required=true value=description />
            {user_role.then(|| view! {
                <label>
                    <input type="checkbox" prop:checked=move || is_default.get()
                        on:change=move |ev| is_default.set(event_target_checked(&ev)) />
                    " Give it to every new user (default role)"
                </label>
            })}
            <div class="tn-actions">
                <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>"Save"</button>
                <button class="tn-button tn-button--danger" type="button" disabled=move || busy.get()
                    on:click=move |_| confirm.set(true)>"Delete role"</button>
            </div>
        </form>
        <RoleLinks role_id=role.id.clone() role_type=role.role_type />
        <ConfirmDialog
            open=confirm
            title=format!("Delete the role {}?", role.name)
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| confirm.set(false))
        >
            <p>"Everyone holding it loses its permissions. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
