//! Loading and load errors: the reason in an alert, and Try again calls back.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use tenantry_portal::api::ApiError;
use tenantry_portal::components::load::Load;
use tenantry_portal::components::load_error::LoadError;
use tenantry_portal::components::load_view::load_view;
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

/// Every screen's loads go through `load_view`: a status line first, then the
/// error with Try again, and Try again loads anew.
#[wasm_bindgen_test]
async fn a_load_shows_its_status_then_the_error_then_the_data_after_try_again() {
    let attempts = Rc::new(Cell::new(0));
    let answer = Rc::clone(&attempts);
    let app = mount(move || {
        let load = Load::new(move || {
            answer.set(answer.get() + 1);
            let first = answer.get() == 1;
            async move {
                TimeoutFuture::new(50).await;
                match first {
                    true => Err(ApiError::Network("connection refused".into())),
                    false => Ok("Admin".to_string()),
                }
            }
        });
        load_view(load, "The roles", |name| {
            view! { <p class="names">{name}</p> }.into_any()
        })
    });
    settle().await;
    assert_eq!(app.text("[role=status]"), "Loading the roles…");
    TimeoutFuture::new(100).await;
    settle().await;
    assert_eq!(
        app.text("[role=alert] p"),
        "The roles could not be loaded. The server could not be reached: connection refused"
    );
    app.button("Try again").click();
    TimeoutFuture::new(100).await;
    settle().await;
    assert_eq!(attempts.get(), 2);
    assert_eq!(app.text(".names"), "Admin");
    assert!(!app.exists("[role=alert]"));
}
