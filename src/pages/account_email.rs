//! My account's email change: the new address gets a code by mail, and only that
//! code makes it the account's email (`POST /auth/session/email`, then `…/confirm`),
//! so no one can claim an address they do not read.

use leptos::prelude::*;

use crate::api::{ApiError, auth, use_client};
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::session::use_session;

/// The edge's refusals, in the words of this form.
pub fn email_message(err: &ApiError) -> String {
    match err.code() {
        Some("verification_code.code_mismatch") => "That is not the code we sent.".into(),
        Some("verification_code.expired") => "The code has expired. Send a new one.".into(),
        Some("verification_code.exceed_max_try" | "verification_code.not_found") => {
            "This code no longer works. Send a new one.".into()
        }
        Some("user.email_already_in_use") => "Another account uses this address.".into(),
        _ if err.status() == Some(429) => "Wait a minute before asking for another code.".into(),
        _ => err.to_string(),
    }
}

#[component]
pub fn EmailSection(
    /// The account's email now.
    current: Option<String>,
) -> impl IntoView {
    let client = use_client();
    let session = use_session();
    let toasts = use_toasts();
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let send_client = client.clone();
    let send = Action::new_local(move |address: &String| {
        let (client, address) = (send_client.clone(), address.clone());
        async move { auth::send_email_code(&client, address).await }
    });
    let confirm = Action::new_local(move |code: &String| {
        let (client, code) = (client.clone(), code.clone());
        async move { auth::confirm_email(&client, code).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(())) => {
            error.set(None);
            sent_to.set(Some(email.get_untracked()));
        }
        Some(Err(err)) => error.set(Some(email_message(&err))),
        None => {}
    });
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(info)) => {
            toasts.success("Email changed.");
            session.set_signed_in(info);
        }
        Some(Err(err)) => error.set(Some(email_message(&err))),
        None => {}
    });
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        send.dispatch(email.get_untracked().trim().to_owned());
    };
    let finish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        confirm.dispatch(code.get_untracked().trim().to_owned());
    };
    let current = current.unwrap_or_else(|| "none".into());
    view! {
        <section class="tn-card" aria-labelledby="tn-account-email">
            <h2 id="tn-account-email" class="tn-card__title">"Email"</h2>
            <p>"Current address: " <strong>{current}</strong></p>
            <form on:submit=ask>
                <TextField id="tn-account-new-email" label="New email" kind="email"
                    value=email autocomplete="email" required=true />
                <button class="tn-button" type="submit" disabled=move || send.pending().get()>
                    "Send code"
                </button>
            </form>
            {move || sent_to.get().map(|to| view! {
                <form on:submit=finish>
                    <p role="status">{format!("We sent a 6-digit code to {to}.")}</p>
                    <TextField id="tn-account-email-code" label="Code" value=code
                        autocomplete="one-time-code" required=true />
                    <button class="tn-button tn-button--primary" type="submit"
                        disabled=move || confirm.pending().get()>
                        "Confirm email"
                    </button>
                </form>
            })}
            {move || error.get().map(|e| view! { <p class="tn-form-error" role="alert">{e}</p> })}
        </section>
    }
}
