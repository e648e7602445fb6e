//! The signed-in layout: header with product and user, navigation, and the
//! current screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_navigate;

use crate::api::{auth, use_client};
use crate::components::toast::use_toasts;
use crate::config::Config;
use crate::session::use_session;

/// The navigation, in order: (path, label).
pub const NAV: [(&str, &str); 9] = [
    ("/", "Dashboard"),
    ("/users", "Users"),
    ("/organizations", "Organizations"),
    ("/organization-template", "Organization roles"),
    ("/roles", "Roles"),
    ("/api-resources", "API resources"),
    ("/applications", "Applications"),
    ("/audit-log", "Audit log"),
    ("/account", "My account"),
];

/// Header, navigation and `<Outlet/>`.
#[component]
pub fn Layout() -> impl IntoView {
    let config = expect_context::<Config>();
    let session = use_session();
    // Organization admins manage members only: the rest would answer 404.
    let tenant_admin = session.info().is_some_and(|i| i.is_tenant_admin);
    let links = NAV
        .into_iter()
        .filter(|(href, _)| tenant_admin || ["/organizations", "/account"].contains(href))
        .map(|(href, label)| {
            view! {
                <li>
                    <A href=href exact=href == "/" attr:class="tn-nav__link">
                        {label}
                    </A>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let user_name = move || {
        session
            .info()
            .map(|i| auth::display_name(&i))
            .unwrap_or_default()
    };
    view! {
        <a class="tn-skip-link" href="#tn-main">"Skip to content"</a>
        <header class="tn-header">
            <span class="tn-header__brand">
                {config.logo_url.clone().map(|src| view! { <img class="tn-header__logo" src=src alt="" /> })}
                {config.product_name.clone()}
            </span>
            <span class="tn-header__user" data-testid="signed-in-user">{user_name}</span>
            <SignOutButton />
        </header>
        <div class="tn-frame">
            <nav class="tn-nav" aria-label="Main">
                <ul class="tn-nav__list">{links}</ul>
            </nav>
            <main id="tn-main" class="tn-main" tabindex="-1">
                <Outlet />
            </main>
        </div>
    }
}

#[component]
fn SignOutButton() -> impl IntoView {
    let client = use_client();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let on_click = move |_| {
        let client = client.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match auth::sign_out(&client).await {
                // A session that already ended is as good as signed out.
                Ok(()) => {}
                Err(err) if err.is_unauthorized() => {}
                Err(err) => {
                    toasts.error(format!("Sign-out failed: {err}"));
                    return;
                }
            }
            session.set_signed_out();
            navigate("/sign-in", Default::default());
        });
    };
    view! {
        <button class="tn-button" type="button" on:click=on_click>
            "Sign out"
        </button>
    }
}
