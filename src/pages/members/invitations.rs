//! The organization's invitations with their status, resend and revoke.

use leptos::prelude::*;
use tenantry_api_types::{InvitationStatus, OrganizationInvitation};

use crate::api::{invitations, use_client};
use crate::components::data_table::{Column, DataTable};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::load_view::load_view;
use crate::components::toast::use_toasts;
use crate::pages::members::role_tags;
use crate::pages::users::local_date;

/// The organization's invitations, newest first.
#[component]
pub fn Invitations(
    /// The organization.
    organization_id: String,
    /// Reloads the list when it changes.
    version: RwSignal<u32>,
    /// Called after a resend or revoke.
    on_change: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let org = StoredValue::new(organization_id);
    let list = Load::new({
        let client = client.clone();
        move || {
            version.track();
            let client = client.clone();
            async move { invitations::list(&client, &org.get_value()).await }
        }
    });
    let content = load_view(list, "Invitations", move |items| {
        view! {
            <DataTable
                caption="Invitations"
                columns=columns(on_change)
                rows=items
                row_key=|i: &OrganizationInvitation| i.id.clone()
                empty="No invitations yet."
            />
        }
        .into_any()
    });
    view! {
        <section class="tn-members__invitations" aria-labelledby="tn-invitations-title">
            <h2 id="tn-invitations-title" class="tn-card__title">"Invitations"</h2>
            {content}
        </section>
    }
}

fn columns(on_change: Callback<()>) -> Vec<Column<OrganizationInvitation>> {
    vec![
        Column::text("Invitee", |i: &OrganizationInvitation| i.invitee.clone()),
        Column::new("Roles", |i: &OrganizationInvitation| {
            role_tags(&i.organization_roles)
        }),
        Column::new("Status", |i: &OrganizationInvitation| {
            status_badge(i.status)
        }),
        Column::text("Expires", |i: &OrganizationInvitation| {
            local_date(i.expires_at)
        }),
        Column::new("Actions", move |i: &OrganizationInvitation| {
            (i.status == InvitationStatus::Pending)
                .then(|| view! { <InvitationActions invitation=i.clone() on_change /> })
        }),
    ]
}

fn status_badge(status: InvitationStatus) -> impl IntoView {
    let class = match status {
        InvitationStatus::Pending => "tn-badge tn-badge--warning",
        InvitationStatus::Accepted => "tn-badge",
        InvitationStatus::Expired | InvitationStatus::Revoked => "tn-badge tn-badge--danger",
    };
    view! { <span class=class>{status.as_str()}</span> }
}

#[component]
fn InvitationActions(invitation: OrganizationInvitation, on_change: Callback<()>) -> impl IntoView {
    let client = StoredValue::new(use_client());
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let id = StoredValue::new(invitation.id);
    let who = invitation.invitee;
    let resend = move |_| {
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { invitations::resend(&client, &id).await };
        toasts.perform(busy, task, "Invitation sent again.", |()| {});
    };
    let confirm = RwSignal::new(false);
    let revoke = move |()| {
        confirm.set(false);
        let (client, id) = (client.get_value(), id.get_value());
        let task = async move { invitations::revoke(&client, &id).await };
        toasts.perform(busy, task, "Invitation revoked.", move |_| {
            on_change.run(())
        });
    };
    view! {
        <div class="tn-actions">
            <button class="tn-button" type="button" aria-label=format!("Resend to {who}")
                disabled=move || busy.get() on:click=resend>"Resend"</button>
            <button class="tn-button" type="button" aria-label=format!("Revoke for {who}")
                disabled=move || busy.get() on:click=move |_| confirm.set(true)>"Revoke"</button>
        </div>
        <ConfirmDialog
            open=confirm
            title="Revoke this invitation?"
            confirm_label="Revoke"
            danger=true
            on_confirm=Callback::new(revoke)
            on_cancel=Callback::new(move |()| confirm.set(false))
        >
            <p>{format!("The link mailed to {who} stops working.")}</p>
        </ConfirmDialog>
    }
}
