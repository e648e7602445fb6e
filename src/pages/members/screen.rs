//! The members screen: a table with role tags, search and a role filter;
//! change a member's roles, remove (confirmed), and the add, invite and
//! invitations cards below it.

use leptos::prelude::*;
use tenantry_api_types::NamedRef;

use crate::api::organizations::{self, ListQuery, Member};
use crate::api::{organization_roles, use_client};
use crate::components::data_table::{Column, DataTable};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::pager::Pager;
use crate::components::quick_search::QuickSearch;
use crate::components::toast::use_toasts;
use crate::pages::members::add::AddMembers;
use crate::pages::members::invitations::Invitations;
use crate::pages::members::invite::InviteForm;
use crate::pages::members::role_editor::RoleEditor;
use crate::pages::members::{Rights, RoleList, role_tags};

/// The members screen for `organization_id`.
#[component]
pub fn Members(
    /// The organization whose members are shown.
    organization_id: String,
    /// What the caller may do.
    rights: Rights,
) -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let org = StoredValue::new(organization_id);
    let query = RwSignal::new(ListQuery::default());
    let role_filter = RwSignal::new(String::new());
    // Bumped after every change, so the lists reload.
    let version = RwSignal::new(0u32);
    let changed = Callback::new(move |()| version.update(|v| *v += 1));
    let editing = RwSignal::new(None::<Member>);
    let removing = RwSignal::new(None::<Member>);

    let roles_resource = Load::new({
        let client = client.clone();
        move || {
            let client = client.clone();
            async move { organization_roles::roles(&client).await }
        }
    });
    let roles: RoleList = Signal::derive(move || match roles_resource.get() {
        Some(Ok(list)) => list
            .into_iter()
            .map(|r| NamedRef {
                id: r.id,
                name: r.name,
            })
            .collect(),
        _ => Vec::new(),
    });
    let members = Load::new({
        let client = client.clone();
        move || {
            let (client, query, role) = (client.clone(), query.get(), role_filter.get());
            version.track();
            async move { organizations::members(&client, &org.get_value(), &query, &role).await }
        }
    });

    let remove = move |()| {
        let Some(member) = removing.get_untracked() else {
            return;
        };
        removing.set(None);
        let client = client.clone();
        let task = async move {
            organizations::remove_member(&client, &org.get_value(), &member.id).await
        };
        toasts.perform(RwSignal::new(false), task, "Member removed.", move |()| {
            changed.run(())
        });
    };

    let role_options = move || {
        roles
            .get()
            .into_iter()
            .map(|r| {
                let id = r.id.clone();
                view! { <option value=r.id selected=move || role_filter.get() == id>{r.name}</option> }
            })
            .collect::<Vec<_>>()
    };
    let table = load_view(members, "Members", move |page| {
        view! {
            <DataTable
                caption="Members"
                columns=columns(rights.manage, editing, removing)
                rows=page.items
                row_key=|m: &Member| m.id.clone()
                empty="No members match."
            />
            <Pager
                page=Signal::derive(move || query.get().page)
                page_size=Signal::derive(move || query.get().page_size)
                total=page.total
                on_page=Callback::new(move |page| query.update(|q| q.page = page))
                on_page_size=Callback::new(move |size| query.update(|q| {
                    q.page_size = size;
                    q.page = 1;
                }))
            />
        }
        .into_any()
    });

    view! {
        <div class="tn-members">
            <div class="tn-members__tools">
                <QuickSearch
                    label="Search members"
                    value=Signal::derive(move || query.get().q)
                    on_search=Callback::new(move |q| query.set(ListQuery { q, ..Default::default() }))
                />
                <label class="tn-members__filter" for="tn-members-role">"Role"</label>
                <select id="tn-members-role" on:change=move |ev| {
                        role_filter.set(event_target_value(&ev));
                        query.update(|q| q.page = 1);
                    }>
                        <option value="">"Any role"</option>
                        {role_options}
                    </select>
            </div>
            {move || editing.get().map(|member| view! {
                <RoleEditor organization_id=org.get_value() member roles
                    on_done=Callback::new(move |saved: bool| {
                        editing.set(None);
                        if saved { changed.run(()) }
                    }) />
            })}
            {table}
            <div class="tn-sections">
                <Show when=move || rights.pick_users>
                    <AddMembers organization_id=org.get_value() roles on_added=changed />
                </Show>
                <Show when=move || rights.invite>
                    <InviteForm organization_id=org.get_value() roles on_sent=changed />
                </Show>
            </div>
            <Show when=move || rights.invite>
                <Invitations organization_id=org.get_value() version on_change=changed />
            </Show>
            <ConfirmDialog
                open=Signal::derive(move || removing.get().is_some())
                title="Remove this member?"
                confirm_label="Remove"
                danger=true
                on_confirm=Callback::new(remove)
                on_cancel=Callback::new(move |()| removing.set(None))
            >
                <p>
                    {move || removing.get().map(|m| m.title())}
                    " leaves the organization and loses their roles in it. Their account stays."
                </p>
            </ConfirmDialog>
        </div>
    }
}

fn columns(
    manage: bool,
    editing: RwSignal<Option<Member>>,
    removing: RwSignal<Option<Member>>,
) -> Vec<Column<Member>> {
    let mut columns = vec![
        Column::new("Member", |m: &Member| {
            let email = m.primary_email.clone().filter(|e| *e != m.title());
            view! {
                <span class="tn-members__name">{m.title()}</span>
                {email.map(|e| view! { <span class="tn-members__email">{e}</span> })}
            }
        }),
        Column::new("Roles", |m: &Member| role_tags(&m.organization_roles)),
    ];
    if manage {
        columns.push(Column::new("Actions", move |m: &Member| {
            let (edit, remove) = (m.clone(), m.clone());
            let who = m.title();
            view! {
                <div class="tn-actions">
                    <button class="tn-button" type="button" aria-label=format!("Change roles of {who}")
                        on:click=move |_| editing.set(Some(edit.clone()))>"Roles"</button>
                    <button class="tn-button" type="button" aria-label=format!("Remove {who}")
                        on:click=move |_| removing.set(Some(remove.clone()))>"Remove"</button>
                </div>
            }
        }));
    }
    columns
}
