//! My account: the signed-in user's own profile (name, avatar, username),
//! email (proven by a mailed code) and password, through the edge's
//! `/auth/session/*` routes.

use leptos::prelude::*;
use tenantry_api_types::{SessionInfo, UpdateUser};

use crate::api::auth;
use crate::api::use_client;
use crate::api::users::text_patch;
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;
use crate::pages::account_email::EmailSection;
use crate::pages::account_password::PasswordSection;
use crate::session::use_session;

/// The PATCH body from the typed fields `[name, avatar, username]`:
/// only what differs from the session.
pub fn profile_changes(fields: [&str; 3], info: &SessionInfo) -> UpdateUser {
    let [name, avatar, username] = fields;
    UpdateUser {
        name: text_patch(name, &info.name),
        avatar: text_patch(avatar, &info.avatar),
        username: text_patch(username, &info.username),
        ..Default::default()
    }
}

#[component]
pub fn Account() -> impl IntoView {
    let session = use_session();
    move || match session.info() {
        Some(info) => view! {
            <section class="tn-page">
                <h1 class="tn-page__title">"My account"</h1>
                <div class="tn-sections">
                    <AccountProfile info=info.clone() />
                    <EmailSection current=info.primary_email />
                    <PasswordSection />
                </div>
            </section>
        }
        .into_any(),
        None => {
            view! { <p class="tn-status" role="status">"Checking your session…"</p> }.into_any()
        }
    }
}

#[component]
fn AccountProfile(
    /// The session as loaded; the form starts from it.
    info: SessionInfo,
) -> impl IntoView {
    let client = use_client();
    let session = use_session();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let fields = [text(&info.name), text(&info.avatar), text(&info.username)];
    let [name, avatar, username] = fields;
    let avatar_url = info.avatar.clone().filter(|a| !a.is_empty());
    let info = StoredValue::new(info);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let values = fields.map(|f| f.get_untracked());
        let body = info.with_value(|i| profile_changes(values.each_ref().map(String::as_str), i));
        if body == UpdateUser::default() {
            toasts.success("Nothing to save.");
            return;
        }
        let client = client.clone();
        let task = async move { auth::edit_profile(&client, &body).await };
        toasts.perform(busy, task, "Profile saved.", move |info| {
            session.set_signed_in(info)
        });
    };
    view! {
        <form class="tn-card" aria-labelledby="tn-account-profile" on:submit=save>
            <h2 id="tn-account-profile" class="tn-card__title">"Profile"</h2>
            {avatar_url.map(|src| view! { <img class="tn-avatar" src=src alt="Your avatar" /> })}
            <TextField id="tn-account-name" label="Name" value=name autocomplete="name" />
            <TextField id="tn-account-avatar" label="Avatar URL" kind="url" value=avatar />
            <TextField id="tn-account-username" label="Username" value=username autocomplete="username" />
            <div>
                <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>
                    "Save profile"
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tenantry_api_types::Patch;

    #[test]
    fn only_changed_fields_are_sent() {
        let info = SessionInfo {
            id: "u1".into(),
            name: Some("Ann".into()),
            username: Some("ann".into()),
            ..Default::default()
        };
        let body = profile_changes(["Ann", "", "ann2"], &info);
        assert_eq!(body.name, Patch::Absent);
        assert_eq!(body.avatar, Patch::Absent);
        assert_eq!(body.username, Patch::Value("ann2".into()));
        let cleared = profile_changes(["", "", "ann"], &info);
        assert_eq!(cleared.name, Patch::Null);
    }
}
