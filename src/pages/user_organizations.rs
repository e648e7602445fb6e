//! The user detail's Organizations tab: each organization the user belongs
//! to, with their organization roles there.

use leptos::prelude::*;
use leptos_router::components::A;
use tenantry_api_types::UserOrganization;

use crate::api::{use_client, users};
use crate::components::data_table::{Column, DataTable};
use crate::components::load::Load;
use crate::components::load_view::load_view;

#[component]
pub fn UserOrganizations(
    /// Whose organizations.
    user_id: String,
) -> impl IntoView {
    let client = use_client();
    let organizations = Load::new(move || {
        let (client, id) = (client.clone(), user_id.clone());
        async move { users::organizations(&client, &id).await }
    });
    load_view(organizations, "The organizations", move |rows| {
        view! {
            <DataTable
                caption="Organizations"
                columns=columns()
                rows=rows
                row_key=|o: &UserOrganization| o.organization.id.clone()
                empty="Not a member of any organization."
            />
        }
        .into_any()
    })
}

fn columns() -> Vec<Column<UserOrganization>> {
    vec![
        Column::new("Organization", |o: &UserOrganization| {
            let href = format!("/organizations/{}", o.organization.id);
            let name = o.organization.name.clone();
            view! { <A href=href>{name}</A> }
        }),
        Column::new("Roles", |o: &UserOrganization| {
            let tags = o
                .organization_roles
                .iter()
                .map(|role| view! { <span class="tn-badge">{role.name.clone()}</span> })
                .collect::<Vec<_>>();
            if tags.is_empty() {
                "—".into_any()
            } else {
                tags.into_any()
            }
        }),
        Column::text("Description", |o: &UserOrganization| {
            o.organization.description.clone().unwrap_or_default()
        }),
    ]
}
