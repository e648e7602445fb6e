//! Load error: the reason in an alert, and Try again calls back.

use leptos::prelude::*;
use tenantry_portal::api::ApiError;
use tenantry_portal::components::load_error::LoadError;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{mount, settle};

#[wasm_bindgen_test]
async fn the_reason_is_shown_and_try_again_retries() {
    let retried = RwSignal::new(0);
    let app = mount(move || {
        view! {
            <LoadError
                what="Members"
                error=ApiError::Network("connection refused".into())
                retry=Callback::new(move |()| retried.update(|n| *n += 1))
            />
        }
    });
    settle().await;
    assert_eq!(
        app.text("[role=alert] p"),
        "Members could not be loaded. The server could not be reached: connection refused"
    );
    app.button("Try again").click();
    settle().await;
    assert_eq!(retried.get_untracked(), 1);
}
