//! The audit log table for a query, with its pager and a detail drawer
//! showing a row's payload as formatted JSON. Shared by the audit log screen
//! and a user's activity tab.

use leptos::prelude::*;
use serde_json::Value;
use tenantry_api_types::Log;

use crate::api::logs::{self, LogsQuery, PAGE_SIZES};
use crate::api::use_client;
use crate::components::data_table::{Column, DataTable};
use crate::components::drawer::Drawer;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::pager::Pager;
use crate::pages::audit_time::date_time;

/// Who acted through the edge: the admin's user id, or `embed:<subject>` for an
/// embed token ("" when the call did not come through the edge).
fn acted_by(log: &Log) -> String {
    let actor = field(log, "actorUserId");
    match field(log, "actorType").as_str() {
        "embed" if !actor.is_empty() => format!("embed:{actor}"),
        _ => actor,
    }
}

/// A payload field as text ("" when absent).
fn field(log: &Log, name: &str) -> String {
    match log.payload.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[component]
pub fn AuditTable(
    /// What to list.
    #[prop(into)]
    query: Signal<LogsQuery>,
    /// Called with the page to show.
    on_page: Callback<u32>,
    /// Called with the chosen page size.
    on_page_size: Callback<u32>,
) -> impl IntoView {
    let client = use_client();
    let list = Load::new(move || {
        let (client, query) = (client.clone(), query.get());
        async move { logs::list(&client, &query).await }
    });
    let selected = RwSignal::new(None::<Log>);
    let columns = vec![
        Column::text("Time", |l: &Log| date_time(l.created_at)),
        Column::new("Key", |l: &Log| view! { <code>{l.key.clone()}</code> }),
        Column::new("Result", |l: &Log| {
            let result = field(l, "result");
            let class = if result == "Success" {
                "tn-badge"
            } else {
                "tn-badge tn-badge--danger"
            };
            view! { <span class=class>{result}</span> }
        }),
        Column::text("User", |l: &Log| field(l, "userId")),
        Column::text("Acted by", acted_by),
        Column::text("Application", |l: &Log| field(l, "applicationId")),
        Column::new("", move |l: &Log| {
            let log = l.clone();
            view! {
                <button class="tn-button" type="button" aria-label=format!("Details of {} at {}", l.key, date_time(l.created_at))
                    on:click=move |_| selected.set(Some(log.clone()))>"Details"</button>
            }
        }),
    ];
    let content = load_view(list, "The audit log", move |page| {
        view! {
            <DataTable caption="Audit log" columns=columns.clone() rows=page.items
                row_key=|l: &Log| l.id.clone() empty="No log entries match." />
            <Pager page=Signal::derive(move || query.get().page)
                page_size=Signal::derive(move || query.get().page_size)
                total=page.total sizes=PAGE_SIZES.to_vec() on_page on_page_size />
        }
        .into_any()
    });
    let title = Signal::derive(move || {
        selected.with(|s| s.as_ref().map(|l| l.key.clone()).unwrap_or_default())
    });
    let payload = move || {
        selected.with(|s| {
            s.as_ref()
                .map(|l| serde_json::to_string_pretty(&l.payload).unwrap_or_default())
                .unwrap_or_default()
        })
    };
    let when = move || {
        selected.with(|s| {
            s.as_ref()
                .map(|l| date_time(l.created_at))
                .unwrap_or_default()
        })
    };
    view! {
        {content}
        <Drawer open=Signal::derive(move || selected.with(Option::is_some)) title
            on_close=Callback::new(move |()| selected.set(None))>
            <p>{when}</p>
            <pre class="tn-code" data-testid="log-payload">{payload}</pre>
        </Drawer>
    }
}
