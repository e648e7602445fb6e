//! A role's tabs: its scopes (of any API resource), and the users or
//! applications holding it (by the role's type).

use leptos::prelude::*;
use tenantry_api_types::RoleType;

use crate::api::person::user_title;
use crate::api::roles::{self, Link};
use crate::api::{ApiError, applications, resources, use_client, users};
use crate::components::link_list::{LinkList, LinkRow};
use crate::components::load::Load;
use crate::components::search_box::SearchQuery;
use crate::components::toast::use_toasts;

/// Tabs of one role.
#[component]
pub fn RoleLinks(
    /// The role's id.
    role_id: String,
    /// Its type: user roles list users, machine-to-machine roles applications.
    role_type: RoleType,
) -> impl IntoView {
    let holders = match role_type {
        RoleType::User => (Link::Users, "Users"),
        RoleType::MachineToMachine => (Link::Applications, "Applications"),
    };
    let tab = RwSignal::new(Link::Scopes);
    let tab_button = move |link: Link, label: &'static str| {
        view! {
            <button class="tn-tabs__tab" type="button" role="tab"
                aria-selected=move || (tab.get() == link).to_string()
                on:click=move |_| tab.set(link)>{label}</button>
        }
    };
    let id = StoredValue::new(role_id);
    view! {
        <div class="tn-tabs" role="tablist" aria-label="Role details">
            {tab_button(Link::Scopes, "Scopes")}
            {tab_button(holders.0, holders.1)}
        </div>
        <div class="tn-card" role="tabpanel">
            {move || view! { <LinkTab role_id=id.get_value() link=tab.get() /> }}
        </div>
    }
}

#[component]
fn LinkTab(role_id: String, link: Link) -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let id = StoredValue::new(role_id);
    let c = client.clone();
    let rows = Load::new(move || {
        let (client, id) = (c.clone(), id.get_value());
        async move { linked(&client, &id, link).await }
    });
    // Narrows the user picker, which offers at most 100 users.
    let find = RwSignal::new(String::new());
    let c = client.clone();
    let options = Load::new(move || {
        let (client, id, find) = (c.clone(), id.get_value(), find.get());
        async move { choices(&client, &id, link, &find).await }
    });
    let refresh = move |()| {
        rows.refetch();
        options.refetch();
    };
    let c = client.clone();
    let on_add = Callback::new(move |other: String| {
        let (client, id) = (c.clone(), id.get_value());
        let task = async move { roles::add(&client, &id, link, &other).await };
        toasts.perform(busy, task, "Added.", refresh);
    });
    let on_remove = Callback::new(move |other: String| {
        let (client, id) = (client.clone(), id.get_value());
        let task = async move { roles::remove(&client, &id, link, &other).await };
        toasts.perform(busy, task, "Removed.", refresh);
    });
    let (caption, detail, picker, empty) = match link {
        Link::Scopes => (
            "Scopes of this role",
            "API resource",
            "Add a scope",
            "This role grants no scopes yet.",
        ),
        Link::Users => (
            "Users holding this role",
            "Email",
            "Add a user",
            "No user holds this role.",
        ),
        Link::Applications => (
            "Applications holding this role",
            "Description",
            "Add an application",
            "No application holds this role.",
        ),
    };
    let finder = (link == Link::Users).then(|| {
        view! {
            <input class="tn-field__input tn-search__input" type="search" aria-label="Find users to add"
                placeholder="Find users to add" on:change=move |ev| find.set(event_target_value(&ev)) />
        }
    });
    view! {
        {finder}
        <LinkList caption detail_header=detail rows options picker_label=picker empty
            on_add on_remove busy />
    }
}

/// The rows of a tab.
async fn linked(
    client: &crate::api::Client,
    id: &str,
    link: Link,
) -> Result<Vec<LinkRow>, ApiError> {
    Ok(match link {
        Link::Scopes => roles::scopes(client, id)
            .await?
            .into_iter()
            .map(|s| LinkRow {
                id: s.scope.id,
                name: s.scope.name,
                detail: s.resource.name,
                href: Some(format!("/api-resources/{}", s.resource.id)),
            })
            .collect(),
        Link::Users => roles::users(client, id)
            .await?
            .into_iter()
            .map(|u| LinkRow {
                name: user_title(&u),
                detail: u.primary_email.unwrap_or_default(),
                href: Some(format!("/users/{}", u.id)),
                id: u.id,
            })
            .collect(),
        Link::Applications => roles::applications(client, id)
            .await?
            .into_iter()
            .map(|a| LinkRow {
                href: Some(format!("/applications/{}", a.id)),
                id: a.id,
                name: a.name,
                detail: a.description.unwrap_or_default(),
            })
            .collect(),
    })
}

/// What the picker of a tab offers, as `(id, label)`.
async fn choices(
    client: &crate::api::Client,
    id: &str,
    link: Link,
    find: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    Ok(match link {
        Link::Scopes => {
            let held: Vec<String> = roles::scopes(client, id)
                .await?
                .into_iter()
                .map(|s| s.scope.id)
                .collect();
            resources::list(client, 1, 100, true)
                .await?
                .items
                .into_iter()
                .flat_map(|r| {
                    let resource = r.name;
                    r.scopes
                        .unwrap_or_default()
                        .into_iter()
                        .map(move |s| (s.id, format!("{resource}: {}", s.name)))
                })
                .filter(|(scope, _)| !held.contains(scope))
                .collect()
        }
        Link::Users => {
            let held: Vec<String> = roles::users(client, id)
                .await?
                .into_iter()
                .map(|u| u.id)
                .collect();
            users::list(
                client,
                &users::UsersQuery {
                    page_size: 100,
                    search: SearchQuery {
                        text: find.trim().into(),
                        ..Default::default()
                    },
                    ..Default::default()
                },
            )
            .await?
            .items
            .into_iter()
            .filter(|u| !held.contains(&u.id))
            .map(|u| (u.id.clone(), user_title(&u)))
            .collect()
        }
        Link::Applications => applications::without_role(client, id)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect(),
    })
}
