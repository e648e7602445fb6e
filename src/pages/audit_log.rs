//! The audit log: filters (user, application, key, time window) and the
//! table. The filters live in the URL query.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::logs::{LogsQuery, WINDOWS};
use crate::api::query::with_query;
use crate::pages::audit_table::AuditTable;
use crate::pages::resources::text_field;

#[component]
pub fn AuditLog() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| LogsQuery::from_url(|k| p.get(k))));
    let navigate = use_navigate();
    let go = Callback::new(move |next: LogsQuery| {
        navigate(
            &with_query("/audit-log", &next.to_url()),
            NavigateOptions::default(),
        );
    });
    let user = RwSignal::new(String::new());
    let app = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let window = RwSignal::new(String::new());
    Effect::new(move |_| {
        let q = query.get();
        user.set(q.user_id);
        app.set(q.application_id);
        key.set(q.key);
        window.set(q.window);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go.run(LogsQuery {
            user_id: user.get_untracked().trim().into(),
            application_id: app.get_untracked().trim().into(),
            key: key.get_untracked().trim().into(),
            window: window.get_untracked(),
            page: 1,
            ..query.get_untracked()
        });
    };
    let windows = WINDOWS
        .iter()
        .map(|(value, label, _)| {
            view! { <option value=*value selected=move || window.get() == *value>{*label}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="tn-page">
            <header class="tn-page__header">
                <h1 class="tn-page__title">"Audit log"</h1>
            </header>
            <form class="tn-card tn-audit-filters" aria-label="Filters" on:submit=submit>
                {text_field("tn-log-user", "User ID", "text", user)}
                {text_field("tn-log-app", "Application ID", "text", app)}
                {text_field("tn-log-key", "Key (exact, such as Management.Role.Create)", "text", key)}
                <div class="tn-field">
                    <label class="tn-field__label" for="tn-log-window">"Time"</label>
                    <select id="tn-log-window" on:change=move |ev| window.set(event_target_value(&ev))>{windows}</select>
                </div>
                <div>
                    <button class="tn-button tn-button--primary" type="submit">"Filter"</button>
                </div>
            </form>
            <AuditTable query
                on_page=Callback::new(move |page| go.run(LogsQuery { page, ..query.get_untracked() }))
                on_page_size=Callback::new(move |page_size| {
                    go.run(LogsQuery { page_size, page: 1, ..query.get_untracked() })
                }) />
        </section>
    }
}
