//! The secrets of an application: listed by prefix and dates; a new one is
//! shown once; deleting asks first.

use leptos::prelude::*;
use tenantry_api_types::ApplicationSecret;

use crate::api::{applications, use_client};
use crate::components::data_table::{Column, DataTable};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::secret::SecretOnce;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::audit_time::{date_time, maybe_date_time};

#[component]
pub fn ApplicationSecrets(
    /// The application.
    app_id: String,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let id = StoredValue::new(app_id);
    let secrets = Load::new(move || {
        let (client, id) = (client.get_value(), id.get_value());
        async move { applications::secrets(&client, &id).await }
    });
    let busy = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let expires_at = match days.get_untracked().trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(d) if d > 0 => Some(crate::api::logs::now() + d * crate::api::logs::DAY_MS),
                _ => return toasts.error("Expiry must be a positive number of days, or blank."),
            },
        };
        let (client, id, n) = (client.get_value(), id.get_value(), name.get_untracked());
        let task =
            async move { applications::add_secret(&client, &id, n.trim(), expires_at).await };
        toasts.perform(busy, task, "Secret added.", move |created| {
            shown.set(Some(created.value));
            name.set(String::new());
            days.set(String::new());
            secrets.refetch();
        });
    };
    let delete = move |()| {
        let Some(secret) = deleting.get_untracked() else {
            return;
        };
        deleting.set(None);
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { applications::delete_secret(&client, &id, &secret).await };
        toasts.perform(busy, task, "Secret deleted.", move |()| secrets.refetch());
    };
    let columns = vec![
        Column::text("Name", |s: &ApplicationSecret| s.name.clone()),
        Column::new(
            "Starts with",
            |s: &ApplicationSecret| view! { <code>{format!("{}…", s.value_prefix)}</code> },
        ),
        Column::text("Created", |s: &ApplicationSecret| date_time(s.created_at)),
        Column::text("Expires", |s: &ApplicationSecret| {
            maybe_date_time(s.expires_at, "Never")
        }),
        Column::text("Last used", |s: &ApplicationSecret| {
            maybe_date_time(s.last_used_at, "Never")
        }),
        Column::new("", move |s: &ApplicationSecret| {
            let name = s.name.clone();
            view! {
                <button class="tn-button tn-button--danger" type="button" aria-label=format!("Delete secret {name}")
                    on:click=move |_| deleting.set(Some(name.clone()))>"Delete"</button>
            }
        }),
    ];
    let table = load_view(secrets, "The secrets", move |rows| {
        view! {
            <DataTable caption="Secrets" columns=columns.clone() rows=rows
                row_key=|s: &ApplicationSecret| s.name.clone() empty="No secrets: the application cannot get tokens." />
        }
        .into_any()
    });
    view! {
        <section class="tn-card" aria-labelledby="tn-secrets-title">
            <h2 id="tn-secrets-title" class="tn-card__title">"Secrets"</h2>
            {move || shown.get().map(|value| view! { <SecretOnce label="New secret" value /> })}
            <form class="tn-inline-form" aria-label="Add a secret" on:submit=add>
                <TextField id="tn-secret-name" label="Secret name" value=name />
                <TextField id="tn-secret-days" label="Expires in days (blank: never)" kind="number" value=days />
                <button class="tn-button" type="submit" disabled=move || busy.get()>"Add secret"</button>
            </form>
            {table}
        </section>
        <ConfirmDialog
            open=Signal::derive(move || deleting.get().is_some())
            title="Delete this secret?"
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| deleting.set(None))
        >
            <p>"Services using it can no longer get tokens. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
