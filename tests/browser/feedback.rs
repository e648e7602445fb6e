//! Toasts and the progress indicator.

use gloo_timers::future::sleep;
use leptos::prelude::*;
use tenantry_portal::components::progress::{PROGRESS_DELAY, Progress, ProgressBar};
use tenantry_portal::components::toast::{Toaster, use_toasts};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[component]
fn Notifier() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <button type="button" on:click=move |_| toasts.success("User created.")>"ok"</button>
        <button type="button" on:click=move |_| toasts.error("User not found.")>"fail"</button>
    }
}

#[wasm_bindgen_test]
async fn toasts_appear_in_a_live_region_and_can_be_dismissed() {
    let app = mount(|| view! { <Toaster><Notifier /></Toaster> });
    settle().await;
    let region = app.find(".tn-toasts");
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));

    app.button("ok").click();
    app.button("fail").click();
    settle().await;
    let toasts = app.find_all(".tn-toast");
    assert_eq!(toasts.len(), 2);
    assert_eq!(
        app.text(".tn-toast--success .tn-toast__message"),
        "User created."
    );
    // Failures interrupt: role=alert.
    assert_eq!(
        app.text(".tn-toast--error[role=alert] .tn-toast__message"),
        "User not found."
    );

    app.find_all(".tn-toast__close")[0]
        .dyn_ref::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    settle().await;
    assert_eq!(app.find_all(".tn-toast").len(), 1);
    assert!(app.exists(".tn-toast--error"));
}

#[wasm_bindgen_test]
async fn the_progress_bar_shows_only_for_slow_requests() {
    let progress = Progress::new();
    let app = mount(move || view! { <ProgressBar progress /> });
    settle().await;

    // A quick request never shows the bar.
    drop(progress.start());
    settle().await;
    sleep(PROGRESS_DELAY * 2).await;
    assert!(!app.exists("[role=progressbar]"));

    let slow = progress.start();
    settle().await;
    assert!(!app.exists("[role=progressbar]"));
    sleep(PROGRESS_DELAY + PROGRESS_DELAY / 2).await;
    settle().await;
    assert!(app.exists("[role=progressbar]"));

    drop(slow);
    settle().await;
    assert!(!app.exists("[role=progressbar]"));
}

use wasm_bindgen::JsCast;
