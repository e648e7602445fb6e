//! Quick search: submitting hands over the trimmed text; the box follows
//! its `value` when the caller changes it.

use leptos::prelude::*;
use tenantry_portal::components::quick_search::QuickSearch;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlInputElement;

use crate::support::{mount, set_value, settle};

#[wasm_bindgen_test]
async fn submitting_searches_and_the_box_follows_its_value() {
    let value = RwSignal::new(String::from("acme"));
    let searched = RwSignal::new(None::<String>);
    let app = mount(move || {
        view! {
            <QuickSearch
                label="Search organizations"
                value
                on_search=Callback::new(move |text| searched.set(Some(text)))
            />
        }
    });
    settle().await;
    let input: HtmlInputElement = app.find("input[type=search]").unchecked_into();
    assert_eq!(input.value(), "acme");
    assert_eq!(
        input.get_attribute("aria-label").as_deref(),
        Some("Search organizations")
    );

    set_value(&input, "  globex ", "input");
    app.button("Search").click();
    settle().await;
    assert_eq!(searched.get_untracked().as_deref(), Some("globex"));

    value.set("initech".into());
    settle().await;
    assert_eq!(input.value(), "initech");
}
