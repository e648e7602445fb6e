//! The screens whose code loads when first opened (Leptos lazy routes), so a
//! first visit downloads only the shell, sign-in, users and members screens.
//! hosting/split-wasm.mjs splits them out of the wasm at build time; without
//! it (tests, other targets) they are ordinary routes.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::pages::account::Account;
use crate::pages::application_detail::ApplicationDetail;
use crate::pages::applications::Applications;
use crate::pages::audit_log::AuditLog;
use crate::pages::dashboard::Dashboard;
use crate::pages::organization_create::OrganizationCreate;
use crate::pages::organization_detail::{OrganizationDetail, OrganizationMembers};
use crate::pages::organization_template::OrganizationTemplate;
use crate::pages::organizations::Organizations;
use crate::pages::resource_detail::ResourceDetail;
use crate::pages::resources::Resources;
use crate::pages::role_detail::RoleDetail;
use crate::pages::roles::Roles;
use crate::pages::user_create::UserCreate;
use crate::pages::user_detail::UserDetail;

/// `$route`: a lazy route showing `$page`.
macro_rules! lazy_screen {
    ($route:ident, $page:ident) => {
        #[derive(Clone)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    };
}

lazy_screen!(DashboardScreen, Dashboard);
lazy_screen!(AccountScreen, Account);
lazy_screen!(UserCreateScreen, UserCreate);
lazy_screen!(UserDetailScreen, UserDetail);
lazy_screen!(OrganizationsScreen, Organizations);
lazy_screen!(OrganizationCreateScreen, OrganizationCreate);
lazy_screen!(OrganizationDetailScreen, OrganizationDetail);
lazy_screen!(OrganizationMembersScreen, OrganizationMembers);
lazy_screen!(OrganizationTemplateScreen, OrganizationTemplate);
lazy_screen!(RolesScreen, Roles);
lazy_screen!(RoleDetailScreen, RoleDetail);
lazy_screen!(ResourcesScreen, Resources);
lazy_screen!(ResourceDetailScreen, ResourceDetail);
lazy_screen!(ApplicationsScreen, Applications);
lazy_screen!(ApplicationDetailScreen, ApplicationDetail);
lazy_screen!(AuditLogScreen, AuditLog);
