//! Inviting by email: several addresses at once, roles and expiry; the
//! server mails each link.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{invitations, use_client};
use crate::components::toast::use_toasts;
use crate::pages::members::RoleList;
use crate::pages::members::role_picker::RolePicker;

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
