//! The members of one organization, for the portal and the embed widget
//! ([`crate::embed`]): the screen needs only the API client and toasts from
//! context, no router.
//!
//! This file holds what the screen and its cards share; each card is a file
//! of its own and depends on this one only, never on the screen.

use leptos::prelude::*;
use tenantry_api_types::NamedRef;

pub mod add;
pub mod invitations;
pub mod invite;
pub mod role_editor;
pub mod role_picker;
pub mod screen;

/// What the caller may do here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rights {
    /// Change roles, remove members.
    pub manage: bool,
    /// Invite by email; see, resend and revoke invitations.
    pub invite: bool,
    /// Search all users to add them (tenant admins only: it reads `/api/users`).
    pub pick_users: bool,
}

/// The organization's roles as `{id, name}`, for tags, filter and pickers.
pub type RoleList = Signal<Vec<NamedRef>>;

/// A tag per role, or a dash when there are none.
pub fn role_tags(roles: &[NamedRef]) -> impl IntoView + use<> {
    if roles.is_empty() {
        return view! { <span class="tn-status">"—"</span> }.into_any();
    }
    roles
        .iter()
        .map(|r| view! { <span class="tn-tag">{r.name.clone()}</span> })
        .collect::<Vec<_>>()
        .into_any()
}
