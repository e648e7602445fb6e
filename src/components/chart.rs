//! The sign-in chart: one bar per day for successful sign-ins and a line for
//! failed ones, as inline SVG with a title, a description and a visually
//! hidden table of the same figures.

use leptos::prelude::*;

use crate::api::logs::DAY_MS;

/// The figures of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    /// Start of the local day, epoch ms.
    pub start: i64,
    pub ok: u32,
    pub failed: u32,
}

/// Counts events `(epoch ms, succeeded)` per local day for the `days` days
/// ending with today; `offset_minutes` is the browser's UTC offset as
/// `Date.getTimezoneOffset()` gives it (UTC − local). Older or future events
/// are left out.
pub fn bucket_by_day(
    events: &[(i64, bool)],
    now: i64,
    days: u32,
    offset_minutes: i64,
) -> Vec<DayCount> {
    let shift = offset_minutes * 60_000;
    let local_day = |ms: i64| (ms - shift).div_euclid(DAY_MS);
    let today = local_day(now);
    let first = today - i64::from(days) + 1;
    let mut counts: Vec<DayCount> = (first..=today)
        .map(|day| DayCount {
            start: day * DAY_MS + shift,
            ok: 0,
            failed: 0,
        })
        .collect();
    for &(at, ok) in events {
        let day = local_day(at);
        if let Some(count) = usize::try_from(day - first)
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            if ok {
                count.ok += 1;
            } else {
                count.failed += 1;
            }
        }
    }
    counts
}

/// Short local date for an axis or table, such as "11/21".
fn day_label(start: i64) -> String {
    let date = js_sys::Date::new(&(start as f64).into());
    format!("{}/{}", date.get_month() + 1, date.get_date())
}

/// Width of one day's slot in the SVG's user units; integers keep float
/// formatting out of the wasm.
const SLOT: u32 = 20;
const HEIGHT: u32 = 200;
const TOP: u32 = 10;
const BOTTOM: u32 = 20;
const PLOT: u32 = HEIGHT - TOP - BOTTOM;

/// Bar (successful) and line (failed) chart of per-day sign-ins.
#[component]
pub fn SignInChart(
    /// One entry per day, oldest first.
    days: Vec<DayCount>,
) -> impl IntoView {
    let max = days
        .iter()
        .map(|d| d.ok.max(d.failed))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = SLOT * days.len().max(1) as u32;
    let y = move |v: u32| TOP + PLOT - PLOT * v / max;
    let bars = days
        .iter()
        .zip(0..)
        .map(|(d, i): (&DayCount, u32)| {
            let top = y(d.ok);
            view! {
                <rect class="tn-chart__bar" x=(i * SLOT + 3).to_string() y=top.to_string()
                    width=(SLOT - 6).to_string() height=(TOP + PLOT - top).to_string() />
            }
        })
        .collect::<Vec<_>>();
    let line = days
        .iter()
        .zip(0..)
        .map(|(d, i): (&DayCount, u32)| format!("{},{}", i * SLOT + SLOT / 2, y(d.failed)))
        .collect::<Vec<_>>()
        .join(" ");
    let (total_ok, total_failed) = days
        .iter()
        .fold((0, 0), |(o, f), d| (o + d.ok, f + d.failed));
    let desc = format!(
        "{total_ok} successful and {total_failed} failed sign-ins over {} days; the busiest day had {max}.",
        days.len()
    );
    let first = days.first().map(|d| day_label(d.start)).unwrap_or_default();
    let last = days.last().map(|d| day_label(d.start)).unwrap_or_default();
    let rows = days
        .iter()
        .map(|d| {
            view! { <tr><th scope="row">{day_label(d.start)}</th><td>{d.ok}</td><td>{d.failed}</td></tr> }
        })
        .collect::<Vec<_>>();
    view! {
        <figure class="tn-chart">
            <svg class="tn-chart__svg" viewBox=format!("0 0 {width} {HEIGHT}") role="img"
                aria-labelledby="tn-chart-title tn-chart-desc" data-testid="sign-in-chart">
                <title id="tn-chart-title">"Sign-ins per day, last 30 days"</title>
                <desc id="tn-chart-desc">{desc}</desc>
                <line class="tn-chart__axis" x1="0" x2=width.to_string() y1=(TOP + PLOT).to_string() y2=(TOP + PLOT).to_string() />
                {bars}
                <polyline class="tn-chart__line" points=line />
                <text class="tn-chart__label" x="0" y=(HEIGHT - 4).to_string()>{first}</text>
                <text class="tn-chart__label" x=width.to_string() y=(HEIGHT - 4).to_string() text-anchor="end">{last}</text>
                <text class="tn-chart__label" x="2" y=(TOP + 10).to_string()>{max.to_string()}</text>
            </svg>
            <figcaption class="tn-chart__legend">
                <span class="tn-chart__key tn-chart__key--ok">"Successful sign-ins"</span>
                <span class="tn-chart__key tn-chart__key--failed">"Failed sign-ins"</span>
            </figcaption>
            <table class="tn-visually-hidden">
                <caption>"Sign-ins per day"</caption>
                <thead><tr><th scope="col">"Day"</th><th scope="col">"Successful"</th><th scope="col">"Failed"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_fall_into_local_days() {
        // Day 10 (UTC) at 00:30 is still day 9 where the clock is 1 h behind.
        let now = 10 * DAY_MS + 12 * 3_600_000;
        let events = [
            (10 * DAY_MS + 1_800_000, true),
            (10 * DAY_MS + 5 * 3_600_000, false),
            (8 * DAY_MS + 7_200_000, true),
            (2 * DAY_MS, true),
        ];
        let days = bucket_by_day(&events, now, 3, 60);
        assert_eq!(days.len(), 3);
        assert_eq!(days[2].start, 10 * DAY_MS + 3_600_000);
        assert_eq!((days[2].ok, days[2].failed), (0, 1));
        assert_eq!((days[1].ok, days[1].failed), (1, 0));
        assert_eq!((days[0].ok, days[0].failed), (1, 0));
    }
}
