//! The scopes of one API resource: create, edit (name, description) and
//! delete with a confirmation.

use leptos::prelude::*;
use tenantry_api_types::{Scope, ScopeBody};

use crate::api::{resources, use_client};
use crate::components::data_table::{Column, DataTable};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;

#[component]
pub fn ResourceScopes(
    /// The API resource.
    resource_id: String,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let id = StoredValue::new(resource_id);
    let scopes = Load::new(move || {
        let (client, id) = (client.get_value(), id.get_value());
        async move { resources::scopes(&client, &id).await }
    });
    let busy = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    // The scope being edited (its id), else a new one is created.
    let editing = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<Scope>);
    let reset = move || {
        editing.set(None);
        name.set(String::new());
        description.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ScopeBody {
            name: Some(name.get_untracked().trim().into()),
            description: Some(description.get_untracked().trim().into()),
        };
        let (client, id) = (client.get_value(), id.get_value());
        let done = move |_| {
            reset();
            scopes.refetch();
        };
        match editing.get_untracked() {
            Some(scope) => {
                let task =
                    async move { resources::update_scope(&client, &id, &scope, &body).await };
                toasts.perform(busy, task, "Scope saved.", done);
            }
            None => {
                let task = async move { resources::create_scope(&client, &id, &body).await };
                toasts.perform(busy, task, "Scope created.", done);
            }
        }
    };
    let delete = move |()| {
        let Some(scope) = deleting.get_untracked() else {
            return;
        };
        deleting.set(None);
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { resources::delete_scope(&client, &id, &scope.id).await };
        toasts.perform(busy, task, "Scope deleted.", move |()| scopes.refetch());
    };
    let columns = vec![
        Column::text("Name", |s: &Scope| s.name.clone()),
        Column::text("Description", |s: &Scope| {
            s.description.clone().unwrap_or_default()
        }),
        Column::new("", move |s: &Scope| {
            let (edit, remove) = (s.clone(), s.clone());
            view! {
                <button class="tn-button" type="button" aria-label=format!("Edit {}", s.name) on:click=move |_| {
                    editing.set(Some(edit.id.clone()));
                    name.set(edit.name.clone());
                    description.set(edit.description.clone().unwrap_or_default());
                }>"Edit"</button>
                <button class="tn-button tn-button--danger" type="button" aria-label=format!("Delete {}", s.name)
                    on:click=move |_| deleting.set(Some(remove.clone()))>"Delete"</button>
            }
        }),
    ];
    let table = load_view(scopes, "The scopes", move |rows| {
        view! {
            <DataTable caption="Scopes" columns=columns.clone() rows=rows
                row_key=|s: &Scope| s.id.clone() empty="No scopes yet." />
        }
        .into_any()
    });
    view! {
        <section class="tn-card tn-spaced" aria-labelledby="tn-scopes-title">
            <h2 id="tn-scopes-title" class="tn-card__title">"Scopes"</h2>
            <form class="tn-inline-form" aria-label="Scope" on:submit=submit>
                <TextField id="tn-scope-name" label="Scope name" value=name />
                <TextField id="tn-scope-description" label="Scope description" value=description />
                <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>
                    {move || if editing.get().is_some() { "Save scope" } else { "Create scope" }}
                </button>
                <Show when=move || editing.get().is_some()>
                    <button class="tn-button" type="button" on:click=move |_| reset()>"Cancel"</button>
                </Show>
            </form>
            {table}
        </section>
        <ConfirmDialog
            open=Signal::derive(move || deleting.get().is_some())
            title="Delete this scope?"
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| deleting.set(None))
        >
            <p>"Roles granting it lose it. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
