//! One user, in tabs: profile (with custom data and account actions), roles,
//! organizations and activity. The selected tab is the URL's `?tab=`.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use tenantry_api_types::User;

use crate::api::person::user_title;
use crate::api::query::with_query;
use crate::api::{use_client, users};
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::tabs::{Tab, Tabs};
use crate::pages::user_account::AccountSection;
use crate::pages::user_edit::{CustomDataSection, ProfileSection};
use crate::pages::user_organizations::UserOrganizations;
use crate::pages::user_tabs::{activity_tab, roles_tab};
use crate::pages::users::status_badges;

/// The tabs, in order; the first is the default (no `?tab=`).
const TABS: &[Tab] = &[
    ("profile", "Profile"),
    ("roles", "Roles"),
    ("organizations", "Organizations"),
    ("activity", "Activity"),
];

/// The tab named by `?tab=`, the first one when missing or unknown.
fn tab_from_url(value: Option<String>) -> &'static str {
    TABS.iter()
        .map(|t| t.0)
        .find(|key| value.as_deref() == Some(*key))
        .unwrap_or(TABS[0].0)
}

#[component]
pub fn UserDetail() -> impl IntoView {
    let client = use_client();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let user = Load::new(move || {
        let (client, id) = (client.clone(), id.get());
        async move { users::get(&client, &id).await }
    });
    let refetch = Callback::new(move |()| user.refetch());

    let loaded = load_view(user, "The user", move |found| {
        view! { <UserView user=found on_change=refetch /> }.into_any()
    });
    // A missing user gets a heading: the page has nothing else to show.
    let content = move || {
        if !user.is_missing() {
            return loaded();
        }
        view! {
            <h1 class="tn-page__title">"User not found"</h1>
            <p>"No user has this ID. They may have been deleted."</p>
        }
        .into_any()
    };
    view! {
        <section class="tn-page">
            <A href="/users" attr:class="tn-back-link">"← Users"</A>
            {content}
        </section>
    }
}

#[component]
fn UserView(user: User, on_change: Callback<()>) -> impl IntoView {
    let query = use_query_map();
    let selected = Memo::new(move |_| tab_from_url(query.with(|q| q.get("tab"))));
    let navigate = use_navigate();
    let path = format!("/users/{}", user.id);
    // Replacing, not pushing: the back button leaves the user, not the tab.
    let on_select = Callback::new(move |key: &'static str| {
        let pairs = if key == TABS[0].0 {
            Vec::new()
        } else {
            vec![("tab".to_string(), key.to_string())]
        };
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        navigate(&with_query(&path, &pairs), options);
    });
    let id = user.id.clone();
    let user = StoredValue::new(user);
    let panel = move || match selected.get() {
        "roles" => roles_tab(id.clone()),
        "organizations" => view! { <UserOrganizations user_id=id.clone() /> }.into_any(),
        "activity" => activity_tab(id.clone()),
        _ => {
            let user = user.get_value();
            view! {
                <div class="tn-sections">
                    <ProfileSection user=user.clone() on_change />
                    <CustomDataSection user=user.clone() on_change />
                    <AccountSection user on_change />
                </div>
            }
            .into_any()
        }
    };
    let user = user.get_value();
    view! {
        <header class="tn-page__header">
            <h1 class="tn-page__title">{user_title(&user)}</h1>
            <span>{status_badges(&user)}</span>
        </header>
        <p class="tn-status">"ID: " <code>{user.id.clone()}</code></p>
        <Tabs label="User" tabs=TABS selected=selected on_select>
            {panel}
        </Tabs>
    }
}

#[cfg(test)]
mod tests {
    use super::tab_from_url;

    #[test]
    fn an_unknown_or_missing_tab_is_the_profile() {
        assert_eq!(tab_from_url(Some("organizations".into())), "organizations");
        assert_eq!(tab_from_url(Some("nope".into())), "profile");
        assert_eq!(tab_from_url(None), "profile");
    }
}
