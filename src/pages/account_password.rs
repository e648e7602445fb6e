//! My account's password change: the current password, then the new one
//! twice (`POST /auth/session/password`).

use leptos::prelude::*;

use crate::api::{ApiError, auth, use_client};
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::reset_password::{NewPasswordFields, mismatch};
use crate::pages::sign_in::sign_in_message;

/// The edge's refusals, in the words of this form.
fn change_message(err: &ApiError) -> String {
    match err.code() {
        Some("session.invalid_credentials") => "The current password is wrong.".into(),
        _ => sign_in_message(err),
    }
}

#[component]
pub fn PasswordSection() -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let change = Action::new_local(move |(current, new): &(String, String)| {
        let (client, current, new) = (client.clone(), current.clone(), new.clone());
        async move { auth::change_password(&client, current, new).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            toasts.success("Password changed.");
            for field in [current, password, again] {
                field.set(String::new());
            }
        }
        Some(Err(err)) => error.set(Some(change_message(&err))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = password.get_untracked();
        if let Some(problem) = mismatch(&new, &again.get_untracked()) {
            error.set(Some(problem.into()));
            return;
        }
        error.set(None);
        change.dispatch((current.get_untracked(), new));
    };
    view! {
        <form class="tn-card" aria-labelledby="tn-account-password" on:submit=submit>
            <h2 id="tn-account-password" class="tn-card__title">"Password"</h2>
            <TextField id="tn-current-password" label="Current password" kind="password"
                value=current autocomplete="current-password" required=true />
            <NewPasswordFields password again />
            {move || error.get().map(|e| view! { <p class="tn-form-error" role="alert">{e}</p> })}
            <div>
                <button class="tn-button tn-button--primary" type="submit"
                    disabled=move || change.pending().get()>
                    "Change password"
                </button>
            </div>
        </form>
    }
}
