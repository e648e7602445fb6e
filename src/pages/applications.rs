//! Machine-to-machine applications: the list (search and page in the URL)
//! and creating one, whose first secret is shown once.

use leptos::prelude::*;
use leptos_router::components::A;
use tenantry_api_types::Application;

use crate::api::roles::ListQuery;
use crate::api::{ApiError, applications, use_client};
use crate::components::data_table::{Column, DataTable};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::quick_search::QuickSearch;
use crate::components::secret::SecretOnce;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::audit_time::date_time;
use crate::pages::roles::{list_pager, use_list_query};

#[component]
pub fn Applications() -> impl IntoView {
    let client = use_client();
    let (query, go) = use_list_query("/applications");
    let list = Load::new(move || {
        let (client, q) = (client.clone(), query.get());
        async move { applications::list(&client, &q.search, q.page, q.page_size).await }
    });
    let creating = RwSignal::new(false);
    let content = load_view(list, "The applications", move |page| {
        view! {
            <DataTable caption="Applications" columns=columns() rows=page.items
                row_key=|a: &Application| a.id.clone() empty="No applications match." />
            {list_pager(query, go, page.total)}
        }
        .into_any()
    });
    view! {
        <section class="tn-page">
            <header class="tn-page__header">
                <h1 class="tn-page__title">"Applications"</h1>
                <button class="tn-button tn-button--primary" type="button"
                    aria-expanded=move || creating.get().to_string()
                    on:click=move |_| creating.update(|c| *c = !*c)>"Create application"</button>
            </header>
            <Show when=move || creating.get()>
                <CreateApplicationForm on_created=Callback::new(move |()| list.refetch()) />
            </Show>
            <QuickSearch label="Search applications"
                value=Signal::derive(move || query.get().search)
                on_search=Callback::new(move |search| {
                    go.run(ListQuery { search, page: 1, ..query.get_untracked() })
                }) />
            {content}
        </section>
    }
}

fn columns() -> Vec<Column<Application>> {
    vec![
        Column::new("Name", |a: &Application| {
            let (href, name) = (format!("/applications/{}", a.id), a.name.clone());
            view! { <A href=href>{name}</A> }
        }),
        Column::text("Description", |a: &Application| {
            a.description.clone().unwrap_or_default()
        }),
        Column::new(
            "App ID",
            |a: &Application| view! { <code>{a.id.clone()}</code> },
        ),
        Column::text("Created", |a: &Application| date_time(a.created_at)),
    ]
}

/// Creates the application with a secret, then shows the secret once: Tenantry's
/// server answers with the default secret's value; a backend that does not gets one
/// made here.
async fn create_with_secret(
    client: &crate::api::Client,
    name: &str,
    description: &str,
) -> Result<(Application, String), ApiError> {
    let app = applications::create(client, name, description).await?;
    if let Some(value) = app.secret.clone() {
        return Ok((app, value));
    }
    let secret = applications::add_secret(client, &app.id, "default", None).await?;
    Ok((app, secret.value))
}

#[component]
fn CreateApplicationForm(
    /// Called once the application exists.
    on_created: Callback<()>,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let created = RwSignal::new(None::<(Application, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (client, n, d) = (
            client.get_value(),
            name.get_untracked(),
            description.get_untracked(),
        );
        let task = async move { create_with_secret(&client, &n, &d).await };
        toasts.perform(busy, task, "Application created.", move |done| {
            created.set(Some(done));
            on_created.run(());
        });
    };
    let form = move || {
        view! {
            <form class="tn-card tn-narrow" aria-label="Create application" on:submit=submit>
                <p>"A machine-to-machine application: a service calling the Management API with its own credentials."</p>
                <TextField id="tn-app-name" label="Name" value=name />
                <TextField id="tn-app-description" label="Description" value=description />
                <div>
                    <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>"Create"</button>
                </div>
            </form>
        }
    };
    move || {
        match created.get() {
        None => form().into_any(),
        Some((app, secret)) => view! {
            <div class="tn-card tn-narrow">
                <p>"Application " <strong>{app.name.clone()}</strong> " created. App ID: "
                    <code data-testid="created-app-id">{app.id.clone()}</code></p>
                <SecretOnce label="App secret" value=secret />
                <A href=format!("/applications/{}", app.id) attr:class="tn-button tn-button--primary">
                    "Go to the application"
                </A>
            </div>
        }
        .into_any(),
    }
    }
}
