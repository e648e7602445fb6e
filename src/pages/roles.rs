//! The global roles: search, pagination with the total, and creating one.
//! Search and page live in the URL query.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use tenantry_api_types::{CreateRole, RoleType, RoleWithCounts};

use crate::api::query::with_query;
use crate::api::roles::{self, ListQuery, PAGE_SIZES};
use crate::api::use_client;
use crate::components::data_table::{Column, DataTable};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::pager::Pager;
use crate::components::quick_search::QuickSearch;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;

/// The list query in the URL of `path`, and a way to change it (a navigation,
/// so Back undoes it).
pub fn use_list_query(path: &'static str) -> (Memo<ListQuery>, Callback<ListQuery>) {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ListQuery::from_url(|k| p.get(k))));
    let navigate = use_navigate();
    let go = Callback::new(move |next: ListQuery| {
        navigate(
            &with_query(path, &next.to_url()),
            NavigateOptions::default(),
        );
    });
    (query, go)
}

/// The pager of a [`ListQuery`] list.
pub fn list_pager(query: Memo<ListQuery>, go: Callback<ListQuery>, total: u64) -> impl IntoView {
    view! {
        <Pager
            page=Signal::derive(move || query.get().page)
            page_size=Signal::derive(move || query.get().page_size)
            total=total
            sizes=PAGE_SIZES.to_vec()
            on_page=Callback::new(move |page| go.run(ListQuery { page, ..query.get_untracked() }))
            on_page_size=Callback::new(move |page_size| {
                go.run(ListQuery { page_size, page: 1, ..query.get_untracked() })
            })
        />
    }
}

#[component]
pub fn Roles() -> impl IntoView {
    let client = use_client();
    let (query, go) = use_list_query("/roles");
    let list = Load::new(move || {
        let (client, q) = (client.clone(), query.get());
        async move { roles::list(&client, &q.search, q.page, q.page_size).await }
    });
    let creating = RwSignal::new(false);
    let content = load_view(list, "The roles", move |page| {
        view! {
            <DataTable caption="Roles" columns=columns() rows=page.items
                row_key=|r: &RoleWithCounts| r.role.id.clone() empty="No roles match." />
            {list_pager(query, go, page.total)}
        }
        .into_any()
    });
    view! {
        <section class="tn-page">
            <header class="tn-page__header">
                <h1 class="tn-page__title">"Roles"</h1>
                <button class="tn-button tn-button--primary" type="button"
                    aria-expanded=move || creating.get().to_string()
                    on:click=move |_| creating.update(|c| *c = !*c)>"Create role"</button>
            </header>
            <Show when=move || creating.get()>
                <CreateRoleForm />
            </Show>
            <QuickSearch label="Search roles" value=Signal::derive(move || query.get().search)
                on_search=Callback::new(move |search| {
                    go.run(ListQuery { search, page: 1, ..query.get_untracked() })
                }) />
            {content}
        </section>
    }
}

fn columns() -> Vec<Column<RoleWithCounts>> {
    vec![
        Column::new("Name", |r: &RoleWithCounts| {
            let (href, name) = (format!("/roles/{}", r.role.id), r.role.name.clone());
            view! { <A href=href>{name}</A> }
        }),
        Column::text("Description", |r: &RoleWithCounts| {
            r.role.description.clone()
        }),
        Column::text("Type", |r: &RoleWithCounts| {
            type_label(r.role.role_type).into()
        }),
        Column::text("Default", |r: &RoleWithCounts| {
            if r.role.is_default { "Yes" } else { "" }.into()
        }),
        Column::text("Users", |r: &RoleWithCounts| r.users_count.to_string()),
        Column::text("Applications", |r: &RoleWithCounts| {
            r.applications_count.to_string()
        }),
    ]
}

pub fn type_label(role_type: RoleType) -> &'static str {
    match role_type {
        RoleType::User => "User",
        RoleType::MachineToMachine => "Machine-to-machine",
    }
}

/// Name, description, type and "default"; opens the new role on success.
#[component]
fn CreateRoleForm() -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let m2m = RwSignal::new(false);
    let is_default = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateRole {
            name: name.get_untracked().trim().into(),
            description: description.get_untracked().trim().into(),
            role_type: Some(if m2m.get_untracked() {
                RoleType::MachineToMachine
            } else {
                RoleType::User
            }),
            scope_ids: None,
            is_default: Some(is_default.get_untracked() && !m2m.get_untracked()),
        };
        let (client, navigate) = (client.clone(), navigate.clone());
        let task = async move { roles::create(&client, &body).await };
        toasts.perform(busy, task, "Role created.", move |role| {
            navigate(&format!("/roles/{}", role.id), Default::default())
        });
    };
    view! {
        <form class="tn-card tn-narrow" aria-label="Create role" on:submit=submit>
            <TextField id="tn-role-name" label="Name" required=true value=name />
            <TextField id="tn-role-description" label="Description" required=true value=description />
            <fieldset class="tn-fieldset">
                <legend class="tn-field__label">"Type"</legend>
                <label><input type="radio" name="tn-role-type" prop:checked=move || !m2m.get()
                    on:change=move |_| m2m.set(false) />" User"</label>
                <label><input type="radio" name="tn-role-type" prop:checked=move || m2m.get()
                    on:change=move |_| m2m.set(true) />" Machine-to-machine"</label>
            </fieldset>
            <label>
                <input type="checkbox" prop:checked=move || is_default.get() disabled=move || m2m.get()
                    on:change=move |ev| is_default.set(event_target_checked(&ev)) />
                " Give it to every new user (default role)"
            </label>
            <div>
                <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>"Create"</button>
            </div>
        </form>
    }
}
