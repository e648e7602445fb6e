//! The placeholder for screens that are routed but not built yet: it says so
//! plainly instead of pretending.

use leptos::prelude::*;

/// A routed screen that does not exist yet.
#[component]
pub fn NotBuilt(
    /// The screen's name, e.g. "Organizations".
    title: &'static str,
) -> impl IntoView {
    view! {
        <section class="tn-page tn-not-built" data-testid="not-built">
            <h1 class="tn-page__title">{title}</h1>
            <p>"This screen is not built yet."</p>
        </section>
    }
}

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
