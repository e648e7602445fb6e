//! API resources: the list with pagination and creating one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use tenantry_api_types::{CreateResource, Resource};

use crate::api::{resources, use_client};
use crate::components::data_table::{Column, DataTable};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::roles::{list_pager, use_list_query};

#[component]
pub fn Resources() -> impl IntoView {
    let client = use_client();
    let (query, go) = use_list_query("/api-resources");
    let list = Load::new(move || {
        let (client, q) = (client.clone(), query.get());
        async move { resources::list(&client, q.page, q.page_size, false).await }
    });
    let creating = RwSignal::new(false);
    let content = load_view(list, "The API resources", move |page| {
        view! {
            <DataTable caption="API resources" columns=columns() rows=page.items
                row_key=|r: &Resource| r.id.clone() empty="No API resources yet." />
            {list_pager(query, go, page.total)}
        }
        .into_any()
    });
    view! {
        <section class="tn-page">
            <header class="tn-page__header">
                <h1 class="tn-page__title">"API resources"</h1>
                <button class="tn-button tn-button--primary" type="button"
                    aria-expanded=move || creating.get().to_string()
                    on:click=move |_| creating.update(|c| *c = !*c)>"Create API resource"</button>
            </header>
            <Show when=move || creating.get()>
                <CreateResourceForm />
            </Show>
            {content}
        </section>
    }
}

fn columns() -> Vec<Column<Resource>> {
    vec![
        Column::new("Name", |r: &Resource| {
            let (href, name) = (format!("/api-resources/{}", r.id), r.name.clone());
            view! { <A href=href>{name}</A> }
        }),
        Column::new(
            "Indicator",
            |r: &Resource| view! { <code>{r.indicator.clone()}</code> },
        ),
        Column::text("Token lifetime (s)", |r: &Resource| {
            r.access_token_ttl.to_string()
        }),
        Column::text("Default", |r: &Resource| {
            if r.is_default { "Yes" } else { "" }.into()
        }),
    ]
}

/// Parses a token lifetime in seconds; blank means the server's default.
pub fn parse_ttl(text: &str) -> Result<Option<i64>, String> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse::<i64>()
            .ok()
            .filter(|s| *s > 0)
            .map(Some)
            .ok_or_else(|| "The token lifetime must be a positive number of seconds.".into()),
    }
}

#[component]
fn CreateResourceForm() -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let indicator = RwSignal::new(String::new());
    let ttl = RwSignal::new("3600".to_string());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let access_token_ttl = match parse_ttl(&ttl.get_untracked()) {
            Ok(ttl) => ttl,
            Err(err) => return toasts.error(err),
        };
        let body = CreateResource {
            name: name.get_untracked().trim().into(),
            indicator: indicator.get_untracked().trim().into(),
            access_token_ttl,
        };
        let (client, navigate) = (client.clone(), navigate.clone());
        let task = async move { resources::create(&client, &body).await };
        toasts.perform(busy, task, "API resource created.", move |r| {
            navigate(&format!("/api-resources/{}", r.id), Default::default())
        });
    };
    view! {
        <form class="tn-card tn-narrow" aria-label="Create API resource" on:submit=submit>
            <TextField id="tn-resource-name" label="Name" value=name />
            <TextField id="tn-resource-indicator" label="Indicator (an absolute URI, such as https://api.example.com)" kind="url" value=indicator />
            <TextField id="tn-resource-ttl" label="Token lifetime in seconds" kind="number" value=ttl />
            <div>
                <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>"Create"</button>
            </div>
        </form>
    }
}
