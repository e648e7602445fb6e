//! The organization template: the roles every organization offers (with
//! their scopes) and the scopes themselves. Create, edit, delete each.

use leptos::prelude::*;
use tenantry_api_types::{NamedRef, OrganizationRoleWithScopes};

use crate::api::organization_roles as api;
use crate::api::use_client;
use crate::components::data_table::{Column, DataTable};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::toast::use_toasts;
use crate::pages::members::role_picker::RolePicker;
use crate::pages::members::role_tags;
use crate::pages::organization_template_scopes::{NameForm, Scopes};

#[component]
pub fn OrganizationTemplate() -> impl IntoView {
    let client = use_client();
    let version = RwSignal::new(0u32);
    let changed = Callback::new(move |()| version.update(|v| *v += 1));
    let scopes = Load::new({
        let client = client.clone();
        move || {
            version.track();
            let client = client.clone();
            async move { api::scopes(&client).await }
        }
    });
    let scope_refs = Signal::derive(move || match scopes.get() {
        Some(Ok(list)) => list
            .into_iter()
            .map(|s| NamedRef {
                id: s.id,
                name: s.name,
            })
            .collect(),
        _ => Vec::new(),
    });
    view! {
        <section class="tn-page">
            <h1 class="tn-page__title">"Organization roles and scopes"</h1>
            <p class="tn-status">"Every organization offers these roles; a role grants its scopes."</p>
            <Roles scopes=scope_refs version on_change=changed />
            <Scopes list=scopes version on_change=changed />
        </section>
    }
}

#[component]
fn Roles(
    scopes: Signal<Vec<NamedRef>>,
    version: RwSignal<u32>,
    on_change: Callback<()>,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let editing = RwSignal::new(None::<OrganizationRoleWithScopes>);
    let deleting = RwSignal::new(None::<OrganizationRoleWithScopes>);
    let busy = RwSignal::new(false);
    let roles = Load::new(move || {
        version.track();
        let client = client.get_value();
        async move { api::roles(&client).await }
    });
    let create = Callback::new(move |(name, text, ids): (String, String, Vec<String>)| {
        let client = client.get_value();
        let task = async move { api::create_role(&client, &name, &text, ids).await };
        toasts.perform(busy, task, "Role created.", move |_| on_change.run(()));
    });
    let update = Callback::new(move |(name, text, ids): (String, String, Vec<String>)| {
        let Some(role) = editing.get_untracked() else {
            return;
        };
        let client = client.get_value();
        let task = async move { api::update_role(&client, &role.id, &name, &text, ids).await };
        toasts.perform(busy, task, "Role saved.", move |()| {
            editing.set(None);
            on_change.run(());
        });
    });
    let delete = move |()| {
        let Some(role) = deleting.get_untracked() else {
            return;
        };
        deleting.set(None);
        let client = client.get_value();
        let task = async move { api::delete_role(&client, &role.id).await };
        toasts.perform(busy, task, "Role deleted.", move |()| on_change.run(()));
    };
    let table = load_view(roles, "Roles", move |list| {
        view! {
            <DataTable caption="Organization roles" columns=columns(editing, deleting) rows=list
                row_key=|r: &OrganizationRoleWithScopes| r.id.clone() empty="No roles yet." />
        }
        .into_any()
    });
    view! {
        <h2 class="tn-card__title tn-template__heading">"Roles"</h2>
        {table}
        <div class="tn-sections tn-template__forms">
            {move || match (version.get(), editing.get()).1 {
                Some(role) => view! {
                    <RoleForm title=format!("Edit {}", role.name) submit_label="Save role"
                        initial=role scopes busy on_save=update
                        on_cancel=Some(Callback::new(move |()| editing.set(None))) />
                }
                .into_any(),
                None => view! {
                    <RoleForm title="Create role".to_string() submit_label="Create role"
                        initial=empty_role() scopes busy on_save=create on_cancel=None />
                }
                .into_any(),
            }}
        </div>
        <ConfirmDialog
            open=Signal::derive(move || deleting.get().is_some())
            title="Delete this role?"
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| deleting.set(None))
        >
            <p>
                {move || deleting.get().map(|r| r.name)}
                " is taken from every member and invitation that has it."
            </p>
        </ConfirmDialog>
    }
}

fn empty_role() -> OrganizationRoleWithScopes {
    OrganizationRoleWithScopes {
        id: String::new(),
        name: String::new(),
        description: None,
        role_type: tenantry_api_types::RoleType::User,
        scopes: Vec::new(),
        resource_scopes: Vec::new(),
    }
}

fn columns(
    editing: RwSignal<Option<OrganizationRoleWithScopes>>,
    deleting: RwSignal<Option<OrganizationRoleWithScopes>>,
) -> Vec<Column<OrganizationRoleWithScopes>> {
    vec![
        Column::text("Name", |r: &OrganizationRoleWithScopes| r.name.clone()),
        Column::text("Description", |r: &OrganizationRoleWithScopes| {
            r.description.clone().unwrap_or_default()
        }),
        Column::new("Scopes", |r: &OrganizationRoleWithScopes| {
            role_tags(&r.scopes)
        }),
        Column::new("Actions", move |r: &OrganizationRoleWithScopes| {
            let (edit, delete, name) = (r.clone(), r.clone(), r.name.clone());
            view! {
                <div class="tn-actions">
                    <button class="tn-button" type="button" aria-label=format!("Edit role {name}")
                        on:click=move |_| editing.set(Some(edit.clone()))>"Edit"</button>
                    <button class="tn-button" type="button" aria-label=format!("Delete role {name}")
                        on:click=move |_| deleting.set(Some(delete.clone()))>"Delete"</button>
                </div>
            }
        }),
    ]
}

/// Name, description and scopes of a role, for create and edit.
#[component]
fn RoleForm(
    title: String,
    submit_label: &'static str,
    initial: OrganizationRoleWithScopes,
    scopes: Signal<Vec<NamedRef>>,
    busy: RwSignal<bool>,
    on_save: Callback<(String, String, Vec<String>)>,
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let selected = RwSignal::new(initial.scopes.iter().map(|s| s.id.clone()).collect());
    let saved = Callback::new(move |(name, text): (String, String)| {
        on_save.run((name, text, selected.get_untracked()))
    });
    view! {
        <NameForm title submit_label prefix="tn-role" name=initial.name
            description=initial.description.unwrap_or_default() busy on_save=saved on_cancel>
            <RolePicker legend="Scopes" roles=scopes selected />
        </NameForm>
    }
}
