//! One machine-to-machine application: name and description, secrets, roles,
//! delete.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use tenantry_api_types::{Application, Patch, UpdateApplication};

use crate::api::{applications, use_client};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::application_roles::ApplicationRoles;
use crate::pages::application_secrets::ApplicationSecrets;

#[component]
pub fn ApplicationDetail() -> impl IntoView {
    let client = use_client();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let app = Load::new(move || {
        let (client, id) = (client.clone(), id.get());
        async move { applications::get(&client, &id).await }
    });
    let on_change = Callback::new(move |()| app.refetch());
    let content = load_view(app, "The application", move |app| {
        view! { <ApplicationView app on_change /> }.into_any()
    });
    view! {
        <section class="tn-page">
            <A href="/applications" attr:class="tn-back-link">"← Applications"</A>
            {content}
        </section>
    }
}

#[component]
fn ApplicationView(app: Application, on_change: Callback<()>) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    let name = RwSignal::new(app.name.clone());
    let description = RwSignal::new(app.description.clone().unwrap_or_default());
    let id = StoredValue::new(app.id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = description.get_untracked().trim().to_string();
        let body = UpdateApplication {
            name: Some(name.get_untracked().trim().into()),
            description: if text.is_empty() {
                Patch::Null
            } else {
                Patch::Value(text)
            },
            custom_data: None,
            oidc_client_metadata: None,
            custom_client_metadata: None,
        };
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { applications::update(&client, &id, &body).await };
        toasts.perform(busy, task, "Application saved.", move |_| on_change.run(()));
    };
    let delete = move |()| {
        confirm.set(false);
        let (client, id, navigate) = (client.get_value(), id.get_value(), navigate.clone());
        let task = async move { applications::delete(&client, &id).await };
        toasts.perform(busy, task, "Application deleted.", move |()| {
            navigate("/applications", Default::default())
        });
    };
    view! {
        <header class="tn-page__header">
            <h1 class="tn-page__title">{app.name.clone()}</h1>
            <span class="tn-badge">"Machine-to-machine"</span>
        </header>
        <p class="tn-status">"App ID: " <code data-testid="app-id">{app.id.clone()}</code></p>
        <div class="tn-stack">
            <form class="tn-card tn-narrow" aria-label="Application settings" on:submit=save>
                <TextField id="tn-app-edit-name" label="Name" value=name />
                <TextField id="tn-app-edit-description" label="Description" value=description />
                <div class="tn-actions">
                    <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>"Save"</button>
                    <button class="tn-button tn-button--danger" type="button" disabled=move || busy.get()
                        on:click=move |_| confirm.set(true)>"Delete application"</button>
                </div>
            </form>
            <ApplicationSecrets app_id=app.id.clone() />
            <ApplicationRoles app_id=app.id.clone() />
        </div>
        <ConfirmDialog
            open=confirm
            title=format!("Delete the application {}?", app.name)
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| confirm.set(false))
        >
            <p>"Its secrets stop working at once. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
