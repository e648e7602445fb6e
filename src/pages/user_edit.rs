//! The user's profile form and custom-data editor.

use leptos::prelude::*;
use tenantry_api_types::User;

use crate::api::users::{self, ProfileForm};
use crate::api::{ApiError, use_client};
use crate::components::json_editor::JsonEditor;
use crate::components::toast::use_toasts;

#[component]
pub fn ProfileSection(
    /// The user as last loaded.
    user: User,
    /// Called after a successful save, to reload the user.
    on_change: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let form = RwSignal::new(ProfileForm::of(&user));
    let busy = RwSignal::new(false);
    let user = StoredValue::new(user);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = user.with_value(|u| form.get_untracked().changes(u));
        let (client, id) = (client.clone(), user.with_value(|u| u.id.clone()));
        if body == Default::default() {
            toasts.success("Nothing to save.");
            return;
        }
        let task = async move { users::update(&client, &id, &body).await };
        toasts.perform(busy, task, "Profile saved.", move |_| on_change.run(()));
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      get: fn(&ProfileForm) -> &String,
                      set: fn(&mut ProfileForm, String)| {
        view! {
            <div class="tn-field">
                <label class="tn-field__label" for=id>{label}</label>
                <input
                    class="tn-field__input"
                    id=id
                    type=kind
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                />
            </div>
        }
    };
    view! {
        <form class="tn-card" aria-labelledby="tn-profile-title" on:submit=save>
            <h2 id="tn-profile-title" class="tn-card__title">"Profile"</h2>
            {field("tn-user-username", "Username", "text", |f| &f.username, |f, v| f.username = v)}
            {field("tn-user-email", "Email", "email", |f| &f.primary_email, |f, v| f.primary_email = v)}
            {field("tn-user-phone", "Phone", "tel", |f| &f.primary_phone, |f, v| f.primary_phone = v)}
            {field("tn-user-name", "Name", "text", |f| &f.name, |f, v| f.name = v)}
            <div>
                <button class="tn-button tn-button--primary" type="submit" disabled=move || busy.get()>
                    "Save profile"
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn CustomDataSection(
    /// The user as last loaded.
    user: User,
    /// Called after a successful save, to reload the user.
    on_change: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let id = user.id.clone();
    let on_save = Callback::new(move |data| {
        let (client, id) = (client.clone(), id.clone());
        let task = async move { users::replace_custom_data(&client, &id, data).await };
        toasts.perform::<_, ApiError, _>(busy, task, "Custom data saved.", move |_| {
            on_change.run(())
        });
    });
    view! {
        <section class="tn-card" aria-labelledby="tn-custom-data-title">
            <h2 id="tn-custom-data-title" class="tn-card__title">"Custom data"</h2>
            <JsonEditor label="JSON object" initial=user.custom_data on_save busy />
        </section>
    }
}
