//! The audit log: filters (user, application, key, time window: a preset or
//! a custom start and end in local time) and the table. The filters live in
//! the URL query.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::logs::{CUSTOM, LogsQuery, WINDOWS, check_window};
use crate::api::query::with_query;
use crate::components::text_field::TextField;
use crate::pages::audit_table::AuditTable;
use crate::pages::audit_time::{local_input, parse_local};

/// The custom window's inputs as epoch ms, or the message saying what is
/// wrong with them.
pub fn custom_bounds(from: &str, to: &str) -> Result<(Option<i64>, Option<i64>), String> {
    let bound = |text: &str, name: &str| match text.trim() {
        "" => Ok(None),
        t => parse_local(t)
            .map(Some)
            .ok_or_else(|| format!("The {name} time is not a valid date and time.")),
    };
    let (from, to) = (bound(from, "start")?, bound(to, "end")?);
    check_window(from, to).map_err(String::from)?;
    Ok((from, to))
}

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
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let q = query.get();
        user.set(q.user_id);
        app.set(q.application_id);
        key.set(q.key);
        window.set(q.window);
        from.set(q.from.map(local_input).unwrap_or_default());
        to.set(q.to.map(local_input).unwrap_or_default());
        error.set(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let custom = window.get_untracked() == CUSTOM;
        let (from, to) = if custom {
            match custom_bounds(&from.get_untracked(), &to.get_untracked()) {
                Ok(bounds) => bounds,
                Err(message) => return error.set(Some(message)),
            }
        } else {
            (None, None)
        };
        error.set(None);
        go.run(LogsQuery {
            user_id: user.get_untracked().trim().into(),
            application_id: app.get_untracked().trim().into(),
            key: key.get_untracked().trim().into(),
            window: window.get_untracked(),
            from,
            to,
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
                <TextField id="tn-log-user" label="User ID" value=user />
                <TextField id="tn-log-app" label="Application ID" value=app />
                <TextField id="tn-log-key" label="Key (exact, such as Management.Role.Create)" value=key />
                <div class="tn-field">
                    <label class="tn-field__label" for="tn-log-window">"Time"</label>
                    <select id="tn-log-window" on:change=move |ev| window.set(event_target_value(&ev))>{windows}</select>
                </div>
                <Show when=move || window.get() == CUSTOM>
                    <TextField id="tn-log-from" label="From (local time)" kind="datetime-local" value=from />
                    <TextField id="tn-log-to" label="To (local time)" kind="datetime-local" value=to />
                </Show>
                <div>
                    <button class="tn-button tn-button--primary" type="submit">"Filter"</button>
                </div>
                {move || error.get().map(|message| view! { <p class="tn-form-error" role="alert">{message}</p> })}
            </form>
            <AuditTable query
                on_page=Callback::new(move |page| go.run(LogsQuery { page, ..query.get_untracked() }))
                on_page_size=Callback::new(move |page_size| {
                    go.run(LogsQuery { page_size, page: 1, ..query.get_untracked() })
                }) />
        </section>
    }
}
