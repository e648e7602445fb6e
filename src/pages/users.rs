//! The users table: search with advanced options, suspended / locked
//! filters, pagination with the total. Everything lives in the URL query,
//! so a search can be bookmarked and survives reload.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use tenantry_api_types::User;

use crate::api::query::with_query;
use crate::api::use_client;
use crate::api::users::{self, PAGE_SIZES, SEARCH_FIELDS, UsersQuery};
use crate::components::data_table::{Column, DataTable};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::pager::Pager;
use crate::components::search_box::SearchBox;

#[component]
pub fn Users() -> impl IntoView {
    let client = use_client();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| UsersQuery::from_url(|key| p.get(key))));
    let navigate = use_navigate();
    // Every change is a navigation, so the back button undoes it.
    let go = Callback::new(move |next: UsersQuery| {
        navigate(
            &with_query("/users", &next.to_url()),
            NavigateOptions::default(),
        );
    });
    let change = move |edit: fn(&mut UsersQuery)| {
        let mut next = query.get_untracked();
        edit(&mut next);
        next.page = 1;
        go.run(next);
    };

    let users = Load::new(move || {
        let (client, query) = (client.clone(), query.get());
        async move { users::list(&client, &query).await }
    });

    let content = load_view(users, "Users", move |page| {
        let total = page.total;
        view! {
            <DataTable
                caption="Users"
                columns=columns()
                rows=page.items
                row_key=|u: &User| u.id.clone()
                empty="No users match."
            />
            <Pager
                page=Signal::derive(move || query.get().page)
                page_size=Signal::derive(move || query.get().page_size)
                total=total
                sizes=PAGE_SIZES.to_vec()
                on_page=Callback::new(move |page| {
                    let mut next = query.get_untracked();
                    next.page = page;
                    go.run(next);
                })
                on_page_size=Callback::new(move |size| {
                    let mut next = query.get_untracked();
                    next.page_size = size;
                    next.page = 1;
                    go.run(next);
                })
            />
        }
        .into_any()
    });

    view! {
        <section class="tn-page">
            <header class="tn-page__header">
                <h1 class="tn-page__title">"Users"</h1>
                <A href="/users/new" attr:class="tn-button tn-button--primary">"Create user"</A>
            </header>
            <SearchBox
                label="Search users"
                value=Signal::derive(move || query.get().search)
                fields=SEARCH_FIELDS.to_vec()
                on_search=Callback::new(move |search| {
                    let mut next = query.get_untracked();
                    next.search = search;
                    next.page = 1;
                    go.run(next);
                })
            />
            <fieldset class="tn-filters">
                <legend class="tn-visually-hidden">"Filters"</legend>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=move || query.get().suspended
                        on:change=move |_| change(|q| q.suspended = !q.suspended)
                    />
                    " Suspended only"
                </label>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=move || query.get().locked
                        on:change=move |_| change(|q| q.locked = !q.locked)
                    />
                    " Locked only"
                </label>
            </fieldset>
            {content}
        </section>
    }
}

fn columns() -> Vec<Column<User>> {
    vec![
        Column::new("Name", |u: &User| {
            let label = u
                .name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "—".into());
            view! { <A href=format!("/users/{}", u.id)>{label}</A> }
        }),
        Column::text("Username", |u: &User| {
            u.username.clone().unwrap_or_default()
        }),
        Column::text("Email", |u: &User| {
            u.primary_email.clone().unwrap_or_default()
        }),
        Column::text("Phone", |u: &User| {
            u.primary_phone.clone().unwrap_or_default()
        }),
        Column::new("Status", |u: &User| status_badges(u)),
        Column::text("Created", |u: &User| local_date(u.created_at)),
    ]
}

/// Suspended / Locked / Active badges.
pub fn status_badges(user: &User) -> impl IntoView + use<> {
    let mut badges = Vec::new();
    if user.is_suspended {
        badges.push(("tn-badge tn-badge--warning", "Suspended"));
    }
    if user.is_locked {
        badges.push(("tn-badge tn-badge--danger", "Locked"));
    }
    if badges.is_empty() {
        badges.push(("tn-badge", "Active"));
    }
    badges
        .into_iter()
        .map(|(class, label)| view! { <span class=class>{label}</span> })
        .collect::<Vec<_>>()
}

/// Epoch milliseconds as the browser's local date.
pub fn local_date(ms: i64) -> String {
    let date = js_sys::Date::new(&(ms as f64).into());
    date.to_locale_date_string("default", &Default::default())
        .into()
}
