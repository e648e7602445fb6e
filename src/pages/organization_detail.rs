//! One organization: its settings (name, description, custom data, delete)
//! and its members, as two tabs under one header.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use tenantry_api_types::Organization;

use crate::api::{ApiError, organizations, use_client};
use crate::components::dialog::ConfirmDialog;
use crate::components::json_editor::JsonEditor;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::toast::use_toasts;
use crate::pages::members::Rights;
use crate::pages::members::screen::Members;
use crate::pages::organization_create::NameFields;
use crate::session::use_session;

fn use_org_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()))
}

/// The organization's name and the Settings / Members tabs. Tenant admins
/// load the organization; organization admins know it from their session.
#[component]
fn OrgHeader(id: Memo<String>) -> impl IntoView {
    let session = use_session();
    let client = use_client();
    let tenant_admin = move || session.info().is_some_and(|i| i.is_tenant_admin);
    let loaded = Load::new(move || {
        let (client, id, load) = (client.clone(), id.get(), tenant_admin());
        async move {
            match load {
                true => organizations::get(&client, &id).await.map(|o| Some(o.name)),
                false => Ok(None),
            }
        }
    });
    let name = move || {
        let from_session = session.info().and_then(|info| {
            let id = id.get();
            info.organizations.into_iter().find(|o| o.id == id)
        });
        from_session
            .and_then(|o| o.name)
            .or_else(|| loaded.get().and_then(Result::ok).flatten())
            .unwrap_or_else(|| "Organization".into())
    };
    view! {
        <A href="/organizations" attr:class="tn-back-link">"← Organizations"</A>
        <h1 class="tn-page__title" data-testid="organization-name">{name}</h1>
        <nav class="tn-tabs" aria-label="Organization">
            <Show when=tenant_admin>
                <A href=move || format!("/organizations/{}", id.get()) exact=true
                    attr:class="tn-tabs__link">"Settings"</A>
            </Show>
            <A href=move || format!("/organizations/{}/members", id.get())
                attr:class="tn-tabs__link">"Members"</A>
        </nav>
    }
}

/// `/organizations/:id/members`.
#[component]
pub fn OrganizationMembers() -> impl IntoView {
    let id = use_org_id();
    let session = use_session();
    let tenant_admin = session.info().is_some_and(|i| i.is_tenant_admin);
    let rights = Rights {
        manage: true,
        invite: true,
        pick_users: tenant_admin,
    };
    view! {
        <section class="tn-page">
            <OrgHeader id />
            {move || view! { <Members organization_id=id.get() rights /> }}
        </section>
    }
}

/// `/organizations/:id`: the settings tab.
#[component]
pub fn OrganizationDetail() -> impl IntoView {
    let client = use_client();
    let id = use_org_id();
    let organization = Load::new(move || {
        let (client, id) = (client.clone(), id.get());
        async move { organizations::get(&client, &id).await }
    });
    let refetch = Callback::new(move |()| organization.refetch());
    let loaded = load_view(organization, "The organization", move |found| {
        view! { <Settings organization=found on_change=refetch /> }.into_any()
    });
    let content = move || {
        if !organization.is_missing() {
            return loaded();
        }
        view! { <p class="tn-status">"No organization has this ID. It may have been deleted."</p> }
            .into_any()
    };
    view! {
        <section class="tn-page">
            <OrgHeader id />
            {content}
        </section>
    }
}

#[component]
fn Settings(organization: Organization, on_change: Callback<()>) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let name = RwSignal::new(organization.name.clone());
    let description = RwSignal::new(organization.description.clone().unwrap_or_default());
    let id = StoredValue::new(organization.id.clone());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (client, id) = (client.get_value(), id.get_value());
        let (name, description) = (name.get_untracked(), description.get_untracked());
        let task = async move { organizations::update(&client, &id, &name, &description).await };
        toasts.perform(busy, task, "Settings saved.", move |_| on_change.run(()));
    };
    let save_data = Callback::new(move |data| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { organizations::replace_custom_data(&client, &id, data).await };
        toasts.perform::<_, ApiError, _>(busy, task, "Custom data saved.", move |_| {
            on_change.run(())
        });
    });
    let delete = move |()| {
        confirm.set(false);
        let (client, id) = (client.get_value(), id.get_value());
        let navigate = navigate.clone();
        let task = async move { organizations::delete(&client, &id).await };
        toasts.perform(busy, task, "Organization deleted.", move |()| {
            navigate("/organizations", Default::default())
        });
    };
    view! {
        <p class="tn-status">"ID: " <code>{organization.id.clone()}</code></p>
        <div class="tn-sections">
            <form class="tn-card" aria-labelledby="tn-org-settings-title" on:submit=save>
                <h2 id="tn-org-settings-title" class="tn-card__title">"Settings"</h2>
                <NameFields name description />
                <div>
                    <button class="tn-button tn-button--primary" type="submit"
                        disabled=move || busy.get()>"Save settings"</button>
                </div>
                <div class="tn-danger-zone">
                    <button class="tn-button tn-button--danger" type="button"
                        disabled=move || busy.get() on:click=move |_| confirm.set(true)>
                        "Delete organization"
                    </button>
                </div>
            </form>
            <section class="tn-card" aria-labelledby="tn-org-data-title">
                <h2 id="tn-org-data-title" class="tn-card__title">"Custom data"</h2>
                <JsonEditor label="JSON object" initial=organization.custom_data.clone()
                    on_save=save_data busy />
            </section>
        </div>
        <ConfirmDialog
            open=confirm
            title=format!("Delete {}?", organization.name)
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| confirm.set(false))
        >
            <p>"Its memberships and invitations are removed. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
