//! One API resource: name and token lifetime (the indicator is fixed once
//! created), "default", delete, and its scopes. The server refuses changes to
//! the Management API resource; its message is shown.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use tenantry_api_types::{Resource, UpdateResource};

use crate::api::{resources, use_client};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::resource_scopes::ResourceScopes;
use crate::pages::resources::parse_ttl;

#[component]
pub fn ResourceDetail() -> impl IntoView {
    let client = use_client();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let resource = Load::new(move || {
        let (client, id) = (client.clone(), id.get());
        async move { resources::get(&client, &id).await }
    });
    let on_change = Callback::new(move |()| resource.refetch());
    let content = load_view(resource, "The API resource", move |resource| {
        view! { <ResourceView resource on_change /> }.into_any()
    });
    view! {
        <section class="tn-page">
            <A href="/api-resources" attr:class="tn-back-link">"← API resources"</A>
            {content}
        </section>
    }
}

#[component]
fn ResourceView(resource: Resource, on_change: Callback<()>) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let name = RwSignal::new(resource.name.clone());
    let ttl = RwSignal::new(resource.access_token_ttl.to_string());
    let id = StoredValue::new(resource.id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let access_token_ttl = match parse_ttl(&ttl.get_untracked()) {
            Ok(ttl) => ttl,
            Err(err) => return toasts.error(err),
        };
        let body = UpdateResource {
            name: Some(name.get_untracked().trim().into()),
            access_token_ttl,
        };
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { resources::update(&client, &id, &body).await };
        toasts.perform(busy, task, "API resource saved.", move |_| {
            on_change.run(())
        });
    };
    let is_default = resource.is_default;
    let toggle_default = move |_| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { resources::set_default(&client, &id, !is_default).await };
        toasts.perform(busy, task, "Default changed.", move |_| on_change.run(()));
    };
    let delete = move |()| {
        confirm.set(false);
        let (client, id, navigate) = (client.get_value(), id.get_value(), navigate.clone());
        let task = async move { resources::delete(&client, &id).await };
        toasts.perform(busy, task, "API resource deleted.", move |()| {
            navigate("/api-resources", Default::default())
        });
    };
    view! {
        <header class="tn-page__header">
            <h1 class="tn-page__title">{resource.name.clone()}</h1>
            {is_default.then(|| view! { <span class="tn-badge">"Default"</span> })}
        </header>
        <form class="tn-card tn-narrow" aria-label="API resource settings" on:submit=save>
            <div class="tn-field">
                <label class="tn-field__label" for="tn-resource-edit-indicator">"Indicator"</label>
                <input class="tn-field__input" id="tn-resource-edit-indicator" readonly value=resource.indicator.clone() />
            </div>
            <TextField id="tn-resource-edit-name" label="Name" value=name />
            <TextField id="tn-resource-edit-ttl" label="Token lifetime in seconds" kind="number" value=ttl />
            <div class="tn-actions">
                <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>"Save"</button>
                <button class="tn-button" type="button" disabled=move || busy.get() on:click=toggle_default>
                    {if is_default { "Stop being the default" } else { "Make default" }}
                </button>
                <button class="tn-button tn-button--danger" type="button" disabled=move || busy.get()
                    on:click=move |_| confirm.set(true)>"Delete API resource"</button>
            </div>
        </form>
        <ResourceScopes resource_id=resource.id.clone() />
        <ConfirmDialog
            open=confirm
            title=format!("Delete the API resource {}?", resource.name)
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| confirm.set(false))
        >
            <p>"Its scopes go too, and roles lose them. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
