//! The Tenantry admin portal (Leptos CSR).
//!
//! For now this is only the shell that proves the toolchain: a page titled
//! "Tenantry" with a sign-in form that does not submit anywhere yet.

use leptos::prelude::*;

/// The portal's root component.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main class="tn-shell">
            <h1 class="tn-shell__title">"Tenantry"</h1>
            <SignInForm />
        </main>
    }
}

/// The sign-in form. It does nothing yet: submitting only stops the browser
/// from reloading the page.
#[component]
fn SignInForm() -> impl IntoView {
    let on_submit = |ev: leptos::ev::SubmitEvent| ev.prevent_default();
    view! {
        <form class="tn-sign-in" aria-labelledby="tn-sign-in-title" on:submit=on_submit>
            <h2 id="tn-sign-in-title" class="tn-sign-in__title">"Sign in"</h2>
            <div class="tn-field">
                <label class="tn-field__label" for="tn-sign-in-username">"Username"</label>
                <input
                    class="tn-field__input"
                    id="tn-sign-in-username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    required
                />
            </div>
            <div class="tn-field">
                <label class="tn-field__label" for="tn-sign-in-password">"Password"</label>
                <input
                    class="tn-field__input"
                    id="tn-sign-in-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                />
            </div>
            <button class="tn-button tn-button--primary" type="submit">"Sign in"</button>
        </form>
    }
}
