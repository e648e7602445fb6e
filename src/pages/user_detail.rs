//! One user: profile, custom data and account actions.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use tenantry_api_types::User;

use crate::api::{use_client, users};
use crate::pages::user_account::AccountSection;
use crate::pages::user_edit::{CustomDataSection, ProfileSection};
use crate::pages::users::status_badges;

#[component]
pub fn UserDetail() -> impl IntoView {
    let client = use_client();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let user = LocalResource::new(move || {
        let (client, id) = (client.clone(), id.get());
        async move { users::get(&client, &id).await }
    });
    let refetch = Callback::new(move |()| user.refetch());

    let content = move || match user.get() {
        None => view! { <p class="tn-status" role="status">"Loading the user…"</p> }.into_any(),
        Some(Err(err)) if err.status() == Some(404) => view! {
            <h1 class="tn-page__title">"User not found"</h1>
            <p>"No user has this ID. They may have been deleted."</p>
        }
        .into_any(),
        Some(Err(err)) => view! {
            <div class="tn-status tn-status--error" role="alert">
                <p>{format!("The user could not be loaded. {err}")}</p>
                <button class="tn-button" type="button" on:click=move |_| user.refetch()>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(found)) => view! { <UserView user=found on_change=refetch /> }.into_any(),
    };
    view! {
        <section class="tn-page">
            <A href="/users" attr:class="tn-back-link">"← Users"</A>
            {content}
        </section>
    }
}

/// A short name for headings: name, else username, else email, else id.
pub fn user_title(user: &User) -> String {
    [&user.name, &user.username, &user.primary_email]
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| user.id.clone())
}

#[component]
fn UserView(user: User, on_change: Callback<()>) -> impl IntoView {
    view! {
        <header class="tn-page__header">
            <h1 class="tn-page__title">{user_title(&user)}</h1>
            <span>{status_badges(&user)}</span>
        </header>
        <p class="tn-status">"ID: " <code>{user.id.clone()}</code></p>
        <div class="tn-sections">
            <ProfileSection user=user.clone() on_change />
            <CustomDataSection user=user.clone() on_change />
            <AccountSection user on_change />
        </div>
    }
}
