//! The frame of the screens seen signed out (sign-in, password recovery,
//! invitations): the product name over one narrow card.

use leptos::prelude::*;

use crate::config::Config;

/// The product name as the page heading, then `children` in a card
/// headed by `title`.
#[component]
pub fn PublicPage(
    /// The card's heading ("Reset your password").
    title: &'static str,
    children: Children,
) -> impl IntoView {
    let product = expect_context::<Config>().product_name;
    view! {
        <main class="tn-shell">
            <h1 class="tn-shell__title">{product}</h1>
            <section class="tn-sign-in" aria-labelledby="tn-public-title">
                <h2 id="tn-public-title" class="tn-sign-in__title">{title}</h2>
                {children()}
            </section>
        </main>
    }
}
