//! Invitations by email: the form (several addresses at once, roles, expiry;
//! the server mails each link) and the list with status, resend and revoke.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_api_types::{InvitationStatus, OrganizationInvitation};

use crate::api::{invitations, use_client};
use crate::components::data_table::{Column, DataTable};
use crate::components::dialog::ConfirmDialog;
use crate::components::load::Load;
use crate::components::toast::use_toasts;
use crate::pages::members::{RoleList, role_tags};
use crate::pages::members_roles::RolePicker;
use crate::pages::users::local_date;

/// Expiry choices in days; the first is the default.
const EXPIRY_DAYS: [u32; 3] = [7, 1, 30];

/// The "Invite by email" card.
#[component]
pub fn InviteForm(
    /// The organization.
    organization_id: String,
    /// Every organization role.
    roles: RoleList,
    /// Called after some invitations were sent.
    on_sent: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let toasts = use_toasts();
    let org = StoredValue::new(organization_id);
    let addresses = RwSignal::new(String::new());
    let role_ids = RwSignal::new(Vec::<String>::new());
    let days = RwSignal::new(EXPIRY_DAYS[0]);
    let busy = RwSignal::new(false);
    let failures = RwSignal::new(Vec::<String>::new());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list = invitations::split_addresses(&addresses.get_untracked());
        if list.is_empty() {
            failures.set(vec!["Enter at least one email address.".into()]);
            return;
        }
        let client = client.clone();
        let roles = role_ids.get_untracked();
        let expires_at = (js_sys::Date::now()
            + f64::from(days.get_untracked()) * crate::api::logs::DAY_MS as f64)
            as i64;
        busy.set(true);
        failures.set(Vec::new());
        spawn_local(async move {
            let (mut sent, mut failed, mut kept) = (0, Vec::new(), Vec::new());
            for address in list {
                let org = org.get_value();
                match invitations::create(&client, &org, &address, &roles, expires_at).await {
                    Ok(_) => sent += 1,
                    Err(err) => {
                        failed.push(format!("{address}: {err}"));
                        kept.push(address);
                    }
                }
            }
            let _ = busy.try_set(false);
            // Failed addresses stay in the box, to fix and send again.
            addresses.set(kept.join("\n"));
            failures.set(failed);
            if sent > 0 {
                toasts.success(match sent {
                    1 => "Invitation sent.".to_string(),
                    n => format!("{n} invitations sent."),
                });
                on_sent.run(());
            }
        });
    };
    let expiry_options = EXPIRY_DAYS
        .into_iter()
        .map(|d| {
            let label = if d == 1 {
                "1 day".into()
            } else {
                format!("{d} days")
            };
            view! { <option value=d.to_string() selected=move || days.get() == d>{label}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <form class="tn-card" aria-labelledby="tn-invite-title" on:submit=submit>
            <h2 id="tn-invite-title" class="tn-card__title">"Invite by email"</h2>
            <div class="tn-field">
                <label class="tn-field__label" for="tn-invitees">"Email addresses"</label>
                <textarea id="tn-invitees" class="tn-field__input" rows="3"
                    placeholder="ann@example.com, bob@example.com"
                    aria-describedby="tn-invitees-hint"
                    prop:value=move || addresses.get()
                    on:input=move |ev| addresses.set(event_target_value(&ev))></textarea>
                <span id="tn-invitees-hint" class="tn-status">
                    "Separate several addresses with commas or new lines."
                </span>
            </div>
            <RolePicker legend="Roles" roles selected=role_ids />
            <label class="tn-field">
                <span class="tn-field__label">"Expires after"</span>
                <select on:change=move |ev| {
                    days.set(event_target_value(&ev).parse().unwrap_or(EXPIRY_DAYS[0]))
                }>{expiry_options}</select>
            </label>
            {move || {
                let list = failures.get();
                (!list.is_empty()).then(|| view! {
                    <div class="tn-form-error" role="alert">
                        {list.into_iter().map(|f| view! { <p>{f}</p> }).collect::<Vec<_>>()}
                    </div>
                })
            }}
            <div>
                <button class="tn-button tn-button--primary" type="submit"
                    disabled=move || busy.get()>"Send invitations"</button>
            </div>
        </form>
    }
}

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
    let content = move || match list.get() {
        None => view! { <p class="tn-status" role="status">"Loading invitations…"</p> }.into_any(),
        Some(Err(err)) => view! {
            <p class="tn-status tn-status--error" role="alert">
                {format!("Invitations could not be loaded. {err}")}
            </p>
        }
        .into_any(),
        Some(Ok(items)) => view! {
            <DataTable
                caption="Invitations"
                columns=columns(on_change)
                rows=items
                row_key=|i: &OrganizationInvitation| i.id.clone()
                empty="No invitations yet."
            />
        }
        .into_any(),
    };
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
