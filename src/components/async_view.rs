//! The three states of a loaded resource, shown the same way on every
//! screen: loading, an error with "Try again", or the data.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::load::Load;

/// Renders `resource`: a status while loading, the error with a retry
/// button, or `ok(value)`. `what` names the data ("roles").
pub fn resource_view<T: Clone + 'static>(
    resource: Load<T>,
    what: &'static str,
    ok: impl Fn(T) -> AnyView + 'static,
) -> impl Fn() -> AnyView {
    let retry = Callback::new(move |()| resource.refetch());
    move || match resource.get() {
        Some(Ok(value)) => ok(value),
        Some(Err(err)) => problem(Some(err), what, retry),
        None => problem(None, what, retry),
    }
}

/// The loading and error states; one copy for every type of data.
fn problem(err: Option<ApiError>, what: &'static str, retry: Callback<()>) -> AnyView {
    match err {
        None => view! { <p class="tn-status" role="status">"Loading " {what} "…"</p> }.into_any(),
        Some(err) if err.status() == Some(404) => view! {
            <p class="tn-status tn-status--error" role="alert">"Not found: it may have been deleted."</p>
        }
        .into_any(),
        Some(err) => view! {
            <div class="tn-status tn-status--error" role="alert">
                <p>"The " {what} " could not be loaded. " {err.to_string()}</p>
                <button class="tn-button" type="button" on:click=move |_| retry.run(())>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
    }
}
