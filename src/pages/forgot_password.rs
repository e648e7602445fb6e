//! "Forgot password": asks the server to mail a reset link. The answer is
//! the same whether or not the address is known, and so is the screen.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{ApiError, auth, use_client};
use crate::components::public_page::PublicPage;
use crate::components::text_field::TextField;

/// What to say when the request itself failed (the answer never tells
/// whether the address is known, so only these can).
fn failure_message(err: &ApiError) -> String {
    if err.status() == Some(429) {
        "Too many requests. Wait a minute, then try again.".into()
    } else {
        format!("The request could not be sent. {err}")
    }
}

#[component]
pub fn ForgotPassword() -> impl IntoView {
    let client = use_client();
    let email = RwSignal::new(String::new());
    let request = Action::new_local(move |email: &String| {
        let (client, email) = (client.clone(), email.clone());
        async move { auth::recover_password(&client, email).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        request.dispatch(email.get_untracked().trim().to_string());
    };
    let form = move || {
        view! {
            <form class="tn-sign-in__form" on:submit=on_submit>
                <p>"Enter your account's email address. We will mail you a link to set a new password."</p>
                <TextField id="tn-recover-email" label="Email" kind="email" value=email
                    autocomplete="email" required=true />
                {move || match request.value().get() {
                    Some(Err(err)) => Some(view! { <p class="tn-form-error" role="alert">{failure_message(&err)}</p> }),
                    _ => None,
                }}
                <button class="tn-button tn-button--primary" type="submit"
                    disabled=move || request.pending().get()>
                    "Send reset link"
                </button>
            </form>
        }
    };
    let sent = move || matches!(request.value().get(), Some(Ok(())));
    view! {
        <PublicPage title="Forgot password">
            <Show when=sent fallback=form>
                <p role="status">
                    "If an account has this email address, a link to set a new password is on its way. It works once, for one hour."
                </p>
            </Show>
            <A href="/sign-in">"Back to sign-in"</A>
        </PublicPage>
    }
}
