//! The organizations table: search by name, member counts, pagination with
//! the total, all kept in the URL query. An organization admin sees only the
//! organizations they administer (from the session).

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use tenantry_api_types::Organization;

use crate::api::organizations::{self, ListQuery};
use crate::api::query::with_query;
use crate::api::use_client;
use crate::components::data_table::{Column, DataTable};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::pager::Pager;
use crate::components::quick_search::QuickSearch;
use crate::pages::users::local_date;
use crate::session::use_session;

#[component]
pub fn Organizations() -> impl IntoView {
    let session = use_session();
    move || {
        if session.info().is_some_and(|i| i.is_tenant_admin) {
            view! { <AllOrganizations /> }.into_any()
        } else {
            view! { <AdministeredOrganizations /> }.into_any()
        }
    }
}

/// What an organization admin may open: their organizations' members.
#[component]
fn AdministeredOrganizations() -> impl IntoView {
    let session = use_session();
    let items = move || {
        let organizations = session.info().map(|i| i.organizations).unwrap_or_default();
        organizations
            .into_iter()
            .map(|o| {
                // The edge sends a null name for an organization without one.
                let name = o.name.unwrap_or_else(|| o.id.clone());
                view! {
                    <li>
                        <A href=format!("/organizations/{}/members", o.id)>{name}</A>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="tn-page">
            <h1 class="tn-page__title">"Organizations"</h1>
            <p class="tn-status">"You manage the members of these organizations:"</p>
            <ul class="tn-org-list" data-testid="administered-organizations">{items}</ul>
        </section>
    }
}

#[component]
fn AllOrganizations() -> impl IntoView {
    let client = use_client();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ListQuery::from_url(|key| p.get(key))));
    let navigate = use_navigate();
    let go = Callback::new(move |next: ListQuery| {
        navigate(
            &with_query("/organizations", &next.to_url()),
            NavigateOptions::default(),
        );
    });
    let list = Load::new(move || {
        let (client, query) = (client.clone(), query.get());
        async move { organizations::list(&client, &query).await }
    });

    let content = load_view(list, "Organizations", move |page| {
        view! {
            <DataTable
                caption="Organizations"
                columns=columns()
                rows=page.items
                row_key=|o: &Organization| o.id.clone()
                empty="No organizations match."
            />
            <Pager
                page=Signal::derive(move || query.get().page)
                page_size=Signal::derive(move || query.get().page_size)
                total=page.total
                on_page=Callback::new(move |page| {
                    let mut next = query.get_untracked();
                    next.page = page;
                    go.run(next);
                })
                on_page_size=Callback::new(move |size| {
                    go.run(ListQuery { page_size: size, page: 1, ..query.get_untracked() });
                })
            />
        }
        .into_any()
    });

    view! {
        <section class="tn-page">
            <header class="tn-page__header">
                <h1 class="tn-page__title">"Organizations"</h1>
                <A href="/organizations/new" attr:class="tn-button tn-button--primary">
                    "Create organization"
                </A>
            </header>
            <QuickSearch
                label="Search organizations"
                value=Signal::derive(move || query.get().q)
                on_search=Callback::new(move |q| go.run(ListQuery { q, ..Default::default() }))
            />
            {content}
        </section>
    }
}

fn columns() -> Vec<Column<Organization>> {
    vec![
        Column::new("Name", |o: &Organization| {
            let name = o.name.clone();
            view! { <A href=format!("/organizations/{}", o.id)>{name}</A> }
        }),
        Column::text("Description", |o: &Organization| {
            o.description.clone().unwrap_or_default()
        }),
        Column::new("Members", |o: &Organization| {
            let count = o.users_count.unwrap_or(0).to_string();
            view! {
                <A href=format!("/organizations/{}/members", o.id)>{count}</A>
            }
        }),
        Column::text("Created", |o: &Organization| local_date(o.created_at)),
    ]
}
