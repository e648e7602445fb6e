//! The user's profile form and custom-data editor.

use leptos::prelude::*;
use tenantry_api_types::User;

use crate::api::users::{self, ProfileForm};
use crate::api::{ApiError, use_client};
use crate::components::json_editor::JsonEditor;
use crate::components::text_field::TextField;
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
    let initial = ProfileForm::of(&user);
    let username = RwSignal::new(initial.username);
    let email = RwSignal::new(initial.primary_email);
    let phone = RwSignal::new(initial.primary_phone);
    let name = RwSignal::new(initial.name);
    let busy = RwSignal::new(false);
    let user = StoredValue::new(user);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ProfileForm {
            username: username.get_untracked(),
            primary_email: email.get_untracked(),
            primary_phone: phone.get_untracked(),
            name: name.get_untracked(),
        };
        let body = user.with_value(|u| form.changes(u));
        let (client, id) = (client.clone(), user.with_value(|u| u.id.clone()));
        if body == Default::default() {
            toasts.success("Nothing to save.");
            return;
        }
        let task = async move { users::update(&client, &id, &body).await };
        toasts.perform(busy, task, "Profile saved.", move |_| on_change.run(()));
    };
    view! {
        <form class="tn-card" aria-labelledby="tn-profile-title" on:submit=save>
            <h2 id="tn-profile-title" class="tn-card__title">"Profile"</h2>
            <TextField id="tn-user-username" label="Username" value=username />
            <TextField id="tn-user-email" label="Email" kind="email" value=email />
            <TextField id="tn-user-phone" label="Phone" kind="tel" value=phone />
            <TextField id="tn-user-name" label="Name" value=name />
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
