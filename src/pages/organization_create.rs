//! Create an organization: a name and an optional description, then on to
//! its settings.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{organizations, use_client};
use crate::components::text_field::TextField;
use crate::components::toast::use_toasts;

#[component]
pub fn OrganizationCreate() -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let create = Action::new_local(move |(name, description): &(String, String)| {
        let (client, name, description) = (client.clone(), name.clone(), description.clone());
        async move { organizations::create(&client, &name, &description).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(organization)) => {
            toasts.success("Organization created.");
            navigate(
                &format!("/organizations/{}", organization.id),
                Default::default(),
            );
        }
        Some(Err(err)) => error.set(Some(format!("The organization was not created. {err}"))),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        create.dispatch((name.get_untracked(), description.get_untracked()));
    };
    view! {
        <section class="tn-page">
            <A href="/organizations" attr:class="tn-back-link">"← Organizations"</A>
            <h1 class="tn-page__title">"Create organization"</h1>
            <form class="tn-card tn-narrow" on:submit=submit>
                <NameFields name description />
                {move || error.get().map(|e| view! { <p class="tn-form-error" role="alert">{e}</p> })}
                <div>
                    <button class="tn-button tn-button--primary" type="submit"
                        disabled=move || create.pending().get()>
                        "Create organization"
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The name and description inputs, shared by create and settings.
#[component]
pub fn NameFields(
    /// The name being edited.
    name: RwSignal<String>,
    /// The description being edited.
    description: RwSignal<String>,
) -> impl IntoView {
    view! {
        <TextField id="tn-org-name" label="Name" required=true maxlength=128 value=name />
        <TextField id="tn-org-description" label="Description" maxlength=256 value=description />
    }
}
