//! The detail drawer (focus in, Escape closes, focus returns) and the sign-in
//! chart (accessible description and a hidden table of the figures).

use leptos::prelude::*;
use tenantry_portal::components::chart::{SignInChart, bucket_by_day};
use tenantry_portal::components::drawer::Drawer;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{focused_text, mount, press, settle};

#[wasm_bindgen_test]
async fn the_drawer_closes_on_escape_and_gives_focus_back() {
    let open = RwSignal::new(false);
    let app = mount(move || {
        view! {
            <button type="button" on:click=move |_| open.set(true)>"Details"</button>
            <Drawer open title=Signal::derive(|| "Management.Role.Create".to_string())
                on_close=Callback::new(move |()| open.set(false))>
                <pre>"{}"</pre>
            </Drawer>
        }
    });
    settle().await;
    assert!(!app.exists("[role=dialog]"));
    let trigger = app.button("Details");
    trigger.focus().unwrap();
    trigger.click();
    settle().await;
    assert_eq!(app.text("#tn-drawer-title"), "Management.Role.Create");
    assert_eq!(focused_text(), "Close");
    // Tab stays inside: the close button is the only stop.
    let active = || document().active_element().unwrap();
    assert!(press(&active(), "Tab", false));
    assert_eq!(focused_text(), "Close");
    assert!(press(&active(), "Escape", false));
    settle().await;
    assert!(!app.exists("[role=dialog]"));
    assert_eq!(focused_text(), "Details");
}

#[wasm_bindgen_test]
async fn the_chart_describes_its_figures() {
    const DAY: i64 = 86_400_000;
    let now = 40 * DAY + DAY / 2;
    let events = [
        (now, true),
        (now - 1, true),
        (now - DAY, false),
        (now - 90 * DAY, true),
    ];
    let days = bucket_by_day(&events, now, 30, 0);
    let app = mount(move || view! { <SignInChart days /> });
    settle().await;
    assert_eq!(app.find_all("rect.tn-chart__bar").len(), 30);
    assert_eq!(app.find_all("table tbody tr").len(), 30);
    assert_eq!(
        app.text("desc"),
        "2 successful and 1 failed sign-ins over 30 days; the busiest day had 2."
    );
    let last = app.find_all("table tbody tr").pop().unwrap();
    assert_eq!(
        last.query_selector("td")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "2"
    );
}
