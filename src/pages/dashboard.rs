//! The dashboard: how many users, organizations and applications there are,
//! and sign-ins per day for the last 30 days from the audit log (the edge
//! signs people in through the server's password check).

use leptos::prelude::*;
use serde::de::IgnoredAny;

use crate::api::logs::{self, DAY_MS, SIGN_IN_KEY};
use crate::api::roles::pairs;
use crate::api::{ApiError, Client, use_client};
use crate::components::chart::{DayCount, SignInChart, bucket_by_day};
use crate::components::load::Load;
use crate::components::load_view::load_view;

const DAYS: u32 = 30;
/// Most sign-in rows read for the chart.
const MAX_ROWS: usize = 5_000;

/// `Total-Number` of a list, read with a one-item page.
async fn count(client: &Client, path: &str) -> Result<u64, ApiError> {
    let query = pairs(&[("page", "1"), ("page_size", "1")]);
    Ok(client.list::<IgnoredAny>(path, &query).await?.total)
}

async fn counts(client: &Client) -> Result<[u64; 3], ApiError> {
    Ok([
        count(client, "/api/users").await?,
        count(client, "/api/organizations").await?,
        count(client, "/api/applications").await?,
    ])
}

async fn sign_ins(client: &Client) -> Result<Vec<DayCount>, ApiError> {
    let now = logs::now();
    let rows = logs::since(
        client,
        SIGN_IN_KEY,
        now - i64::from(DAYS) * DAY_MS,
        MAX_ROWS,
    )
    .await?;
    let events: Vec<(i64, bool)> = rows
        .iter()
        .map(|l| {
            (
                l.created_at,
                l.payload.get("result").and_then(|r| r.as_str()) == Some("Success"),
            )
        })
        .collect();
    let offset = js_sys::Date::new_0().get_timezone_offset() as i64;
    Ok(bucket_by_day(&events, now, DAYS, offset))
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let client = StoredValue::new(use_client());
    let totals = Load::new(move || {
        let client = client.get_value();
        async move { counts(&client).await }
    });
    let chart = Load::new(move || {
        let client = client.get_value();
        async move { sign_ins(&client).await }
    });
    let tiles = load_view(totals, "The counts", |[users, orgs, apps]| {
        // Not links: the navigation already has them, and a second "Users"
        // link would make the navigation's ambiguous.
        let tile = |label: &'static str, value: u64| {
            view! {
                <p class="tn-tile">
                    <span class="tn-tile__value">{value.to_string()}</span>
                    <span class="tn-tile__label">{label}</span>
                </p>
            }
        };
        view! {
            <div class="tn-tiles" data-testid="dashboard-counts">
                {tile("Users", users)}
                {tile("Organizations", orgs)}
                {tile("Applications", apps)}
            </div>
        }
        .into_any()
    });
    let chart = load_view(chart, "The sign-ins", |days| {
        view! { <SignInChart days /> }.into_any()
    });
    view! {
        <section class="tn-page">
            <h1 class="tn-page__title">"Dashboard"</h1>
            {tiles}
            <section class="tn-card" aria-labelledby="tn-sign-ins-title">
                <h2 id="tn-sign-ins-title" class="tn-card__title">"Sign-ins, last 30 days"</h2>
                {chart}
            </section>
        </section>
    }
}
