//! Reset password from the mailed link (`/reset-password?token=…`): the new
//! password twice, the server's refusals in words, then on to sign-in.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{ApiError, auth, use_client};
use crate::components::public_page::PublicPage;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;

/// Why two typed passwords cannot be sent, if they cannot.
pub fn mismatch(password: &str, again: &str) -> Option<&'static str> {
    if password.is_empty() {
        Some("Enter a new password.")
    } else if password != again {
        Some("The two passwords differ.")
    } else {
        None
    }
}

/// The new password and its repetition, as one pair of fields.
#[component]
pub fn NewPasswordFields(
    /// The new password.
    password: RwSignal<String>,
    /// The same, typed again.
    again: RwSignal<String>,
) -> impl IntoView {
    view! {
        <TextField id="tn-new-password" label="New password" kind="password" value=password
            autocomplete="new-password" required=true />
        <TextField id="tn-new-password-again" label="New password again" kind="password"
            value=again autocomplete="new-password" required=true />
    }
}

fn reset_message(err: &ApiError) -> String {
    match err.code() {
        Some("password_reset.invalid_token") => {
            "This reset link is invalid, used or expired. Ask for a new one.".into()
        }
        _ if err.status() == Some(429) => {
            "Too many attempts. Wait a minute, then try again.".into()
        }
        _ => format!("The password was not changed. {err}"),
    }
}

#[component]
pub fn ResetPassword() -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let reset = Action::new_local(move |(token, password): &(String, String)| {
        let (client, token, password) = (client.clone(), token.clone(), password.clone());
        async move { auth::reset_password(&client, token, password).await }
    });
    Effect::new(move |_| match reset.value().get() {
        Some(Ok(())) => {
            toasts.success("Password changed. Sign in with the new one.");
            navigate("/sign-in", Default::default());
        }
        Some(Err(err)) => error.set(Some(reset_message(&err))),
        None => {}
    });
    let has_token = !token.is_empty();
    let token = StoredValue::new(token);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (new, repeated) = (password.get_untracked(), again.get_untracked());
        match mismatch(&new, &repeated) {
            Some(problem) => error.set(Some(problem.into())),
            None => {
                error.set(None);
                reset.dispatch((token.get_value(), new));
            }
        }
    };
    view! {
        <PublicPage title="Set a new password">
            <Show
                when=move || has_token
                fallback=|| view! {
                    <p role="alert">"This link has no reset token. Open the link from the mail again, or ask for a new one."</p>
                }
            >
                <form class="tn-sign-in__form" on:submit=on_submit>
                    <NewPasswordFields password again />
                    {move || error.get().map(|e| view! { <p class="tn-form-error" role="alert">{e}</p> })}
                    <button class="tn-button tn-button--primary" type="submit"
                        disabled=move || reset.pending().get()>
                        "Set password"
                    </button>
                </form>
            </Show>
            <A href="/forgot-password">"Ask for a new link"</A>
        </PublicPage>
    }
}

#[cfg(test)]
mod tests {
    use super::mismatch;

    #[test]
    fn both_passwords_must_match_and_not_be_empty() {
        assert_eq!(mismatch("", ""), Some("Enter a new password."));
        assert_eq!(mismatch("a1", "a2"), Some("The two passwords differ."));
        assert_eq!(mismatch("a1", "a1"), None);
    }
}
