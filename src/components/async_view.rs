//! The three states of a loaded resource, shown the same way on every
//! screen: loading, an error with "Try again", or the data.

use leptos::prelude::*;

use crate::api::ApiError;

/// Renders `resource`: a status while loading, the error with a retry
/// button, or `ok(value)`. `what` names the data ("roles").
pub fn resource_view<T: Clone + 'static>(
    resource: LocalResource<Result<T, ApiError>>,
    what: &'static str,
    ok: impl Fn(T) -> AnyView + 'static,
) -> impl Fn() -> AnyView {
    move || {
        match resource.get() {
        None => view! { <p class="tn-status" role="status">"Loading " {what} "…"</p> }.into_any(),
        Some(Err(err)) if err.status() == Some(404) => view! {
            <p class="tn-status tn-status--error" role="alert">"Not found: it may have been deleted."</p>
        }
        .into_any(),
        Some(Err(err)) => view! {
            <div class="tn-status tn-status--error" role="alert">
                <p>"The " {what} " could not be loaded. " {err.to_string()}</p>
                <button class="tn-button" type="button" on:click=move |_| resource.refetch()>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(value)) => ok(value),
    }
    }
}
