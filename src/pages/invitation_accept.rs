//! Accepting an invitation from the mailed link `/invitations/:id?token=…`.
//! Someone without an account chooses a name and password here; someone with
//! one enters that account's password, since the link proves only the mailbox.
//! One request either way (the public route is rate limited).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use tenantry_api_types::{AcceptInvitation, AcceptedInvitation};

use crate::api::{ApiError, invitations, use_client};
use crate::components::text_field::TextField;
use crate::config::Config;

/// What to tell the invitee when acceptance fails.
pub fn accept_message(err: &ApiError) -> String {
    match err.code() {
        Some("invitation.invalid_token") => {
            "This invitation link is invalid or was already used. Ask for a new invitation.".into()
        }
        Some("invitation.expired") => {
            "This invitation has expired. Ask for a new invitation.".into()
        }
        Some("invitation.sign_in_required") => {
            "An account with this email already exists: enter its password to join.".into()
        }
        Some("session.invalid_credentials") => "That is not the account's password.".into(),
        Some("guard.invalid_input") if err.to_string().contains("password") => {
            "You have no account yet: choose a password to create one.".into()
        }
        _ if err.status() == Some(429) => {
            "Too many attempts. Wait a minute, then try again.".into()
        }
        _ => err.to_string(),
    }
}

#[component]
pub fn InvitationAccept() -> impl IntoView {
    let config = expect_context::<Config>();
    let client = use_client();
    let params = use_params_map();
    let query = use_query_map();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let accept = Action::new_local(move |body: &AcceptInvitation| {
        let (client, body) = (client.clone(), body.clone());
        let id = params.get_untracked().get("id").unwrap_or_default();
        async move { invitations::accept(&client, &id, &body).await }
    });
    let token = move || query.with(|q| q.get("token")).unwrap_or_default();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let filled = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        accept.dispatch(AcceptInvitation {
            token: token(),
            password: filled(password),
            name: filled(name),
        });
    };
    let form = move || {
        view! {
            <form class="tn-sign-in" aria-labelledby="tn-accept-title" on:submit=submit>
                <h2 id="tn-accept-title" class="tn-sign-in__title">"Accept the invitation"</h2>
                <p>"New here? Choose your name and a password. Already have an account? Enter its password."</p>
                <TextField id="tn-accept-name" label="Your name" autocomplete="name" value=name />
                <TextField id="tn-accept-password" label="Password" kind="password"
                    autocomplete="current-password" value=password />
                {move || match accept.value().get() {
                    Some(Err(err)) => Some(view! {
                        <p class="tn-form-error" role="alert">{accept_message(&err)}</p>
                    }),
                    _ => None,
                }}
                <button class="tn-button tn-button--primary" type="submit"
                    disabled=move || accept.pending().get()>"Accept invitation"</button>
            </form>
        }
    };
    let content = move || match accept.value().get() {
        Some(Ok(done)) => view! { <Accepted done /> }.into_any(),
        _ if token().is_empty() => view! {
            <p class="tn-form-error" role="alert">
                "This link has no invitation token. Open the link from the mail again."
            </p>
        }
        .into_any(),
        _ => form().into_any(),
    };
    view! {
        <main class="tn-shell">
            <h1 class="tn-shell__title">{config.product_name.clone()}</h1>
            {content}
        </main>
    }
}

#[component]
fn Accepted(done: AcceptedInvitation) -> impl IntoView {
    let message = if done.is_new_user {
        "Welcome! Your account is ready and you have joined the organization."
    } else {
        "You have joined the organization."
    };
    view! {
        <div class="tn-sign-in" role="status">
            <h2 class="tn-sign-in__title">"Invitation accepted"</h2>
            <p>{message}</p>
        </div>
    }
}
