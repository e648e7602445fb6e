//! Account actions on one user: suspend or reactivate, unlock, sign out
//! everywhere, password reset mail, set a password, delete. Refusals (the last admin, oneself)
//! come back from the edge and server as toasts with their message.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tenantry_api_types::User;

use crate::api::person::user_title;
use crate::api::{use_client, users};
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;

/// Which confirmation is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Confirm {
    None,
    Suspend,
    SignOut,
    Delete,
}

#[component]
pub fn AccountSection(
    /// The user as last loaded.
    user: User,
    /// Called after a change, to reload the user.
    on_change: Callback<()>,
) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let confirm = RwSignal::new(Confirm::None);
    let password = RwSignal::new(String::new());
    let id = StoredValue::new(user.id.clone());
    let title = user_title(&user);

    let set_suspended = move |suspended: bool| {
        confirm.set(Confirm::None);
        let (client, id) = (client.get_value(), id.get_value());
        let done = if suspended {
            "User suspended."
        } else {
            "User reactivated."
        };
        let task = async move { users::set_suspended(&client, &id, suspended).await };
        toasts.perform(busy, task, done, move |_| on_change.run(()));
    };
    let unlock = move |_| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { users::unlock(&client, &id).await };
        toasts.perform(busy, task, "User unlocked.", move |()| on_change.run(()));
    };
    let sign_out = move |()| {
        confirm.set(Confirm::None);
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { users::revoke_sessions(&client, &id).await };
        toasts.perform(busy, task, "All sessions ended.", |_| {});
    };
    let send_reset = move |_| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { users::send_reset_mail(&client, &id).await };
        toasts.perform(busy, task, "Password-reset mail sent.", |_| {});
    };
    let set_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (client, id, new) = (client.get_value(), id.get_value(), password.get_untracked());
        let task = async move { users::set_password(&client, &id, &new).await };
        toasts.perform(busy, task, "Password set.", move |_| {
            password.set(String::new());
            on_change.run(());
        });
    };
    let delete = move |()| {
        confirm.set(Confirm::None);
        let (client, id) = (client.get_value(), id.get_value());
        let navigate = navigate.clone();
        let task = async move { users::delete(&client, &id).await };
        toasts.perform(busy, task, "User deleted.", move |_| {
            navigate("/users", Default::default())
        });
    };

    let suspended = user.is_suspended;
    let has_email = user.primary_email.as_deref().is_some_and(|e| !e.is_empty());
    view! {
        <section class="tn-card" aria-labelledby="tn-account-title">
            <h2 id="tn-account-title" class="tn-card__title">"Account"</h2>
            <div class="tn-actions">
                {if suspended {
                    view! {
                        <button class="tn-button" type="button" disabled=move || busy.get()
                            on:click=move |_| set_suspended(false)>"Reactivate"</button>
                    }.into_any()
                } else {
                    view! {
                        <button class="tn-button" type="button" disabled=move || busy.get()
                            on:click=move |_| confirm.set(Confirm::Suspend)>"Suspend"</button>
                    }.into_any()
                }}
                {user.is_locked.then(|| view! {
                    <button class="tn-button" type="button" disabled=move || busy.get() on:click=unlock>
                        "Unlock"
                    </button>
                })}
                <button class="tn-button" type="button" disabled=move || busy.get()
                    title="Sign the user out everywhere"
                    on:click=move |_| confirm.set(Confirm::SignOut)>"End all sessions"</button>
                <button class="tn-button" type="button" disabled=move || busy.get() || !has_email
                    title=(!has_email).then_some("The user has no email address.")
                    on:click=send_reset>"Send password-reset mail"</button>
            </div>
            <form class="tn-inline-form" on:submit=set_password>
                <label class="tn-field__label" for="tn-user-password">"New password"</label>
                <input class="tn-field__input" id="tn-user-password" type="password"
                    autocomplete="new-password" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev)) />
                <button class="tn-button" type="submit" disabled=move || busy.get()>"Set password"</button>
            </form>
            <div class="tn-danger-zone">
                <button class="tn-button tn-button--danger" type="button" disabled=move || busy.get()
                    on:click=move |_| confirm.set(Confirm::Delete)>"Delete user"</button>
            </div>
        </section>
        <ConfirmDialog
            open=Signal::derive(move || confirm.get() == Confirm::Suspend)
            title=format!("Suspend {title}?")
            confirm_label="Suspend"
            danger=true
            on_confirm=Callback::new(move |()| set_suspended(true))
            on_cancel=Callback::new(move |()| confirm.set(Confirm::None))
        >
            <p>"They can no longer sign in until reactivated."</p>
        </ConfirmDialog>
        <ConfirmDialog
            open=Signal::derive(move || confirm.get() == Confirm::SignOut)
            title=format!("End every session of {title}?")
            confirm_label="End sessions"
            danger=true
            on_confirm=Callback::new(sign_out)
            on_cancel=Callback::new(move |()| confirm.set(Confirm::None))
        >
            <p>"Every portal session they hold ends at its next request; they can sign in again."</p>
        </ConfirmDialog>
        <ConfirmDialog
            open=Signal::derive(move || confirm.get() == Confirm::Delete)
            title="Delete this user?"
            confirm_label="Delete"
            danger=true
            on_confirm=Callback::new(delete)
            on_cancel=Callback::new(move |()| confirm.set(Confirm::None))
        >
            <p>"The user and their role and organization memberships are removed. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
