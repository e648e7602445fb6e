//! A user's activity: their audit log, for the user detail screen's tab.

use leptos::prelude::*;

use crate::api::logs::LogsQuery;
use crate::pages::audit_table::AuditTable;

#[component]
pub fn UserActivity(
    /// The user.
    user_id: String,
) -> impl IntoView {
    let query = RwSignal::new(LogsQuery {
        user_id,
        ..Default::default()
    });
    view! {
        <section class="tn-card" aria-labelledby="tn-user-activity-title">
            <h2 id="tn-user-activity-title" class="tn-card__title">"Activity"</h2>
            <AuditTable query
                on_page=Callback::new(move |page| query.update(|q| q.page = page))
                on_page_size=Callback::new(move |size| query.update(|q| {
                    q.page_size = size;
                    q.page = 1;
                })) />
        </section>
    }
}
