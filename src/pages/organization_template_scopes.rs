//! Organization scopes (permissions such as `manage:members`), and the
//! name-and-description form that roles and scopes share.

use leptos::prelude::*;
use tenantry_api_types::OrganizationScope;

use crate::api::organization_roles as api;
use crate::api::use_client;
use crate::components::data_table::{Column, DataTable};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;

#[component]
pub fn Scopes(
    /// The scopes, loaded by the page (the role form needs them too).
    list: Load<Vec<OrganizationScope>>,
    /// Bumped after every change; a fresh create form follows it.
    version: RwSignal<u32>,
    /// Called after a change.
    on_change: Callback<()>,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let editing = RwSignal::new(None::<OrganizationScope>);
    let deleting = RwSignal::new(None::<OrganizationScope>);
    let create = Callback::new(move |(name, text): (String, String)| {
        let client = client.get_value();
        let task = async move { api::create_scope(&client, &name, &text).await };
        toasts.perform(busy, task, "Scope created.", move |_| on_change.run(()));
    });
    let update = Callback::new(move |(name, text): (String, String)| {
        let Some(scope) = editing.get_untracked() else {
            return;
        };
        let client = client.get_value();
        let task = async move { api::update_scope(&client, &scope.id, &name, &text).await };
        toasts.perform(busy, task, "Scope saved.", move |_| {
            editing.set(None);
            on_change.run(());
        });
    });
    let delete = move |()| {
        let Some(scope) = deleting.get_untracked() else {
            return;
        };
        deleting.set(None);
        let client = client.get_value();
        let task = async move { api::delete_scope(&client, &scope.id).await };
        toasts.perform(busy, task, "Scope deleted.", move |()| on_change.run(()));
    };
    let table = load_view(list, "Scopes", move |scopes| {
        view! {
            <DataTable caption="Organization scopes" columns=columns(editing, deleting)
                rows=scopes row_key=|s: &OrganizationScope| s.id.clone() empty="No scopes yet." />
        }
        .into_any()
    });
    view! {
        <h2 class="tn-card__title tn-template__heading">"Scopes"</h2>
        {table}
        <div class="tn-sections tn-template__forms">
            {move || match (version.get(), editing.get()).1 {
                Some(scope) => view! {
                    <NameForm title=format!("Edit {}", scope.name) submit_label="Save scope"
                        prefix="tn-scope" name=scope.name
                        description=scope.description.unwrap_or_default() busy on_save=update
                        on_cancel=Some(Callback::new(move |()| editing.set(None))) />
                }
                .into_any(),
                None => view! {
                    <NameForm title="Create scope".to_string() submit_label="Create scope"
                        prefix="tn-scope" name=String::new() description=String::new() busy
                        on_save=create on_cancel=None />
                }
                .into_any(),
            }}
        </div>
        <ConfirmDialog
            open=Signal::derive(move || deleting.get().is_some())
            title="Delete this scope?"
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| deleting.set(None))
        >
            <p>{move || deleting.get().map(|s| s.name)} " is taken from every role that grants it."</p>
        </ConfirmDialog>
    }
}

fn columns(
    editing: RwSignal<Option<OrganizationScope>>,
    deleting: RwSignal<Option<OrganizationScope>>,
) -> Vec<Column<OrganizationScope>> {
    vec![
        Column::text("Name", |s: &OrganizationScope| s.name.clone()),
        Column::text("Description", |s: &OrganizationScope| {
            s.description.clone().unwrap_or_default()
        }),
        Column::new("Actions", move |s: &OrganizationScope| {
            let (edit, delete, name) = (s.clone(), s.clone(), s.name.clone());
            view! {
                <div class="tn-actions">
                    <button class="tn-button" type="button" aria-label=format!("Edit scope {name}")
                        on:click=move |_| editing.set(Some(edit.clone()))>"Edit"</button>
                    <button class="tn-button" type="button" aria-label=format!("Delete scope {name}")
                        on:click=move |_| deleting.set(Some(delete.clone()))>"Delete"</button>
                </div>
            }
        }),
    ]
}

/// A card form with a name, a description and whatever `children` add.
#[component]
pub fn NameForm(
    /// The card's heading.
    title: String,
    /// The submit button's text.
    submit_label: &'static str,
    /// Prefix of the inputs' ids, unique on the page.
    prefix: &'static str,
    /// The name to start from.
    name: String,
    /// The description to start from.
    description: String,
    /// Disables the submit button while a save runs.
    busy: RwSignal<bool>,
    /// Called with (name, description).
    on_save: Callback<(String, String)>,
    /// Shows a Cancel button calling this.
    on_cancel: Option<Callback<()>>,
    /// More fields, under the description.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let name = RwSignal::new(name);
    let description = RwSignal::new(description);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_save.run((name.get_untracked(), description.get_untracked()));
    };
    let (name_id, text_id) = (format!("{prefix}-name"), format!("{prefix}-description"));
    view! {
        <form class="tn-card" on:submit=submit>
            <h3 class="tn-card__title">{title}</h3>
            <TextField id=name_id label="Name" required=true value=name />
            <TextField id=text_id label="Description" value=description />
            {children.map(|more| more())}
            <div class="tn-actions">
                <button class="tn-button tn-button--primary" type="submit"
                    disabled=move || busy.get()>{submit_label}</button>
                {on_cancel.map(|cancel| view! {
                    <button class="tn-button" type="button" on:click=move |_| cancel.run(())>
                        "Cancel"
                    </button>
                })}
            </div>
        </form>
    }
}
