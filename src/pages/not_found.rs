//! The screen for a path no route matches.

use leptos::prelude::*;

/// Any path no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="tn-page">
            <h1 class="tn-page__title">"Page not found"</h1>
            <p>
                "There is nothing at this address. "
                <a href="/">"Go to the dashboard"</a>
            </p>
        </section>
    }
}
