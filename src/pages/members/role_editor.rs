//! The editor of one member's organization roles.

use leptos::html;
use leptos::prelude::*;

use crate::api::organizations::{self, Member};
use crate::api::use_client;
use crate::components::toast::use_toasts;
use crate::pages::members::RoleList;
use crate::pages::members::role_picker::RolePicker;

/// Replaces one member's roles; `on_done(true)` after saving, `false` on cancel.
#[component]
pub fn RoleEditor(
    /// The organization.
    organization_id: String,
    /// The member whose roles change.
    member: Member,
    /// Every organization role.
    roles: RoleList,
    /// Called when the editor closes.
    on_done: Callback<bool>,
) -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let current = member.organization_roles.iter().map(|r| r.id.clone());
    let selected = RwSignal::new(current.collect::<Vec<_>>());
    let card = NodeRef::<html::Form>::new();
    // Keyboard users land in the editor they just opened.
    Effect::new(move |_| {
        if let Some(card) = card.get() {
            let _ = card.focus();
        }
    });
    let user_id = member.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (client, org, user) = (client.clone(), organization_id.clone(), user_id.clone());
        let ids = selected.get_untracked();
        let task = async move { organizations::set_member_roles(&client, &org, &user, &ids).await };
        toasts.perform(busy, task, "Roles saved.", move |()| on_done.run(true));
    };
    let title = format!("Roles of {}", member.title());
    view! {
        <form class="tn-card tn-members__editor" tabindex="-1" node_ref=card on:submit=save
            on:keydown=move |ev| if ev.key() == "Escape" { on_done.run(false) }>
            <h2 class="tn-card__title">{title}</h2>
            <RolePicker legend="Organization roles" roles selected />
            <div class="tn-actions">
                <button class="tn-button tn-button--primary" type="submit"
                    disabled=move || busy.get()>"Save roles"</button>
                <button class="tn-button" type="button" on:click=move |_| on_done.run(false)>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
