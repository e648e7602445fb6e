//! The portal's components and API client in headless Chromium
//! (wasm-bindgen-test). `cargo xtask test` runs them; by hand:
//!
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   CHROMEDRIVER=/usr/bin/chromedriver \
//!   cargo test -p tenantry-portal --target wasm32-unknown-unknown --test browser
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod admin_components;
mod api_client;
mod audit_window;
mod dialog;
mod embed;
mod feedback;
mod json_editor;
mod load_error;
mod quick_search;
mod search_box;
mod support;
mod table;
mod tabs;
mod text_field;
mod user_create;
