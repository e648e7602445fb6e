//! The text field every form uses: the label names the input, typing writes
//! the signal, the signal writes the input, and the optional attributes land.

use leptos::prelude::*;
use tenantry_portal::components::text_field::TextField;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

use crate::support::{mount, set_value, settle};

#[wasm_bindgen_test]
async fn the_field_is_labelled_and_bound_both_ways() {
    let value = RwSignal::new(String::from("Acme"));
    let app = mount(move || {
        view! {
            <TextField id=String::from("tn-test-name") label="Name" required=true maxlength=128 value />
            <TextField id="tn-test-mail" label="Email" kind="email" autocomplete="email"
                value=RwSignal::new(String::new()) />
        }
    });
    settle().await;
    let label = app.find("label[for=tn-test-name]");
    assert_eq!(label.text_content().as_deref(), Some("Name"));
    let input: HtmlInputElement = app.find("#tn-test-name").unchecked_into();
    assert_eq!(input.value(), "Acme");
    assert!(input.required());
    assert_eq!(input.max_length(), 128);
    assert_eq!(input.type_(), "text");

    set_value(&input, "Globex", "input");
    assert_eq!(value.get_untracked(), "Globex");
    value.set("Initech".into());
    settle().await;
    assert_eq!(input.value(), "Initech");

    let mail: HtmlInputElement = app.find("#tn-test-mail").unchecked_into();
    assert_eq!(mail.type_(), "email");
    assert_eq!(mail.get_attribute("autocomplete").as_deref(), Some("email"));
    assert!(!mail.required());
    assert!(!mail.has_attribute("maxlength"));
}
