//! Adding existing users: search the users who are not members yet, tick
//! some, choose roles, add them in one go.

use leptos::prelude::*;
use tenantry_api_types::User;

use crate::api::person::user_title;
use crate::api::{organizations, use_client};
use crate::components::load::Load;
use crate::components::quick_search::QuickSearch;
use crate::components::toast::use_toasts;
use crate::pages::members::RoleList;
use crate::pages::members::role_picker::RolePicker;

/// The "Add members" card.
#[component]
pub fn AddMembers(
    /// The organization.
    organization_id: String,
    /// Every organization role.
    roles: RoleList,
    /// Called after members were added.
    on_added: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let org = StoredValue::new(organization_id);
    let text = RwSignal::new(None::<String>);
    let picked = RwSignal::new(Vec::<(String, String)>::new());
    let role_ids = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let found = Load::new({
        let client = client.clone();
        move || {
            let (client, text) = (client.clone(), text.get());
            async move {
                match text {
                    Some(text) => organizations::non_members(&client, &org.get_value(), &text)
                        .await
                        .map(Some),
                    None => Ok(None),
                }
            }
        }
    });

    let add = move |_| {
        let (client, roles) = (client.clone(), role_ids.get_untracked());
        let ids: Vec<String> = picked
            .get_untracked()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let done = if ids.len() == 1 {
            "Member added.".to_string()
        } else {
            format!("{} members added.", ids.len())
        };
        let task = async move {
            organizations::add_members(&client, &org.get_value(), &ids, &roles).await
        };
        toasts.perform(busy, task, done, move |()| {
            picked.set(Vec::new());
            text.set(None);
            on_added.run(());
        });
    };
    let results = move || {
        match found.get() {
        Some(Ok(Some(users))) if users.is_empty() => {
            view! { <p class="tn-status">"No users found who are not members."</p> }.into_any()
        }
        Some(Ok(Some(users))) => view! {
            <ul class="tn-picker" aria-label="Users found">
                {users.into_iter().map(|user| view! { <Candidate user picked /> }).collect::<Vec<_>>()}
            </ul>
        }
        .into_any(),
        Some(Err(err)) => {
            view! { <p class="tn-form-error" role="alert">{format!("Search failed. {err}")}</p> }
                .into_any()
        }
        _ => ().into_any(),
    }
    };
    view! {
        <section class="tn-card" aria-labelledby="tn-add-members-title">
            <h2 id="tn-add-members-title" class="tn-card__title">"Add members"</h2>
            <QuickSearch
                label="Find users to add"
                value=Signal::derive(move || text.get().unwrap_or_default())
                on_search=Callback::new(move |t| text.set(Some(t)))
            />
            {results}
            <RolePicker legend="Roles for the new members" roles selected=role_ids />
            <div>
                <button class="tn-button tn-button--primary" type="button" on:click=add
                    disabled=move || busy.get() || picked.with(Vec::is_empty)>
                    {move || match picked.with(Vec::len) {
                        0 => "Add members".to_string(),
                        1 => "Add 1 member".to_string(),
                        n => format!("Add {n} members"),
                    }}
                </button>
            </div>
        </section>
    }
}

/// One user in the search results, with a checkbox.
#[component]
fn Candidate(user: User, picked: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let label = user_title(&user);
    let detail = user.primary_email.clone().filter(|e| *e != label);
    let id = StoredValue::new(user.id.clone());
    let name = StoredValue::new(label.clone());
    let checked = move || picked.with(|p| p.iter().any(|(i, _)| *i == id.get_value()));
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        picked.update(|p| {
            p.retain(|(i, _)| *i != id.get_value());
            if on {
                p.push((id.get_value(), name.get_value()));
            }
        });
    };
    view! {
        <li>
            <label>
                <input type="checkbox" prop:checked=checked on:change=toggle />
                " " {label}
                {detail.map(|d| view! { " " <span class="tn-members__email">{d}</span> })}
            </label>
        </li>
    }
}
