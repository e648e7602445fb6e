//! What a screen shows when its data could not be loaded: why, and a way to
//! try again.

use leptos::prelude::*;

use crate::api::ApiError;

/// "<what> could not be loaded. <why>" with a Try again button.
#[component]
pub fn LoadError(
    /// What failed to load, e.g. "Members".
    what: &'static str,
    /// Why.
    error: ApiError,
    /// Loads again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="tn-status tn-status--error" role="alert">
            <p>{format!("{what} could not be loaded. {error}")}</p>
            <button class="tn-button" type="button" on:click=move |_| retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
