//! The Tenantry admin portal (Leptos CSR): `App`, its contexts and routes.
//!
//! It speaks HTTP to the edge only (see [`api`]); screens are in [`pages`],
//! shared pieces in [`components`].

pub mod api;
pub mod components;
pub mod config;
pub mod embed;
mod lazy_screens;
pub mod pages;
pub mod session;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::{ProtectedParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::Client;
use crate::api::query::with_query;
use crate::components::layout::Layout;
use crate::components::progress::{Progress, ProgressBar};
use crate::components::toast::Toaster;
use crate::config::Config;
use crate::lazy_screens::*;
use crate::pages::forgot_password::ForgotPassword;
use crate::pages::invitation_accept::InvitationAccept;
use crate::pages::not_found::NotFound;
use crate::pages::reset_password::ResetPassword;
use crate::pages::sign_in::SignIn;
use crate::pages::users::Users;
use crate::session::Session;

/// The portal's root: provides the configuration, API client, session and
/// toasts, checks the session, and routes.
#[component]
pub fn App(
    /// From `/config.json`, loaded before mounting.
    #[prop(optional)]
    config: Config,
) -> impl IntoView {
    let progress = Progress::new();
    let session = Session::new();
    let client = Client::new(&config.edge_url)
        .with_progress(progress)
        .on_session_expired(Callback::new(move |()| session.set_signed_out()));
    provide_context(config);
    provide_context(client.clone());
    provide_context(session);
    session.check(client);
    view! {
        <ProgressBar progress />
        <Toaster>
            <Router>
                <AppRoutes />
            </Router>
        </Toaster>
    }
}

/// Mounts `App` with `config`; what `main` and the tests call.
pub fn mount(config: Config) {
    config.apply_to_document();
    leptos::mount::mount_to_body(move || view! { <App config /> });
}

/// A screen as a plain function pointer: the router's code is then compiled
/// once for all screens, not once per screen.
macro_rules! screen {
    ($page:ident) => {
        (|| view! { <$page /> }.into_any()) as fn() -> AnyView
    };
}

/// Every screen of the portal.
#[component]
fn AppRoutes() -> impl IntoView {
    let session = expect_context::<Session>();
    let location = use_location();
    // Back to the page that was asked for, after signing in. Untracked: the
    // guard must not redirect again when the location changes to /sign-in.
    let sign_in_path = move || {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let wanted = match search.trim_start_matches('?') {
            "" => path,
            search => format!("{path}?{search}"),
        };
        if wanted == "/" || wanted.starts_with("/sign-in") {
            "/sign-in".to_string()
        } else {
            with_query("/sign-in", &[("next".into(), wanted)])
        }
    };
    let checking = || view! { <p class="tn-status" role="status">"Checking your session…"</p> };
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/sign-in") view=screen!(SignIn) />
            <Route path=path!("/forgot-password") view=screen!(ForgotPassword) />
            <Route path=path!("/reset-password") view=screen!(ResetPassword) />
            <Route path=path!("/invitations/:id") view=screen!(InvitationAccept) />
            <ProtectedParentRoute
                path=path!("")
                view=Layout
                condition=move || session.is_signed_in()
                redirect_path=sign_in_path
                fallback=checking
            >
                <Route path=path!("") view={Lazy::<DashboardScreen>::new()} />
                <Route path=path!("/account") view={Lazy::<AccountScreen>::new()} />
                <Route path=path!("/users") view=screen!(Users) />
                <Route path=path!("/users/new") view={Lazy::<UserCreateScreen>::new()} />
                <Route path=path!("/users/:id") view={Lazy::<UserDetailScreen>::new()} />
                <Route path=path!("/organizations") view={Lazy::<OrganizationsScreen>::new()} />
                <Route path=path!("/organizations/new") view={Lazy::<OrganizationCreateScreen>::new()} />
                <Route path=path!("/organizations/:id") view={Lazy::<OrganizationDetailScreen>::new()} />
                <Route path=path!("/organizations/:id/members") view={Lazy::<OrganizationMembersScreen>::new()} />
                <Route path=path!("/organization-template") view={Lazy::<OrganizationTemplateScreen>::new()} />
                <Route path=path!("/roles") view={Lazy::<RolesScreen>::new()} />
                <Route path=path!("/roles/:id") view={Lazy::<RoleDetailScreen>::new()} />
                <Route path=path!("/api-resources") view={Lazy::<ResourcesScreen>::new()} />
                <Route path=path!("/api-resources/:id") view={Lazy::<ResourceDetailScreen>::new()} />
                <Route path=path!("/applications") view={Lazy::<ApplicationsScreen>::new()} />
                <Route path=path!("/applications/:id") view={Lazy::<ApplicationDetailScreen>::new()} />
                <Route path=path!("/audit-log") view={Lazy::<AuditLogScreen>::new()} />
            </ProtectedParentRoute>
        </Routes>
    }
}
